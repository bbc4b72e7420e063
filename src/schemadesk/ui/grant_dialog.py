"""Stating a privilege change, as ``schemadesk grant/revoke`` can: the schema, its tables,
sequences or functions (existing ones, or default privileges for later ones), a membership,
PUBLIC as grantee, WITH GRANT OPTION. The change set is computed by the engine afterwards."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QWidget,
)

from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.models import privileges_for
from schemadesk.ui.grant_request import PrivilegeRequest, Target
from schemadesk.ui.plain_text import plain_label

__all__ = ["GrantDialog", "PrivilegeRequest"]
PUBLIC_LABEL = "PUBLIC"


class GrantDialog(QDialog):
    """Grant or revoke: OK stays disabled until the request says something."""

    def __init__(
        self,
        schemas: Sequence[str],
        roles: Sequence[str],
        parent: QWidget | None = None,
        *,
        schema: str | None = None,
        role: str | None = None,
        server_version_num: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(" ".join(self.tr("Grant or revoke").split()))
        self.schema = QComboBox()
        self.schema.addItems(list(schemas))
        if schema is not None:
            self.schema.setCurrentIndex(max(0, self.schema.findText(schema)))
        self.role = QComboBox()
        self.role.addItems(list(roles))
        self.role.addItem(PUBLIC_LABEL, PUBLIC)
        if role is not None and self.role.findText(role) >= 0:
            self.role.setCurrentIndex(self.role.findText(role))  # the role selected in the window
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
        for key, label in (
            ("schema", self.tr("the schema itself")),
            ("tables", self.tr("its tables")),
            ("sequences", self.tr("its sequences")),
            ("functions", self.tr("its functions and procedures")),
            ("membership", self.tr("membership in a role")),
        ):
            self.on.addItem(label, key)
        self.default = QCheckBox(self.tr("as default privileges for objects created later"))
        self.default.setToolTip(
            self.tr("ALTER DEFAULT PRIVILEGES for the schema's owner: existing objects keep theirs")
        )
        self.boxes: dict[str, dict[str, QCheckBox]] = {}
        self.rights = QWidget()
        self.rights_grid = QGridLayout(self.rights)
        self.rights_grid.setContentsMargins(0, 0, 0, 0)
        for target in ("schema", "tables", "sequences", "functions"):
            self.boxes[target] = {}
            for i, right in enumerate(privileges_for(target, server_version_num)):
                box = QCheckBox(right)
                box.toggled.connect(self._update)
                self.boxes[target][right] = box
                self.rights_grid.addWidget(box, i // 4, i % 4)
        self.member_of = QComboBox()
        self.member_of.addItems(list(roles))
        self.member_of.setCurrentIndex(-1)
        self.member_of.currentIndexChanged.connect(self._update)
        self.admin = QCheckBox(self.tr("WITH ADMIN OPTION (may grant the membership on)"))
        self.grant_option = QCheckBox()
        self.cascade = QCheckBox(self.tr("CASCADE (also revoke what was granted on from it)"))
        self.hint = plain_label()
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Preview…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        self.form = form
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Change:"), verb_row)
        form.addRow(self.tr("On:"), self.on)
        form.addRow(self.tr("Schema:"), self.schema)
        form.addRow("", self.default)
        form.addRow(self.tr("Rights:"), self.rights)
        form.addRow(self.tr("Role to join:"), self.member_of)
        form.addRow("", self.admin)
        form.addRow("", self.grant_option)
        form.addRow("", self.cascade)
        form.addRow(self.hint)
        form.addRow(buttons)
        for signal in (self.on.currentIndexChanged, self.role.currentIndexChanged,
                       self.grant.toggled):  # fmt: skip
            signal.connect(self._update)
        self._update()

    def target(self) -> Target:
        """What the rights are on (or ``membership``)."""
        return self.on.currentData()  # type: ignore[no-any-return]

    def _update(self) -> None:
        on = self.target()
        membership = on == "membership"
        revoking = self.revoke.isChecked()
        for target, boxes in self.boxes.items():
            for box in boxes.values():
                box.setVisible(target == on)
        self.form.setRowVisible(self.schema, not membership)
        self.form.setRowVisible(self.default, on in ("tables", "sequences", "functions"))
        self.form.setRowVisible(self.rights, not membership)
        self.form.setRowVisible(self.member_of, membership)
        self.form.setRowVisible(self.admin, membership and not revoking)
        self.form.setRowVisible(self.grant_option, not membership)
        self.form.setRowVisible(self.cascade, not membership and revoking)
        self.grant_option.setText(
            self.tr("GRANT OPTION only (the right itself stays)") if revoking
            else self.tr("WITH GRANT OPTION (may grant it on)")
        )  # fmt: skip
        public = self.role.currentData() == PUBLIC
        ready, why = True, ""
        if membership and public:
            ready, why = False, self.tr("PUBLIC cannot be a member of a role.")
        elif membership and self.member_of.currentIndex() < 0:
            ready, why = False, self.tr("Choose the role to join.")
        elif not membership and not self._ticked():
            ready, why = False, self.tr("Tick at least one right.")
        self.ok.setEnabled(ready)
        self.hint.setText(why)

    def _ticked(self) -> tuple[str, ...]:
        boxes = self.boxes.get(self.target(), {})
        return tuple(right for right, box in boxes.items() if box.isChecked())

    def request(self) -> PrivilegeRequest:
        """The change the person stated."""
        on = self.target()
        data = self.role.currentData()
        return PrivilegeRequest(
            role=PUBLIC if data == PUBLIC else self.role.currentText(),
            schema=self.schema.currentText(),
            on=on,
            privileges=self._ticked(),
            revoke=self.revoke.isChecked(),
            default=self.default.isChecked() and on != "schema",
            with_grant_option=self.grant_option.isChecked() and on != "membership",
            cascade=self.cascade.isChecked() and self.revoke.isChecked(),
            member_of=self.member_of.currentText() if on == "membership" else "",
            admin=self.admin.isChecked() and on == "membership",
        )
