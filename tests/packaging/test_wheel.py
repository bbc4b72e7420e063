"""The wheel carries resources/ and works outside the repository.

Builds the wheel from a copy of the sources in a temporary folder, installs it into a fresh
virtual environment, and runs it from an empty folder. The environment borrows the already
installed dependencies (PySide6, psycopg, …) through a ``.pth`` file naming this interpreter's
site-packages folders: a plain path line, so the editable install's import hook that may sit in
those folders is *not* run, and ``schemadesk`` can only come from the wheel.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from schemadesk import __version__

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("pyproject.toml", "README.md", "src", "resources")


def _setuptools_is_recent() -> bool:
    try:
        major = int(importlib.metadata.version("setuptools").split(".")[0])
    except importlib.metadata.PackageNotFoundError:
        return False
    return major >= 68 and importlib.util.find_spec("wheel") is not None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (never from the checkout in place)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, source / name)
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist")]
    if _setuptools_is_recent():
        cmd.append("--no-build-isolation")  # no download of setuptools for the build
    subprocess.run([*cmd, str(source)], check=True, timeout=300, cwd=base)
    (built,) = (base / "dist").glob("schemadesk-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (no dependencies: those come through a .pth)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False, symlinks=os.name != "nt")
    site = Path(
        sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)})
    )
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_schemadesk_test_deps.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    python = _exe(env_dir, "python")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        timeout=300,
        env=_clean_env(env_dir),
    )
    return env_dir


def _exe(env_dir: Path, name: str) -> Path:
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / name


def _clean_env(env_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{_exe(env_dir, 'python').parent}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(installed: Path, tmp_path: Path, *args: str) -> str:
    out = subprocess.run(
        list(args),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,  # an empty folder: nothing of the checkout is importable from here
        env=_clean_env(installed),
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_wheel_carries_resources_and_both_entry_points(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = zf.read(entry_points).decode()
    for wanted in (
        "schemadesk/resources/__init__.py",
        "schemadesk/resources/demo/schemadesk.toml",
        "schemadesk/resources/demo/alembic/alembic.ini",
        "schemadesk/resources/demo/alembic/env.py",
        "schemadesk/resources/demo/services/users/migrations/001_create_users.sql",
        "schemadesk/resources/demo/history/orders/003_order_total_function.sql",
        "schemadesk/resources/icons/schemadesk.svg",
        "schemadesk/py.typed",
        "schemadesk/cli/demo_cmd.py",
    ):
        assert wanted in names, wanted
    assert any(n.startswith("schemadesk/resources/demo/alembic/versions/") for n in names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    # Documentation and translation sources stay out; the compiled catalogues go in.
    assert not [n for n in names if "/resources/screenshots/" in n or n.endswith(".ts")]
    assert "schemadesk/resources/translations/schemadesk_ru.qm" in names
    # the thin entry: through a resident when one runs, else schemadesk.cli.main
    assert "[console_scripts]\nschemadesk = schemadesk.launch:main" in scripts
    assert "[gui_scripts]\nschemadesk-gui = schemadesk.cli:gui_main" in scripts
    assert wheel.stat().st_size < 1_000_000


def test_the_installed_wheel_runs_from_anywhere(installed: Path, tmp_path: Path) -> None:
    schemadesk = str(_exe(installed, "schemadesk"))
    version = _run(installed, tmp_path, schemadesk, "--version").strip()
    assert version == f"schemadesk {__version__}"
    help_text = _run(installed, tmp_path, schemadesk, "--help")
    for command in ("demo", "schemas"):
        assert command in help_text
    probe = """
import json, schemadesk
from importlib import resources
from schemadesk.demo.content import project_file
root = resources.files("schemadesk.resources")
print(json.dumps({
    "module": schemadesk.__file__,
    "toml": (root / "demo" / "schemadesk.toml").is_file(),
    "icon": (root / "icons" / "schemadesk.svg").is_file(),
    "project": str(project_file()),
}))
"""
    found = json.loads(_run(installed, tmp_path, str(_exe(installed, "python")), "-c", probe))
    assert found["toml"]
    assert found["icon"]
    # From the wheel, in the fresh venv: not the checkout, not the editable install.
    assert Path(found["module"]).is_relative_to(installed), found["module"]
    assert Path(found["project"]).is_relative_to(installed), found["project"]
    assert not Path(found["module"]).is_relative_to(ROOT)
