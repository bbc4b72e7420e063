"""Asking the person whether to trust an SSH host key seen for the first time.

The fingerprint is shown as the server offered it; accepting passes that one fingerprint back
to the gateway, which records the key in ~/.ssh/known_hosts only if the server offers that
same key again. A changed key is never asked about: the gateway refuses it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.ssh import HostKeyUnknown
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.ui.bridge import awaited
from schemadesk.ui.connections.modal import run_modal_async
from schemadesk.ui.plain_text import plain_box

# A seam for tests: answers given in advance, used (and removed) before any box is shown.
_ANSWER: list[bool] = []


def host_key_box(parent: QWidget | None, unknown: HostKeyUnknown) -> QMessageBox:
    """The question, fingerprint included; No is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("HostKeyPrompt", "Unknown SSH host"))
    box.setText(
        QCoreApplication.translate(
            "HostKeyPrompt", "The authenticity of the SSH host %1 cannot be established."
        ).replace("%1", unknown.host)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "HostKeyPrompt",
            "Its key fingerprint is\n%1\n\nCompare it with the one the server's administrator "
            "gives you. Trust this host and remember its key in ~/.ssh/known_hosts?",
        ).replace("%1", unknown.fingerprint)
    )
    plain_box(box)  # the host is what the profile says, never markup
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


async def ask_host_key_async(parent: QWidget | None, unknown: HostKeyUnknown) -> bool:
    """True when the person trusts the key whose fingerprint the box shows."""
    if _ANSWER:
        return _ANSWER.pop(0)
    box = host_key_box(parent, unknown)
    try:
        return await run_modal_async(box) == QMessageBox.StandardButton.Yes
    finally:
        box.deleteLater()


async def open_trusting(
    gateway: Gateway,
    profile: ConnectionProfile,
    password: str | None,
    parent: QWidget | None,
    *,
    interactive: bool = True,
) -> Database:
    """Open a profile; a new SSH host key (the bastion's, then the next hop's) is asked about
    in the window, one question each, and refused when the person says no."""
    accept: str | None = None
    while True:
        try:
            return await awaited(gateway.open(profile, password, accept_host_key=accept))
        except HostKeyUnknown as unknown:
            if not interactive or not await ask_host_key_async(parent, unknown):
                raise
            accept = unknown.fingerprint
