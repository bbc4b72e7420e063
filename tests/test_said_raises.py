"""No English error text written by hand in core, db or usecases: an exception raised (or built)
with a string literal or f-string as its message is one the window cannot translate, since it
translates by code (``say``), never by reading English. Read from the source's syntax tree, so
it runs without PostgreSQL. The exceptions left are programming errors, which a person meets
only as a bug (logged with the traceback)."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "schemadesk"

# Programming errors: a lookup the caller guarantees, a message code without a template, a
# Windows-only helper called elsewhere. (path, the message's first words)
PROGRAMMING = {
    ("core/lazy_names.py", "module {} has no attribute {}"),  # PEP 562: a name that is not
    ("core/access/effective.py", "schema "),
    ("core/access/effective.py", "{}.{} is not in the catalog"),
    ("core/access/models.py", "not a catalog lookup"),
    ("core/access/change_sql.py", "compose fills only"),  # a template written in the code
    ("core/access/change_model.py", "ChangeSet is immutable"),  # as a frozen dataclass says
    ("core/messages.py", "no English template"),
    ("core/messages_json.py", "not a message"),
    ("core/messages_json.py", "not the parameters"),
    ("db/local_cluster.py", "Windows only"),
}


def _exceptions(trees: dict[Path, ast.Module]) -> set[str]:
    names = {n for n, v in vars(builtins).items() if isinstance(v, type)}
    found = {n for n in names if issubclass(getattr(builtins, n), BaseException)}
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in found:
                    bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                    if bases & found:
                        found.add(node.name)
                        grew = True
    return found


def _text(node: ast.expr) -> str | None:
    """The message's first words when it is written by hand, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # its words, each value as {}
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("redact", "mask_secrets"):
        return _text(node.args[0]) if node.args else None
    return None


def _hand_written() -> list[tuple[str, int, str]]:
    trees = {
        p: ast.parse(p.read_text(encoding="utf-8"))
        for layer in ("core", "db", "usecases")
        for p in (SRC / layer).rglob("*.py")
    }
    exceptions = _exceptions(trees)
    out = []
    for path, tree in trees.items():
        rel = path.relative_to(SRC).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            text = _text(node.args[0])
            if text is not None and (name in exceptions or name == "__init__"):
                out.append((rel, node.lineno, text))
    return out


def test_no_error_in_core_db_or_usecases_is_english_written_by_hand() -> None:
    left = [
        (rel, line, text)
        for rel, line, text in _hand_written()
        if not any(rel == p and text.startswith(words) for p, words in PROGRAMMING)
    ]
    assert left == [], "say(code, ...) these instead (core/messages_*.py), or list a bug here"


def test_the_scan_sees_a_hand_written_raise() -> None:
    """The scan itself works: an f-string raise and a super().__init__ text are both found."""
    tree = ast.parse(
        'class E(ValueError):\n    def __init__(self):\n        super().__init__(f"x {1}")\n'
        'raise E(f"bad {2}")\nraise E(say("code"))\n'
    )
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args]
    inits = [c for c in calls if getattr(c.func, "attr", "") == "__init__"]
    raised = [c for c in calls if getattr(c.func, "id", "") == "E"]
    assert [_text(c.args[0]) for c in inits] == ["x {}"]
    assert [_text(c.args[0]) for c in raised] == ["bad {}", None]
