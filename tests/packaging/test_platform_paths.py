"""Nothing Linux-only on the paths Windows and macOS take: config folders, the throwaway cluster.

Pure where it can be: the platform is monkeypatched (``sys.platform``, a missing ``os.geteuid``,
platformdirs' Windows and macOS classes), so every platform's path runs on this Linux machine.
PostgreSQL binary discovery per platform is in tests/test_pg_binaries.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import platformdirs
import platformdirs.macos
import platformdirs.windows
import pytest

from schemadesk.core import profiles
from schemadesk.db import local_cluster


@pytest.fixture
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCHEMADESK_CONFIG_DIR", raising=False)
    monkeypatch.delenv("SCHEMADESK_DATA_DIR", raising=False)


@pytest.mark.usefixtures("no_overrides")
def test_windows_config_and_data_live_under_local_appdata(monkeypatch: pytest.MonkeyPatch) -> None:
    folders = {
        "CSIDL_LOCAL_APPDATA": "/C/Users/ada/AppData/Local",
        "CSIDL_APPDATA": "/C/Users/ada/AppData/Roaming",
    }
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    # appauthor=False: no "schemadesk\schemadesk" doubling under AppData.
    assert profiles.default_config_dir() == Path("/C/Users/ada/AppData/Local/schemadesk")
    assert profiles.default_data_dir() == Path("/C/Users/ada/AppData/Local/schemadesk")
    assert profiles.ProfileStore().path.parent == profiles.default_config_dir()


@pytest.mark.usefixtures("no_overrides")
def test_macos_config_and_data_live_under_application_support(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.macos.MacOS)
    support = tmp_path / "Library" / "Application Support" / "schemadesk"
    assert profiles.default_config_dir() == support
    assert profiles.default_data_dir() == support


def test_the_overrides_win_on_every_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setenv("SCHEMADESK_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("SCHEMADESK_DATA_DIR", str(tmp_path / "d"))
    assert profiles.default_config_dir() == tmp_path / "c"
    assert profiles.default_data_dir() == tmp_path / "d"


# --- the throwaway cluster on Windows --------------------------------------------------------


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as Windows sees it: no euid, no SIGQUIT; os.kill must not be used."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr(os, "geteuid", raising=False)
    monkeypatch.delattr(signal, "SIGQUIT", raising=False)

    def kill(pid: int, sig: int) -> None:
        # On Windows os.kill(pid, 0) is TerminateProcess(pid, 0), not a liveness probe; only a
        # deliberate SIGTERM (which is TerminateProcess there) is allowed.
        if sig != signal.SIGTERM:
            raise AssertionError(f"os.kill({pid}, {sig}) on Windows")
        KILLED.append(pid)

    KILLED.clear()
    monkeypatch.setattr(os, "kill", kill)


KILLED: list[int] = []


class FakeProcess:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def poll(self) -> int | None:
        return None if not self.calls else 0

    def send_signal(self, sig: int) -> None:
        raise AssertionError(f"Popen.send_signal({sig}) raises ValueError on Windows")

    def terminate(self) -> None:
        self.calls.append("terminate")

    def wait(self, timeout: float | None = None) -> int:
        self.calls.append("wait")
        return 0

    def kill(self) -> None:
        self.calls.append("kill")


def _cluster(tmp_path: Path, process: FakeProcess) -> local_cluster.LocalCluster:
    return local_cluster.LocalCluster(
        bindir=tmp_path / "bin",
        root=tmp_path / "cluster",
        port=5999,
        process=process,  # type: ignore[arg-type]
    )


@pytest.mark.usefixtures("windows")
def test_windows_needs_no_root_account_and_no_posix_modules(tmp_path: Path) -> None:
    assert not local_cluster._running_as_root()
    sys.modules.pop("pwd", None)
    local_cluster._hand_to_server_account(tmp_path / "a", tmp_path / "b")  # a no-op, no pwd
    assert "pwd" not in sys.modules
    assert local_cluster._exe("initdb") == "initdb.exe"


@pytest.mark.usefixtures("windows")
def test_windows_spawns_postgres_exe_without_setpriv_or_preexec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_popen(args: list[str], **kwargs: Any) -> FakeProcess:
        seen["args"], seen["kwargs"] = args, kwargs
        return FakeProcess()

    monkeypatch.setattr(subprocess, "Popen", fake_popen)
    cluster = _cluster(tmp_path, FakeProcess())
    cluster.root.mkdir()
    local_cluster._spawn_postgres(cluster, {"fsync": "off"})
    assert seen["args"][0] == str(tmp_path / "bin" / "postgres.exe")
    assert "setpriv" not in seen["args"]
    assert seen["kwargs"].get("preexec_fn") is None  # unsupported on Windows


@pytest.mark.usefixtures("windows")
def test_windows_stop_asks_pg_ctl_for_a_fast_shutdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[list[str]] = []

    def fake_run(args: list[str], **_: Any) -> subprocess.CompletedProcess[bytes]:
        ran.append(args)
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    process = FakeProcess()
    _cluster(tmp_path, process).stop()
    assert ran == [
        [
            str(tmp_path / "bin" / "pg_ctl.exe"),
            "stop",
            "-D",
            str(tmp_path / "cluster" / "data"),
            "-m",
            "fast",
            "--no-wait",
        ]
    ]
    assert process.calls == ["wait"]
    assert not (tmp_path / "cluster").exists()


@pytest.mark.usefixtures("windows")
def test_windows_stop_without_pg_ctl_terminates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(args: list[str], **_: Any) -> None:
        raise FileNotFoundError(args[0])

    monkeypatch.setattr(subprocess, "run", missing)
    process = FakeProcess()
    _cluster(tmp_path, process).stop()
    assert process.calls == ["terminate", "wait"]


@pytest.mark.usefixtures("windows")
def test_windows_sweep_probes_liveness_without_os_kill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local_cluster.tempfile, "gettempdir", lambda: str(tmp_path))
    alive = {111: True, 222: False}
    probed: list[int] = []

    def probe(pid: int) -> bool:
        probed.append(pid)
        return alive.get(pid, False)

    monkeypatch.setattr(local_cluster, "_windows_process_alive", probe)
    alive[333] = True  # the server of a dead owner, still running
    live = tmp_path / "schemadesk-pg-live"
    dead = tmp_path / "schemadesk-pg-dead"
    for folder, owner in ((live, 111), (dead, 222)):
        (folder / "data").mkdir(parents=True)
        (folder / "owner.pid").write_text(str(owner))
    (dead / "data" / "postmaster.pid").write_text("333\n")
    assert local_cluster.sweep_stale_clusters() == 1
    assert live.exists()
    assert not dead.exists()
    assert set(probed) == {111, 222, 333}
    assert KILLED == [333]  # SIGTERM: TerminateProcess, as there is no SIGQUIT on Windows


def test_the_windows_liveness_probe_refuses_to_run_elsewhere() -> None:
    if sys.platform == "win32":
        assert local_cluster._windows_process_alive(os.getpid())
    else:
        with pytest.raises(OSError, match="Windows only"):
            local_cluster._windows_process_alive(os.getpid())
