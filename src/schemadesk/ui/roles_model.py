"""Item models of the roles view: the roles table and a role's memberships."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from schemadesk.core.access.models import Membership, Role

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_FLAGS = ("login", "superuser", "createdb", "createrole", "inherit", "replication", "bypassrls")


class RolesModel(QAbstractTableModel):
    """Every role with its attributes and role-level settings."""

    COLUMNS = ("name", "settings", *_FLAGS, "connection_limit", "valid_until", "comment")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Role] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Role"),
            self.tr("Settings"),
            self.tr("Login"),
            self.tr("Superuser"),
            self.tr("Create DB"),
            self.tr("Create role"),
            self.tr("Inherit"),
            self.tr("Replication"),
            self.tr("Bypass RLS"),
            self.tr("Conn. limit"),
            self.tr("Valid until"),
            self.tr("Comment"),
        ]

    def set_roles(self, roles: Sequence[Role]) -> None:
        self.beginResetModel()
        self._rows = list(roles)
        self.endResetModel()

    def role_at(self, row: int) -> Role:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._value(item, column, sort=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole and column == "settings":
            return "\n".join(_setting_text(s.database, s.name, s.value) for s in item.settings)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (*_FLAGS, "connection_limit"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _value(self, item: Role, column: str, *, sort: bool) -> Any:
        if column in _FLAGS:
            flag = bool(getattr(item, column))
            return int(flag) if sort else ("✓" if flag else "")
        if column == "connection_limit":
            limit = item.connection_limit
            return limit if sort else ("" if limit < 0 else str(limit))
        if column == "valid_until":
            return item.valid_until.isoformat(" ", "minutes") if item.valid_until else ""
        if column == "settings":
            return ", ".join(_setting_text(s.database, s.name, s.value) for s in item.settings)
        if column == "comment":
            return (item.comment or "").split("\n", 1)[0]
        return item.name


def _setting_text(database: str | None, name: str, value: str) -> str:
    return f"{name}={value}" + (f" (in {database})" if database else "")


class MembershipsModel(QAbstractTableModel):
    """One direction of a role's memberships: the roles it belongs to, or its members."""

    def __init__(self, direction: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.direction = direction  # "member_of" or "members"
        self._rows: list[Membership] = []
        self.options_known = True

    def set_memberships(self, rows: Sequence[Membership], *, options_known: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.options_known = options_known
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        first = self.tr("Member of") if self.direction == "member_of" else self.tr("Member")
        return [first, self.tr("Granted by"), self.tr("Admin"), self.tr("Inherit"), self.tr("Set")][
            section
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            if (
                role == Qt.ItemDataRole.ToolTipRole
                and index.column() >= 3
                and not self.options_known
            ):
                return self.tr("Per-grant INHERIT and SET options exist from PostgreSQL 16 on")
            return None
        m = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return m.role if self.direction == "member_of" else m.member
        if column == 1:
            return m.grantor
        flag = (m.admin_option, m.inherit_option, m.set_option)[column - 2]
        if column >= 3 and not self.options_known:
            return "—"
        return "✓" if flag else ""
