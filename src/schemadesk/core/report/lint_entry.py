"""The lint part of a review manifest: each finding at its file, line and column.

A manifest without lint findings has no ``lint`` key at all, so every report written before
lint existed keeps its exact JSON and content hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadesk.core.lint.models import LintFinding
from schemadesk.core.report.json_fields import get

_INT_OR_NONE = (int, type(None))


@dataclass(frozen=True, slots=True)
class LintEntry:
    """One lint finding as the report shows it (``file`` is ``module/filename``)."""

    file: str
    line: int | None
    column: int | None
    rule: str
    source: str
    severity: str
    message: str

    def where(self) -> str:
        """``module/file:line:column`` (or the file alone for a whole-file finding)."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column if self.column is not None else 1}"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "source": self.source,
            "severity": self.severity,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LintEntry:
        return cls(
            file=get(data, "file", str),
            line=get(data, "line", _INT_OR_NONE),
            column=get(data, "column", _INT_OR_NONE),
            rule=get(data, "rule", str),
            source=get(data, "source", str),
            severity=get(data, "severity", str),
            message=get(data, "message", str),
        )


def lint_entries(findings: Iterable[LintFinding]) -> tuple[LintEntry, ...]:
    """The report's entries of lint findings, in their order."""
    return tuple(
        LintEntry(
            file=f"{f.module}/{Path(f.file).name}" if f.module else Path(f.file).name,
            line=f.line,
            column=f.column,
            rule=f.rule,
            source=f.source,
            severity=str(f.severity),
            message=f.message,
        )
        for f in findings
    )
