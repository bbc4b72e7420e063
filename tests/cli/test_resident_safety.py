"""The resident refuses what it must not serve: changed sources, a folder others can reach,
a caller who opted out; it holds no thread or Qt, and ends when idle."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import schemadesk.cli.schemas_cmd
from tests.cli.conftest import Resident, alive
from tests.until import wait_until


def _pid(resident: Resident) -> int:
    return int(resident.status()["pid"])


def test_a_changed_source_makes_it_stale_and_the_caller_runs_in_process(
    resident: Resident,
) -> None:
    pid = _pid(resident)
    source = Path(schemadesk.cli.schemas_cmd.__file__)
    before = source.stat()
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    try:
        through = resident.run("schemas", "--help")
        wait_until(lambda: not alive(pid), "the stale resident to exit")
        state = resident.status()
    finally:
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    alone = resident.run("schemas", "--help", resident=False)
    assert (through.returncode, through.stdout, through.stderr) == (0, alone.stdout, b"")
    assert state["running"] is False
    assert "stale" in state["why"]
    assert "schemas_cmd.py" in state["why"]


def test_a_folder_open_to_others_is_never_used(resident: Resident) -> None:
    folder = resident.runtime / "schemadesk"
    folder.chmod(0o777)
    try:
        state = resident.status()
        result = resident.run("--version")
    finally:
        folder.chmod(0o700)
    assert result.returncode == 0
    assert result.stdout == b"schemadesk 0.1.0\n"
    assert state["running"] is False
    assert "not private" in state["why"]
    assert "0777" in state["why"]
    assert resident.served() == 0  # the run above went in-process


def test_start_refuses_a_folder_open_to_others(idle_resident: Resident) -> None:
    folder = idle_resident.runtime / "schemadesk"
    folder.mkdir(mode=0o700)
    folder.chmod(0o770)
    started = idle_resident.start()
    assert started.returncode == 5
    assert b"not starting a resident" in started.stderr
    assert b"0770" in started.stderr
    assert not list(folder.glob("*.sock"))


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder away needs root")
def test_start_refuses_a_folder_of_another_user(idle_resident: Resident) -> None:
    folder = idle_resident.runtime / "schemadesk"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    started = idle_resident.start()
    assert started.returncode == 5
    assert b"belongs to uid 65534" in started.stderr


def test_schemadesk_resident_0_bypasses_it(resident: Resident) -> None:
    result = resident.run("--version", resident=False)
    assert result.stdout == b"schemadesk 0.1.0\n"
    assert resident.served() == 0
    state = json.loads(
        resident.run(
            "resident", "status", "--json", env=resident.env(SCHEMADESK_RESIDENT="0")
        ).stdout
    )
    assert state["used"] is False
    assert "SCHEMADESK_RESIDENT=0" in state["why"]


def test_it_ends_when_idle_and_says_so(idle_resident: Resident) -> None:
    started = idle_resident.start("--idle-minutes", "0.02")  # 1.2 s
    assert started.returncode == 0
    pid = int(re.search(rb"pid (\d+)", started.stdout)[1])  # type: ignore[index]
    wait_until(lambda: not alive(pid), "the idle resident to exit")
    state = idle_resident.status()
    assert state["running"] is False
    assert "idle" in state["why"]
    assert not list((idle_resident.runtime / "schemadesk").glob("*.sock"))


def test_it_holds_one_thread_no_qt_and_a_private_socket(resident: Resident) -> None:
    pid = _pid(resident)
    proc = Path(f"/proc/{pid}")
    if not proc.exists():
        pytest.skip("no /proc here")
    assert len(list((proc / "task").iterdir())) == 1
    assert "PySide6" not in (proc / "maps").read_text()
    (sock,) = (resident.runtime / "schemadesk").glob("*.sock")
    assert sock.stat().st_mode & 0o777 == 0o600
    assert (resident.runtime / "schemadesk").stat().st_mode & 0o777 == 0o700
    again = resident.start()
    assert again.returncode == 0
    assert b"already runs" in again.stdout
    assert _pid(resident) == pid


def test_the_thin_entry_imports_neither_the_cli_nor_psycopg(resident: Resident) -> None:
    probe = (
        "import sys; sys.argv = ['schemadesk', '--version']\n"
        "from schemadesk.launch import through_resident\n"
        "code = through_resident()\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(('psycopg', 'schemadesk.cli'))))"
    )
    before = resident.served()
    result = subprocess.run(
        [sys.executable, "-c", probe], env=resident.env(), capture_output=True, check=False
    )
    assert result.stdout == b"schemadesk 0.1.0\n0 []\n", result.stderr
    assert resident.served() == before + 1
