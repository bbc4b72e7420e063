"""pgdbm 0.5.0's template rendering, byte for byte, with problem reports and a position map.

pgdbm renders in passes of plain text replacement (``AsyncDatabaseManager.prepare_query``):
with a schema, ``{{schema}}`` → ``"schema"``, then ``{{tables.s.x}}`` → ``"s".x``, then
``{{tables.x}}`` → ``"schema".x``; without one, ``{{schema}}.`` → nothing, ``{{schema}}`` →
``public``, ``{{tables.s.x}}`` → ``"s".x``, ``{{tables.x}}`` → ``x``. This module runs the same
passes and keeps, for every rendered character, the file offset it came from, so that a server
error position in the rendered SQL maps back to a line and column of the file.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from schemadesk.core.migrations.lexer import RegionIndex
from schemadesk.core.migrations.models import FileProblem, PlaceholderSpan, Severity

NAME_PATTERN = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]{0,62}")
_EXPLICIT = re.compile(r"{{tables\.([a-zA-Z0-9_]+)\.([a-zA-Z0-9_]+)}}")
_IMPLICIT = re.compile(r"{{tables\.([a-zA-Z0-9_]+)}}")
_LEFTOVER = re.compile(r"{{[^\n]*?}}")
_CONTEXT_PROBLEMS = {
    "comment": ("placeholder-in-comment", Severity.WARNING, "inside a comment"),
    "string": ("placeholder-in-string", Severity.WARNING, "inside a string literal"),
    "identifier": ("placeholder-in-identifier", Severity.WARNING, "inside a quoted identifier"),
    "dollar-body": ("placeholder-in-dollar-body", Severity.INFO, "inside a $$ body"),
}


class LineIndex:
    """Offsets to 1-based (line, column) in a text with ``\\n`` line ends."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._starts, offset) - 1
        return k + 1, offset - self._starts[k] + 1


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered migration: the text pgdbm would send, problems, placeholders, position map."""

    source: str
    text: str
    schema: str | None
    problems: tuple[FileProblem, ...]
    placeholders: tuple[PlaceholderSpan, ...]
    origin: tuple[int, ...] | None  # file offset of each rendered char; None: identity

    @property
    def ok(self) -> bool:
        """False when pgdbm would refuse to render this file (an invalid name)."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def source_offset(self, rendered_offset: int) -> int:
        """The file offset a rendered character came from (clamped to the text)."""
        if not self.text:
            return 0
        rendered_offset = max(0, min(rendered_offset, len(self.text) - 1))
        return rendered_offset if self.origin is None else self.origin[rendered_offset]

    def source_position(self, rendered_offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of a 0-based offset in the rendered text."""
        return LineIndex(self.source).position(self.source_offset(rendered_offset))


@dataclass
class _Hit:
    text: str
    replacement: str | None
    start: int
    end: int
    tag: int


class _Renderer:
    def __init__(self, source: str, schema: str | None) -> None:
        self.source = source
        self.schema = schema
        self.text = source
        self.origin: list[int] = list(range(len(source)))
        self.tags: list[int] = [-1] * len(source)
        self.hits: list[_Hit] = []
        self.problems: list[FileProblem] = []
        self.lines = LineIndex(source)

    def pass_(
        self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
    ) -> None:
        text, origin, tags = self.text, self.origin, self.tags
        out: list[str] = []
        new_origin: list[int] = []
        new_tags: list[int] = []
        last = 0
        matched = False
        for m in pattern.finditer(text):
            matched = True
            a, b = m.span()
            out.append(text[last:a])
            new_origin.extend(origin[last:a])
            new_tags.extend(tags[last:a])
            src_start, src_end = origin[a], origin[b - 1] + 1
            replacement = replace(m)
            tag = len(self.hits)
            self.hits.append(
                _Hit(self.source[src_start:src_end], replacement, src_start, src_end, tag)
            )
            if replacement is None:  # invalid name: pgdbm raises; keep the text to show it
                replacement = m.group(0)
                new_origin.extend(origin[a:b])
            else:
                new_origin.extend([src_start] * len(replacement))
            out.append(replacement)
            new_tags.extend([tag] * len(replacement))
            last = b
        if not matched:
            return
        out.append(text[last:])
        new_origin.extend(origin[last:])
        new_tags.extend(tags[last:])
        self.text = "".join(out)
        self.origin = new_origin
        self.tags = new_tags

    def check_name(self, name: str, kind: str, m: re.Match[str]) -> bool:
        if NAME_PATTERN.fullmatch(name):
            return True
        src = self.origin[m.start()]
        line, col = self.lines.position(src)
        self.problems.append(
            FileProblem(
                "invalid-name",
                Severity.ERROR,
                f"invalid {kind} name {name!r} in {m.group(0)}: pgdbm refuses to render the file "
                "(names start with a letter or underscore, then letters, digits, underscores, "
                "at most 63 characters)",
                line,
                col,
            )
        )
        return False


@functools.lru_cache(maxsize=2048)
def render(source: str, schema: str | None) -> Rendered:
    """Render ``source`` exactly as pgdbm 0.5.0 does for ``schema`` (``None``: no schema).

    Never raises: names pgdbm would refuse are reported as ``invalid-name`` errors and left as
    they are; placeholders pgdbm leaves untouched are reported as ``unknown-placeholder``.
    Results are immutable and cached (status, plan and error mapping render the same files).
    """
    bad_schema = (
        (
            FileProblem(
                "invalid-name",
                Severity.ERROR,
                f"invalid schema name {schema!r}: pgdbm refuses it (letters, digits, "
                "underscores, not starting with a digit, at most 63 characters)",
            ),
        )
        if schema and not NAME_PATTERN.fullmatch(schema)
        else ()
    )
    if "{{" not in source:
        return Rendered(source, source, schema, bad_schema, (), None)
    r = _Renderer(source, schema)
    r.problems.extend(bad_schema)
    if schema:
        quoted = f'"{schema}"'
        r.pass_(re.compile(re.escape("{{schema}}")), lambda m: quoted)
    else:
        r.pass_(re.compile(re.escape("{{schema}}.")), lambda m: "")
        r.pass_(re.compile(re.escape("{{schema}}")), lambda m: "public")

    def explicit(m: re.Match[str]) -> str | None:
        ok = r.check_name(m.group(1), "schema", m) & r.check_name(m.group(2), "table", m)
        return f'"{m.group(1)}".{m.group(2)}' if ok else None

    def implicit(m: re.Match[str]) -> str | None:
        if not r.check_name(m.group(1), "table", m):
            return None
        return f'"{schema}".{m.group(1)}' if schema else m.group(1)

    r.pass_(_EXPLICIT, explicit)
    r.pass_(_IMPLICIT, implicit)
    return _finish(r)


def _finish(r: _Renderer) -> Rendered:
    regions = RegionIndex(r.source)
    spans: dict[int, list[int]] = {}
    for pos, tag in enumerate(r.tags):
        if tag >= 0:
            span = spans.setdefault(tag, [pos, pos + 1])
            span[1] = pos + 1
    placeholders: list[PlaceholderSpan] = []
    for hit in r.hits:
        line, col = r.lines.position(hit.start)
        rstart, rend = spans.get(hit.tag, [-1, -1])
        if rstart < 0:  # replaced by nothing ("{{schema}}." without a schema)
            rstart = rend = _rendered_offset_after(r, hit.start)
        context = regions.kind_at(hit.start)
        placeholders.append(
            PlaceholderSpan(
                hit.text, hit.replacement, hit.start, hit.end, line, col, rstart, rend, context
            )
        )
        if context in _CONTEXT_PROBLEMS and hit.replacement is not None:
            code, severity, where = _CONTEXT_PROBLEMS[context]
            r.problems.append(
                FileProblem(
                    code,
                    severity,
                    f"{hit.text} is {where}; pgdbm replaces it there too",
                    line,
                    col,
                )
            )
    for m in _LEFTOVER.finditer(r.text):
        a, b = m.span()
        if any(t >= 0 and r.hits[t].replacement is None for t in r.tags[a:b]):
            continue  # already reported as an invalid name
        src_start = r.origin[a]
        src_end = r.origin[b - 1] + 1
        line, col = r.lines.position(src_start)
        placeholders.append(
            PlaceholderSpan(
                r.source[src_start:src_end],
                None,
                src_start,
                src_end,
                line,
                col,
                a,
                b,
                regions.kind_at(src_start),
            )
        )
        r.problems.append(
            FileProblem(
                "unknown-placeholder",
                Severity.WARNING,
                f"{m.group(0)} is not a pgdbm placeholder and is sent to the server as it is "
                "(pgdbm knows {{schema}}, {{tables.name}} and {{tables.schema.name}}, no spaces)",
                line,
                col,
            )
        )
    placeholders.sort(key=lambda p: (p.start, p.rendered_start))
    problems = sorted(r.problems, key=lambda p: (p.line or 0, p.column or 0))
    return Rendered(
        r.source, r.text, r.schema, tuple(problems), tuple(placeholders), tuple(r.origin)
    )


def _rendered_offset_after(r: _Renderer, source_offset: int) -> int:
    # Replacements keep the order of the text, so origins never decrease.
    return bisect.bisect_left(r.origin, source_offset)
