"""The throwaway cluster: a killed owner leaves no server behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

_STARTER = """
import sys, time
from pathlib import Path
from schemadesk.db.local_cluster import start_cluster
c = start_cluster(Path(sys.argv[1]))
print(c.root, flush=True)
time.sleep(600)
"""


def _server_pid(root: Path) -> int:
    return int((root / "data" / "postmaster.pid").read_text().splitlines()[0])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie child of init counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def test_sigkilled_owner_takes_its_server_down_and_the_next_start_sweeps_the_folder(
    server_bindir: Path,
) -> None:
    bindir = server_bindir
    owner = subprocess.Popen(
        [sys.executable, "-c", _STARTER, str(bindir)], stdout=subprocess.PIPE, text=True
    )
    assert owner.stdout is not None
    root = Path(owner.stdout.readline().strip())
    pid = _server_pid(root)
    assert _alive(pid)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    owner.stdout.close()
    deadline = time.monotonic() + 20
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), "the server outlived its killed owner"

    from schemadesk.db.local_cluster import sweep_stale_clusters

    sweep_stale_clusters()
    assert not root.exists()
