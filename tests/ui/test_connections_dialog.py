"""The connections dialog against a real PostgreSQL and the in-memory keyring.

Profiles are typed into the form as a person would; what lands in profiles.toml and in the
keyring is then read back from there, not from the dialog.
"""

from __future__ import annotations

import asyncio
import re
import socket
import sys
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import keyring.errors
import psycopg
import pytest
from keyring.backends import fail
from psycopg import sql
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox, QWidget

from schemadesk.core.passwords import SERVICE, keyring_problem, store_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.session_settings import SessionSettings
from schemadesk.db.gateway import Gateway
from schemadesk.ui.bridge import awaited, on_gateway
from schemadesk.ui.connections import (
    PasswordPrompt,
    ProfilesDialog,
    ask_password,
    ask_password_async,
    choose_connection,
    choose_connection_async,
)
from schemadesk.ui.connections.profile_form import Mode
from tests.fix_db import TestServer
from tests.fix_isolation import MemoryKeyring
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

SUCCESS = re.compile(r"^PostgreSQL \d+(\.\d+)*\S* — \d+\.\d ms round trip$")


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question would hang an offscreen test: any unexpected one fails it instead."""

    def unexpected(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected question: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "question", unexpected)


@pytest.fixture
def open_dialog(qtbot: Any, ui_loop: UiLoop, gateway: Gateway) -> Iterator[Callable[[], Any]]:
    """Opens the dialog on what profiles.toml holds at that moment."""
    dialogs: list[ProfilesDialog] = []

    def opener() -> ProfilesDialog:
        dialog = ProfilesDialog(gateway)
        qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)
        return dialog

    yield opener
    for dialog in dialogs:
        dialog.tasks.cancel_all()
    ui_loop.settle()


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Replace a line edit's text by typing, as a person would (fires textEdited)."""
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def choose_mode(qtbot: Any, combo: QComboBox, mode: Mode) -> None:
    """Pick a mode with the keyboard, as a person would."""
    combo.setFocus()
    while combo.currentData() != mode.value:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{mode} is not in the combo"


def click(qtbot: Any, button: QWidget) -> None:
    """Click near the left edge: a check box only takes clicks on its box and its text."""
    spot = QPoint(min(8, button.width() // 2), button.height() // 2)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=spot)


def stored_text() -> str:
    return ProfileStore().path.read_text(encoding="utf-8")


# -- create, edit, rename, duplicate, delete ------------------------------------------------------


def test_a_profile_typed_into_the_form_is_stored_without_its_password(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], memory_keyring: MemoryKeyring
) -> None:
    dialog = open_dialog()
    assert dialog.profile_names() == []
    form = dialog.form
    type_into(qtbot, form.name_edit, "prod")
    type_into(qtbot, form.host_edit, "db.example.com")
    type_into(qtbot, form.port_edit, "6432")
    type_into(qtbot, form.dbname_edit, "game")
    type_into(qtbot, form.user_edit, "dba")
    form.sslmode_combo.setCurrentIndex(form.sslmode_combo.findData("verify-full"))
    type_into(qtbot, form.password_edit, "s3cret-pw")
    assert form.remember_check.isEnabled()
    assert form.remember_check.isChecked()
    click(qtbot, form.read_only_check)
    type_into(qtbot, form.session_edits["statement_timeout"], "15s")
    click(qtbot, dialog.save_button)

    assert form.error == ""
    assert ProfileStore().load() == {
        "prod": ConnectionProfile(
            name="prod", host="db.example.com", port=6432, dbname="game", user="dba",
            sslmode="verify-full", read_only=True,
            session=SessionSettings(statement_timeout="15s"),
        )
    }  # fmt: skip
    assert "s3cret" not in stored_text()
    assert memory_keyring.store == {(SERVICE, "prod"): "s3cret-pw"}
    assert dialog.profile_names() == ["prod"]
    assert dialog.current == "prod"
    assert not dialog.dirty
    # The stored password is not shown back, only said to be there.
    assert form.password_edit.text() == ""
    assert "keyring" in form.password_edit.placeholderText()


def test_renaming_moves_the_keyring_entry_and_keeps_the_rest(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], memory_keyring: MemoryKeyring
) -> None:
    ProfileStore().save(ConnectionProfile(name="old", host="h", dbname="app", protected=True))
    ProfileStore().save(ConnectionProfile(name="other", service="svc"))
    store_password("old", "pw-of-old")
    dialog = open_dialog()
    dialog.select_profile("old")
    assert dialog.form.name_edit.text() == "old"
    assert dialog.form.protected_check.isChecked()

    type_into(qtbot, dialog.form.name_edit, "new")
    type_into(qtbot, dialog.form.dbname_edit, "app2")
    assert dialog.dirty
    click(qtbot, dialog.save_button)

    profiles = ProfileStore().load()
    assert set(profiles) == {"new", "other"}
    assert profiles["new"] == ConnectionProfile(name="new", host="h", dbname="app2", protected=True)
    assert memory_keyring.store == {(SERVICE, "new"): "pw-of-old"}
    assert dialog.profile_names() == ["new", "other"]


def test_renaming_onto_an_existing_name_is_refused_inline(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog]
) -> None:
    ProfileStore().save(ConnectionProfile(name="a", host="h1"))
    ProfileStore().save(ConnectionProfile(name="b", host="h2"))
    dialog = open_dialog()
    dialog.select_profile("a")
    type_into(qtbot, dialog.form.name_edit, "b")
    click(qtbot, dialog.save_button)
    assert "exists already" in dialog.form.error
    assert dialog.form.error_label.isVisible()
    assert ProfileStore().load()["b"].host == "h2"
    assert set(ProfileStore().load()) == {"a", "b"}


def test_delete_removes_the_profile_and_its_password(
    qtbot: Any,
    open_dialog: Callable[[], ProfilesDialog],
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ProfileStore().save(ConnectionProfile(name="doomed", host="h"))
    ProfileStore().save(ConnectionProfile(name="kept", host="k"))
    store_password("doomed", "pw1")
    store_password("kept", "pw2")
    dialog = open_dialog()
    dialog.select_profile("doomed")
    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm", lambda _title, text: asked.append(text) or True)
    click(qtbot, dialog.delete_button)

    assert len(asked) == 1
    assert "doomed" in asked[0]
    assert set(ProfileStore().load()) == {"kept"}
    assert memory_keyring.store == {(SERVICE, "kept"): "pw2"}
    assert dialog.profile_names() == ["kept"]


def test_declining_the_confirmation_deletes_nothing(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    ProfileStore().save(ConnectionProfile(name="p", host="h"))
    dialog = open_dialog()
    monkeypatch.setattr(dialog, "confirm", lambda _title, _text: False)
    click(qtbot, dialog.delete_button)
    assert set(ProfileStore().load()) == {"p"}


def test_enter_in_the_form_connects_and_never_deletes(
    qtbot: Any,
    open_dialog: Callable[[], ProfilesDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ProfileStore().save(ConnectionProfile(name="p", host="h"))
    store_password("p", "pw")
    dialog = open_dialog()
    monkeypatch.setattr(dialog, "confirm", lambda *_a: pytest.fail("asked to delete"))
    dialog.select_profile("p")
    for edit in (dialog.form.name_edit, dialog.form.host_edit):
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert set(ProfileStore().load()) == {"p"}
    assert dialog.result() == ProfilesDialog.DialogCode.Accepted
    assert dialog.chosen == (ProfileStore().get("p"), "pw")


def test_duplicate_copies_fields_and_password_under_a_new_name(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], memory_keyring: MemoryKeyring
) -> None:
    original = ConnectionProfile(name="prod", host="h", port=5433, read_only=True)
    ProfileStore().save(original)
    store_password("prod", "pw")
    dialog = open_dialog()
    dialog.select_profile("prod")
    click(qtbot, dialog.duplicate_button)
    assert dialog.current is None
    assert dialog.form.name_edit.text() == "prod (copy)"
    click(qtbot, dialog.save_button)

    profiles = ProfileStore().load()
    assert profiles["prod"] == original
    assert profiles["prod (copy)"] == ConnectionProfile(
        name="prod (copy)", host="h", port=5433, read_only=True
    )
    assert memory_keyring.store == {(SERVICE, "prod"): "pw", (SERVICE, "prod (copy)"): "pw"}


def test_unticking_remember_forgets_the_stored_password_and_keeps_a_typed_one_for_now(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], memory_keyring: MemoryKeyring
) -> None:
    ProfileStore().save(ConnectionProfile(name="p", host="h"))
    store_password("p", "old-pw")
    dialog = open_dialog()
    assert dialog.form.remember_check.isChecked()
    click(qtbot, dialog.form.remember_check)
    type_into(qtbot, dialog.form.password_edit, "new-pw")
    click(qtbot, dialog.save_button)
    assert memory_keyring.store == {}
    assert not dialog.form.remember_check.isChecked()
    assert "new-pw" not in stored_text()
    click(qtbot, dialog.connect_button)
    assert dialog.chosen == (ConnectionProfile(name="p", host="h"), "new-pw")


def test_tab_walks_the_form_top_to_bottom_then_the_buttons(
    open_dialog: Callable[[], ProfilesDialog],
) -> None:
    ProfileStore().save(ConnectionProfile(name="p", host="h"))
    dialog = open_dialog()
    form = dialog.form
    expected = [
        form.name_edit, form.mode_combo, form.host_edit, form.port_edit, form.dbname_edit,
        form.user_edit, form.sslmode_combo, form.ssh_section, form.password_edit,
        form.remember_check, form.read_only_check, form.protected_check,
        *form.session_edits.values(),
        dialog.test_button, dialog.save_button, dialog.connect_button, dialog.close_button,
        dialog.list, dialog.new_button, dialog.duplicate_button, dialog.delete_button,
    ]  # fmt: skip
    walked: list[QWidget] = []
    widget: QWidget = form.name_edit
    while len(walked) < len(expected):
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
            and widget not in walked
        ):
            walked.append(widget)
        widget = widget.nextInFocusChain()
        if widget is form.name_edit:
            break
    assert [w.objectName() or type(w).__name__ for w in walked] == [
        w.objectName() or type(w).__name__ for w in expected
    ]
    assert walked == expected


def test_an_invalid_session_duration_is_shown_inline_and_nothing_is_saved(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], memory_keyring: MemoryKeyring
) -> None:
    dialog = open_dialog()
    dialog.resize(dialog.width(), 420)  # a small screen: the form scrolls, the error must not
    type_into(qtbot, dialog.form.name_edit, "p")
    type_into(qtbot, dialog.form.host_edit, "h")
    type_into(qtbot, dialog.form.password_edit, "pw")
    type_into(qtbot, dialog.form.session_edits["lock_timeout"], "five seconds")
    click(qtbot, dialog.save_button)

    error = dialog.form.error
    assert "lock_timeout" in error
    assert "five seconds" in error
    assert "\n" not in error
    assert "Traceback" not in error
    assert dialog.form.error_label.isVisible()
    assert not dialog.form.error_label.visibleRegion().isEmpty()  # in view, not scrolled away
    assert not ProfileStore().path.exists()
    assert memory_keyring.store == {}
    assert dialog.profile_names() == []
    # Typing again clears the stale message.
    qtbot.keyClicks(dialog.form.session_edits["lock_timeout"], "x")
    assert dialog.form.error == ""


def test_a_conninfo_holding_a_password_is_refused_inline(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog]
) -> None:
    dialog = open_dialog()
    type_into(qtbot, dialog.form.name_edit, "p")
    choose_mode(qtbot, dialog.form.mode_combo, Mode.CONNINFO)
    assert dialog.form.pages[Mode.CONNINFO].isVisible()
    assert not dialog.form.pages[Mode.FIELDS].isVisible()
    type_into(qtbot, dialog.form.conninfo_edit, "host=h password=hunter2")
    click(qtbot, dialog.save_button)
    assert "holds a password" in dialog.form.error
    assert "hunter2" not in dialog.form.error
    assert not ProfileStore().path.exists()


def test_each_way_of_naming_the_server_loads_back_in_its_own_mode(
    open_dialog: Callable[[], ProfilesDialog],
) -> None:
    ProfileStore().save(ConnectionProfile(name="uri", conninfo="postgresql://me@h:5433/db"))
    ProfileStore().save(ConnectionProfile(name="svc", service="game"))
    ProfileStore().save(ConnectionProfile(name="both", conninfo="host=h", sslmode="require"))
    dialog = open_dialog()
    dialog.select_profile("uri")
    assert dialog.form.mode() is Mode.CONNINFO
    assert dialog.form.conninfo_edit.text() == "postgresql://me@h:5433/db"
    dialog.select_profile("svc")
    assert dialog.form.mode() is Mode.SERVICE
    assert dialog.form.service_edit.text() == "game"
    dialog.select_profile("both")
    assert dialog.form.mode() is Mode.CONNINFO
    # Nothing is lost: the separate field is folded into what the conninfo shows.
    assert dialog.form.profile().libpq_conninfo() == ProfileStore().get("both").libpq_conninfo()


def test_a_broken_profiles_file_is_reported_and_never_overwritten(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog]
) -> None:
    path = ProfileStore().path
    path.parent.mkdir(parents=True)
    path.write_text('[profiles.a]\nhost = "h"\nport = \n', encoding="utf-8")
    dialog = open_dialog()
    assert dialog.store_problem.isVisible()
    assert "line 3" in dialog.store_problem.text()
    type_into(qtbot, dialog.form.name_edit, "b")
    type_into(qtbot, dialog.form.host_edit, "h2")
    click(qtbot, dialog.save_button)
    assert "line 3" in dialog.form.error
    assert path.read_text(encoding="utf-8") == '[profiles.a]\nhost = "h"\nport = \n'


def test_switching_profiles_with_unsaved_changes_asks_first(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    ProfileStore().save(ConnectionProfile(name="a", host="h1"))
    ProfileStore().save(ConnectionProfile(name="b", host="h2"))
    dialog = open_dialog()
    dialog.select_profile("a")
    type_into(qtbot, dialog.form.host_edit, "changed")
    monkeypatch.setattr(dialog, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    dialog.select_profile("b")
    assert dialog.current == "a"
    assert dialog.form.host_edit.text() == "changed"
    monkeypatch.setattr(dialog, "ask_unsaved", lambda: QMessageBox.StandardButton.Save)
    dialog.select_profile("b")
    assert dialog.current == "b"
    assert ProfileStore().get("a").host == "changed"


# -- test connection ------------------------------------------------------------------------------


def _count_probe_sessions(dsn: str) -> int:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_test_connection_shows_the_server_version_and_round_trip(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], ui_loop: UiLoop, primary_dsn: str
) -> None:
    dialog = open_dialog()
    type_into(qtbot, dialog.form.name_edit, "local")
    choose_mode(qtbot, dialog.form.mode_combo, Mode.CONNINFO)
    type_into(qtbot, dialog.form.conninfo_edit, primary_dsn)
    click(qtbot, dialog.test_button)
    assert dialog.is_testing()
    assert dialog.cancel_test_button.isVisible()
    ui_loop.run(dialog.wait_tested())

    with psycopg.connect(primary_dsn) as conn:
        version = conn.execute("SHOW server_version").fetchone()
    assert version is not None
    text = dialog.test_result.text()
    assert SUCCESS.match(text), text
    assert text.startswith(f"PostgreSQL {version[0].split(' ')[0]} — ")
    assert not dialog.cancel_test_button.isVisible()
    assert dialog.test_button.isEnabled()
    # Testing saves nothing and leaves no session behind.
    assert not ProfileStore().path.exists()
    ui_loop.run(until(lambda: _count_probe_sessions(primary_dsn) == 0), timeout=10)


def test_testing_never_disturbs_an_open_connection_of_the_same_profile(
    qtbot: Any,
    open_dialog: Callable[[], ProfilesDialog],
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
) -> None:
    profile = ConnectionProfile(name="live", conninfo=primary_dsn)
    ProfileStore().save(profile)
    database = ui_loop.run(awaited(gateway.open(profile)))
    dialog = open_dialog()
    dialog.select_profile("live")
    click(qtbot, dialog.test_button)
    ui_loop.run(dialog.wait_tested())
    assert SUCCESS.match(dialog.test_result.text())
    # The window's pool is the same object and still answers.
    assert ui_loop.run(awaited(gateway.open(profile))) is database
    assert ui_loop.run(on_gateway(gateway, database.ping())) >= 0


@pytest.fixture
def login_role(primary_server: TestServer) -> Iterator[tuple[str, str]]:
    """A LOGIN role with a password, and its conninfo over TCP (where passwords are asked)."""
    if primary_server.cluster is None:
        pytest.skip("needs the suite's own cluster (TCP with scram); SCHEMADESK_TEST_DSN is set")
    role = f"dlg_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(primary_server.admin_conninfo, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal("right-horse-battery")
            )
        )
    try:
        yield role, primary_server.cluster.tcp_conninfo(user=role)
    finally:
        with psycopg.connect(primary_server.admin_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_a_wrong_password_shows_one_line_without_the_password(
    qtbot: Any,
    open_dialog: Callable[[], ProfilesDialog],
    ui_loop: UiLoop,
    login_role: tuple[str, str],
) -> None:
    role, conninfo = login_role
    dialog = open_dialog()
    type_into(qtbot, dialog.form.name_edit, "tcp")
    choose_mode(qtbot, dialog.form.mode_combo, Mode.CONNINFO)
    type_into(qtbot, dialog.form.conninfo_edit, conninfo)
    type_into(qtbot, dialog.form.password_edit, "wrong-staple-42")
    click(qtbot, dialog.test_button)
    ui_loop.run(dialog.wait_tested())

    text = dialog.test_result.text()
    assert "\n" not in text
    assert f'password authentication failed for user "{role}"' in text
    assert "wrong-staple-42" not in text
    assert not SUCCESS.match(text)

    type_into(qtbot, dialog.form.password_edit, "right-horse-battery")
    click(qtbot, dialog.test_button)
    ui_loop.run(dialog.wait_tested())
    assert SUCCESS.match(dialog.test_result.text()), dialog.test_result.text()


def test_the_stored_password_is_used_by_test_and_connect(
    qtbot: Any,
    open_dialog: Callable[[], ProfilesDialog],
    ui_loop: UiLoop,
    login_role: tuple[str, str],
) -> None:
    _role, conninfo = login_role
    ProfileStore().save(ConnectionProfile(name="tcp", conninfo=conninfo))
    store_password("tcp", "right-horse-battery")
    dialog = open_dialog()
    dialog.select_profile("tcp")
    assert dialog.form.password_edit.text() == ""
    click(qtbot, dialog.test_button)
    ui_loop.run(dialog.wait_tested())
    assert SUCCESS.match(dialog.test_result.text()), dialog.test_result.text()
    click(qtbot, dialog.connect_button)
    assert dialog.chosen == (ProfileStore().get("tcp"), "right-horse-battery")


def test_a_test_can_be_cancelled_while_the_server_does_not_answer(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog], ui_loop: UiLoop
) -> None:
    silent = socket.socket()  # accepts TCP connections (backlog) and never speaks
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    try:
        dialog = open_dialog()
        type_into(qtbot, dialog.form.name_edit, "silent")
        type_into(qtbot, dialog.form.host_edit, "127.0.0.1")
        type_into(qtbot, dialog.form.port_edit, str(silent.getsockname()[1]))
        click(qtbot, dialog.test_button)
        ui_loop.settle(0.3)
        assert dialog.is_testing()
        assert dialog.test_busy.isVisible()
        click(qtbot, dialog.cancel_test_button)
        assert not dialog.is_testing()
        assert dialog.test_result.text() == "Test cancelled."
        assert dialog.test_button.isEnabled()
        assert not dialog.cancel_test_button.isVisible()
    finally:
        silent.close()  # the abandoned attempt now fails and its pool (none) is closed
    ui_loop.settle(0.2)


def test_an_invalid_form_is_not_tested(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog]
) -> None:
    dialog = open_dialog()
    type_into(qtbot, dialog.form.name_edit, "p")
    type_into(qtbot, dialog.form.session_edits["statement_timeout"], "soon")
    click(qtbot, dialog.test_button)
    assert not dialog.is_testing()
    assert "statement_timeout" in dialog.form.error


# -- no keyring -----------------------------------------------------------------------------------


def test_without_a_keyring_remember_is_off_and_says_why(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog]
) -> None:
    keyring.set_keyring(fail.Keyring())  # fix_isolation restores the in-memory one afterwards
    problem = keyring_problem()
    assert problem is not None
    dialog = open_dialog()
    form = dialog.form
    assert not form.remember_check.isEnabled()
    assert not form.remember_check.isChecked()
    assert form.remember_check.toolTip() == problem
    assert form.keyring_note.isVisible()
    assert "session only" in form.keyring_note.text()

    # The password then lasts for this dialog's session: Connect hands it over, no file has it.
    type_into(qtbot, form.name_edit, "p")
    type_into(qtbot, form.host_edit, "h")
    type_into(qtbot, form.password_edit, "session-pw")
    click(qtbot, dialog.connect_button)
    assert dialog.chosen == (ConnectionProfile(name="p", host="h"), "session-pw")
    assert "session-pw" not in stored_text()


class RefusingKeyring(MemoryKeyring):
    """A keyring that is there but will not store (locked, or a policy says no)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")


def test_a_keyring_that_refuses_keeps_the_password_for_the_session_and_says_so(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog]
) -> None:
    refusing = RefusingKeyring()
    keyring.set_keyring(refusing)
    dialog = open_dialog()
    assert dialog.form.remember_check.isChecked()
    type_into(qtbot, dialog.form.name_edit, "p")
    type_into(qtbot, dialog.form.host_edit, "h")
    type_into(qtbot, dialog.form.password_edit, "kept-pw")
    click(qtbot, dialog.save_button)
    assert "session only" in dialog.form.error
    assert "kept-pw" not in dialog.form.error
    assert refusing.store == {}
    assert ProfileStore().load() == {"p": ConnectionProfile(name="p", host="h")}
    click(qtbot, dialog.connect_button)
    assert dialog.chosen == (ConnectionProfile(name="p", host="h"), "kept-pw")


def test_with_a_keyring_the_note_is_hidden(open_dialog: Callable[[], ProfilesDialog]) -> None:
    dialog = open_dialog()
    assert dialog.form.remember_check.isEnabled()
    assert not dialog.form.keyring_note.isVisible()


# -- the public functions -------------------------------------------------------------------------


def _when_shown(kind: type[QDialog], act: Callable[[Any], None]) -> None:
    """Act on the dialog of ``kind`` once it is up. Never hangs: a failing ``act`` rejects the
    dialog, and a dialog that never shows stops the loop (run_until_complete then raises)."""
    attempts = {"left": 250}

    def poll() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if found:
            try:
                act(found[0])
            except BaseException:
                found[0].reject()
                raise
        elif attempts["left"] > 0:
            attempts["left"] -= 1
            QTimer.singleShot(20, poll)
        else:
            asyncio.get_event_loop().stop()

    QTimer.singleShot(20, poll)


def test_choose_connection_returns_the_chosen_profile_and_password(
    ui_loop: UiLoop, gateway: Gateway
) -> None:
    ProfileStore().save(ConnectionProfile(name="a", host="h1"))
    ProfileStore().save(ConnectionProfile(name="b", host="h2", read_only=True))
    store_password("b", "pw-b")

    def pick_b(dialog: ProfilesDialog) -> None:
        dialog.select_profile("b")
        dialog.connect_button.click()

    _when_shown(ProfilesDialog, pick_b)
    assert choose_connection(None, gateway) == (ProfileStore().get("b"), "pw-b")


def test_choose_connection_from_a_slot_of_the_running_loop_can_still_test(
    ui_loop: UiLoop, gateway: Gateway, primary_dsn: str
) -> None:
    """File ▸ Connections… runs the dialog from a slot while the loop runs (a nested exec)."""
    ProfileStore().save(ConnectionProfile(name="db", conninfo=primary_dsn))
    tested: list[str] = []
    chosen: list[Any] = []

    def drive(dialog: ProfilesDialog) -> None:
        dialog.test_button.click()
        attempts = {"left": 500}

        def check() -> None:
            attempts["left"] -= 1
            if dialog.is_testing() and attempts["left"] > 0:
                QTimer.singleShot(20, check)
                return
            tested.append(dialog.test_result.text())
            dialog.connect_button.click()

        QTimer.singleShot(20, check)

    _when_shown(ProfilesDialog, drive)
    QTimer.singleShot(0, lambda: chosen.append(choose_connection(None, gateway)))
    ui_loop.run(until(lambda: bool(chosen)))
    assert len(tested) == 1
    assert SUCCESS.match(tested[0]), tested[0]
    assert chosen == [(ProfileStore().get("db"), None)]


def test_choose_connection_refuses_to_block_inside_a_coroutine(
    ui_loop: UiLoop, gateway: Gateway
) -> None:
    async def from_a_task() -> Any:
        return choose_connection(None, gateway)

    with pytest.raises(RuntimeError, match="run_modal_async"):
        ui_loop.run(from_a_task())


def test_choose_connection_async_lets_other_tasks_run(ui_loop: UiLoop, gateway: Gateway) -> None:
    ProfileStore().save(ConnectionProfile(name="a", host="h1"))
    ticks: list[int] = []

    async def ticker() -> None:
        while True:
            ticks.append(1)
            await asyncio.sleep(0.01)

    async def choose() -> Any:
        beat = asyncio.ensure_future(ticker())
        try:
            return await choose_connection_async(None, gateway)
        finally:
            beat.cancel()

    def connect_when_ticking(dialog: ProfilesDialog) -> None:
        def check() -> None:
            if len(ticks) < 5:
                QTimer.singleShot(20, check)
            else:
                dialog.connect_button.click()

        check()

    _when_shown(ProfilesDialog, connect_when_ticking)
    assert ui_loop.run(choose()) == (ProfileStore().get("a"), None)
    assert len(ticks) >= 5


def test_choose_connection_returns_none_when_closed(ui_loop: UiLoop, gateway: Gateway) -> None:
    ProfileStore().save(ConnectionProfile(name="a", host="h1"))
    _when_shown(ProfilesDialog, lambda dialog: dialog.close_button.click())
    assert choose_connection(None, gateway) is None


def test_the_dialog_chooses_a_profile_without_a_gateway(ui_loop: UiLoop) -> None:
    ProfileStore().save(ConnectionProfile(name="a", host="h1"))

    def connect_first(dialog: ProfilesDialog) -> None:
        dialog.connect_button.click()

    _when_shown(ProfilesDialog, connect_first)
    parent = QWidget()
    try:
        assert choose_connection(parent, None) == (ProfileStore().get("a"), None)
    finally:
        parent.deleteLater()


def test_ask_password_returns_the_password_and_the_remember_choice(ui_loop: UiLoop) -> None:
    profile = ConnectionProfile(name="p", host="db.example.com", user="me")

    def answer(prompt: PasswordPrompt) -> None:
        assert "me@db.example.com" in prompt.target_label.text()
        assert prompt.reason_label.text() == "the server asks for a password"
        assert prompt.remember_check.isEnabled()
        prompt.password_edit.setText("typed-pw")
        prompt.ok_button.click()

    _when_shown(PasswordPrompt, answer)
    assert ask_password(None, profile, "the server asks for a password") == ("typed-pw", True)


def test_ask_password_without_a_keyring_cannot_remember(ui_loop: UiLoop) -> None:
    keyring.set_keyring(fail.Keyring())

    def answer(prompt: PasswordPrompt) -> None:
        assert not prompt.remember_check.isEnabled()
        assert prompt.keyring_note.isVisible()
        prompt.password_edit.setText("typed-pw")
        prompt.ok_button.click()

    _when_shown(PasswordPrompt, answer)
    assert ask_password(None, ConnectionProfile(name="p", host="h")) == ("typed-pw", False)


def test_ask_password_async_answers_inside_a_connect_task(ui_loop: UiLoop) -> None:
    def answer(prompt: PasswordPrompt) -> None:
        prompt.password_edit.setText("typed-pw")
        prompt.remember_check.setChecked(False)
        prompt.ok_button.click()

    _when_shown(PasswordPrompt, answer)
    profile = ConnectionProfile(name="p", host="h")
    assert ui_loop.run(ask_password_async(None, profile, "why")) == ("typed-pw", False)


def test_ask_password_cancelled_gives_none(ui_loop: UiLoop) -> None:
    _when_shown(PasswordPrompt, lambda prompt: prompt.reject())
    assert ask_password(None, ConnectionProfile(name="p", host="h")) is None


def test_typing_in_the_form_does_not_drain_the_bool_refcount(
    qtbot: Any, open_dialog: Callable[[], ProfilesDialog]
) -> None:
    """PySide6 6.12.0 drops a reference to True per Python-side emit: no relay per keystroke."""
    dialog = open_dialog()
    before = sys.getrefcount(True)
    qtbot.keyClicks(dialog.form.host_edit, "h" * 200)
    assert dialog.dirty
    assert sys.getrefcount(True) > before - 20
