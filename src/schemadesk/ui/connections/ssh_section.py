"""The SSH section of the profile form: reach the server through a tunnel (a bastion host).

A checkable group: unticked, the profile has no tunnel. The passphrase (or SSH password) field
is never part of the profile: the dialog keeps what is typed there in the OS keyring.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from schemadesk.core.errors import ConfigError
from schemadesk.core.ssh import SshSettings

NOTE_STYLE = "color: palette(placeholder-text);"


class SshSection(QGroupBox):
    """SSH host (or ~/.ssh/config alias), port, user, key, agent, ProxyJump and passphrase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("SSH tunnel"), parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("bastion.example.com or a ~/.ssh/config alias"))
        self.port_edit = QLineEdit()
        self.port_edit.setPlaceholderText(self.tr("22 or ~/.ssh/config"))
        self.port_edit.setValidator(QIntValidator(1, 65535, self.port_edit))
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("your login name or ~/.ssh/config"))
        self.identity_edit = QLineEdit()
        self.identity_edit.setPlaceholderText(self.tr("~/.ssh/config or the default keys"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self._browse)
        identity_row = QHBoxLayout()
        identity_row.setContentsMargins(0, 0, 0, 0)
        identity_row.addWidget(self.identity_edit, 1)
        identity_row.addWidget(self.browse_button)
        self.agent_check = QCheckBox(self.tr("Use the SSH a&gent (SSH_AUTH_SOCK)"))
        self.agent_check.setChecked(True)
        self.jump_edit = QLineEdit()
        self.jump_edit.setPlaceholderText(self.tr("user@jump1:22,jump2 or ~/.ssh/config"))
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(
            self.tr(
                "The server's host and port above are as the SSH host sees them (often "
                "localhost). Host keys are checked against ~/.ssh/known_hosts; a new one is "
                "shown for you to accept, a changed one is refused."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("SSH host:"), self.host_edit)
        form.addRow(self.tr("SSH port:"), self.port_edit)
        form.addRow(self.tr("SSH user:"), self.user_edit)
        identity_label = QLabel(self.tr("&Identity file:"))
        identity_label.setBuddy(self.identity_edit)  # a row holding a layout has no buddy
        form.addRow(identity_label, identity_row)
        form.addRow("", self.agent_check)
        form.addRow(self.tr("Pro&xyJump:"), self.jump_edit)
        form.addRow(self.tr("Key passphrase:"), self.secret_edit)
        form.addRow(note)

    def widgets(self) -> list[QWidget]:
        """The section's controls in tab order."""
        return [
            self,
            self.host_edit,
            self.port_edit,
            self.user_edit,
            self.identity_edit,
            self.browse_button,
            self.agent_check,
            self.jump_edit,
            self.secret_edit,
        ]

    def connect_edited(self, edited: Callable[..., None]) -> None:
        """``edited`` on every change the person makes here (line edits: the form does them)."""
        self.clicked.connect(edited)
        self.agent_check.clicked.connect(edited)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("SSH private key"))
        if path:
            self.identity_edit.setText(path)
            self.identity_edit.textEdited.emit(path)  # a change like typing it

    def settings(self) -> SshSettings | None:
        """The tunnel the section describes (None when unticked); ConfigError when invalid."""
        if not self.isChecked():
            return None
        host = self.host_edit.text().strip()
        if not host:
            raise ConfigError(self.tr("type the SSH host, or untick the SSH tunnel"))
        port_text = self.port_edit.text().strip()
        if port_text and not (port_text.isdigit() and 1 <= int(port_text) <= 65535):
            raise ConfigError(self.tr("the SSH port must be a number from 1 to 65535"))
        return SshSettings(
            host=host,
            port=int(port_text) if port_text else None,
            user=self.user_edit.text().strip(),
            identity_file=self.identity_edit.text().strip(),
            use_agent=self.agent_check.isChecked(),
            proxy_jump=self.jump_edit.text().strip(),
        )

    def load(self, ssh: SshSettings | None, *, stored: bool = False) -> None:
        """Show a profile's tunnel; ``stored``: the keyring holds its passphrase."""
        s = ssh or SshSettings(host="-")
        self.setChecked(ssh is not None)
        self.host_edit.setText(ssh.host if ssh else "")
        self.port_edit.setText(str(s.port) if s.port else "")
        self.user_edit.setText(s.user)
        self.identity_edit.setText(s.identity_file)
        self.agent_check.setChecked(s.use_agent)
        self.jump_edit.setText(s.proxy_jump)
        self.secret_edit.clear()
        self.secret_edit.setPlaceholderText(
            self.tr("stored in the OS keyring — type to replace it")
            if stored
            else self.tr("none (the agent, or a key without one); kept in the OS keyring")
        )

    def secret(self) -> str:
        """The passphrase or SSH password typed now ("" when none)."""
        return self.secret_edit.text() if self.isChecked() else ""
