"""An SSH tunnel's failure in the password prompt, in Test connection and in the lost-connection
banner, in Russian: the message carries its code, so the window words it, the host and port kept
whole."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from psycopg import conninfo as pg_conninfo

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.ssh import ACCEPT_ANY_NEW, SshFailed, SshSettings
from schemadesk.db import ssh_tunnel
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections import ProfilesDialog
from schemadesk.ui.connections.password_prompt import PasswordPrompt
from tests.fix_ui import UiLoop
from tests.ui.fix_language import russian  # noqa: F401

pytestmark = pytest.mark.ui
FRAME_RU = "не удалось открыть SSH-туннель через root@127.0.0.1:{port}: "


@pytest.fixture
def silent_port(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A port that takes TCP and never says the SSH banner (a short connect timeout keeps the
    test short; nothing here asserts a duration)."""
    monkeypatch.setattr(ssh_tunnel, "CONNECT_TIMEOUT_S", 1)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield int(sock.getsockname()[1])


def _profile(ssh_home: Path, port: int) -> ConnectionProfile:
    return ConnectionProfile(
        name="behind",
        conninfo=pg_conninfo.make_conninfo(host="db.invalid", port=5432, dbname="d", user="u"),
        ssh=SshSettings(
            host="127.0.0.1", port=port, user="root", identity_file=f"{ssh_home}/.ssh/id_test"
        ),
    )


@pytest.mark.usefixtures("russian")
def test_the_password_prompt_shows_an_ssh_failure_in_russian(
    qtbot: Any, ssh_home: Path, silent_port: int
) -> None:
    profile = _profile(ssh_home, silent_port)
    with Gateway() as gateway, pytest.raises(SshFailed) as caught:
        gateway.open(profile, "pw", accept_host_key=ACCEPT_ANY_NEW).result()
    prompt = PasswordPrompt(profile, str(caught.value))
    qtbot.addWidget(prompt)
    shown = prompt.reason_label.text()
    assert shown == FRAME_RU.format(port=silent_port) + "нет ответа за 1 с"
    assert "cannot open" not in shown


@pytest.mark.usefixtures("russian")
def test_test_connection_shows_an_ssh_failure_in_russian(
    qtbot: Any, ui_loop: UiLoop, gateway: Gateway, ssh_home: Path, silent_port: int
) -> None:
    dialog = ProfilesDialog(gateway)
    qtbot.addWidget(dialog)
    profile = _profile(ssh_home, silent_port)
    dialog.form.load(profile)
    dialog.test_connection()
    ui_loop.run(dialog.wait_tested())
    shown = dialog.test_result.text()
    assert FRAME_RU.format(port=silent_port) + "нет ответа за 1 с" in shown
    dialog.tasks.cancel_all()
    ui_loop.settle()


@pytest.mark.usefixtures("russian")
def test_the_lost_connection_banner_shows_an_ssh_failure_in_russian(
    main_window: Any, ui_loop: UiLoop, primary_dsn: str
) -> None:
    from schemadesk.core.messages import Message
    from schemadesk.core.messages_db import say as say_db
    from schemadesk.core.ssh import SshReason

    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    where = "root@bastion.example:2222"
    reason = Message("ssh-no-answer", {"seconds": 5})
    lost = SshFailed(
        say_db("ssh-tunnel-failed", where=where, reason=reason),
        ssh_reason=SshReason.UNREACHABLE,
        target=where,
    )
    # what a load does when the tunnel cannot be reopened (db raises it; the session says it)
    main_window.current._failed(main_window.schemas_page, "x", lost)
    assert main_window.banner.label.text() == (
        f"Соединение потеряно: не удалось открыть SSH-туннель через {where}: нет ответа за 5 с"
    )
