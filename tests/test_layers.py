"""The three layers, enforced: core is pure, db holds every connection, ui never touches psycopg.

Two kinds of check. A static one parses every source file (``ast``), so a violation names its
file and line, including imports inside functions and ``TYPE_CHECKING`` blocks. A dynamic one
imports in a fresh interpreter and looks at what got loaded, which also catches a forbidden
module that comes in through a permitted one.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PACKAGE = SRC / "schemadesk"

QT = ("PySide6", "shiboken6", "qasync")


@dataclass(frozen=True)
class Rule:
    """Modules that files under ``folder`` (relative to the package) must not import."""

    folder: str
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()  # exceptions below a forbidden prefix
    why: str = ""

    def breaks(self, module: str) -> bool:
        if any(_within(module, a) for a in self.allowed):
            return False
        return any(_within(module, f) for f in self.forbidden)


RULES = (
    Rule(
        "core",
        forbidden=(
            *QT,
            "psycopg_pool",
            "psycopg",
            "schemadesk.db",
            "schemadesk.ui",
            "schemadesk.cli",
            "schemadesk.app",
        ),
        # psycopg.abc holds only typing protocols (AdaptContext for ``Composable.as_string``).
        allowed=("psycopg.sql", "psycopg.conninfo", "psycopg.errors", "psycopg.abc"),
        why="core is pure Python: no Qt, no connections (psycopg: sql, conninfo, errors, abc)",
    ),
    Rule(
        "db",
        forbidden=(*QT, "schemadesk.ui", "schemadesk.app", "schemadesk.cli"),
        why="db is the gateway below the window and the command line: no Qt",
    ),
    Rule(
        "ui",
        forbidden=("psycopg", "psycopg_pool"),
        why="the window reaches the database only through the gateway bridge",
    ),
    Rule(
        "usecases",
        forbidden=(*QT, "schemadesk.ui", "schemadesk.app", "schemadesk.cli"),
        why="the use cases both front ends share use core and db, never Qt or a front end",
    ),
)

# Opening a connection or a pool: only src/schemadesk/db/ may.
CONNECTORS = (
    "psycopg.connect",
    "psycopg.Connection.connect",
    "psycopg.AsyncConnection.connect",
    "psycopg.connection.Connection.connect",
    "psycopg.connection_async.AsyncConnection.connect",
    "psycopg_pool.ConnectionPool",
    "psycopg_pool.AsyncConnectionPool",
    "psycopg_pool.NullConnectionPool",
    "psycopg_pool.AsyncNullConnectionPool",
    "sqlalchemy.create_engine",  # Alembic's connections
)


@dataclass(frozen=True)
class Found:
    path: Path
    line: int
    name: str

    def where(self, root: Path) -> str:
        """``src/schemadesk/x.py:12`` for the real tree; relative to ``root`` for any other."""
        base = REPO if self.path.is_relative_to(REPO) else root
        return f"{self.path.relative_to(base)}:{self.line}"


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _package_of(path: Path, root: Path) -> list[str]:
    """``schemadesk.core`` for ``<root>/schemadesk/core/x.py``: the base of relative imports."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1]  # a module's package; for __init__.py, the package it defines


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports_of(path: Path, root: Path = SRC) -> list[Found]:
    """Every module a file imports, fully qualified (``from a import b`` gives ``a.b``)."""
    tree = _tree(path)
    found: list[Found] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Found(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(path, root)
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, *([base] if base else [])])
            for alias in node.names:
                name = base if alias.name == "*" else f"{base}.{alias.name}"
                found.append(Found(path, node.lineno, name))
        elif (
            isinstance(node, ast.Call)
            and _dotted(node.func) in ("importlib.import_module", "import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(Found(path, node.lineno, node.args[0].value))
    return sorted(found, key=lambda f: f.line)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def connector_calls(path: Path) -> list[Found]:
    """Calls that open a psycopg connection or pool, with import aliases resolved."""
    tree = _tree(path)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        if not name:
            continue
        head, _, rest = name.partition(".")
        qualified = aliases.get(head, head) + (f".{rest}" if rest else "")
        if qualified in CONNECTORS:
            found.append(Found(path, node.lineno, qualified))
    return sorted(found, key=lambda f: f.line)


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def violations(rule: Rule, package: Path = PACKAGE, root: Path = SRC) -> list[str]:
    out = []
    for path in python_files(package / rule.folder):
        for imp in imports_of(path, root):
            if rule.breaks(imp.name):
                out.append(f"{imp.where(root)}: imports {imp.name} ({rule.why})")
    return out


def connector_violations(package: Path = PACKAGE, root: Path = SRC) -> list[str]:
    out = []
    for path in python_files(package):
        if (package / "db") in path.parents:
            continue
        out += [
            f"{c.where(root)}: calls {c.name} (only src/schemadesk/db/ opens connections)"
            for c in connector_calls(path)
        ]
    return out


# --- static checks on the real source ------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[r.folder for r in RULES])
def test_layer_imports(rule: Rule) -> None:
    assert python_files(PACKAGE / rule.folder), f"no sources under {rule.folder}: wrong path?"
    problems = violations(rule)
    assert not problems, "layer rule broken:\n" + "\n".join(problems)


def test_only_db_opens_connections() -> None:
    problems = connector_violations()
    assert not problems, "connection opened outside the gateway:\n" + "\n".join(problems)


# --- the scanner itself catches what it should ---------------------------------------------


def _write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_scanner_catches_violations(tmp_path: Path) -> None:
    package = tmp_path / "schemadesk"
    _write(package, "core/__init__.py", "")
    _write(
        package,
        "core/bad.py",
        """\
        from psycopg import sql, conninfo as ci
        from psycopg.errors import UniqueViolation
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from PySide6.QtCore import QObject
        def later():
            import psycopg_pool
            from ..db import gateway
            from psycopg import rows
            return importlib.import_module("shiboken6")
        """,
    )
    _write(package, "ui/view.py", "import psycopg.sql\nfrom schemadesk.db.gateway import G\n")
    _write(
        package,
        "cli/cmd.py",
        """\
        import psycopg as pg
        from psycopg_pool import AsyncConnectionPool as Pool
        from psycopg import AsyncConnection
        def run(dsn):
            pg.connect(dsn)
            Pool(dsn, open=False)
            return AsyncConnection.connect(dsn)
        def alembic(url):
            from sqlalchemy import create_engine
            return create_engine(url)
        """,
    )
    _write(package, "db/ok.py", "import psycopg\npsycopg.connect('')\n")

    core, _db, ui, *_ = (violations(rule, package, tmp_path) for rule in RULES)
    where = [v.split(": ")[0] for v in core]
    bad = "schemadesk/core/bad.py"
    assert where == [f"{bad}:5", f"{bad}:7", f"{bad}:8", f"{bad}:9", f"{bad}:10"], core
    assert "imports schemadesk.db.gateway" in core[2]  # the relative import, resolved
    assert [v.split(": ")[0] for v in ui] == ["schemadesk/ui/view.py:1"], ui

    calls = connector_violations(package, tmp_path)
    assert [c.split(": ")[0] for c in calls] == [
        f"schemadesk/cli/cmd.py:{n}" for n in (5, 6, 7, 10)
    ]
    assert "psycopg_pool.AsyncConnectionPool" in calls[1]


# --- what actually gets imported -----------------------------------------------------------


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=60,
        check=False,
    )


def test_core_modules_load_no_qt_and_no_pool() -> None:
    script = textwrap.dedent(
        """\
        import importlib, pkgutil, sys
        import schemadesk.core as core
        for info in pkgutil.walk_packages(core.__path__, "schemadesk.core."):
            importlib.import_module(info.name)
        print("\\n".join(sorted(sys.modules)))
        """
    )
    result = _run("-c", script)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    banned = (*QT, "psycopg_pool", "schemadesk.db", "schemadesk.ui", "schemadesk.cli")
    leaked = [m for m in loaded if any(_within(m, b) for b in banned)]
    assert not leaked, f"importing schemadesk.core loaded {leaked}"


def _imported_modules(importtime_stderr: str) -> list[str]:
    return [
        line.rsplit("|", 1)[-1].strip()
        for line in importtime_stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    ]


@pytest.mark.parametrize("argv", [["--help"], ["schemas", "--help"]], ids=" ".join)
def test_command_line_never_imports_qt(argv: list[str]) -> None:
    result = _run("-X", "importtime", "-m", "schemadesk", *argv)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage:" in result.stdout
    loaded = _imported_modules(result.stderr)
    assert "schemadesk.cli" in loaded, "importtime output not understood"
    qt = [m for m in loaded if any(_within(m, q) for q in QT)]
    assert not qt, f"'schemadesk {' '.join(argv)}' imported {qt}"


def test_no_subcommand_help_imports_qt() -> None:
    """Every subcommand's ``--help``, in one interpreter: the first one that loads Qt is named."""
    script = textwrap.dedent(
        """        import contextlib, io, json, sys
        from schemadesk.cli import build_parser, main
        QT = tuple(sys.argv[1:])
        commands = []
        for action in build_parser()._actions:  # argparse has no public listing
            if action.choices and hasattr(action, "_name_parser_map"):
                commands += list(action.choices)
        report = {}
        for command in commands:
            with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
                main([command, "--help"])
            report[command] = sorted(m for m in sys.modules if m.split(".")[0] in QT)
        print(json.dumps(report))
        """
    )
    result = _run("-c", script, *QT)
    assert result.returncode == 0, result.stderr[-2000:]
    report: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
    assert "schemas" in report, report
    offenders = {command: qt for command, qt in report.items() if qt}
    first = next(iter(offenders), None)
    assert first is None, f"'schemadesk {first} --help' imported {offenders[first]}"
