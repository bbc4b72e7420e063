"""Point 14 of issue 19: ``demo --serve`` gives everything ``status`` and ``plan`` need, and the
offscreen smoke test prints no Qt noise."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui


def test_the_smoke_test_prints_its_report_and_no_qt_noise(primary_dsn: str, tmp_path: Path) -> None:
    env = os.environ | {"SCHEMADESK_CONFIG_DIR": str(tmp_path)}
    env.pop("QT_QPA_PLATFORM", None)  # the smoke test picks offscreen itself, as for a user
    done = subprocess.run(
        [sys.executable, "-m", "schemadesk", "--dsn", primary_dsn, "--smoke-test"],
        env=env, capture_output=True, text=True, timeout=110, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["ok"]
    assert "propagateSizeHints" not in done.stderr + done.stdout


def test_demo_serve_prints_the_conninfo_and_the_project_that_status_needs(
    server_bindir: Path, tmp_path: Path
) -> None:
    env = os.environ | {"SCHEMADESK_CONFIG_DIR": str(tmp_path), "SCHEMADESK_PG_BINDIR":
                        str(server_bindir)}  # fmt: skip
    serve = subprocess.Popen(
        [sys.executable, "-m", "schemadesk", "demo", "--serve"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert serve.stdout is not None
        conninfo = serve.stdout.readline().strip()
        project = Path(serve.stdout.readline().strip())
        assert project.name == "schemadesk.toml"
        assert project.is_file()
        status = subprocess.run(
            [sys.executable, "-m", "schemadesk", "status", "--dsn", conninfo, "--project",
             str(project), "--json", "--no-git"],
            env=env, capture_output=True, text=True, timeout=110, check=False,
        )  # fmt: skip
        assert status.returncode == 0, status.stderr
        assert "orders" in status.stdout  # the demo's modules, read through that project
    finally:
        serve.send_signal(signal.SIGTERM)
        _out, err = serve.communicate(timeout=60)
    assert serve.returncode == 0, err
    assert f"--project {project}" in err  # the hint on stderr names the same project
