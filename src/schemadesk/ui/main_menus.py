"""The main window's menu bar: File, View and Help, with their shortcuts.

The texts keep the window's translation context ("MainWindow"), where they were written first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from schemadesk.ui.colours_menu import ColoursMenu
from schemadesk.ui.rollout_view import rollout_action
from schemadesk.ui.window_dialogs import show_about

if TYPE_CHECKING:
    from schemadesk.ui.main_window import MainWindow

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


@dataclass(frozen=True)
class MainMenus:
    """The menu bar's actions other code triggers or enables (and tests press)."""

    provision: QAction
    export_report: QAction
    compare: QAction
    refresh: QAction
    colours: ColoursMenu


def build_menus(window: MainWindow) -> MainMenus:
    """Fill ``window``'s menu bar; its slots are the window's own."""

    def action(text: str, shortcut: Any, slot: Callable[[], object], tip: str = "") -> QAction:
        made = QAction(text, window)
        made.setShortcut(QKeySequence(shortcut))
        made.triggered.connect(slot)
        if tip:
            made.setStatusTip(tip)
        return made

    keys = QKeySequence.StandardKey
    file_menu = window.menuBar().addMenu(translate("MainWindow", "&File"))
    file_menu.addAction(
        action(translate("MainWindow", "&Connections…"), keys.Open, window.choose_connection)
    )
    file_menu.addAction(window.projects.open_action)
    file_menu.addMenu(window.projects.recent_menu)
    file_menu.addAction(
        action(translate("MainWindow", "&Close connection"), keys.Close, window.close_current)
    )
    file_menu.addSeparator()
    provision = action(
        translate("MainWindow", "&Provision a schema…"),
        "Ctrl+Shift+N",
        window.provision_schema,
        translate(
            "MainWindow", "Create or complete a schema by the convention: roles, owner, grants"
        ),
    )
    export_report = action(
        translate("MainWindow", "&Export review report…"),
        "Ctrl+Shift+E",
        window.export_review_report,
        translate(
            "MainWindow", "Write the pending migrations of this connection as a review report"
        ),
    )
    compare = action(translate("MainWindow", "Co&mpare with…"), "Ctrl+Shift+D", window.compare)
    for made in (provision, export_report, compare):
        file_menu.addAction(made)
    file_menu.addSeparator()
    quit_action = action(translate("MainWindow", "&Quit"), keys.Quit, window.close)
    quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    file_menu.addAction(quit_action)

    view_menu = window.menuBar().addMenu(translate("MainWindow", "&View"))
    refresh = action(translate("MainWindow", "&Refresh"), keys.Refresh, window.refresh)
    view_menu.addAction(refresh)
    view_menu.addAction(action(translate("MainWindow", "&Find"), keys.Find, window.focus_filter))
    view_menu.addAction(
        action(translate("MainWindow", "&Audit log…"), "Ctrl+L", window.open_audit_log)
    )
    view_menu.addAction(rollout_action(window))
    view_menu.addSeparator()
    colours = ColoursMenu(window)
    view_menu.addMenu(colours)
    view_menu.addAction(
        action(translate("MainWindow", "&Settings…"), "Ctrl+,", window.open_settings)
    )

    help_menu = window.menuBar().addMenu(translate("MainWindow", "&Help"))
    about = QAction(translate("MainWindow", "&About schemadesk"), window)
    about.triggered.connect(lambda: show_about(window))
    help_menu.addAction(about)
    return MainMenus(provision, export_report, compare, refresh, colours)
