"""A screenshot of the schema details with names that look like HTML, to see them shown as
written (not bold, no link, no image) in the findings, with the schema list's tooltip open:

    xvfb-run -a -s "-screen 0 1440x900x24" python tests/tools/hostile_screenshot.py OUT.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BOLD = "<b>bold</b>"
LINK = '<a href="https://example.invalid">x</a>'
IMAGE = '<img src="file:///etc/passwd">'


def main(argv: list[str]) -> int:
    """Open the window on a throwaway cluster holding the hostile names; save one PNG."""
    from tests.tools.shot_rig import shot_window, throwaway_cluster, under_xvfb

    usage = "usage (under xvfb-run): hostile_screenshot.py OUT.png"
    if not under_xvfb(usage):
        return 2
    if len(argv) != 1:
        print(usage, file=sys.stderr)
        return 2
    import psycopg
    from psycopg import sql
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QToolTip
    from tests.until import until

    from schemadesk.core.migrations.project import single_module

    os.environ["SCHEMADESK_CONFIG_DIR"] = tempfile.mkdtemp()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    with throwaway_cluster() as cluster:
        schema, role = sql.Identifier(BOLD), sql.Identifier(LINK)
        with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
            for statement in (
                sql.SQL("CREATE ROLE {} NOLOGIN").format(role),
                sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(BOLD)),
                sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(schema, role),
                sql.SQL("COMMENT ON SCHEMA {} IS {}").format(schema, sql.Literal(IMAGE)),
                sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(BOLD, IMAGE)),
                sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, sql.Identifier(BOLD)),
            ):
                conn.execute(statement)
        project = single_module(Path(tempfile.mkdtemp()), "shop")
        with shot_window((1200, 720), project=project) as shot:
            window = shot.window
            shot.open("hostile", cluster.conninfo())
            session = window._session()
            window.show_view("schemas")
            window.schemas_view.select_schema(BOLD)
            details = session.schema_details
            shot.run(until(lambda: details.findings.rowCount() > 0))
            details.setCurrentIndex(2)
            details.findings.selectRow(0)
            table = window.schemas_view.table
            row = window.schemas_view.visible_names().index(BOLD)
            cell = table.visualRect(window.schemas_model.index(row, 0))
            tip = str(window.schemas_model.index(row, 0).data(0x03))
            where = table.viewport().mapToGlobal(cell.bottomRight())
            QToolTip.showText(where, tip, table)
            shot.save(Path(argv[0]), settle=0.8)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
