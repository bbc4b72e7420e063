"""A screenshot of the roles view where the login may not read pg_auth_members, on demand:

    xvfb-run -a -s "-screen 0 1440x900x24" \\
        .venv/bin/python tests/tools/screenshot_incomplete_catalog.py [--lang ru]

The demo database in a throwaway cluster, a plain login ``reader`` for which PUBLIC lost
SELECT on pg_auth_members: the roles show, with the notice of what was not read above them
(``docs/screenshots/incomplete-catalog.png``; Russian: ``ru-incomplete-catalog.png``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    args = parser.parse_args(argv)
    from tests.tools.shot_rig import shot_window, throwaway_cluster, under_xvfb

    if not under_xvfb("run me under xvfb-run (see the docstring)"):
        return 2
    import os

    import psycopg

    from schemadesk.db.demo_database import DEMO_DATABASE, prepare_demo_database

    os.environ["SCHEMADESK_CONFIG_DIR"] = str(OUT / ".screenshot-config")  # no saved geometry
    with throwaway_cluster() as cluster:
        prepare_demo_database(cluster.conninfo())
        with psycopg.connect(cluster.conninfo(DEMO_DATABASE), autocommit=True) as admin:
            admin.execute("CREATE ROLE reader LOGIN")
            admin.execute("REVOKE SELECT ON pg_catalog.pg_auth_members FROM PUBLIC")
        dsn = psycopg.conninfo.make_conninfo(cluster.conninfo(DEMO_DATABASE), user="reader")
        with shot_window((1360, 820), lang=args.lang) as shot:
            shot.open("demo (reader)", dsn)
            shot.window.show_view("roles")
            shot.window.roles_view.show_role("reader")
            prefix = "" if args.lang == "en" else f"{args.lang}-"
            shot.save(OUT / f"{prefix}incomplete-catalog.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
