"""Find the version of a drifted file that the ledger recorded, in the folder's git history.

Walks ``git log --format=%H -- <file>`` newest first, computes pgdbm's checksum of each
``git show <commit>:<file>``, and returns the unified diff from the first match to the file on
disk. Git runs through an injectable runner (no shell); no git, no repository, no match: None.
"""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from schemadesk.core.migrations.files import checksum, decode
from schemadesk.core.migrations.models import DriftDiff, MigrationFile

GitRunner = Callable[[Sequence[str], Path], bytes | None]
MAX_COMMITS = 200


def run_git(args: Sequence[str], cwd: Path) -> bytes | None:
    """``git <args>`` in ``cwd``; its stdout, or None when git is absent or fails."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def find_recorded_version(
    file: MigrationFile, recorded_checksum: str, run: GitRunner = run_git
) -> DriftDiff | None:
    """The commit whose version of ``file`` has ``recorded_checksum``, and the diff from it."""
    folder = file.path.parent
    top = run(["rev-parse", "--show-toplevel"], folder)
    if top is None:
        return None
    root = Path(top.decode("utf-8", "replace").strip())
    try:
        rel = file.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    log = run(["log", "--format=%H", f"-n{MAX_COMMITS}", "--", rel], root)
    if not log:
        return None
    for commit in log.decode("ascii", "replace").split():
        blob = run(["show", f"{commit}:{rel}"], root)
        if blob is None:
            continue
        try:
            old = decode(blob)
        except UnicodeDecodeError:
            continue
        if checksum(old) == recorded_checksum:
            new = file.content or ""
            diff = "".join(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    fromfile=f"a/{rel} ({commit[:12]})",
                    tofile=f"b/{rel} (on disk)",
                )
            )
            return DriftDiff(commit=commit, diff=diff)
    return None
