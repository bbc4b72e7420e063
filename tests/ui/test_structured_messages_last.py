"""The last English errors a user could meet, said by code: no PostgreSQL server binaries found
(with the platform's hint), the OS keyring missing or refusing, env.py connecting during an
offline preview, the audit trail written inside an open transaction, an unreadable
``~/.ssh/config`` and a rollout target opened read-only. The English is byte-identical to what
was printed before; in Russian each is translated with its names and paths whole."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import keyring
import keyring.errors
import psycopg
import pytest
from keyring.backends import fail

from schemadesk.core.errors import KeyringUnavailable, PostgresNotFound, SchemadeskError
from schemadesk.core.messages import recall
from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.ssh import SshFailed, SshSettings
from tests.fix_isolation import MemoryKeyring

HOSTILE = "a lacks b; nothing was run: 'x' {where} %1"
WHEEL = "'pip install schemadesk[embedded-pg]' (PostgreSQL 16 from PyPI)"


def _not_found(platform: str, bindir: str | None) -> str:
    env = {"SCHEMADESK_PG_BINDIR": bindir} if bindir else {}
    with pytest.raises(PostgresNotFound) as caught:
        find_server_bindir(
            env,
            platform,
            which=lambda _name: None,
            pg_config_bindir=lambda: None,
            glob=lambda _pattern: [],
            is_file=lambda _path: False,
            embedded_bindir=lambda: None,
        )
    return str(caught.value)


def _said_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each error raised for real, its English checked against the old f-string."""
    texts = []
    hints = {
        "win32": "install PostgreSQL with the EDB installer",
        "darwin": "run 'brew install postgresql@17' or install Postgres.app",
        "linux": "install the server package (Debian/Ubuntu: 'sudo apt-get install postgresql'; "
        "Fedora: 'sudo dnf install postgresql-server')",
    }
    for platform, how in hints.items():
        text = _not_found(platform, None)
        assert text.startswith("no PostgreSQL server binaries (initdb and postgres) found (looked")
        assert text.endswith(f"; {how}, or {WHEEL}, or set SCHEMADESK_PG_BINDIR"), text
        texts.append(text)
    text = _not_found("linux", f"/opt/{HOSTILE}")
    assert f"(looked in: /opt/{HOSTILE}" in text
    texts.append(text)

    from schemadesk.core.passwords import store_password

    class Refusing(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.PasswordSetError("locked")

    for backend, english in (
        (
            fail.Keyring(),
            "no OS keyring is available (install and unlock one, e.g. GNOME Keyring or "
            "KWallet); schemadesk will ask for the password each session or use ~/.pgpass",
        ),
        (Refusing(), "the OS keyring refused to store the password (PasswordSetError)"),
    ):
        keyring.set_keyring(backend)
        with pytest.raises(KeyringUnavailable) as caught:
            store_password(HOSTILE, "hunter2")
        assert str(caught.value) == english
        assert "hunter2" not in str(caught.value)
        texts.append(str(caught.value))  # the error's own text carries its message

    from sqlalchemy import create_engine

    from schemadesk.core.alembic.scripts import ConnectedOffline, no_connections

    with no_connections(), pytest.raises(ConnectedOffline) as offline:
        create_engine("sqlite://").connect()
    assert str(offline.value) == (
        "env.py opened a database connection in offline mode (--sql); nothing was connected to"
    )
    texts.append(str(offline.value))

    from schemadesk.db.ssh_tunnel import _config_value

    home = tmp_path / HOSTILE.replace("/", "_")
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "config").write_text("Port not-a-number\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    with pytest.raises(SshFailed) as ssh:
        _config_value(SshSettings(host="bastion"), "ProxyJump")
    assert str(ssh.value).startswith(f"cannot read {home}/.ssh/config: "), str(ssh.value)
    texts.append(str(ssh.value))
    return texts


def test_each_error_keeps_its_english_and_is_said_in_russian(
    russian: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schemadesk.ui.core_texts import message_text

    for text in _said_errors(tmp_path, monkeypatch):
        assert recall(text) is not None, text  # said, not a bare f-string
        shown = message_text(text)
        assert shown != text, text
        assert not any(w in shown for w in (" or set ", " is available", " refused to ")), shown
    hint = message_text(_not_found("linux", f"/opt/{HOSTILE}"))
    assert hint.startswith(f"не найдены серверные программы PostgreSQL (initdb и postgres) "
                           f"(искали в: /opt/{HOSTILE}"), hint  # fmt: skip
    assert hint.endswith(
        "'sudo dnf install postgresql-server'), или 'pip install schemadesk[embedded-pg]' "
        "(PostgreSQL 16 из PyPI), или задайте SCHEMADESK_PG_BINDIR"
    ), hint
    assert message_text(_not_found("darwin", None)).startswith(
        "не найдены серверные программы PostgreSQL (initdb и postgres) (искали в: нигде); "
        "выполните 'brew install postgresql@17'"
    )


def test_an_audit_record_written_inside_a_transaction_is_refused_in_words(
    russian: None, db_dsn: str
) -> None:
    from schemadesk.core.audit import Outcome, record_from
    from schemadesk.db.audit import AuditWriteRefused, write_audit
    from schemadesk.ui.core_texts import message_text
    from tests.audit.conftest import make_action

    async def inside_a_transaction() -> str:
        async with await psycopg.AsyncConnection.connect(db_dsn) as conn:
            await conn.execute("SELECT 1")  # the implicit transaction is open
            with pytest.raises(AuditWriteRefused) as caught:
                await write_audit(conn, "public", record_from(make_action(), Outcome.FAILED))
            return str(caught.value)

    text = asyncio.run(inside_a_transaction())
    assert text == (
        "the audit record is written in its own transaction: end the action's transaction "
        "(commit or roll back) first"
    )
    assert message_text(text) == (
        "запись аудита пишется в собственной транзакции: сначала завершите транзакцию "
        "действия (фиксацией или откатом)"
    )


def test_a_read_only_rollout_target_is_named_whole_in_russian(
    russian: None,
    db_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A real rollout refused for a read-only target: the English as before; the window's
    Russian says "только для чтения" with the profile's hostile description whole."""
    from schemadesk.cli import main
    from schemadesk.ui.core_texts import message_text

    standby = ConnectionProfile(name=HOSTILE, conninfo=db_dsn, read_only=True)
    ProfileStore().save(standby)
    folder = tmp_path / "tenant"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    path = tmp_path / "targets.toml"
    path.write_text(
        f'[[rollout.tenants]]\nname = "t"\npath = "{folder}"\nschemas = ["acme"]\n\n'
        f"[[targets]]\nprofile = {json.dumps(HOSTILE)}\n",
        encoding="utf-8",
    )
    from schemadesk.usecases import rollout

    refusals: list[BaseException] = []
    refuse = rollout.refuse_problems

    def kept(plan: rollout.RolloutPlan) -> None:  # the refusal the window would be handed
        try:
            refuse(plan)
        except Exception as exc:
            refusals.append(exc)
            raise

    monkeypatch.setattr(rollout, "refuse_problems", kept)
    assert main(["rollout", "--targets", str(path), "--yes"]) == 2
    err = capsys.readouterr().err.strip()
    where = standby.describe()
    english = f"1 target problem(s); nothing was run: {HOSTILE}: read-only: {where}"
    assert err.endswith(english), err
    assert [str(e) for e in refusals] == [english]
    shown = message_text(refusals[0])
    assert shown == f"1 проблема с целью; ничего не запущено: {HOSTILE}: только для чтения: {where}"


def test_a_refusal_said_here_is_a_schemadesk_error() -> None:
    """The classes stay what callers catch (exit codes and the window's error pages)."""
    from schemadesk.core.alembic.scripts import ConnectedOffline
    from schemadesk.db.audit import AuditWriteRefused

    for cls in (ConnectedOffline, AuditWriteRefused, KeyringUnavailable, PostgresNotFound):
        assert issubclass(cls, SchemadeskError)


def test_db_failures_keep_their_english_and_are_said_in_russian(russian: None) -> None:
    """A failed change set (its statement's summary translated too), a busy migration lock,
    SSH host keys and a channel that cannot forward: the old English, then Russian with every
    name, path and server's word whole."""
    from schemadesk.core.messages_titles import said_title
    from schemadesk.core.migrations.lock_holder import LockHolder
    from schemadesk.core.ssh import HostKeyChanged, HostKeyUnknown
    from schemadesk.db.access.apply import ChangeSetFailed
    from schemadesk.db.migrations.run_state import LockBusy
    from schemadesk.db.ssh_tunnel import _channel_error
    from schemadesk.ui.core_texts import message_text

    summary = said_title("membership-grant", member=HOSTILE, role="app; x")
    server = f'role "{HOSTILE}" does not exist'
    failed = ChangeSetFailed(
        number=2, total=3, summary=summary, sqlstate="42704", server_message=server
    )
    assert str(failed) == (
        f"statement 2 of 3 failed ({summary}): {server}; the transaction was rolled back, "
        "nothing was changed"
    )
    assert message_text(str(failed)) == (
        f"инструкция 2 из 3 завершилась ошибкой (включить {HOSTILE} в роль app; x): "
        f"{server}; транзакция откачена, ничего не изменено"
    )

    holder = LockHolder(42, HOSTILE, "pgdbm", "10.0.0.7", "2026-12-06 10:00", "SELECT 1")
    busy = str(LockBusy(HOSTILE, "k", holder))
    assert busy == (
        f"module {HOSTILE}: another applier holds the migration lock (pid 42: {HOSTILE}, "
        "pgdbm, from 10.0.0.7, since 2026-12-06 10:00); rehearse later"
    )
    shown = message_text(busy)
    assert shown.startswith(f"модуль {HOSTILE}: блокировку миграций держит "), shown
    assert f"{HOSTILE}, pgdbm, с адреса 10.0.0.7" in shown, shown
    assert "from" not in shown, shown
    alone = LockHolder(42, "", "", "10.0.0.7", "2026-12-06 10:00", "SELECT 1")
    assert "(pid 42: from 10.0.0.7, since" in str(LockBusy("m", "k", alone))
    assert "(pid 42: с адреса 10.0.0.7," in message_text(str(LockBusy("m", "k", alone)))
    gone = str(LockBusy(HOSTILE, "k", None))
    assert gone == f"module {HOSTILE}: another applier holds the migration lock; rehearse later"
    assert message_text(gone).endswith("; повторите репетицию позже")

    unknown = str(HostKeyUnknown(HOSTILE, "SHA256:abc"))
    assert unknown == (
        f"the SSH host key of {HOSTILE} is not known (fingerprint SHA256:abc); compare it with "
        "the server's and accept it (--accept-new-host-key on the command line)"
    )
    assert message_text(unknown).startswith(f"ключ SSH-хоста {HOSTILE} неизвестен (отпечаток ")
    changed = str(HostKeyChanged(HOSTILE, "SHA256:new", f"/home/{HOSTILE}/known_hosts"))
    assert changed.startswith(f"WARNING: the SSH host key of {HOSTILE} has CHANGED (now SHA")
    assert changed.endswith(f"remove its old entry from /home/{HOSTILE}/known_hosts")
    shown = message_text(changed)
    assert shown.startswith(f"ВНИМАНИЕ: ключ SSH-хоста {HOSTILE} ИЗМЕНИЛСЯ"), shown
    assert shown.endswith(f"/home/{HOSTILE}/known_hosts"), shown

    forward = _channel_error(OSError(HOSTILE))
    assert forward == f"the SSH host cannot forward to the server: {HOSTILE}"
    assert message_text(forward) == (
        f"SSH-хост не может перенаправить соединение на сервер: {HOSTILE}"
    )


def test_an_audit_record_not_kept_is_a_warning_said_in_russian(
    russian: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The local log unwritable and the shared table refusing: each warning as the command
    line printed it, and in the window's status line in Russian, the schema's name whole."""
    from schemadesk.core.audit import Outcome, record_from
    from schemadesk.ui.core_texts import message_text
    from schemadesk.usecases.audit import AUDIT_SCHEMA_ENV, keep_record
    from tests.audit.conftest import make_action

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("SCHEMADESK_DATA_DIR", str(blocker))
    monkeypatch.setenv(AUDIT_SCHEMA_ENV, HOSTILE)
    warnings: list[str] = []

    def refusing(_schema: str, _record: object) -> None:
        raise OSError("the table\nrefused")

    keep_record(record_from(make_action(), Outcome.FAILED), refusing, warnings.append)
    local, shared = warnings
    assert local.startswith("audit log not written: [Errno ")
    assert shared == f"audit record not written to {HOSTILE}.schemadesk_audit: the table refused"
    assert message_text(local).startswith("журнал аудита не записан: [Errno ")
    assert message_text(shared) == (
        f"запись аудита не записана в {HOSTILE}.schemadesk_audit: the table refused"
    )
