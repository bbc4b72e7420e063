"""Screenshots of the window on the demo database, for the README and resources/screenshots/.

Run under a virtual screen so that the real xcb platform (not offscreen) draws the window:

    xvfb-run -a -s "-screen 0 1440x900x24" python tests/tools/take_screenshots.py

It starts the demo cluster, opens the window at 1360x820, waits for every view, and saves one PNG
per view into resources/screenshots/ (a grab of the screen, as a person would see it).

    ... take_screenshots.py --lang ru --views main,confirmation-dialog,convention-finding

``--lang`` opens the window in that language (files ``<lang>-<view>.png``; English: ``<view>.png``);
``--views`` takes only the named views; ``--size 1024x700 --out DIR`` a smaller window elsewhere.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "screenshots"
# Run as a script: the shared test helpers (tests.until) are found from the checkout.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SIZE = (1360, 820)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of the window on the demo database")
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    parser.add_argument("--views", default="", help="comma-separated view names (default: all)")
    parser.add_argument("--size", default="", help="window size WxH (default 1360x820)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.split("x")) if args.size else SIZE
    out = args.out
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
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.main_window import MainWindow

    os.environ["SCHEMADESK_CONFIG_DIR"] = str(
        OUT.parent / ".screenshot-config"
    )  # no saved geometry
    cluster = start_cluster(find_server_bindir())
    try:
        prepare_demo_database(cluster.conninfo())
        # The window's state (splitters, geometry) in a folder of this run's own: the
        # person's (or another run's) saved layout must not shape the screenshots.
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
        app = QApplication(sys.argv[:1])
        app.setApplicationName("schemadesk")
        install_translations(app, args.lang)
        prefix = "" if args.lang == "en" else f"{args.lang}-"
        wanted = {v for v in args.views.split(",") if v}
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with Gateway() as gateway:
            window = MainWindow(gateway, load_project(project_file()))
            window.resize(*size)
            window.move(0, 0)
            window.show()
            profile = ConnectionProfile(name="demo", conninfo=cluster.conninfo(DEMO_DATABASE))
            window.open_profile(profile)
            loop.run_until_complete(asyncio.wait_for(window.wait_loaded(), 60))
            out.mkdir(parents=True, exist_ok=True)
            for name, prepare in screenshot_plan(window).items():
                if wanted and name not in wanted:
                    continue
                region = loop.run_until_complete(prepare())
                loop.run_until_complete(asyncio.sleep(0.5))  # let the screen repaint
                x, y, w, h = region or (0, 0, *size)
                image = app.primaryScreen().grabWindow(0, x, y, w, h)
                path = out / f"{prefix}{name}.png"
                image.save(str(path))
                print(path)
            if window.flow.dialog is not None:  # a confirmation left open ends its task first
                window.flow.dialog.reject()
                loop.run_until_complete(asyncio.sleep(0.2))
            if window.report_export is not None and window.report_export.dialog is not None:
                window.report_export.dialog.reject()  # so does the export's save dialog
                loop.run_until_complete(asyncio.sleep(0.2))
            window.close()
            loop.close()
    finally:
        cluster.stop()
    return 0


Region = tuple[int, int, int, int] | None


def screenshot_plan(window: object) -> dict[str, Callable[[], Awaitable[Region]]]:
    """View name → how to bring it up (returns the screen region to grab, None: the window)."""
    from tests.until import until

    from schemadesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    session = window._session()

    async def schemas() -> Region:
        window.show_view("schemas")
        window.schemas_view.select_schema("users")
        await until(lambda: session.schema_details.privileges.rowCount() > 0)
        session.schema_details.setCurrentIndex(1)
        return None

    async def finding() -> Region:
        window.show_view("schemas")
        window.schemas_view.select_schema("orders")
        session.schema_details.setCurrentIndex(2)
        return None

    async def roles() -> Region:
        window.show_view("roles")
        window.roles_view.tabs.setCurrentIndex(0)
        window.roles_view.select_role("orders_owner")
        return None

    async def matrix() -> Region:
        window.show_view("roles")
        window.roles_view.tabs.setCurrentIndex(1)
        return None

    async def migrations() -> Region:
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
        return None

    async def alembic() -> Region:
        window.show_view("migrations")
        view = window.migrations_view
        view.select_module("auth")
        await until(lambda: "alembic_version_auth" in view.preview.current_text())
        return None

    async def confirm() -> Region:
        window.show_view("migrations")
        window.run_action("apply", session)
        await until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible())
        dialog = window.flow.dialog
        assert dialog is not None
        dialog.resize(900, 640)
        dialog.move(60, 40)
        await asyncio.sleep(0.3)
        geometry = dialog.frameGeometry()
        return (geometry.x(), geometry.y(), geometry.width(), geometry.height())

    async def progress() -> Region:
        if window.flow.dialog is not None:
            window.flow.dialog.reject()
        await asyncio.sleep(0.2)
        window.run_action("rehearse", session)
        await until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible())
        assert window.flow.dialog is not None
        window.flow.dialog.confirm_button.click()
        await until(lambda: window.progress.message.text() != ""
                    and not window.progress.cancel_button.isEnabled())  # fmt: skip
        return None

    async def file_menu() -> Region:
        window.show_view("migrations")
        bar = window.menuBar()
        file_action = bar.actions()[0]
        menu = file_action.menu()
        assert menu is not None
        bar.setActiveAction(file_action)
        await until(menu.isVisible)
        menu.setActiveAction(window.export_report_action)
        await asyncio.sleep(0.3)
        corner = window.frameGeometry()
        shown = menu.geometry()
        right, bottom = shown.right() + 12, shown.bottom() + 12
        return (corner.x(), corner.y(), right - corner.x(), bottom - corner.y())

    async def export_dialog() -> Region:
        menu = window.menuBar().actions()[0].menu()
        if menu is not None:
            menu.hide()
        window.export_review_report()
        await until(lambda: window.report_export is not None
                    and window.report_export.dialog is not None
                    and window.report_export.dialog.isVisible())  # fmt: skip
        assert window.report_export is not None
        dialog = window.report_export.dialog
        assert dialog is not None
        dialog.resize(900, 560)
        dialog.move(80, 60)
        await asyncio.sleep(0.4)
        geometry = dialog.frameGeometry()
        return (geometry.x(), geometry.y(), geometry.width(), geometry.height())

    async def report_written() -> Region:
        import tempfile

        from PySide6.QtWidgets import QLineEdit

        if window.report_export is None or window.report_export.dialog is None:
            await export_dialog()
        assert window.report_export is not None
        dialog = window.report_export.dialog
        assert dialog is not None
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        folder = Path(tempfile.mkdtemp(prefix="schemadesk-screenshot-"))
        name.setText(str(folder / "review-demo.html"))
        dialog.accept()
        await until(lambda: window.report_box is not None and window.report_box.isVisible())
        box = window.report_box
        assert box is not None
        box.move(120, 120)
        await asyncio.sleep(0.4)
        geometry = box.frameGeometry()
        return (geometry.x(), geometry.y(), geometry.width(), geometry.height())

    def dialog_region(dialog: object, width: int, height: int) -> Region:
        from PySide6.QtWidgets import QDialog

        assert isinstance(dialog, QDialog)
        dialog.resize(
            max(width, dialog.sizeHint().width()), max(height, dialog.sizeHint().height())
        )
        dialog.move(80, 60)
        geometry = dialog.frameGeometry()
        return (geometry.x(), geometry.y(), geometry.width(), geometry.height())

    async def modal(open_it: Callable[[], None], kind: type, width: int, height: int) -> Region:
        """Open a modal dialog (its exec() runs inside this loop) and frame it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        QTimer.singleShot(0, open_it)
        await until(lambda: isinstance(QApplication.activeModalWidget(), kind)
                    and QApplication.activeModalWidget().isVisible())  # fmt: skip
        await asyncio.sleep(0.3)  # what the dialog is filled with first
        dialog = QApplication.activeModalWidget()
        region = dialog_region(dialog, width, height)
        await asyncio.sleep(0.5)
        return region

    def close_modal() -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()

    async def grant_dialog() -> Region:
        close_modal()
        window.show_view("roles")
        window.roles_view.tabs.setCurrentIndex(0)
        window.roles_view.select_role("orders_rw")
        from schemadesk.ui.grant_dialog import GrantDialog

        return await modal(lambda: window._grant(session, "orders"), GrantDialog, 640, 0)

    async def provision_dialog() -> Region:
        close_modal()
        await asyncio.sleep(0.2)

        def open_it() -> None:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(50, lambda: _type_schema("billing"))
            window.provision_schema()

        from schemadesk.ui.provision_dialog import ProvisionDialog

        return await modal(open_it, ProvisionDialog, 560, 0)

    def _type_schema(name: str) -> None:
        if window.changes.provision_dialog is not None:
            window.changes.provision_dialog.schema.setText(name)

    async def sql_find() -> Region:
        close_modal()
        await asyncio.sleep(0.2)
        await migrations()
        view = window.migrations_view
        view.preview.set_mode("raw")
        assert view.find_bar is not None
        view.find_bar.open_bar()  # what Ctrl+F with the focus in the SQL opens
        view.find_bar.edit.setText("{{tables.")
        view.find_bar.find_next()
        return None

    async def matrix_menu() -> Region:
        window.migrations_view.find_bar and window.migrations_view.find_bar.close_bar()
        window.show_view("roles")
        view = window.roles_view
        view.filter_edit.clear()
        view.tabs.setCurrentIndex(1)
        model = view.matrix_model
        row = view.visible_roles().index("orders_rw")
        column = next(c for c in range(model.columnCount())
                      if model.headerData(c, Qt.Orientation.Horizontal) == "orders")  # fmt: skip
        index = model.index(row, column)
        view.matrix_table.setCurrentIndex(index)
        menu = view.menus.menu_for(view.matrix_table, index)
        assert menu is not None
        rect = view.matrix_table.visualRect(index)
        menu.popup(view.matrix_table.viewport().mapToGlobal(rect.center()))
        await until(menu.isVisible)
        await asyncio.sleep(0.3)
        return None

    async def dark() -> Region:
        from schemadesk.ui.palette import apply_color_scheme

        menus = window.roles_view.menus.last_menu
        if menus is not None:
            menus.hide()
        apply_color_scheme("dark")
        await migrations()
        return None

    from PySide6.QtCore import Qt

    return {
        "main": schemas,
        "convention-finding": finding,
        "roles": roles,
        "privilege-matrix": matrix,
        "migrations": migrations,
        "migrations-alembic": alembic,
        "confirmation-dialog": confirm,
        "progress-panel": progress,
        "file-menu": file_menu,
        "export-report-dialog": export_dialog,
        "report-written": report_written,
        "grant-dialog": grant_dialog,
        "provision-dialog": provision_dialog,
        "sql-find": sql_find,
        "matrix-menu": matrix_menu,
        "dark": dark,
    }


if __name__ == "__main__":
    sys.exit(main())
