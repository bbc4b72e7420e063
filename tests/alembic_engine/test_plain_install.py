"""A plain install (no extra) requires Alembic and shows the demo's Alembic modules truthfully.

The wheel is built and installed into a fresh venv as tests/packaging does (its dependencies
borrowed from this interpreter: no download here); what a plain ``pip install .`` would fetch
is what the wheel's metadata requires, so that is checked too.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.demo import content
from tests.packaging.test_wheel import _clean_env, _exe, installed, wheel

__all__ = ["installed", "wheel"]  # the packaging tests' fixtures, used here


def test_the_wheel_requires_alembic_and_sqlalchemy_without_an_extra(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(name).decode()
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    plain = [line for line in requires if "extra ==" not in line]
    assert any(line.startswith("Requires-Dist: alembic") for line in plain), requires
    assert any(line.lower().startswith("requires-dist: sqlalchemy") for line in plain), requires


def test_the_installed_demo_smoke_test_reports_the_alembic_modules_pending_revisions(
    installed: Path, tmp_path: Path
) -> None:
    try:
        find_server_bindir()
    except Exception as exc:  # no PostgreSQL server binaries on this machine
        pytest.skip(str(exc))
    env = {**_clean_env(installed), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("SCHEMADESK_PG_BINDIRS", None)
    done = subprocess.run(
        [str(_exe(installed, "schemadesk")), "demo", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"]
    pending = report["alembic_pending"]
    for plan in content.ALEMBIC_MODULES:
        assert pending[plan.name] == list(plan.pending), pending
        assert plan.pending  # the demo leaves revisions to apply
    assert "ModuleNotFoundError" not in done.stderr
    assert "reinstall" not in done.stderr
