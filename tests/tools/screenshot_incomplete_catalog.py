"""A screenshot of the roles view where the login may not read pg_auth_members, on demand:

    xvfb-run -a -s "-screen 0 1440x900x24" \\
        .venv/bin/python tests/tools/screenshot_incomplete_catalog.py [--lang ru]

The demo database in a throwaway cluster, a plain login ``reader`` for which PUBLIC lost
SELECT on pg_auth_members: the roles show, with the notice of what was not read above them
(``docs/screenshots/incomplete-catalog.png``; Russian: ``ru-incomplete-catalog.png``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from tests.tools.shot_rig import demo_cluster, language, prefix, shot_window

    lang = language(argv, __doc__)
    if lang is None:
        return 2
    import psycopg

    from schemadesk.db.demo_database import DEMO_DATABASE

    with demo_cluster(OUT / ".screenshot-config") as cluster:
        with psycopg.connect(cluster.conninfo(DEMO_DATABASE), autocommit=True) as admin:
            admin.execute("CREATE ROLE reader LOGIN")
            admin.execute("REVOKE SELECT ON pg_catalog.pg_auth_members FROM PUBLIC")
        dsn = psycopg.conninfo.make_conninfo(cluster.conninfo(DEMO_DATABASE), user="reader")
        with shot_window((1360, 820), lang=lang) as shot:
            shot.open("demo (reader)", dsn)
            shot.window.show_view("roles")
            shot.window.roles_view.show_role("reader")
            shot.save(OUT / f"{prefix(lang)}incomplete-catalog.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
