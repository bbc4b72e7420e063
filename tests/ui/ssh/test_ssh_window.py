"""SSH tunnels in the window: the connections dialog's SSH section and Test connection, the
new-host-key question, and the lost-connection banner when the tunnel drops (real sshd)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from psycopg import conninfo as pg_conninfo
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.ssh import SshSettings
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections import ProfilesDialog, host_key
from schemadesk.ui.main_window import MainWindow
from tests.fix_isolation import MemoryKeyring
from tests.fix_ui import UiLoop
from tests.ssh.conftest import DB_PASSWORD, DB_USER, Sshd

pytestmark = pytest.mark.ui
PASSPHRASE = "ssh-Secret-42#"


async def _until(predicate: Callable[[], bool]) -> None:
    while not predicate():  # noqa: ASYNC110 - polls Qt widgets
        await asyncio.sleep(0.02)


def _type(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def _known_hosts(home: Path) -> str:
    path = home / ".ssh" / "known_hosts"
    return path.read_text() if path.exists() else ""


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The person's answers to the host-key question, in order (no modal box offscreen)."""
    given: list[bool] = []
    monkeypatch.setattr(host_key, "_ANSWER", given)
    return given


def test_the_ssh_section_tests_the_tunnel_asks_about_the_host_key_and_keeps_the_passphrase(
    *,
    qtbot: Any,
    ui_loop: UiLoop,
    gateway: Gateway,
    sshd: Sshd,
    ssh_home: Path,
    tunnel_db: tuple[str, int],
    answers: list[bool],
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = ProfilesDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    _type(qtbot, form.name_edit, "behind-bastion")
    _type(qtbot, form.host_edit, "127.0.0.1")
    _type(qtbot, form.port_edit, str(tunnel_db[1]))
    _type(qtbot, form.dbname_edit, tunnel_db[0])
    _type(qtbot, form.user_edit, DB_USER)
    _type(qtbot, form.password_edit, DB_PASSWORD)
    section = form.ssh_section
    assert not section.host_edit.isEnabled()  # unticked: no tunnel
    qtbot.mouseClick(section, Qt.MouseButton.LeftButton, pos=QPoint(12, 8))  # its check box
    assert section.isChecked()
    _type(qtbot, section.host_edit, "127.0.0.1")
    _type(qtbot, section.port_edit, str(sshd.port))
    _type(qtbot, section.user_edit, "root")
    _type(qtbot, section.identity_edit, str(ssh_home / ".ssh" / "id_test"))
    _type(qtbot, section.secret_edit, PASSPHRASE)

    answers.append(False)  # "No": the key is not trusted
    dialog.test_connection()
    ui_loop.run(dialog.wait_tested())
    shown = dialog.test_result.text()
    assert "not known (fingerprint SHA256:" in shown
    assert _known_hosts(ssh_home) == ""

    answers.append(True)
    dialog.test_connection()
    ui_loop.run(dialog.wait_tested())
    assert dialog.test_result.text().startswith("PostgreSQL "), dialog.test_result.text()
    assert sshd.host_key in _known_hosts(ssh_home)
    assert answers == []  # asked exactly once each time

    dialog.save()
    assert form.error == ""
    stored = ProfileStore().path.read_text()
    assert "[profiles.behind-bastion.ssh]" in stored
    assert PASSPHRASE not in stored
    assert DB_PASSWORD not in stored
    assert memory_keyring.get_password("schemadesk", "behind-bastion (ssh)") == PASSPHRASE
    assert ProfileStore().get("behind-bastion").ssh == SshSettings(
        host="127.0.0.1",
        port=sshd.port,
        user="root",
        identity_file=str(ssh_home / ".ssh" / "id_test"),
    )
    for text in (shown, dialog.test_result.text(), form.error):
        assert PASSPHRASE not in text
        assert DB_PASSWORD not in text
    dialog.tasks.cancel_all()
    ui_loop.settle()


def test_a_dropped_tunnel_shows_the_banner_and_retry_reopens_it(
    *,
    main_window: MainWindow,
    ui_loop: UiLoop,
    sshd: Sshd,
    ssh_home: Path,
    tunnel_db: tuple[str, int],
    answers: list[bool],
) -> None:
    dbname, port = tunnel_db
    profile = ConnectionProfile(
        name="tunnelled",
        conninfo=pg_conninfo.make_conninfo(
            host="127.0.0.1", port=port, dbname=dbname, user=DB_USER
        ),
        ssh=SshSettings(
            host="127.0.0.1",
            port=sshd.port,
            user="root",
            identity_file=str(ssh_home / ".ssh" / "id_test"),
        ),
    )
    answers.append(True)
    main_window.open_profile(profile, DB_PASSWORD)
    ui_loop.run(main_window.wait_loaded(), timeout=40)
    assert "public" in main_window.schemas_view.visible_names()
    assert answers == []  # the new host key was asked about
    sshd.stop()
    main_window.refresh()
    ui_loop.run(_until(main_window.banner.isVisible), timeout=40)
    assert main_window.banner.label.text().startswith("Connection lost: ")
    sshd.start()
    main_window.banner.retry_requested.emit()  # the banner's Retry
    ui_loop.run(_until(lambda: not main_window.schemas_page.is_error), timeout=40)
    ui_loop.run(_until(lambda: "public" in main_window.schemas_view.visible_names()))
    assert not main_window.banner.isVisible()
    assert DB_PASSWORD not in main_window.banner.label.text()
