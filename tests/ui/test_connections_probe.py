"""The connections dialog against a real PostgreSQL and the in-memory keyring: Test connection,
and what the form says when the keyring is missing or refuses."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import keyring.errors
import psycopg
import pytest
from keyring.backends import fail
from psycopg import sql

from schemadesk.core.passwords import keyring_problem, store_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.db.gateway import Gateway
from schemadesk.ui.bridge import awaited, on_gateway
from schemadesk.ui.connections import (
    ProfilesDialog,
)
from schemadesk.ui.connections.form_parts import Mode
from tests.fix_db import TestServer
from tests.fix_isolation import MemoryKeyring
from tests.fix_ui import UiLoop
from tests.ui.fix_connections import SUCCESS, choose_mode, click, stored_text, type_into
from tests.until import until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("no_message_boxes")]


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
