"""Turning the engine's rendering and problems into the SQL preview's marks."""

from __future__ import annotations

from collections.abc import Iterable

from schemadesk.core.migrations.models import FileProblem, PlaceholderSpan
from schemadesk.core.migrations.template import Rendered
from schemadesk.ui.core_texts import problem_text
from schemadesk.ui.sql_preview.types import Problem, Span

_CONTEXT_KIND = {"comment": "in_literal", "string": "in_literal", "dollar-body": "in_literal"}


def placeholder_spans(placeholders: Iterable[PlaceholderSpan]) -> list[Span]:
    """Marks for the raw file: every ``{{...}}``, coloured by what pgdbm does with it."""
    spans = []
    for p in placeholders:
        if p.replacement is None:
            kind = "unknown_placeholder"
        else:
            kind = _CONTEXT_KIND.get(p.context, "placeholder")
        spans.append(Span(p.line, p.column, p.end - p.start, kind))
    return spans


def preview_problems(problems: Iterable[FileProblem]) -> list[Problem]:
    """The engine's file problems as preview problems (same 1-based positions)."""
    return [Problem(p.line, p.column, problem_text(p.message), p.severity.value) for p in problems]


def rendered_problems(rendered: Rendered, extra: Iterable[FileProblem] = ()) -> list[Problem]:
    """Problems of a rendering plus the file's own, without duplicates."""
    seen: set[tuple[object, ...]] = set()
    unique: list[FileProblem] = []
    for p in (*extra, *rendered.problems):
        key = (p.code, p.line, p.column)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return preview_problems(unique)
