"""No two modules of schemadesk import each other, directly or around a circle.

Imports inside functions count: schemadesk defers many imports (the command line never loads
Qt; start-up stays fast), but a deferred import is still a dependency — the two circles this
test was written against (``app`` ↔ ``cli``, ``cli.migrate_cmd`` ↔ ``cli.report_cmd``) were
both deferred, and a test that skipped them would have passed over both. Imports under
``if TYPE_CHECKING:`` do not count: they never run, and annotations may name each other.
An import of ``a.b.c`` is an edge to ``a.b.c`` only, not to the packages ``a`` and ``a.b``
around it (a package's ``__init__`` importing its own modules is not a circle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imported(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """The modules of ``modules`` that ``name`` (at ``path``) imports, anywhere in it."""

    def walk(node: ast.AST) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                continue
            if isinstance(child, ast.Import):
                yield from (a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # relative: from the module's package upwards
                    package = (
                        name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                    )
                    package = package[: len(package) - child.level + 1]
                    base = ".".join([*package, base] if base else package)
                for alias in child.names:
                    full = f"{base}.{alias.name}"
                    yield full if full in modules else base
            yield from walk(child)

    for imported in walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = imported
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != name:
            yield target


def import_cycles(root: Path) -> list[list[str]]:
    """Every set of modules under ``root`` that import each other around a circle (Tarjan)."""
    modules = _modules(root)
    graph = {name: sorted(set(_imported(name, path, modules))) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(cycles)


def test_schemadesk_has_no_import_circle() -> None:
    assert import_cycles(SRC) == []


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_deferred_or_relative_circle_is_found(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg import a\n",
            "pkg/a.py": "from . import b\n",
            "pkg/b.py": "def later():\n    from pkg.sub.c import x\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/c.py": "import pkg.a\nx = 1\n",
        },
    )
    assert import_cycles(root) == [["pkg.a", "pkg.b", "pkg.sub.c"]]


def test_type_checking_imports_and_a_package_importing_its_modules_are_no_circle(
    tmp_path: Path,
) -> None:
    root = _write(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.a import A\n",
            "pkg/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from pkg.b import B\nclass A: ...\n",
            "pkg/b.py": "from pkg.a import A\nclass B(A): ...\n",
        },
    )
    assert import_cycles(root) == []
