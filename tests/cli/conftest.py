"""A resident started for one test in a runtime folder of its own, always stopped after it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.until import wait_until

SCRIPT = Path(sys.executable).parent / "schemadesk"  # the console script a user runs


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for a parent that never reaps it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass
class Resident:
    """Runs ``schemadesk`` with this test's runtime folder, through the resident or not."""

    runtime: Path

    def env(self, **extra: str) -> dict[str, str]:
        return {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime), **extra}

    def run(
        self, *args: str, resident: bool = True, env: dict[str, str] | None = None, **kw: Any
    ) -> subprocess.CompletedProcess[bytes]:
        """The command as a user runs it; ``resident=False``: SCHEMADESK_RESIDENT=0."""
        env = dict(env or self.env())
        if not resident:
            env["SCHEMADESK_RESIDENT"] = "0"
        kw.setdefault("capture_output", True)
        kw.setdefault("timeout", 60)
        return subprocess.run([str(SCRIPT), *args], env=env, check=False, **kw)

    def both(self, *args: str, **kw: Any) -> tuple[Any, Any]:
        """(through the resident, in-process): stdout, stderr and exit status of each; checks
        that the first really went through the resident."""
        before = self.served()
        through = self.run(*args, **kw)
        assert self.served() == before + 1, through.stderr
        alone = self.run(*args, resident=False, **kw)
        return (
            (through.returncode, through.stdout, through.stderr),
            (alone.returncode, alone.stdout, alone.stderr),
        )

    def status(self) -> dict[str, Any]:
        result = self.run("resident", "status", "--json", resident=False)
        assert result.returncode == 0, result.stderr
        return dict(json.loads(result.stdout))

    def served(self) -> int:
        return int(self.status().get("served", -1))

    def start(self, *extra: str) -> subprocess.CompletedProcess[bytes]:
        return self.run("resident", "start", *extra, resident=False)

    def stop(self) -> None:
        """Stop the resident, if one runs, and wait until its process is gone."""
        pid = self.status().get("pid")
        self.run("resident", "stop", resident=False)
        if pid:
            wait_until(lambda: not alive(pid), "the resident to exit")


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A short, private runtime folder (a socket's path must stay under ~100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="sdr-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def idle_resident(runtime_dir: Path) -> Iterator[Resident]:
    """A Resident helper whose resident the test starts itself; stopped after the test."""
    if not SCRIPT.exists() or os.name != "posix":
        pytest.skip("needs the installed schemadesk script, on POSIX")
    assert "schemadesk.launch" in SCRIPT.read_text(), (
        f"{SCRIPT} predates the thin entry (schemadesk.launch): run pip install -e . again"
    )
    helper = Resident(runtime_dir)
    try:
        yield helper
    finally:
        helper.stop()


@pytest.fixture
def resident(idle_resident: Resident) -> Resident:
    """A running resident, stopped after the test."""
    started = idle_resident.start("--idle-minutes", "10")
    assert started.returncode == 0, started.stderr
    return idle_resident
