"""Screenshots of File ▸ Compare with… on the demo: the demo database (A, "staging") against a
copy of it that drifted (B, "prod"), in English and Russian.

    xvfb-run -a -s "-screen 0 1440x900x24" python tests/tools/screenshot_compare.py [--lang ru]

Saves ``compare.png`` (``ru-compare.png``) into docs/screenshots/.
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

# What drifted in "prod": grants, a default privilege, an owner, a table, a column's default,
# an index, a ledger row.
DRIFT = """
REVOKE INSERT, UPDATE ON ALL TABLES IN SCHEMA orders FROM orders_rw;
ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA orders REVOKE DELETE ON TABLES
  FROM orders_rw;
GRANT USAGE ON SCHEMA users TO inventory_rw;
ALTER SCHEMA inventory OWNER TO migrator;
CREATE TABLE inventory.hotfix_2024 (id int);
ALTER TABLE orders.orders ALTER status SET DEFAULT 'paid';
CREATE INDEX orders_created_at_idx ON orders.orders (created_at);
DO $$ DECLARE t regclass; BEGIN
  SELECT c.oid INTO t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'users' AND c.relname LIKE '%migrations' LIMIT 1;
  IF t IS NOT NULL THEN
    EXECUTE format('DELETE FROM %s WHERE id = (SELECT max(id) FROM %s)', t, t);
  END IF;
END $$;
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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

    os.environ["SCHEMADESK_CONFIG_DIR"] = str(ROOT / "resources" / ".screenshot-config")
    cluster = start_cluster(find_server_bindir())
    try:
        prepare_demo_database(cluster.conninfo())
        with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE demo_prod TEMPLATE demo")
        with psycopg.connect(cluster.conninfo("demo_prod"), autocommit=True) as conn:
            conn.execute(DRIFT.encode())
        app = QApplication(sys.argv[:1])
        app.setApplicationName("schemadesk")
        install_translations(app, args.lang)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with Gateway() as gateway:
            window = MainWindow(gateway)
            window.resize(1200, 760)
            window.move(0, 0)
            window.show()
            for name, db in (("staging", DEMO_DATABASE), ("prod", "demo_prod")):
                window.open_profile(ConnectionProfile(name=name, conninfo=cluster.conninfo(db)))
                loop.run_until_complete(asyncio.wait_for(window.wait_loaded(), 60))
            window._select(window.sessions["staging"], "schemas")
            window.compare()
            dialog = window.compare_dialog
            dialog.resize(1180, 700)
            dialog.move(10, 10)
            loop.run_until_complete(asyncio.wait_for(dialog.run(), 60))
            loop.run_until_complete(asyncio.sleep(0.6))
            geometry = dialog.frameGeometry()
            image = app.primaryScreen().grabWindow(
                0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
            )
            prefix = "" if args.lang == "en" else f"{args.lang}-"
            path = OUT / f"{prefix}compare.png"
            image.save(str(path))
            print(path)
            dialog.close()
            window.close()
            loop.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
