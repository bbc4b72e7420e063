"""The suite on a machine without PostgreSQL server binaries: it collects, the pure tests pass,
the database tests are skipped and the summary says, once, why they did not run."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schemadesk.core.pg_binaries import _pg_config_bindir, candidate_bindirs
from tests.fix_db import DID_NOT_RUN, _bindirs

ROOT = Path(__file__).resolve().parents[1]


def _raise_not_found() -> Path:
    from schemadesk.core.errors import PostgresNotFound

    raise PostgresNotFound("no PostgreSQL server binaries (initdb and postgres) found here")


def test_no_binaries_gives_no_server_folders_and_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SCHEMADESK_PG_BINDIRS", raising=False)
    monkeypatch.delenv("SCHEMADESK_TEST_DSN", raising=False)
    dirs, why = _bindirs(_raise_not_found)
    assert dirs == []
    assert "no PostgreSQL server binaries" in why


def test_other_majors_still_run_when_the_local_server_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SCHEMADESK_TEST_DSN", raising=False)
    monkeypatch.setenv("SCHEMADESK_PG_BINDIRS", os.pathsep.join(["/opt/pg13/bin", "/opt/pg17/bin"]))
    assert _bindirs(_raise_not_found) == ([Path("/opt/pg13/bin"), Path("/opt/pg17/bin")], "")


def _hideable_bindirs() -> list[Path]:
    """Every folder schemadesk would take server binaries from, to cover with an empty tmpfs."""
    found = candidate_bindirs(
        os.environ,
        sys.platform,
        which=shutil.which,
        pg_config_bindir=_pg_config_bindir,
        glob=glob.glob,
    )
    # The folder the files really live in: /usr/local/bin may only hold symlinks into it.
    return sorted(
        {(d / "initdb").resolve().parent for d in found if (d / "initdb").exists()}
        | {(d / "postgres").resolve().parent for d in found if (d / "postgres").exists()}
    )


def _run_hidden(tmp_path: Path, *pytest_args: str) -> subprocess.CompletedProcess[str]:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        pytest.skip("hiding the server binaries needs Linux mount namespaces (unshare)")
    folders = _hideable_bindirs()
    untouchable = {Path("/usr/bin"), Path("/bin"), Path(sys.executable).resolve().parent}
    if untouchable & set(folders):
        pytest.skip("the server binaries sit beside the interpreter: they cannot be hidden")
    if subprocess.run(["unshare", "--mount", "true"], check=False).returncode != 0:
        pytest.skip("no permission for a mount namespace (unshare --mount)")
    mounts = " && ".join(f"mount -t tmpfs none '{d}'" for d in folders) or "true"
    env = {k: v for k, v in os.environ.items() if k not in ("SCHEMADESK_PG_BINDIRS",)}
    env.pop("SCHEMADESK_TEST_DSN", None)
    env["SCHEMADESK_PG_BINDIR"] = str(tmp_path / "nowhere")
    args = " ".join(f"'{a}'" for a in pytest_args)
    script = f"{mounts} && exec '{sys.executable}' -m pytest -p no:cacheprovider {args}"
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_suite_collects_without_server_binaries(tmp_path: Path) -> None:
    done = _run_hidden(tmp_path, "--collect-only", "-q", "tests")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " tests collected" in done.stdout


def test_pure_tests_pass_and_database_tests_say_once_why_they_did_not_run(
    tmp_path: Path,
) -> None:
    done = _run_hidden(tmp_path, "-q", "tests/test_pg_binaries.py", "tests/test_gateway.py")
    out = done.stdout
    assert done.returncode == 0, out[-3000:] + done.stderr[-3000:]
    summary = [line for line in out.splitlines() if line.startswith(DID_NOT_RUN)]
    assert len(summary) == 1, out[-3000:]
    assert "no PostgreSQL server binaries" in summary[0]
    assert "set SCHEMADESK_PG_BINDIR" in summary[0]  # the hint: how to make them run
    assert " passed" in out
    assert "failed" not in out
    assert "PostgreSQL majors the database tests ran on" not in out
