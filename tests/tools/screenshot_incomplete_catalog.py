"""A screenshot of the roles view where the login may not read pg_auth_members, on demand:

    xvfb-run -a -s "-screen 0 1440x900x24" \\
        .venv/bin/python tests/tools/screenshot_incomplete_catalog.py [--lang ru]

The demo database in a throwaway cluster, a plain login ``reader`` for which PUBLIC lost
SELECT on pg_auth_members: the roles show, with the notice of what was not read above them
(``docs/screenshots/incomplete-catalog.png``; Russian: ``ru-incomplete-catalog.png``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SIZE = (1360, 820)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("run me under xvfb-run (see the docstring)", file=sys.stderr)
        return 2
    import psycopg
    import qasync
    from PySide6.QtWidgets import QApplication

    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.db.demo_database import DEMO_DATABASE, prepare_demo_database
    from schemadesk.db.gateway import Gateway
    from schemadesk.db.local_cluster import start_cluster
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.main_window import MainWindow

    os.environ["SCHEMADESK_CONFIG_DIR"] = str(OUT / ".screenshot-config")  # no saved geometry
    cluster = start_cluster(find_server_bindir())
    try:
        prepare_demo_database(cluster.conninfo())
        with psycopg.connect(cluster.conninfo(DEMO_DATABASE), autocommit=True) as admin:
            admin.execute("CREATE ROLE reader LOGIN")
            admin.execute("REVOKE SELECT ON pg_catalog.pg_auth_members FROM PUBLIC")
        dsn = psycopg.conninfo.make_conninfo(cluster.conninfo(DEMO_DATABASE), user="reader")
        app = QApplication(sys.argv[:1])
        app.setApplicationName("schemadesk")
        install_translations(app, args.lang)
        prefix = "" if args.lang == "en" else f"{args.lang}-"
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with Gateway() as gateway:
            window = MainWindow(gateway)
            window.resize(*SIZE)
            window.move(0, 0)
            window.show()
            window.open_profile(ConnectionProfile(name="demo (reader)", conninfo=dsn))
            loop.run_until_complete(asyncio.wait_for(window.wait_loaded(), 60))
            session = window.current
            assert session is not None
            window.show_view("roles")
            session.roles_view.show_role("reader")
            loop.run_until_complete(asyncio.sleep(0.6))  # repaint
            image = app.primaryScreen().grabWindow(0, 0, 0, *SIZE)
            OUT.mkdir(parents=True, exist_ok=True)
            path = OUT / f"{prefix}incomplete-catalog.png"
            image.save(str(path))
            print(path)
            window.close()
            loop.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
