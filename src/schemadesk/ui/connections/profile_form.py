"""The form on the right of the profiles dialog: one profile's fields, password and safety flags.

The form only renders and builds: ``profile()`` turns what is typed into a ConnectionProfile
(or raises the ConfigError the model raises), ``load()`` shows a profile. Storing is the
dialog's job.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import fields, replace

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.errors import ConfigError
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.session_settings import SessionSettings
from schemadesk.ui.connections.form_parts import (
    ERROR_STYLE,
    SSL_MODES,
    Mode,
    form_layout,
    mode_of,
    note_label,
)
from schemadesk.ui.connections.ssh_section import SshSection
from schemadesk.ui.plain_text import plain_label, plain_tip


class ProfileForm(QWidget):
    """Name, where to connect (three ways), password, safety flags and session settings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. production, staging, local"))

        # -- where ------------------------------------------------------------------------------
        # A combo rather than a row of radio buttons: it stays narrow in every language.
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("Host, port and database"), Mode.FIELDS.value)
        self.mode_combo.addItem(self.tr("Connection string or URI"), Mode.CONNINFO.value)
        self.mode_combo.addItem(self.tr("pg_service.conf service"), Mode.SERVICE.value)

        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("local socket"))
        self.port_edit = QLineEdit()
        self.port_edit.setPlaceholderText("5432")
        self.port_edit.setValidator(QIntValidator(1, 65535, self.port_edit))
        self.dbname_edit = QLineEdit()
        self.dbname_edit.setPlaceholderText(self.tr("same as the user name"))
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("your login name"))
        self.sslmode_combo = QComboBox()
        self.sslmode_combo.addItem(self.tr("libpq default"), "")
        for mode in SSL_MODES:
            self.sslmode_combo.addItem(mode, mode)
        fields_page = QWidget()
        fields_form = form_layout(fields_page)
        fields_form.setContentsMargins(0, 0, 0, 0)
        fields_form.addRow(self.tr("&Host:"), self.host_edit)
        fields_form.addRow(self.tr("&Port:"), self.port_edit)
        fields_form.addRow(self.tr("&Database:"), self.dbname_edit)
        fields_form.addRow(self.tr("Us&er:"), self.user_edit)
        fields_form.addRow(self.tr("SSL &mode:"), self.sslmode_combo)

        self.conninfo_edit = QLineEdit()
        self.conninfo_edit.setPlaceholderText("postgresql://user@host:5432/dbname")
        conninfo_page = QWidget()
        conninfo_layout = QVBoxLayout(conninfo_page)
        conninfo_layout.setContentsMargins(0, 0, 0, 0)
        conninfo_layout.addWidget(self.conninfo_edit)
        conninfo_layout.addWidget(
            note_label(
                self.tr(
                    "A libpq connection string (host=… dbname=…) or a postgresql:// URI, "
                    "without a password."
                )
            )
        )
        conninfo_layout.addStretch(1)

        self.service_edit = QLineEdit()
        self.service_edit.setPlaceholderText(self.tr("a section of pg_service.conf"))
        service_page = QWidget()
        service_layout = QVBoxLayout(service_page)
        service_layout.setContentsMargins(0, 0, 0, 0)
        service_layout.addWidget(self.service_edit)
        service_layout.addWidget(
            note_label(self.tr("libpq reads the service from ~/.pg_service.conf or PGSERVICEFILE."))
        )
        service_layout.addStretch(1)

        self.pages = {
            Mode.FIELDS: fields_page,
            Mode.CONNINFO: conninfo_page,
            Mode.SERVICE: service_page,
        }
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

        modes = form_layout()
        modes.addRow(self.tr("Connect &with:"), self.mode_combo)
        where_box = QGroupBox(self.tr("Server"))
        where_layout = QVBoxLayout(where_box)
        where_layout.addLayout(modes)
        for page in self.pages.values():
            where_layout.addWidget(page)

        # -- password ---------------------------------------------------------------------------
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(self.tr("&Remember in the OS keyring"))
        self.keyring_note = note_label()
        self.keyring_note.setVisible(False)
        password_box = QGroupBox(self.tr("Password"))
        password_layout = QVBoxLayout(password_box)
        password_layout.addWidget(self.password_edit)
        password_layout.addWidget(self.remember_check)
        password_layout.addWidget(self.keyring_note)

        # -- safety -----------------------------------------------------------------------------
        self.read_only_check = QCheckBox(self.tr("Read-onl&y"))
        self.protected_check = QCheckBox(self.tr("Pr&otected"))
        safety_box = QGroupBox(self.tr("Safety"))
        safety_layout = QVBoxLayout(safety_box)
        safety_layout.addWidget(self.read_only_check)
        safety_layout.addWidget(
            note_label(
                self.tr(
                    "Sessions open with default_transaction_read_only=on and every change is "
                    "refused."
                )
            )
        )
        safety_layout.addWidget(self.protected_check)
        safety_layout.addWidget(
            note_label(self.tr("Every change needs the database name typed to confirm."))
        )

        # -- session settings -------------------------------------------------------------------
        defaults = SessionSettings()
        self.session_edits: dict[str, QLineEdit] = {}
        session_box = QGroupBox(self.tr("Session settings"))
        session_form = form_layout(session_box)
        labels = {
            "statement_timeout": self.tr("Statement timeout:"),
            "lock_timeout": self.tr("Lock timeout:"),
            "idle_in_transaction_session_timeout": self.tr("Idle in transaction timeout:"),
        }
        for f in fields(SessionSettings):
            edit = QLineEdit()
            edit.setPlaceholderText(getattr(defaults, f.name))
            edit.setToolTip(
                self.tr(
                    "%1 — a PostgreSQL duration such as 30s, 500ms or 5min; 0 disables it"
                ).replace("%1", f.name)
            )
            self.session_edits[f.name] = edit
            session_form.addRow(labels.get(f.name, f.name + ":"), edit)

        # Not in the form's own layout: the container shows it where it never scrolls away.
        self.error_label = plain_label()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)

        top = form_layout()
        top.addRow(self.tr("N&ame:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(where_box)
        self.ssh_section = SshSection()
        layout.addWidget(self.ssh_section)
        layout.addWidget(password_box)
        layout.addWidget(safety_box)
        layout.addWidget(session_box)
        layout.addStretch(1)

        self._keyring_problem: str | None = None
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.name_edit,
            self.mode_combo,
            self.host_edit,
            self.port_edit,
            self.dbname_edit,
            self.user_edit,
            self.sslmode_combo,
            self.conninfo_edit,
            self.service_edit,
            *self.ssh_section.widgets(),
            self.password_edit,
            self.remember_check,
            self.read_only_check,
            self.protected_check,
            *self.session_edits.values(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def connect_edited(self, slot: Callable[[], None]) -> None:
        """Call ``slot`` whenever the person changes something in the form.

        The widgets' own signals are connected directly instead of being relayed through a
        Signal of the form: one hop less per keystroke, and safe from PySide6 6.12.0's lost
        reference to ``True`` on every emit made from Python (that version is excluded in
        pyproject.toml; it aborted long sessions with bool_dealloc).
        """

        def edited(*_args: object) -> None:
            slot()

        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(edited)
        for check in (self.remember_check, self.read_only_check, self.protected_check):
            check.clicked.connect(edited)
        self.sslmode_combo.activated.connect(edited)
        self.ssh_section.connect_edited(edited)
        self.mode_combo.currentIndexChanged.connect(edited)

    def _mode_changed(self, *_args: object) -> None:
        # Hidden pages take no room (a stacked widget would keep the tallest page's height).
        mode = self.mode()
        for page_mode, page in self.pages.items():
            page.setVisible(page_mode is mode)

    # -- reading and writing the form ----------------------------------------------------------

    def mode(self) -> Mode:
        return Mode(self.mode_combo.currentData() or Mode.FIELDS.value)

    def set_mode(self, mode: Mode) -> None:
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode.value))

    def profile(self) -> ConnectionProfile:
        """The profile the form describes; ConfigError (one line) when something is invalid."""
        return replace(self._server_profile(), ssh=self.ssh_section.settings())

    def _server_profile(self) -> ConnectionProfile:
        name = self.name_edit.text().strip()
        if not name:
            raise ConfigError(self.tr("a connection profile needs a name"))
        session_values = {
            key: edit.text().strip() or edit.placeholderText()
            for key, edit in self.session_edits.items()
        }
        session = SessionSettings(**session_values)
        read_only = self.read_only_check.isChecked()
        protected = self.protected_check.isChecked()
        mode = self.mode()
        if mode is Mode.CONNINFO:
            conninfo = self.conninfo_edit.text().strip()
            if not conninfo:
                raise ConfigError(self.tr("type a conninfo string or URI, or pick another mode"))
            return ConnectionProfile(
                name=name,
                conninfo=conninfo,
                read_only=read_only,
                protected=protected,
                session=session,
            )
        if mode is Mode.SERVICE:
            service = self.service_edit.text().strip()
            if not service:
                raise ConfigError(self.tr("type the name of a pg_service.conf service"))
            return ConnectionProfile(
                name=name,
                service=service,
                read_only=read_only,
                protected=protected,
                session=session,
            )
        port_text = self.port_edit.text().strip()
        port: int | None = None
        if port_text:
            if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
                raise ConfigError(self.tr("the port must be a number from 1 to 65535"))
            port = int(port_text)
        return ConnectionProfile(
            name=name,
            host=self.host_edit.text().strip(),
            port=port,
            dbname=self.dbname_edit.text().strip(),
            user=self.user_edit.text().strip(),
            sslmode=str(self.sslmode_combo.currentData() or ""),
            read_only=read_only,
            protected=protected,
            session=session,
        )

    def load(
        self,
        profile: ConnectionProfile | None,
        *,
        password: str = "",
        stored: bool = False,
        remember: bool = True,
        ssh_stored: bool = False,
    ) -> None:
        """Show a profile (None: an empty form); ``stored`` says the keyring holds its password."""
        self.clear_error()
        p = profile or ConnectionProfile(name="-")
        self.ssh_section.load(p.ssh, stored=ssh_stored)
        self.name_edit.setText(profile.name if profile else "")
        mode = mode_of(p)
        self.set_mode(mode)
        separate = mode is Mode.FIELDS
        self.host_edit.setText(p.host if separate else "")
        self.port_edit.setText(str(p.port) if separate and p.port else "")
        self.dbname_edit.setText(p.dbname if separate else "")
        self.user_edit.setText(p.user if separate else "")
        self._set_sslmode(p.sslmode if separate else "")
        if mode is Mode.CONNINFO:
            extra = p.service or any((p.host, p.port, p.dbname, p.user, p.sslmode))
            self.conninfo_edit.setText(p.libpq_conninfo() if extra else p.conninfo)
            self.conninfo_edit.setCursorPosition(0)  # the start says the most: scheme, host
        else:
            self.conninfo_edit.clear()
        self.service_edit.setText(p.service if mode is Mode.SERVICE else "")
        self.read_only_check.setChecked(p.read_only)
        self.protected_check.setChecked(p.protected)
        defaults = SessionSettings()
        for key, edit in self.session_edits.items():
            value = getattr(p.session, key)
            edit.setText("" if value == getattr(defaults, key) else value)
        self.password_edit.setText(password)
        self.password_edit.setPlaceholderText(
            self.tr("stored in the OS keyring — type to replace it")
            if stored
            else self.tr("none: ~/.pgpass or a prompt when the server asks")
        )
        self.remember_check.setChecked(remember and self._keyring_problem is None)

    def _set_sslmode(self, value: str) -> None:
        index = self.sslmode_combo.findData(value)
        if index < 0:  # a value libpq may know and we do not list: keep it, never drop it
            self.sslmode_combo.addItem(value, value)
            index = self.sslmode_combo.count() - 1
        self.sslmode_combo.setCurrentIndex(index)

    def password(self) -> str:
        return self.password_edit.text()

    def remember(self) -> bool:
        return self.remember_check.isEnabled() and self.remember_check.isChecked()

    def set_keyring_problem(self, problem: str | None) -> None:
        """Without a keyring the box is off, says why, and the password lasts this session."""
        self._keyring_problem = problem
        from schemadesk.ui.core_texts import message_text  # when shown: core_texts loads late

        self.remember_check.setEnabled(problem is None)
        if problem is not None:
            self.remember_check.setChecked(False)
            self.remember_check.setToolTip(plain_tip(message_text(problem)))  # said by core
            session_only = self.tr("No OS keyring: the password is used for this session only.")
            self.keyring_note.setText(session_only)
        else:
            self.remember_check.setToolTip("")
            self.keyring_note.clear()
        self.keyring_note.setVisible(problem is not None)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.setVisible(False)

    @property
    def error(self) -> str:
        """The inline error shown now ("" when none)."""
        return self.error_label.text()
