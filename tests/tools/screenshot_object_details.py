"""Screenshots of the object details on the demo database (docs/screenshots/), on demand:

    xvfb-run -a -s "-screen 0 1440x900x24" \\
        python tests/tools/screenshot_object_details.py [--lang ru]

Schema ``orders``, table ``orders``: its columns, then its grants with reasons, then its DDL in
the SQL pane (``object-details-*.png``; Russian: ``ru-object-details-*.png``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SIZE = (1360, 820)


def main(argv: list[str] | None = None) -> int:
    from tests.tools.shot_rig import demo_cluster, language, prefix, shot_window

    lang = language(argv, __doc__)
    if lang is None:
        return 2
    from PySide6.QtWidgets import QSplitter
    from tests.until import until

    from schemadesk.core.migrations.project import load_project
    from schemadesk.db.demo_database import DEMO_DATABASE
    from schemadesk.demo.content import project_file

    with demo_cluster(OUT / ".screenshot-config") as cluster:
        project = load_project(project_file())
        with shot_window(SIZE, lang=lang, project=project) as shot:
            window = shot.window
            shot.open("demo", cluster.conninfo(DEMO_DATABASE))
            session = window.current
            assert session is not None
            window.show_view("schemas")
            split = window.findChild(QSplitter, "schemasSplit")
            if split is not None:  # room for the details: the list keeps a few rows
                split.setSizes([230, 560])
            view = session.object_details
            window.schemas_view.select_schema("orders")
            session.schema_details.setCurrentWidget(view)
            shot.run(until(lambda: view.objects is not None), 30)
            view.select_object("orders")
            for name, tab in (("columns", view.columns), ("grants", view.grants),
                              ("ddl", view.ddl_slot)):  # fmt: skip
                view.tabs.setCurrentWidget(tab)  # each saved after a repaint (the SQL highlighted)
                shot.save(OUT / f"{prefix(lang)}object-details-{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
