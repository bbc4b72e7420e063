"""Screenshots of the object details on the demo database (docs/screenshots/), on demand:

    xvfb-run -a -s "-screen 0 1440x900x24" \\
        python tests/tools/screenshot_object_details.py [--lang ru]

Schema ``orders``, table ``orders``: its columns, then its grants with reasons, then its DDL in
the SQL pane (``object-details-*.png``; Russian: ``ru-object-details-*.png``).
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
    import qasync
    from PySide6.QtWidgets import QApplication, QSplitter
    from tests.until import until

    from schemadesk.core.migrations.project import load_project
    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.db.demo_database import DEMO_DATABASE, prepare_demo_database
    from schemadesk.db.gateway import Gateway
    from schemadesk.db.local_cluster import start_cluster
    from schemadesk.demo.content import project_file
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.main_window import MainWindow

    os.environ["SCHEMADESK_CONFIG_DIR"] = str(OUT / ".screenshot-config")  # no saved geometry
    cluster = start_cluster(find_server_bindir())
    try:
        prepare_demo_database(cluster.conninfo())
        app = QApplication(sys.argv[:1])
        app.setApplicationName("schemadesk")
        install_translations(app, args.lang)
        prefix = "" if args.lang == "en" else f"{args.lang}-"
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with Gateway() as gateway:
            window = MainWindow(gateway, load_project(project_file()))
            window.resize(*SIZE)
            window.move(0, 0)
            window.show()
            window.open_profile(
                ConnectionProfile(name="demo", conninfo=cluster.conninfo(DEMO_DATABASE))
            )
            loop.run_until_complete(asyncio.wait_for(window.wait_loaded(), 60))
            session = window.current
            assert session is not None
            window.show_view("schemas")
            split = window.findChild(QSplitter, "schemasSplit")
            if split is not None:  # room for the details: the list keeps a few rows
                split.setSizes([230, 560])
            view = session.object_details
            window.schemas_view.select_schema("orders")
            session.schema_details.setCurrentWidget(view)
            loop.run_until_complete(asyncio.wait_for(until(lambda: view.objects is not None), 30))
            view.select_object("orders")
            OUT.mkdir(parents=True, exist_ok=True)
            for name, tab in (("columns", view.columns), ("grants", view.grants),
                              ("ddl", view.ddl_slot)):  # fmt: skip
                view.tabs.setCurrentWidget(tab)
                loop.run_until_complete(asyncio.sleep(0.6))  # repaint (and highlight the SQL)
                image = app.primaryScreen().grabWindow(0, 0, 0, *SIZE)
                path = OUT / f"{prefix}object-details-{name}.png"
                image.save(str(path))
                print(path)
            window.close()
            loop.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
