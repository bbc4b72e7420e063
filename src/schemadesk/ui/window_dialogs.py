"""The main window's small dialogs, opened from its menus: About, the audit log, Compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from schemadesk import __version__

if TYPE_CHECKING:
    from schemadesk.ui.compare import CompareDialog
    from schemadesk.ui.main_window import MainWindow


def show_about(window: MainWindow) -> None:
    """Help ▸ About."""
    QMessageBox.about(
        window,
        QCoreApplication.translate("MainWindow", "About schemadesk"),
        QCoreApplication.translate(
            "MainWindow", "schemadesk %1 — PostgreSQL schemas, roles and migrations."
        ).replace("%1", __version__),
    )


def open_audit_dialog(window: MainWindow) -> None:
    """View ▸ Audit log: every confirmed action, with filters (closed: deleted)."""
    from schemadesk.ui.audit_view import AuditDialog

    dialog = AuditDialog(parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def open_compare_dialog(window: MainWindow) -> CompareDialog:
    """File ▸ Compare with…: two open connections, schema by schema (ui/compare.py)."""
    from schemadesk.ui.compare import CompareDialog

    dialog = CompareDialog(window)
    dialog.show()
    return dialog
