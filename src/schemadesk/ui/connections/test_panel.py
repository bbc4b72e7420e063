"""Test connection in the connections dialog: its buttons, busy bar and one-line outcome, and
the probe (host keys asked for one by one, the round trip measured), as a task of the dialog's
that closing the dialog abandons."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressBar, QPushButton

from schemadesk.core.audit import redact_sql
from schemadesk.core.errors import ConfigError, SchemadeskError
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.ssh import HostKeyUnknown, ssh_secret_name
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections.form_parts import ERROR_STYLE
from schemadesk.ui.connections.probe import ProbeResult, probe
from schemadesk.ui.plain_text import plain_label

if TYPE_CHECKING:
    from schemadesk.ui.connections.profiles_dialog import ProfilesDialog

log = logging.getLogger(__name__)


def describe(profile: ConnectionProfile) -> str:
    """``user@host:port/db``, or the name when libpq cannot parse the conninfo."""
    try:
        return profile.describe()
    except Exception:  # a conninfo libpq cannot parse: the name is all we can say
        return profile.name


class ConnectionTest(QObject):
    """Connects with what the dialog's form says and shows the version or the error."""

    def __init__(self, dialog: ProfilesDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self._probe_task: asyncio.Task[ProbeResult | None] | None = None
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.cancel_button = QPushButton(self.tr("Cancel test"))
        self.cancel_button.clicked.connect(self.cancel_test)
        self.cancel_button.setVisible(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(dialog.fontMetrics().height())
        self.busy.setVisible(False)
        self.result = plain_label()
        self.result.setObjectName("testResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if dialog.gateway is None:
            self.test_button.setEnabled(False)
            self.test_button.setToolTip(self.tr("Testing needs the database gateway"))

    def test_connection(self) -> None:
        """Connect with what the form says (saved or not) and show the version or the error."""
        if self.dialog.gateway is None:
            return
        try:
            profile = self.dialog.form.profile()
        except ConfigError as exc:
            self.dialog.form.show_error(str(exc))
            return
        self.dialog.form.clear_error()
        self._show_testing(True)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Connecting to %1…").replace("%1", describe(profile)))
        self._probe_task = self.dialog.tasks.start(
            "test", self._run_test(self.dialog.gateway, profile, self.dialog.password_for_form())
        )

    def ssh_secret_for_form(self) -> str | None:
        """The SSH passphrase a test uses: typed, else this session's, else stored."""
        typed = self.dialog.form.ssh_section.secret()
        if typed or self.dialog.current is None:
            return typed or None
        return self.dialog.passwords.known(ssh_secret_name(self.dialog.current))

    async def _run_test(
        self, gateway: Gateway, profile: ConnectionProfile, password: str | None
    ) -> ProbeResult | None:
        from schemadesk.ui.connections.host_key import ask_host_key_async

        accept: str | None = None
        secret = self.ssh_secret_for_form()
        try:
            while True:  # one question per new host key (the bastion's, then the target's)
                try:
                    result = await probe(
                        gateway, profile, password, ssh_secret=secret, accept_host_key=accept
                    )
                    break
                except HostKeyUnknown as unknown:
                    if not await ask_host_key_async(self.dialog, unknown):
                        raise
                    accept = unknown.fingerprint
        except SchemadeskError as exc:
            from schemadesk.ui.core_texts import message_text  # the window's language, by code

            self._show_test_result(message_text(exc), ok=False)
            return None
        except Exception as exc:  # a failure past the connect (ping): still one line
            log.error("testing profile %r failed unexpectedly", profile.name, exc_info=exc)
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            self._show_test_result(redact_sql(first), ok=False)
            return None
        self._show_test_result(
            self.tr("PostgreSQL %1 — %2 ms round trip")
            .replace("%1", result.version)
            .replace("%2", f"{result.round_trip_ms:.1f}"),
            ok=True,
        )
        return result

    async def wait_tested(self) -> None:
        """Until the running test has ended (for callers that want its outcome)."""
        task = self._probe_task
        if task is not None:
            await asyncio.wait({task})

    def is_testing(self) -> bool:
        return self.dialog.tasks.is_running("test")

    def cancel_test(self) -> None:
        """Stop waiting for the running test; its pool is closed when it has opened."""
        if self.dialog.tasks.cancel("test"):
            self._show_testing(False)
            self.result.setStyleSheet("")
            self.result.setText(self.tr("Test cancelled."))

    def _show_testing(self, testing: bool) -> None:
        self.test_button.setEnabled(not testing and self.dialog.gateway is not None)
        self.cancel_button.setVisible(testing)
        self.busy.setVisible(testing)

    def _show_test_result(self, text: str, *, ok: bool) -> None:
        self._show_testing(False)
        self.result.setStyleSheet("color: #2e7d32;" if ok else ERROR_STYLE)
        self.result.setText(text)
