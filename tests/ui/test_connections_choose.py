"""The connections dialog's public functions: choose_connection (blocking and async) and
ask_password, against a real gateway and the in-memory keyring."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import Any

import keyring
import keyring.errors
import pytest
from keyring.backends import fail
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from schemadesk.core.passwords import store_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections import (
    PasswordPrompt,
    ProfilesDialog,
    ask_password,
    ask_password_async,
    choose_connection,
    choose_connection_async,
)
from tests.fix_ui import UiLoop
from tests.ui.fix_connections import SUCCESS
from tests.until import until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("no_message_boxes")]


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
