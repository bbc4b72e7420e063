"""What the resident loads before it serves, and how it knows its code is still what is on disk.

Every module of the command line and the engines behind it is imported (the verbs import
theirs lazily, which is what a fresh process pays for), but no Qt, no connection, no profile,
no password and no thread: the resident forks, and a fork copies only the thread that forks.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import schemadesk

# Never loaded: the window's packages (Qt), and modules that run something when imported.
SKIPPED = (
    "schemadesk.ui",
    "schemadesk.app",
    "schemadesk.cli.window",
    "schemadesk.__main__",
    "schemadesk.launch",
)
QT = ("PySide6", "shiboken6", "qasync")
# Libraries the engines import inside functions, when a verb first needs them.
LIBRARIES = (
    "alembic.config",
    "alembic.runtime.migration",
    "alembic.script",
    "alembic.util",
    "asyncssh",
    "asyncssh.config",
    "keyring",
    "keyring.backends",
    "keyring.errors",
    "pwd",
    "pygments.formatters",
    "pygments.lexers",
    "sqlalchemy.engine",
    "sqlalchemy.pool",
)


class PreloadRefused(Exception):
    """Preloading brought in something a forking server must not hold (Qt, a thread)."""


def _skipped(name: str) -> bool:
    return any(name == s or name.startswith(s + ".") for s in SKIPPED)


def preload() -> list[str]:
    """Import every module of the package the command line may reach; the names imported.

    PreloadRefused if that loaded Qt or started a thread."""
    names: list[str] = []
    # Not pkgutil.walk_packages: it imports every package it meets, the window's included.
    folders = [(list(schemadesk.__path__), "schemadesk.")]
    while folders:
        path, prefix = folders.pop()
        for info in pkgutil.iter_modules(path, prefix):
            if _skipped(info.name):
                continue
            module = importlib.import_module(info.name)
            names.append(info.name)
            if info.ispkg:
                folders.append((list(module.__path__), info.name + "."))
    with warnings.catch_warnings():
        # cryptography's DSA deprecation, which db.ssh_tunnel keeps off stderr as well.
        warnings.simplefilter("ignore")
        for name in LIBRARIES:
            importlib.import_module(name)
    qt = sorted(m for m in sys.modules if m.split(".")[0] in QT)
    if qt:
        raise PreloadRefused(f"preloading imported Qt ({', '.join(qt[:3])})")
    if threading.active_count() != 1:
        raise PreloadRefused(f"preloading started threads: {threading.enumerate()}")
    return names


@dataclass
class Sources:
    """The files the resident's code came from, with their mtimes and sizes at start: the
    package's sources and folders, and the folders of the module path (an install or upgrade
    of any library changes them)."""

    seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def now(cls) -> Sources:
        """The files as they are now."""
        sources = cls()
        root = Path(schemadesk.__file__).parent
        paths: list[str] = [str(root)]
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            paths += [os.path.join(folder, d) for d in dirs]
            paths += [os.path.join(folder, f) for f in files if f.endswith(".py")]
        for module in list(sys.modules.values()):
            where = getattr(module, "__file__", None)
            if where and where.startswith(str(root)):
                paths.append(where)
        paths += [p for p in sys.path[1:] if p and os.path.isdir(p)]
        for path in paths:
            sources.seen[path] = _stamp(path)
        return sources

    def changed(self) -> str | None:
        """The first file changed since ``now()`` (edited, replaced, removed), or None."""
        for path, stamp in self.seen.items():
            if _stamp(path) != stamp:
                return path
        return None


def _stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)
