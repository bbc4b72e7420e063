"""The connections dialog against a real PostgreSQL and the in-memory keyring: creating,
editing, renaming, duplicating and deleting profiles.

Profiles are typed into the form as a person would; what lands in profiles.toml and in the
keyring is then read back from there, not from the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from schemadesk.core.passwords import SERVICE, store_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.session_settings import SessionSettings
from schemadesk.ui.connections import (
    ProfilesDialog,
)
from schemadesk.ui.connections.form_parts import Mode
from tests.fix_isolation import MemoryKeyring
from tests.ui.fix_connections import choose_mode, click, stored_text, type_into

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("no_message_boxes")]


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
