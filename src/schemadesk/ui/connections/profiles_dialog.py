"""The connections dialog: saved profiles on the left, the selected one's form on the right.

Create, edit, duplicate, test and delete profiles, then Connect. Profiles go to profiles.toml
(never a password); passwords go to the OS keyring when the person asks and a keyring exists,
otherwise they last for this dialog's session only.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.errors import ConfigError
from schemadesk.core.passwords import keyring_problem
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.ssh import ssh_secret_name
from schemadesk.core.terminal_text import visible
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections.dialog_layout import fit_to_content, tab_order
from schemadesk.ui.connections.form_parts import ERROR_STYLE
from schemadesk.ui.connections.password_keeper import PasswordKeeper
from schemadesk.ui.connections.profile_form import ProfileForm
from schemadesk.ui.connections.save_profile import save_form
from schemadesk.ui.connections.test_panel import ConnectionTest, describe
from schemadesk.ui.plain_text import plain_box, plain_label, plain_tip
from schemadesk.ui.tasks import TaskRunner

NAME_ROLE = Qt.ItemDataRole.UserRole
Choice = tuple[ConnectionProfile, str | None]


class ProfilesDialog(QDialog):
    """Manage connection profiles and choose one to connect to."""

    def __init__(
        self,
        gateway: Gateway | None,
        parent: QWidget | None = None,
        store: ProfileStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connections"))
        self.gateway = gateway
        self.store = store or ProfileStore()
        self.tasks = TaskRunner(self)
        self.chosen: Choice | None = None
        self.profiles: dict[str, ConnectionProfile] = {}
        self.current: str | None = None  # the saved profile in the form; None for a new one
        self.dirty = False
        self.passwords = PasswordKeeper()

        # -- left: the saved profiles -----------------------------------------------------------
        self.list = QListWidget()
        self.list.setObjectName("profileList")
        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.itemActivated.connect(lambda _item: self.connect_chosen())
        self.new_button = QPushButton(self.tr("&New"))
        self.duplicate_button = QPushButton(self.tr("D&uplicate"))
        self.delete_button = QPushButton(self.tr("De&lete…"))
        self.new_button.clicked.connect(self.new_profile)
        self.duplicate_button.clicked.connect(self.duplicate_profile)
        self.delete_button.clicked.connect(self.delete_profile)
        list_buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        self.store_problem = plain_label()
        self.store_problem.setWordWrap(True)
        self.store_problem.setStyleSheet(ERROR_STYLE)
        self.store_problem.setVisible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Saved profiles:")))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_buttons)
        left_layout.addWidget(self.store_problem)

        # -- right: the form, the test, save ----------------------------------------------------
        self.form = ProfileForm()
        self.form.set_keyring_problem(keyring_problem())
        self.form.connect_edited(self._form_edited)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the frame
        self.form_scroll = scroll

        self.tester = ConnectionTest(self)
        self.test_button, self.cancel_test_button = (
            self.tester.test_button,
            self.tester.cancel_button,
        )
        self.test_busy, self.test_result = self.tester.busy, self.tester.result
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self.save)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addWidget(self.cancel_test_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.form.error_label)  # below the scrolled form: always in view
        right_layout.addWidget(self.test_busy)
        right_layout.addWidget(self.test_result)
        right_layout.addLayout(actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)

        self.buttons = QDialogButtonBox()
        self.connect_button = self.buttons.addButton(
            self.tr("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.connect_button.clicked.connect(self.connect_chosen)
        self.close_button.clicked.connect(self.reject)
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)
        # Enter anywhere in the form connects (and saves first); no other button is a default,
        # so Enter never deletes or duplicates anything. (After the layout: only then are the
        # buttons the dialog's children.)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.connect_button.setDefault(True)
        tab_order(self)

        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()
        fit_to_content(self)
        self.list.setFocus()

    # -- the list -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read profiles.toml again and list what is in it."""
        try:
            self.profiles = self.store.load()
            problems = [str(exc) for exc in self.store.problems.values()]
            self.store_problem.setText("\n".join(problems))
            self.store_problem.setVisible(bool(problems))
        except ConfigError as exc:
            self.profiles = {}
            self.store_problem.setText(str(exc))
            self.store_problem.setVisible(True)
        self.list.blockSignals(True)
        self.list.clear()
        for name, profile in sorted(self.profiles.items(), key=lambda kv: kv[0].casefold()):
            item = QListWidgetItem(name)
            item.setData(NAME_ROLE, name)
            item.setToolTip(plain_tip(visible(describe(profile))))  # names, never markup
            self.list.addItem(item)
        self._select_name(self.current)
        self.list.blockSignals(False)
        self._update_buttons()

    def _select_name(self, name: str | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(NAME_ROLE) == name:
                self.list.setCurrentRow(row)
                return
        self.list.setCurrentRow(-1)

    def profile_names(self) -> list[str]:
        """The names in the list, in the order shown."""
        return [str(self.list.item(r).data(NAME_ROLE)) for r in range(self.list.count())]

    def select_profile(self, name: str) -> None:
        """Select a saved profile, as a click in the list would."""
        self._select_name(name)

    def _selection_changed(
        self, item: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if item is None:
            return
        name = str(item.data(NAME_ROLE))
        if name == self.current:
            return
        if not self._may_leave_form():
            self.list.blockSignals(True)
            if previous is not None:
                self.list.setCurrentItem(previous)
            else:
                self.list.setCurrentRow(-1)
            self.list.blockSignals(False)
            return
        self._show_profile(name)

    def _show_profile(self, name: str) -> None:
        self.cancel_test()
        self.current = name
        profile = self.profiles[name]
        stored = self.passwords.is_stored(name)
        session = self.passwords.session_password(name) or ""
        self.form.load(
            profile,
            password=session,
            stored=stored,
            remember=stored or not session,
            ssh_stored=self.passwords.is_stored(ssh_secret_name(name)),
        )
        self.dirty = False
        self.test_result.clear()
        self._update_buttons()

    def _may_leave_form(self) -> bool:
        """Unsaved changes: save them, drop them, or stay (False)."""
        if not self.dirty:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save() is not None
        return answer == QMessageBox.StandardButton.Discard

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for unsaved changes (a seam for tests)."""
        return QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The profile has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def confirm(self, title: str, text: str) -> bool:
        """Yes or No, No by default (a seam for tests)."""
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, self)
        plain_box(box)  # a profile's name in it is never markup
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _form_edited(self) -> None:
        self.dirty = True
        self.form.clear_error()
        self._update_buttons()

    def _update_buttons(self) -> None:
        saved = self.current is not None
        self.duplicate_button.setEnabled(saved)
        self.delete_button.setEnabled(saved)

    # -- verbs ----------------------------------------------------------------------------------

    def new_profile(self) -> None:
        """An empty form for a profile that is not saved yet."""
        if not self._may_leave_form():
            return
        self.cancel_test()
        self.current = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.form.load(None)
        self.dirty = False
        self.test_result.clear()
        self._update_buttons()
        self.form.name_edit.setFocus()

    def duplicate_profile(self) -> None:
        """The form filled like the current profile, under a new name, not saved yet."""
        if self.current is None or not self._may_leave_form():
            return
        source = self.current
        profile = self.profiles[source]
        name = self._free_name(self.tr("%1 (copy)").replace("%1", source))
        # The password comes along, masked; it is stored under the new name on Save.
        password = self.passwords.known(source) or ""
        self.cancel_test()
        self.current = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.form.load(
            replace(profile, name=name),
            password=password,
            stored=False,
            remember=self.passwords.session_password(source) is None,
        )
        self.dirty = True
        self.test_result.clear()
        self._update_buttons()
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()

    def _free_name(self, wanted: str) -> str:
        name, n = wanted, 2
        while name in self.profiles:
            name = f"{wanted} {n}"
            n += 1
        return name

    def delete_profile(self) -> None:
        """Delete the selected profile and its stored password, after a confirmation."""
        name = self.current
        if name is None:
            return
        if not self.confirm(
            self.tr("Delete profile"),
            self.tr("Delete the profile “%1” and its stored password?").replace("%1", name),
        ):
            return
        try:
            self.store.delete(name)
        except (ConfigError, OSError) as exc:
            self.form.show_error(str(exc))
            return
        self.passwords.forget(name)
        self.passwords.forget(ssh_secret_name(name))
        self.current = None
        self.dirty = False
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    def save(self) -> ConnectionProfile | None:
        """Store the form (renaming moves the keyring entry); None with an inline error."""
        return save_form(self)

    def password_for_form(self) -> str | None:
        """The password a test or a connect uses: typed, else this session's, else stored."""
        typed = self.form.password()
        if typed:
            return typed
        if self.current is None:
            return None
        return self.passwords.known(self.current)

    def connect_chosen(self) -> None:
        """Save the form if it changed, remember the choice and close the dialog."""
        if (self.current is None or self.dirty) and self.save() is None:
            return
        assert self.current is not None
        password = self.password_for_form()
        self.chosen = (self.profiles[self.current], password or None)
        self.cancel_test()
        self.accept()

    # -- test connection (connections/test_panel.py) ------------------------------------------

    def test_connection(self) -> None:
        """Connect with what the form says (saved or not) and show the version or the error."""
        self.tester.test_connection()

    async def wait_tested(self) -> None:
        """Until the running test has ended (for callers that want its outcome)."""
        await self.tester.wait_tested()

    def is_testing(self) -> bool:
        return self.tester.is_testing()

    def cancel_test(self) -> None:
        """Stop waiting for the running test; its pool is closed when it has opened."""
        self.tester.cancel_test()

    # -- closing ----------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        # Closing in any way (Connect, Close, Escape, the title bar) abandons a running test.
        self.tasks.cancel_all()
        super().done(result)
