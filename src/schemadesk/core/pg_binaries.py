"""Finding PostgreSQL server binaries (initdb, postgres) for the demo and the test suite.

Pure: the environment, platform and file system probes are parameters, so every platform's
search order is unit-tested on any machine.
"""

from __future__ import annotations

import glob as globmod
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath

from schemadesk.core.errors import PostgresNotFound
from schemadesk.core.messages import Param, english
from schemadesk.core.messages_tools import Message, say

_VERSIONED = re.compile(r"(\d+)(?:\.(\d+))?")


def exe_name(tool: str, platform: str = sys.platform) -> str:
    """``initdb`` or ``initdb.exe``."""
    return f"{tool}.exe" if platform.startswith("win") else tool


def usual_bindir_patterns(platform: str, env: Mapping[str, str]) -> list[str]:
    """Glob patterns of the usual install folders, newest major first after sorting."""
    if platform.startswith("win"):
        roots = [env.get("ProgramFiles", r"C:\Program Files"), env.get("ProgramW6432", "")]
        return [str(PurePath(r) / "PostgreSQL" / "*" / "bin") for r in roots if r]
    if platform == "darwin":
        return [
            "/Applications/Postgres.app/Contents/Versions/*/bin",
            "/opt/homebrew/opt/postgresql@*/bin",
            "/usr/local/opt/postgresql@*/bin",
            "/opt/homebrew/bin",
            "/usr/local/bin",
            "/opt/local/lib/postgresql*/bin",
        ]
    return [
        "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
        "/usr/pgsql-*/bin",  # RHEL, Fedora (PGDG)
        "/usr/local/pgsql/bin",  # source builds
        "/usr/bin",  # Arch, Alpine
    ]


def _major_of(path: str) -> tuple[int, int]:
    numbers = [(int(m[1]), int(m[2] or 0)) for m in _VERSIONED.finditer(path)]
    return max(numbers) if numbers else (0, 0)


def candidate_bindirs(
    env: Mapping[str, str],
    platform: str,
    *,
    which: Callable[[str], str | None],
    pg_config_bindir: Callable[[], str | None],
    glob: Callable[[str], Iterable[str]],
    embedded_bindir: Callable[[], str | None] = lambda: None,
) -> list[Path]:
    """Every folder to try: the override, pg_config, PATH, the usual folders, then pgserver's."""
    found: list[Path] = []
    override = env.get("SCHEMADESK_PG_BINDIR")
    if override:
        found.append(Path(override))
    from_pg_config = pg_config_bindir()
    if from_pg_config:
        found.append(Path(from_pg_config))
    on_path = which(exe_name("initdb", platform))
    if on_path:
        found.append(Path(on_path).parent)
    for pattern in usual_bindir_patterns(platform, env):
        found.extend(Path(p) for p in sorted(glob(pattern), key=_major_of, reverse=True))
    embedded = embedded_bindir()
    if embedded:
        found.append(Path(embedded))
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def install_hint(platform: str) -> str:
    """How to get PostgreSQL server binaries on this platform, in one sentence."""
    return english(_install_hint(platform))


def _install_hint(platform: str) -> Message:
    wheel = Message("pg-wheel")
    if platform.startswith("win"):
        return Message("pg-hint-windows", {"wheel": wheel})
    if platform == "darwin":
        return Message("pg-hint-macos", {"wheel": wheel})
    return Message("pg-hint-linux", {"wheel": wheel})


def find_server_bindir(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    *,
    which: Callable[[str], str | None] = shutil.which,
    pg_config_bindir: Callable[[], str | None] | None = None,
    glob: Callable[[str], Iterable[str]] = globmod.glob,
    is_file: Callable[[Path], bool] = Path.is_file,
    embedded_bindir: Callable[[], str | None] | None = None,
) -> Path:
    """The first folder holding ``initdb`` and ``postgres``; PostgresNotFound with a hint."""
    env = os.environ if env is None else env
    if pg_config_bindir is None:
        pg_config_bindir = _pg_config_bindir
    tried = candidate_bindirs(
        env,
        platform,
        which=which,
        pg_config_bindir=pg_config_bindir,
        glob=glob,
        embedded_bindir=embedded_bindir or pgserver_bindir,
    )
    for folder in tried:
        if is_file(folder / exe_name("initdb", platform)) and is_file(
            folder / exe_name("postgres", platform)
        ):
            return folder
    where: Param = ", ".join(str(p) for p in tried) or Message("pg-looked-nowhere")
    raise PostgresNotFound(say("pg-not-found", where=where, hint=_install_hint(platform)))


def _pg_config_bindir() -> str | None:
    exe = shutil.which("pg_config")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "--bindir"], capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def pgserver_bindir() -> str | None:
    """The server binaries of the optional ``pgserver`` wheel (``schemadesk[embedded-pg]``)."""
    spec = importlib.util.find_spec("pgserver")  # located, not imported: it starts nothing
    if spec is None or not spec.submodule_search_locations:
        return None
    return str(Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin")
