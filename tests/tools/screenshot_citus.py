"""A screenshot of the schemas view on a Citus coordinator with 20 tenants over two workers.

    python tests/tools/screenshot_citus.py [OUT.png]

Needs Citus (``.ci/build-citus``). Starts the test rig (coordinator + 2 workers), creates 20
distributed schemas with a table and some rows each, opens the window on the coordinator and
saves a grab of it (default: resources/screenshots/citus-schemas.png).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (1360, 820)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "resources" / "screenshots" / "citus-schemas.png"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import psycopg
    import qasync
    from psycopg import sql
    from PySide6.QtWidgets import QApplication
    from tests.citus.rig import citus_rig

    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.db.gateway import Gateway
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.main_window import MainWindow

    with citus_rig() as rig:
        with psycopg.connect(rig.dsn(), autocommit=True) as conn:
            conn.execute("SET citus.enable_schema_based_sharding TO on")
            for i in range(1, 21):
                tenant = sql.Identifier(f"tenant_{i:02d}")
                conn.execute(sql.SQL("CREATE SCHEMA {}").format(tenant))
                conn.execute(
                    sql.SQL("CREATE TABLE {}.orders (id int PRIMARY KEY, note text)").format(tenant)
                )
                conn.execute(
                    sql.SQL("INSERT INTO {}.orders SELECT g, repeat('x', 100) FROM {}").format(
                        tenant, sql.SQL("generate_series(1, %s) g")
                    ),
                    [200 * i],
                )
        app = QApplication(sys.argv[:1])
        app.setApplicationName("schemadesk")
        install_translations(app, "en")
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with Gateway() as gateway:
            window = MainWindow(gateway)
            window.resize(*SIZE)
            window.show()
            window.open_profile(ConnectionProfile(name="citus", conninfo=rig.dsn()))
            loop.run_until_complete(asyncio.wait_for(window.wait_loaded(), 60))
            window.schemas_view.select_schema("tenant_07")
            loop.run_until_complete(asyncio.sleep(1.0))  # sizes and the status bar arrive
            out.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(out))
            print(f"saved {out}")
            window.close()
            loop.run_until_complete(asyncio.sleep(0.1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
