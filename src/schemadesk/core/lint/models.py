"""Lint findings and the project's ``[lint]`` table, as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_tools import say
from schemadesk.core.migrations.models import Severity
from schemadesk.core.toml_file import read_toml

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
DEFAULT_LARGE_TABLE_BYTES = 100 * 1024 * 1024
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|TB)?\s*$")
_UNITS = {None: 1, "B": 1, "kB": 1024, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One lint finding at a 1-based line and column of the migration file (the template).

    ``source`` is ``squawk`` or ``schemadesk``; ``rule`` is the rule's stable name
    (squawk's own names for squawk's rules). ``line`` is ``None`` for whole-file findings.
    """

    file: str
    rule: str
    source: str
    severity: Severity
    message: str
    help: str | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    module: str = ""

    def at_least(self, severity: Severity) -> bool:
        """True when this finding is at least as severe as ``severity``."""
        return SEVERITY_ORDER.index(self.severity) <= SEVERITY_ORDER.index(severity)

    def as_json(self) -> dict[str, Any]:
        """The finding for ``--json`` and the review report's manifest."""
        return {
            "module": self.module,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "source": self.source,
            "severity": str(self.severity),
            "message": self.message,
            "help": self.help,
        }


@dataclass(frozen=True, slots=True)
class LintConfig:
    """``[lint]`` of ``schemadesk.toml``: rules switched off, and what counts as a large table."""

    disable: frozenset[str] = field(default_factory=frozenset)
    large_table_bytes: int = DEFAULT_LARGE_TABLE_BYTES

    def enabled(self, rule: str) -> bool:
        """False for a rule the project disabled."""
        return rule not in self.disable


def parse_size(where: str, value: Any) -> int:
    """``"100MB"``, ``"2 GB"`` or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    m = _SIZE.match(value) if isinstance(value, str) else None
    if m is None:
        raise ConfigError(say("lint-size", where=where, value=repr(value)))
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def load_lint_config(project_file: Path | None) -> LintConfig:
    """The ``[lint]`` table of a project file (defaults without a file or a table)."""
    if project_file is None:
        return LintConfig()
    data = read_toml(project_file) or {}
    table = data.get("lint", {})
    where = f"{project_file}: [lint]"
    if not isinstance(table, dict):
        raise ConfigError(say("lint-not-table", where=where))
    unknown = set(table) - {"disable", "large_table"}
    if unknown:
        raise ConfigError(say("lint-unknown-key", where=where, key=repr(sorted(unknown)[0])))
    disable = table.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(r, str) for r in disable):
        raise ConfigError(say("lint-disable", where=where))
    size = parse_size(f"{where} large_table", table.get("large_table", DEFAULT_LARGE_TABLE_BYTES))
    return LintConfig(frozenset(disable), size)
