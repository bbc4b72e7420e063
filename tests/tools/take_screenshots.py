"""Screenshots of the window on the demo database, for the README and resources/screenshots/.

Run under a virtual screen so that the real xcb platform (not offscreen) draws the window:

    xvfb-run -a -s "-screen 0 1440x900x24" python tests/tools/take_screenshots.py

It starts the demo cluster, opens the window at 1360x820, waits for every view, and saves one PNG
per view into resources/screenshots/ (a grab of the screen, as a person would see it).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "resources" / "screenshots"
SIZE = (1360, 820)


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("run me under xvfb-run (see the docstring)", file=sys.stderr)
        return 2
    import qasync
    from PySide6.QtWidgets import QApplication

    from schemadesk.core.migrations.project import load_project
    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.db.demo_database import DEMO_DATABASE, prepare_demo_database
    from schemadesk.db.gateway import Gateway
    from schemadesk.db.local_cluster import start_cluster
    from schemadesk.demo.content import project_file
    from schemadesk.ui.main_window import MainWindow

    os.environ["SCHEMADESK_CONFIG_DIR"] = str(
        OUT.parent / ".screenshot-config"
    )  # no saved geometry
    cluster = start_cluster(find_server_bindir())
    try:
        prepare_demo_database(cluster.conninfo())
        app = QApplication(sys.argv[:1])
        app.setApplicationName("schemadesk")
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with Gateway() as gateway:
            window = MainWindow(gateway, load_project(project_file()))
            window.resize(*SIZE)
            window.move(0, 0)
            window.show()
            profile = ConnectionProfile(name="demo", conninfo=cluster.conninfo(DEMO_DATABASE))
            window.open_profile(profile)
            loop.run_until_complete(asyncio.wait_for(window.wait_loaded(), 60))
            OUT.mkdir(parents=True, exist_ok=True)
            for name, prepare in screenshot_plan(window).items():
                prepare()
                loop.run_until_complete(asyncio.sleep(0.4))  # let the screen repaint
                screen = app.primaryScreen()
                image = screen.grabWindow(0, 0, 0, *SIZE)
                image.save(str(OUT / f"{name}.png"))
                print(OUT / f"{name}.png")
            window.close()
            loop.close()
    finally:
        cluster.stop()
    return 0


def screenshot_plan(window: object) -> dict[str, Callable[[], None]]:
    """View name → how to bring it up. Later views add themselves here."""
    from schemadesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def schemas() -> None:
        window.show_view("schemas")
        window.schemas_view.select_schema("users")

    def roles() -> None:
        window.show_view("roles")
        window.roles_view.tabs.setCurrentIndex(0)
        window.roles_view.select_role("orders_owner")

    def matrix() -> None:
        window.show_view("roles")
        window.roles_view.tabs.setCurrentIndex(1)

    def migrations() -> None:
        window.show_view("migrations")
        view = window.migrations_view
        view.select_module("users")
        flagged = next(
            (
                view.model.row_at(r).filename
                for r in range(view.model.rowCount())
                if view.model.row_at(r).problems
            ),
            None,
        )
        if flagged:
            view.select_file(flagged)
        view.preview.set_mode("rendered")

    return {
        "main": schemas,
        "roles": roles,
        "privilege-matrix": matrix,
        "migrations": migrations,
    }


if __name__ == "__main__":
    sys.exit(main())
