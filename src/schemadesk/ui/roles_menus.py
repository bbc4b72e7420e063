"""Right-click and double-click in the roles view: copy names (plain or quoted for SQL), copy a
matrix cell with its reasons, grant or revoke, show a role or a schema elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QTableView

from schemadesk.core.sql_names import quoted_identifier
from schemadesk.ui.plain_text import menu_text

if TYPE_CHECKING:
    from schemadesk.ui.roles_view import RolesView


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard."""
    QGuiApplication.clipboard().setText(text)


class RolesMenus(QObject):
    """Context menus of the roles table, the membership tables and the privilege matrix."""

    def __init__(self, view: RolesView) -> None:
        super().__init__(view)
        self.view = view
        self.last_menu: QMenu | None = None  # for tests: the menu just built
        for table in (view.roles_table, view.member_of_table, view.members_table,
                      view.matrix_table):  # fmt: skip
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(lambda point, t=table: self._show(t, point))
        view.matrix_table.doubleClicked.connect(self._matrix_double_clicked)

    def _show(self, table: QTableView, point: QPoint) -> None:
        index = table.indexAt(point)
        if not index.isValid():
            return
        menu = self.menu_for(table, index)
        if menu is not None:
            menu.popup(table.viewport().mapToGlobal(point))

    def menu_for(self, table: QTableView, index: QModelIndex) -> QMenu | None:
        """The context menu for a cell of one of the view's tables."""
        view = self.view
        if table is view.roles_table:
            menu = self._role_menu(index)
        elif table is view.matrix_table:
            menu = self._matrix_menu(index)
        else:
            menu = self._membership_menu(table, index)
        self.last_menu = menu
        return menu

    def _name_actions(self, menu: QMenu, name: str, what: str) -> None:

        menu.addAction(self.tr("Copy %1 name").replace("%1", what), lambda: copy_text(name))
        menu.addAction(self.tr("Copy %1 name quoted for SQL").replace("%1", what),
                       lambda: copy_text(quoted_identifier(name)))  # fmt: skip

    def _role_menu(self, index: QModelIndex) -> QMenu:
        view = self.view
        role = view.roles_model.role_at(index.row()).name
        menu = QMenu(view)
        self._name_actions(menu, role, self.tr("role"))
        menu.addAction(self.tr("Copy cell"), lambda: copy_text(str(index.data() or "")))
        menu.addSeparator()
        menu.addAction(self.tr("Grant or revoke…"), lambda: view.grant_requested.emit(role, ""))
        menu.addAction(self.tr("Show in privilege matrix"), lambda: view.show_in_matrix(role))
        return menu

    def _membership_menu(self, table: QTableView, index: QModelIndex) -> QMenu:
        view = self.view
        other = str(table.model().index(index.row(), 0).data() or "")
        menu = QMenu(view)
        menu.addAction(self.tr("Copy cell"), lambda: copy_text(str(index.data() or "")))
        if other:
            self._name_actions(menu, other, self.tr("role"))
            menu.addAction(self.tr("Show in roles"), lambda: view.show_role(other))
        return menu

    def _matrix_menu(self, index: QModelIndex) -> QMenu:
        view = self.view
        model = view.matrix_model
        role, schema = model.names_at(index.row(), index.column())
        menu = QMenu(view)
        row, column = index.row(), index.column()
        menu.addAction(
            self.tr("Copy cell with reasons"),
            lambda: copy_text(model.cell_description(row, column)),
        )
        self._name_actions(menu, role, self.tr("role"))
        self._name_actions(menu, schema, self.tr("schema"))
        menu.addSeparator()
        title = (
            self.tr("Privileges of %1 on %2…")
            .replace("%1", menu_text(role))
            .replace("%2", menu_text(schema))
        )
        menu.addAction(title, lambda: view.grant_requested.emit(role, schema))
        menu.addAction(self.tr("Show in roles"), lambda: view.show_role(role))
        return menu

    def _matrix_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            role, schema = self.view.matrix_model.names_at(index.row(), index.column())
            self.view.grant_requested.emit(role, schema)
