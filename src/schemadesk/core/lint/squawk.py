"""squawk (PyPI ``squawk-cli``) run on the rendered SQL of one file, findings mapped back.

squawk is a program, not a connection, so it runs from core as ``git`` does for drift. Its JSON
reporter gives 0-based lines and 0-based columns counted in UTF-8 bytes of the rendered text;
rendering changes line lengths when a placeholder expands, so each position goes through the
renderer's offset map to the template's line and (character) column. Only the JSON reporter is
used: the default one writes colour and hyperlink escapes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages_tools import Message, say
from schemadesk.core.migrations.models import Severity
from schemadesk.core.migrations.template import Rendered
from schemadesk.core.terminal_text import visible_line

_BATCH = 400  # files per squawk process (command lines stay short on every platform)
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING}


class SquawkMissing(SchemadeskError):
    """squawk is not installed next to this Python nor on PATH.

    Exit 4, as for missing PostgreSQL binaries: a program schemadesk needs is not there.
    """

    exit_code = 4


class SquawkFailed(SchemadeskError):
    """squawk ran but did not give a JSON report."""


def squawk_path() -> Path:
    """The squawk program: in the bundle, next to ``sys.executable`` (the venv's ``bin``),
    else on PATH."""
    name = "squawk.exe" if os.name == "nt" else "squawk"
    places = [Path(sys.executable).parent / name]
    bundle = getattr(sys, "_MEIPASS", None)  # the installed bundle keeps it in _internal/
    if getattr(sys, "frozen", False) and bundle:
        places.insert(0, Path(bundle) / name)
    for beside in places:
        if beside.is_file() and os.access(beside, os.X_OK):
            return beside
    found = shutil.which(name)
    if found:
        return Path(found)
    raise SquawkMissing(say("squawk-missing", python=sys.executable))


def run_squawk(program: Path, text: str, *, in_transaction: bool) -> list[dict[str, Any]]:
    """squawk's JSON findings for ``text``, as squawk reports them."""
    return run_squawk_many(program, [text], in_transaction=in_transaction)[0]


def run_squawk_many(
    program: Path, texts: Sequence[str], *, in_transaction: bool
) -> list[list[dict[str, Any]]]:
    """squawk's findings for each text, one squawk process per ``_BATCH`` texts.

    Starting squawk costs a few milliseconds, more than it needs to lint a file: the texts are
    written to a private temporary folder and given to one process, and its findings are
    grouped back by file name.
    """
    found: list[list[dict[str, Any]]] = [[] for _ in texts]
    if not texts:
        return found
    with tempfile.TemporaryDirectory(prefix="schemadesk-lint-") as folder:
        names = [f"{i:06d}.sql" for i in range(len(texts))]
        for name, text in zip(names, texts, strict=True):
            (Path(folder) / name).write_bytes(text.encode("utf-8"))
        for start in range(0, len(names), _BATCH):
            batch = names[start : start + _BATCH]
            for entry in _run(program, batch, Path(folder), in_transaction=in_transaction):
                index = names.index(str(entry.get("file")), start, start + len(batch))
                found[index].append(entry)
    return found


def _run(
    program: Path, names: Sequence[str], folder: Path, *, in_transaction: bool
) -> list[dict[str, Any]]:
    args = [str(program), "--reporter", "json", *names]
    if in_transaction:  # pgdbm runs a transactional file inside one transaction
        args.append("--assume-in-transaction")
    try:
        done = subprocess.run(
            args,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SquawkFailed(
            say("squawk-could-not-run", program=str(program), reason=str(exc))
        ) from None
    out = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode not in (0, 1) or (done.returncode == 1 and not out.startswith("[")):
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SquawkFailed(_exited(done.returncode, err[-1] if err else None))
    if not out:
        return []
    try:
        found = json.loads(out)
    except ValueError:
        raise SquawkFailed(say("squawk-not-json")) from None
    if not isinstance(found, list):
        raise SquawkFailed(say("squawk-not-list"))
    known = set(names)
    return [f for f in found if isinstance(f, dict) and f.get("file") in known]


def _exited(code: int, last: str | None) -> str:
    """squawk's exit code and the last line it wrote to stderr, on one line of at most 300
    characters (the English as it always was: the message cut, never the code)."""
    english = visible_line(f"squawk exited {code}: {last if last is not None else 'no message'}")
    room = 300 - len(f"squawk exited {code}: ")
    message = Message("squawk-no-message") if last is None else visible_line(last)[:room]
    said = say("squawk-exited", status=code, message=message)
    return said if said == english[:300] else english[:300]


class RenderedPositions:
    """squawk's (line, UTF-8 byte column) in the rendered text → 1-based file (line, column)."""

    def __init__(self, rendered: Rendered) -> None:
        self.rendered = rendered
        self.lines = rendered.text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def rendered_offset(self, line: int, byte_column: int) -> int:
        """The character offset in the rendered text."""
        line = max(0, min(line, len(self.lines) - 1))
        raw = self.lines[line].encode("utf-8")[: max(0, byte_column)]
        return self.starts[line] + len(raw.decode("utf-8", "ignore"))

    def source(self, line: int, byte_column: int) -> tuple[int, int]:
        """1-based (line, column) in the template."""
        return self.rendered.source_position(self.rendered_offset(line, byte_column))


def level(value: Any) -> Severity:
    """squawk's ``level`` as a severity (anything unknown as info)."""
    return _LEVELS.get(str(value).lower(), Severity.INFO)
