"""The log file: an unexpected exception is kept with its stack, and no password reaches it."""

from __future__ import annotations

import argparse
import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from schemadesk.cli import main
from schemadesk.core.audit import scan_for_secrets
from schemadesk.core.logs import BACKUPS, MAX_BYTES, configure_logging, log_path, masked_details

SECRETS = ("hunter2-conninfo", "hunter3-sql", "hunter4-uri")
HOSTILE = (
    "could not connect: host=db user=bob password=hunter2-conninfo; "
    "ALTER ROLE bob PASSWORD 'hunter3-sql'; via postgresql://bob:hunter4-uri@db/app"
)


def _raise_hostile() -> None:
    raise RuntimeError(HOSTILE)


def _flush() -> None:
    for handler in logging.getLogger("schemadesk").handlers:
        handler.flush()


def test_a_password_in_an_exception_never_reaches_the_log_but_the_stack_does(
    isolated_dirs: Path,
) -> None:
    path = configure_logging()
    assert path == isolated_dirs / "data" / "logs" / "schemadesk.log"  # the data folder
    try:
        _raise_hostile()
    except RuntimeError as exc:
        logging.getLogger("schemadesk.ui.tasks").error("task failed", exc_info=exc)
        details = masked_details(exc)
    _flush()
    text = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "_raise_hostile" in text  # the stack says where it happened
    assert "host=db user=bob" in text  # the rest of the message stays readable
    assert scan_for_secrets(text, SECRETS) == []
    assert scan_for_secrets(details, SECRETS) == []  # "Copy details" is masked too
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_the_log_rotates_instead_of_growing(isolated_dirs: Path) -> None:
    path = configure_logging()
    log = logging.getLogger("schemadesk.test")
    line = "x" * 999
    for _ in range((BACKUPS + 2) * MAX_BYTES // 1000):
        log.warning(line)
    _flush()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["schemadesk.log", *(f"schemadesk.log.{n}" for n in range(1, BACKUPS + 1))]
    assert all(p.stat().st_size <= MAX_BYTES for p in path.parent.iterdir())


def test_nothing_is_written_until_something_is_logged(isolated_dirs: Path) -> None:
    path = configure_logging()
    assert not path.parent.exists()  # a normal run leaves no empty log behind


def test_help_says_where_the_log_is(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert str(log_path()) in out
    assert str(isolated_dirs / "data") in out  # SCHEMADESK_DATA_DIR moves it


def test_a_bug_in_a_command_is_one_masked_line_on_stderr_and_its_stack_in_the_log(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from schemadesk.cli import schemas_cmd

    def buggy(_args: argparse.Namespace) -> int:
        _raise_hostile()
        return 0

    monkeypatch.setattr(schemas_cmd, "run", buggy)
    assert main(["schemas", "--dsn", "dbname=x"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("schemadesk: unexpected error: RuntimeError: could not connect")
    assert str(log_path()) in err
    assert len(err.strip().splitlines()) == 1
    assert scan_for_secrets(err, SECRETS) == []
    _flush()
    text = log_path().read_text(encoding="utf-8")
    assert "unexpected error in schemas" in text
    assert "buggy" in text
    assert "_raise_hostile" in text
    assert scan_for_secrets(text, SECRETS) == []
