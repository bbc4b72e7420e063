"""Provision a schema…: the schema name in, the convention's roles shown; the change set comes
from the same ``provision_schema`` builder as ``schemadesk provision``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from schemadesk.core.access.conventions import Convention
from schemadesk.core.access.guards import NAME_LIMIT_BYTES, is_system_schema
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.plain_text import plain_label


class ProvisionDialog(QDialog):
    """Asks for a schema name; OK stays disabled until it is one the engine may provision."""

    def __init__(self, convention: Convention | None, existing: set[str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.convention = convention or Convention()
        self.existing = existing
        self.setWindowTitle(self.tr("Provision a schema"))
        self.schema = QLineEdit()
        self.schema.setPlaceholderText(self.tr("e.g. billing"))
        self.schema.textChanged.connect(self._update)
        self.roles = plain_label()
        self.roles.setWordWrap(True)
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
        form.addRow(self.tr("Schema:"), self.schema)
        form.addRow(self.tr("Roles:"), self.roles)
        form.addRow(self.hint)
        form.addRow(buttons)
        self.setMinimumWidth(480)
        self._update()

    def name(self) -> str:
        """The schema exactly as typed (spaces inside kept: a name may hold them)."""
        return self.schema.text().strip()

    def _update(self) -> None:
        name = self.name()
        conv = self.convention
        ready, why = bool(name), ""
        if name:
            owner, rw = conv.owner_for(name), conv.rw_for(name)
            self.roles.setText(
                self.tr("owner %1, read-write %2, migrations run by %3")
                .replace("%1", visible_line(owner)).replace("%2", visible_line(rw))
                .replace("%3", visible_line(conv.migrator_role))
            )  # fmt: skip
            longest = max(len(n.encode()) for n in (name, owner, rw))
            if is_system_schema(name):
                ready, why = False, self.tr("A system schema is never provisioned.")
            elif longest > NAME_LIMIT_BYTES:
                ready, why = False, self.tr(
                    "A name would be longer than PostgreSQL's 63 bytes."
                )  # fmt: skip
            elif name in self.existing:
                why = self.tr("The schema exists: only what it lacks is added.")
        else:
            self.roles.setText("")
            why = self.tr("Type the schema's name.")
        self.ok.setEnabled(ready)
        self.hint.setText(why)
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():  # wrapped lines: grow, never cut
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
