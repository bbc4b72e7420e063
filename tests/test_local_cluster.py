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


def test_a_cluster_killed_with_sigkill_starts_again_on_its_folder_and_accepts_at_once(
    server_bindir: Path,
) -> None:
    import psycopg

    from schemadesk.db.local_cluster import start_cluster

    first = start_cluster(server_bindir, keep=True)
    root = first.root
    try:
        with psycopg.connect(first.conninfo(), autocommit=True) as conn:
            conn.execute("SET synchronous_commit = on")  # the cluster's is off: WAL written now
            conn.execute("CREATE TABLE kept AS SELECT 42 AS answer")
        assert first.process is not None
        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        stale = (root / "data" / "postmaster.pid").read_text().splitlines()
        assert stale[7].strip() == "ready"  # left behind, still saying ready: not to be trusted
        again = start_cluster(server_bindir, root=root)
    except BaseException:
        first.keep = False
        first.stop()
        raise
    with again:
        assert again.process is not None
        assert _server_pid(root) == again.process.pid  # the new server, not the killed one
        # Returned only once it accepts: the first connection works, on the kept data.
        with psycopg.connect(again.conninfo()) as conn:
            row = conn.execute("SELECT answer FROM kept").fetchone()
        assert row == (42,)
    assert not root.exists()
