"""The socket path a resident leaves beside the package's bytecode, so that the thin entry
need not import platformdirs: used only when the file is this user's and not writable by
others, and only for a caller whose platformdirs finds the same folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemadesk import resident_link as link
from tests.cli.conftest import Resident

NOBODY = 65534


def _remembered() -> Path:
    return Path(link.remembered_file(link.install_key()))


@pytest.fixture
def other(resident: Resident) -> Iterator[Resident]:
    """A second resident of this install in another runtime folder, started last: the path
    left beside the bytecode is its socket's."""
    folder = Path(tempfile.mkdtemp(prefix="sdo-"))
    helper = Resident(folder)
    try:
        started = helper.start("--idle-minutes", "10")
        assert started.returncode == 0, started.stderr
        yield helper
    finally:
        helper.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _socket_of(resident: Resident) -> str:
    return str(resident.status()["socket"])


def test_start_leaves_the_path_and_stop_takes_it_back(resident: Resident) -> None:
    left = _remembered()
    assert left.read_text() == _socket_of(resident)
    assert left.stat().st_mode & 0o777 == 0o600
    resident.stop()
    assert not left.exists()


def test_the_thin_entry_finds_the_resident_without_platformdirs(resident: Resident) -> None:
    probe = (
        "import sys; sys.argv = ['schemadesk', '--version']\n"
        "from schemadesk.launch import through_resident\n"
        "code = through_resident()\n"
        "print(code, 'platformdirs' in sys.modules)"
    )
    before = resident.served()
    result = subprocess.run(
        [sys.executable, "-c", probe], env=resident.env(), capture_output=True, check=False
    )
    assert result.stdout.splitlines()[-1] == b"0 False", result.stderr
    assert resident.served() == before + 1


def test_a_caller_of_another_runtime_folder_is_served_by_its_own(
    resident: Resident, other: Resident
) -> None:
    """The file names the other folder's socket; platformdirs, in this caller's environment,
    names the first: the other's child declines before running anything."""
    assert _remembered().read_text() == _socket_of(other)
    before = resident.served()
    result = resident.run("--version")
    assert (result.returncode, result.stdout) == (0, b"schemadesk 0.1.0\n")
    assert resident.served() == before + 1
    assert _remembered().read_text() == _socket_of(other)  # the caller never rewrites it


@pytest.mark.parametrize("spoil", ["another owner", "writable by others", "a symlink"])
def test_a_file_not_safely_this_users_is_never_followed(
    resident: Resident, other: Resident, spoil: str
) -> None:
    """The file names the other resident's socket; had the caller followed it, the other
    resident would have forked a child (and counted it) before the first served it."""
    left = _remembered()
    target = left.with_name(left.name + ".target")
    try:
        if spoil == "another owner":
            if os.getuid() != 0:
                pytest.skip("giving a file away needs root")
            os.chown(left, NOBODY, NOBODY)
        elif spoil == "writable by others":
            left.chmod(0o622)
        else:
            left.rename(target)
            left.symlink_to(target)
        others_before, before = other.served(), resident.served()
        result = resident.run("--version")
        assert (result.returncode, result.stdout) == (0, b"schemadesk 0.1.0\n")
        assert resident.served() == before + 1
        assert other.served() == others_before
    finally:
        for path in (left, target):
            path.unlink(missing_ok=True)
