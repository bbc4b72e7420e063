"""Asking for a password when the server wants one and none is stored."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.passwords import keyring_problem
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.connections.form_parts import note_label
from schemadesk.ui.connections.modal import run_modal, run_modal_async
from schemadesk.ui.plain_text import plain_label, plain_tip


class PasswordPrompt(QDialog):
    """Password for one profile, and whether to remember it in the OS keyring."""

    def __init__(
        self, profile: ConnectionProfile, reason: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password for %1").replace("%1", profile.name))
        self.target_label = plain_label(
            self.tr("Password for %1:").replace("%1", profile.describe())
        )
        self.target_label.setWordWrap(True)
        from schemadesk.ui.core_texts import message_text  # in its language, by its code

        # Any failure db said (a connection's, an SSH tunnel's), not only libpq's: translated.
        self.reason_label = note_label(message_text(reason))
        self.reason_label.setVisible(bool(reason))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(self.tr("&Remember in the OS keyring"))
        self.keyring_note = note_label()
        problem = keyring_problem()
        if problem is None:
            self.remember_check.setChecked(True)
            self.keyring_note.setVisible(False)
        else:
            self.remember_check.setEnabled(False)
            self.remember_check.setToolTip(plain_tip(message_text(problem)))  # said by core
            session_only = self.tr("No OS keyring: the password is used for this session only.")
            self.keyring_note.setText(session_only)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.target_label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.keyring_note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.password_edit.setFocus()
        # Wide enough for a host name and a one-line reason; wrapped labels would make it narrow.
        width = max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 60)
        self.resize(width, max(self.heightForWidth(width), self.minimumSizeHint().height()))

    def answer(self) -> tuple[str, bool]:
        """The typed password and whether the person wants it remembered."""
        remember = self.remember_check.isEnabled() and self.remember_check.isChecked()
        return self.password_edit.text(), remember


def ask_password(
    parent: QWidget | None, profile: ConnectionProfile, reason: str = ""
) -> tuple[str, bool] | None:
    """Ask for a profile's password: (password, remember), or None when cancelled.

    Blocks (modal); call it from a slot. From a coroutine, ``await ask_password_async(...)``.
    Nothing is stored here: store it (``store_password``) once the connection has worked, so a
    mistyped password is never remembered.
    """
    prompt = PasswordPrompt(profile, reason, parent)
    try:
        if run_modal(prompt) != QDialog.DialogCode.Accepted:
            return None
        return prompt.answer()
    finally:
        prompt.deleteLater()


async def ask_password_async(
    parent: QWidget | None, profile: ConnectionProfile, reason: str = ""
) -> tuple[str, bool] | None:
    """``ask_password`` for coroutines (a connect task): other tasks keep running meanwhile."""
    prompt = PasswordPrompt(profile, reason, parent)
    try:
        if await run_modal_async(prompt) != QDialog.DialogCode.Accepted:
            return None
        return prompt.answer()
    finally:
        prompt.deleteLater()
