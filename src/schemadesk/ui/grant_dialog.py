"""Stating a privilege change: which role, on the schema or its tables, which rights, grant or
revoke. The change set (the minimal statements) is computed by the engine afterwards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

SCHEMA_RIGHTS = ("USAGE", "CREATE")
TABLE_RIGHTS = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")


@dataclass(frozen=True, slots=True)
class PrivilegeRequest:
    """What the person asked for."""

    role: str
    schema: str
    on: str  # "schema" or "tables"
    privileges: tuple[str, ...]
    revoke: bool


class GrantDialog(QDialog):
    """Grant or revoke rights of one role on one schema or on all of its tables."""

    def __init__(self, schema: str, roles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.setWindowTitle(self.tr("Grant or revoke on %1").replace("%1", schema))
        self.role = QComboBox()
        self.role.setEditable(False)
        self.role.addItems(list(roles))
        self.grant = QRadioButton(self.tr("Grant"))
        self.revoke = QRadioButton(self.tr("Revoke"))
        self.grant.setChecked(True)
        verbs = QButtonGroup(self)
        verbs.addButton(self.grant)
        verbs.addButton(self.revoke)
        verb_row = QHBoxLayout()
        verb_row.addWidget(self.grant)
        verb_row.addWidget(self.revoke)
        verb_row.addStretch(1)
        self.on = QComboBox()
        self.on.addItem(self.tr("the schema itself"), "schema")
        self.on.addItem(self.tr("every table in the schema"), "tables")
        self.on.currentIndexChanged.connect(self._show_rights)
        self.boxes: dict[str, QCheckBox] = {}
        rights_row = QHBoxLayout()
        for right in (*SCHEMA_RIGHTS, *TABLE_RIGHTS):
            box = QCheckBox(right)
            self.boxes[right] = box
            rights_row.addWidget(box)
        rights_row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Preview…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Change:"), verb_row)
        form.addRow(self.tr("On:"), self.on)
        form.addRow(self.tr("Rights:"), rights_row)
        form.addRow(buttons)
        self._show_rights()

    def _show_rights(self) -> None:
        on_schema = self.on.currentData() == "schema"
        for right, box in self.boxes.items():
            box.setVisible((right in SCHEMA_RIGHTS) == on_schema)

    def request(self) -> PrivilegeRequest:
        on = str(self.on.currentData())
        wanted = SCHEMA_RIGHTS if on == "schema" else TABLE_RIGHTS
        return PrivilegeRequest(
            role=self.role.currentText(),
            schema=self.schema,
            on=on,
            privileges=tuple(r for r in wanted if self.boxes[r].isChecked()),
            revoke=self.revoke.isChecked(),
        )
