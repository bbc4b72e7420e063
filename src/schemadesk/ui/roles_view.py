"""The roles view: roles with attributes, memberships both ways, and the privilege matrix."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.models import Catalog, Role
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.column_fit import fit_columns
from schemadesk.ui.plain_text import plain_label
from schemadesk.ui.privilege_matrix_model import PrivilegeMatrixModel
from schemadesk.ui.roles_menus import RolesMenus
from schemadesk.ui.roles_model import MembershipsModel, RolesModel
from schemadesk.ui.sampled_header import SampledHeader


def _table(model: object, *, sortable: bool = False, sampled: bool = False) -> QTableView:
    view = QTableView()
    if sampled:  # thousands of sections: their size hint measured in Python (sampled_header)
        view.setHorizontalHeader(SampledHeader(Qt.Orientation.Horizontal, view))
        view.setVerticalHeader(SampledHeader(Qt.Orientation.Vertical, view))
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    # Rows of one height: after a reset of 20,000 rows an interactive header spent 15 ms
    # laying out each row's section on the UI loop.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSortingEnabled(sortable)
    return view


class RolesView(QWidget):
    """Given a catalog, shows its roles; the filter takes a substring or a pattern like ``*_rw``."""

    grant_requested = Signal(str, str)  # role, schema ("" when none is chosen yet)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog | None = None
        self.roles_model = RolesModel(self)
        self.member_of_model = MembershipsModel("member_of", self)
        self.members_model = MembershipsModel("members", self)
        self.matrix_model = PrivilegeMatrixModel(self)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter roles by name or pattern (e.g. *_rw)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.roles_table = _table(self.roles_model, sortable=True)
        self.roles_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.roles_table.selectionModel().currentRowChanged.connect(self._role_changed)
        self.role_title = plain_label()  # a role name, never markup
        self.role_title.setStyleSheet("font-weight: 600;")
        self.member_of_table = _table(self.member_of_model)
        self.members_table = _table(self.members_model)
        both_ways = QHBoxLayout()
        for title, table in ((self.tr("Member of"), self.member_of_table),
                             (self.tr("Members"), self.members_table)):  # fmt: skip
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(table)
            both_ways.addLayout(column)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 4, 0, 0)
        details_layout.addWidget(self.role_title)
        details_layout.addLayout(both_ways)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("rolesSplit")
        split.addWidget(self.roles_table)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.matrix_table = _table(self.matrix_model, sampled=True)
        self.matrix_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix_table.verticalHeader().setVisible(True)
        self.matrix_table.horizontalHeader().setStretchLastSection(False)
        self.matrix_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix_table.horizontalHeader().setDefaultSectionSize(110)
        legend = QLabel(
            self.tr(
                "U = USAGE, C = CREATE on the schema · S I U D = SELECT, INSERT, UPDATE, DELETE "
                "on all its tables (lower case: on some). Hover a cell for the reasons."
            )
        )
        legend.setWordWrap(True)
        matrix_page = QWidget()
        matrix_layout = QVBoxLayout(matrix_page)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(legend)
        matrix_layout.addWidget(self.matrix_table)

        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("Roles"))
        self.tabs.addTab(matrix_page, self.tr("Privilege matrix"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tabs)
        self.menus = RolesMenus(self)

    def set_catalog(
        self,
        catalog: Catalog,
        graph: RoleGraph | None = None,
        *,
        roles: Sequence[Role] | None = None,
        schemas: Sequence[str] | None = None,
        matrix: bool = True,
    ) -> None:
        """Show a freshly loaded catalog (replaces the previous one); ``graph`` saves the matrix
        building the membership graph on the UI thread. ``roles`` (those not predefined) and
        ``schemas`` (names of those not system), when the caller picked them in slices;
        ``matrix=False``: the matrix follows with ``set_matrix``, on a loop turn of its own."""
        previous, self.catalog = self.catalog, catalog
        if schemas is None:
            schemas = [s.name for s in catalog.schemas if not s.is_system]
        # The window shows the roles before the rest of the catalog arrives, then the whole
        # catalog with the very same roles: 20,000 rows are not reset, sorted and fitted twice.
        if previous is not None and previous.roles == catalog.roles:
            if matrix:
                self.matrix_model.set_catalog(catalog, self.visible_roles(), schemas, graph)
            return
        if roles is None:
            roles = [r for r in catalog.roles if not r.is_predefined]
        self.roles_model.set_roles(roles)  # the filter stays: no second reset to apply it
        if matrix:
            self.matrix_model.set_catalog(catalog, self.visible_roles(), schemas, graph)
        fit_columns(self.roles_table)
        header = self.roles_table.horizontalHeader()
        header.resizeSection(0, min(max(header.sectionSize(0), 160), 320))
        header.resizeSection(1, min(header.sectionSize(1), 380))

    def set_matrix(self, schemas: Sequence[str], graph: RoleGraph | None = None) -> None:
        """The privilege matrix of the catalog shown: after ``set_catalog(matrix=False)``, so
        that 20,000 roles' reset and the matrix's are not one stall of the UI loop."""
        if self.catalog is not None:
            self.matrix_model.set_catalog(self.catalog, self.visible_roles(), schemas, graph)

    def use_graph(self, graph: RoleGraph) -> None:
        """The membership graph the convention check built for this catalog, for the matrix's
        cells: without it the first cell shown builds its own (20,000 roles' edges in one
        slice of the UI loop). The matrix keeps its rows and columns (no reset)."""
        if self.catalog is not None and graph.catalog is self.catalog:
            schemas = [s.name for s in self.catalog.schemas if not s.is_system]
            self.matrix_model.set_catalog(self.catalog, self.visible_roles(), schemas, graph)

    def release(self) -> None:
        """Show nothing and hold no catalog (its connection was closed)."""
        self.catalog = None
        self.roles_model.set_roles([])
        self.member_of_model.set_memberships([], options_known=True)
        self.members_model.set_memberships([], options_known=True)
        self.matrix_model.release()

    def visible_roles(self) -> list[str]:
        return [r.name for r in self.roles_model.shown()]

    def current_role(self) -> str | None:
        """The role selected in the roles table, if any."""
        index = self.roles_table.selectionModel().currentIndex()
        if self.catalog is None or not index.isValid():
            return None
        return self.roles_model.role_at(index.row()).name

    def show_role(self, name: str) -> None:
        """The Roles tab with ``name`` selected (the filter cleared when it hides the role)."""
        self.tabs.setCurrentIndex(0)
        if not self.select_role(name):
            self.filter_edit.clear()
            self.select_role(name)

    def show_in_matrix(self, name: str) -> None:
        """The matrix tab with the role's row selected."""
        if name not in self.visible_roles():
            self.filter_edit.clear()
        self.tabs.setCurrentIndex(1)
        row = self.visible_roles().index(name)
        self.matrix_table.selectRow(row)
        self.matrix_table.scrollTo(self.matrix_model.index(row, 0))

    def select_role(self, name: str) -> bool:
        for row, role in enumerate(self.roles_model.shown()):
            if role.name == name:
                self.roles_table.selectRow(row)
                return True
        return False

    def _apply_filter(self, text: str) -> None:
        """A substring, or a shell-style pattern (``*_rw``, ``auth_?``), case-insensitive."""
        text = text.strip().casefold()
        if not text:
            self.roles_model.set_filter(None)
        elif any(ch in text for ch in "*?["):
            self.roles_model.set_filter(lambda r: fnmatch.fnmatchcase(r.name.casefold(), text))
        else:
            self.roles_model.set_filter(lambda r: text in r.name.casefold())
        if self.catalog is not None:
            self.matrix_model.set_roles(self.visible_roles())

    def _role_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.catalog is None or not current.isValid():
            return
        role = self.roles_model.role_at(current.row())
        self.role_title.setText(visible_line(role.name))
        options = self.catalog.context.membership_options
        memberships = self.catalog.memberships
        self.member_of_model.set_memberships(
            [m for m in memberships if m.member == role.name], options_known=options
        )
        self.members_model.set_memberships(
            [m for m in memberships if m.role == role.name], options_known=options
        )
