"""Item models of the roles view: the roles table and a role's memberships."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from schemadesk.core.access.models import Membership, Role
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.row_model import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_NAME = attrgetter("name")
_FLAGS = ("login", "superuser", "createdb", "createrole", "inherit", "replication", "bypassrls")


class RolesModel(RowTableModel[Role]):
    """Every role with its attributes and role-level settings."""

    COLUMNS = ("name", "settings", *_FLAGS, "connection_limit", "valid_until", "comment")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        titles = [
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
        centre = Qt.AlignmentFlag.AlignCenter

        def flag(attr: str, title: str) -> Column[Role]:
            return Column(
                attr,
                title,
                lambda r: "✓" if getattr(r, attr) else "",
                lambda r: int(bool(getattr(r, attr))),
                centre,
            )

        def settings(r: Role) -> str:
            return ", ".join(_setting_text(s.database, s.name, s.value) for s in r.settings)

        self._columns: list[Column[Role]] = [
            Column(
                "name", titles[0], _NAME, _NAME
            ),  # sorts 20,000 roles without a Python call each
            Column(
                "settings", titles[1], settings, tooltip=lambda r: settings(r).replace(", ", "\n")
            ),
            *(flag(attr, title) for attr, title in zip(_FLAGS, titles[2:9], strict=True)),
            Column(
                "connection_limit",
                titles[9],
                lambda r: "" if r.connection_limit < 0 else str(r.connection_limit),
                lambda r: r.connection_limit,
                centre,
            ),
            Column(
                "valid_until",
                titles[10],
                lambda r: r.valid_until.isoformat(" ", "minutes") if r.valid_until else "",
            ),
            Column(
                "comment",
                titles[11],
                lambda r: (r.comment or "").split("\n", 1)[0],
                tooltip=lambda r: r.comment,
            ),
        ]

    def columns(self) -> Sequence[Column[Role]]:
        return self._columns

    def set_roles(self, roles: Sequence[Role]) -> None:
        self.set_rows(roles)

    def role_at(self, row: int) -> Role:
        return self.row_at(row)


def _setting_text(database: str | None, name: str, value: str) -> str:
    if not database:
        return f"{name}={value}"
    where = QCoreApplication.translate("RolesModel", "(in %1)").replace("%1", database)
    return f"{name}={value} {where}"


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
            return visible_line(m.role if self.direction == "member_of" else m.member)
        if column == 1:
            return visible_line(m.grantor)
        flag = (m.admin_option, m.inherit_option, m.set_option)[column - 2]
        if column >= 3 and not self.options_known:
            return "—"
        return "✓" if flag else ""
