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
from dataclasses import dataclass, field
from typing import NamedTuple

from schemadesk.core.messages_migrations import Message, say
from schemadesk.core.migrations.lexer import placeholder_contexts
from schemadesk.core.migrations.models import FileProblem, PlaceholderSpan, Severity
from schemadesk.core.migrations.placeholders import (
    EXPLICIT,
    IMPLICIT,
    NAME_PATTERN,
    leftovers,
    plain_render,
    valid_name,
)

_CONTEXT_PROBLEMS = {
    "comment": ("placeholder-in-comment", Severity.WARNING, "inside-comment"),
    "string": ("placeholder-in-string", Severity.WARNING, "inside-string"),
    "identifier": ("placeholder-in-identifier", Severity.WARNING, "inside-identifier"),
    "dollar-body": ("placeholder-in-dollar-body", Severity.INFO, "inside-dollar-body"),
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
    # The position map and the placeholders are built when first asked for (an error's
    # position, the preview, render --json): status, plan and apply need only the text and the
    # problems, and a seed file can hold 200,000 placeholders. None: the text is the file.
    lazy: _Positions | None = field(default=None, compare=False, repr=False)

    @property
    def origin(self) -> tuple[tuple[int, int, int, int, int], ...] | None:
        """Where rendered text came from, in order: (rendered start, length, file start, step,
        tag), step 1 for copied text and 0 for a replacement (every char maps to the
        placeholder's start); None: the text is the file. Pieces, not one offset per char."""
        return None if self.lazy is None else self.lazy.get()[0]

    @property
    def placeholders(self) -> tuple[PlaceholderSpan, ...]:
        """Every placeholder: where it is in the file and in the rendered text, and its context."""
        return () if self.lazy is None else self.lazy.get()[1].get()

    @property
    def ok(self) -> bool:
        """False when pgdbm would refuse to render this file (an invalid name)."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def source_offset(self, rendered_offset: int) -> int:
        """The file offset a rendered character came from (clamped to the text)."""
        if not self.text:
            return 0
        rendered_offset = max(0, min(rendered_offset, len(self.text) - 1))
        origin = self.origin
        if origin is None:
            return rendered_offset
        k = bisect.bisect_right(origin, rendered_offset, key=_piece_start) - 1
        start, _, source, step, _ = origin[k]
        return source + (rendered_offset - start) * step

    def source_position(self, rendered_offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of a 0-based offset in the rendered text."""
        return LineIndex(self.source).position(self.source_offset(rendered_offset))


def _piece_start(piece: tuple[int, ...]) -> int:
    return piece[0]


class _Hit(NamedTuple):  # a tuple: a seed file has 200,000 of them
    text: str
    replacement: str | None
    start: int
    end: int
    tag: int


# A piece of the current text: (start, length, file start, step, hit tag or -1).
_Piece = tuple[int, int, int, int, int]


class _Renderer:
    def __init__(self, source: str, schema: str | None) -> None:
        self.source = source
        self.schema = schema
        self.text = source
        self.pieces: list[_Piece] = [(0, len(source), 0, 1, -1)] if source else []
        self.hits: list[_Hit] = []
        self.problems: list[FileProblem] = []
        self.lines = LineIndex(source)
        self.contexts: list[str] = []  # the region kind at each hit (see lexer)
        self.leftovers: list[tuple[int, int]] = []  # unknown {{...}} in the rendered text

    def origin(self, offset: int) -> int:
        """The file offset of a character of the current text."""
        k = bisect.bisect_right(self.pieces, offset, key=_piece_start) - 1
        start, _, source, step, _ = self.pieces[k]
        return source + (offset - start) * step

    def pass_(
        self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
    ) -> None:
        text, old, source, hits = self.text, self.pieces, self.source, self.hits
        # Before any replacement the text is the file: offsets are their own origin.
        identity = len(old) == 1 and old[0][2:] == (0, 1, -1)
        out: list[str] = []
        pieces: list[_Piece] = []
        k = 0  # the old piece that holds the next character to copy

        def copy(a: int, b: int, shift: int, tag: int = -1) -> None:
            nonlocal k
            if identity:
                if b > a:
                    pieces.append((a + shift, b - a, a, 1, tag))
                return
            while k < len(old) and old[k][0] + old[k][1] <= a:
                k += 1
            j = k
            while j < len(old) and old[j][0] < b:
                start, length, origin, step, old_tag = old[j]
                lo, hi = max(a, start), min(b, start + length)
                piece_tag = old_tag if tag < 0 else tag
                pieces.append((lo + shift, hi - lo, origin + (lo - start) * step, step, piece_tag))
                j += 1

        last = shift = 0
        for m in pattern.finditer(text):
            a, b = m.span()
            out.append(text[last:a])
            if identity:  # copy() inlined: this loop runs once per placeholder
                if a > last:
                    pieces.append((last + shift, a - last, last, 1, -1))
                src_start, src_end = a, b
            else:
                copy(last, a, shift)
                src_start, src_end = self.origin(a), self.origin(b - 1) + 1
            replacement = replace(m)
            tag = len(hits)
            hits.append(_Hit(source[src_start:src_end], replacement, src_start, src_end, tag))
            if replacement is None:  # invalid name: pgdbm raises; keep the text to show it
                out.append(m.group(0))
                copy(a, b, shift, tag)
            else:
                out.append(replacement)
                if replacement:
                    pieces.append((a + shift, len(replacement), src_start, 0, tag))
                shift += len(replacement) - (b - a)
            last = b
        if not out:
            return
        out.append(text[last:])
        copy(last, len(text), shift)
        self.text = "".join(out)
        self.pieces = pieces

    def check_name(self, name: str, kind: str, m: re.Match[str]) -> bool:
        if valid_name(name):
            return True
        line, col = self.lines.position(self.origin(m.start()))
        self.problems.append(
            FileProblem(
                "invalid-name",
                Severity.ERROR,
                say(f"invalid-{kind}-in", name=repr(name), ph=m.group(0)),
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
                say("invalid-schema", name=repr(schema)),
            ),
        )
        if schema and not NAME_PATTERN.fullmatch(schema)
        else ()
    )
    if "{{" not in source:
        return Rendered(source, source, schema, bad_schema, None)
    text = plain_render(source, schema)
    if text is not None:  # nothing to report: positions only if someone asks
        return Rendered(source, text, schema, bad_schema, _Positions(source, schema))
    r = _track(source, schema, bad_schema)
    text, problems = _finish(r)
    return Rendered(source, text, schema, problems, _Positions(source, schema, r))


def _track(source: str, schema: str | None, bad_schema: tuple[FileProblem, ...]) -> _Renderer:
    """pgdbm's passes with the position map and every placeholder recorded."""
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

    known: dict[str, str] = {}  # a seed file names the same table 200,000 times

    def implicit(m: re.Match[str]) -> str | None:
        name = m.group(1)
        done = known.get(name)
        if done is not None:
            return done
        if not r.check_name(name, "table", m):
            return None
        done = known[name] = f'"{schema}".{name}' if schema else name
        return done

    r.pass_(EXPLICIT, explicit)
    r.pass_(IMPLICIT, implicit)
    r.contexts = placeholder_contexts(r.source, [hit.start for hit in r.hits])
    r.leftovers = [(a, b) for a, b in leftovers(r.text) if not _holds_invalid_name(r, a, b)]
    return r


def _finish(r: _Renderer) -> tuple[str, tuple[FileProblem, ...]]:
    """The rendered text and every problem, each at its line and column of the file."""
    contexts = r.contexts
    for hit, context in zip(r.hits, contexts, strict=True):
        if context in _CONTEXT_PROBLEMS and hit.replacement is not None:
            code, severity, where = _CONTEXT_PROBLEMS[context]
            line, col = r.lines.position(hit.start)
            message = say("placeholder-inside", ph=hit.text, place=Message(where))
            r.problems.append(FileProblem(code, severity, message, line, col))
    for a, b in r.leftovers:  # (an invalid name is already reported as such)
        line, col = r.lines.position(r.origin(a))
        r.problems.append(
            FileProblem(
                "unknown-placeholder",
                Severity.WARNING,
                say("unknown-placeholder", ph=r.text[a:b]),
                line,
                col,
            )
        )
    return r.text, tuple(sorted(r.problems, key=lambda p: (p.line or 0, p.column or 0)))


class _Positions:
    """A rendering's position map and placeholders, tracked when first asked for."""

    def __init__(self, source: str, schema: str | None, r: _Renderer | None = None) -> None:
        self._source = source
        self._schema = schema
        self._built: tuple[tuple[_Piece, ...], _Placeholders] | None = None
        if r is not None:
            self._built = (tuple(r.pieces), _Placeholders(r, r.contexts, r.leftovers))

    def get(self) -> tuple[tuple[_Piece, ...], _Placeholders]:
        if self._built is None:
            r = _track(self._source, self._schema, ())
            self._built = (tuple(r.pieces), _Placeholders(r, r.contexts, r.leftovers))
        return self._built


class _Placeholders:
    """Builds a rendering's PlaceholderSpans once, when first asked for."""

    def __init__(self, r: _Renderer, contexts: list[str], leftovers: list[tuple[int, int]]):
        self._r: _Renderer | None = r
        self._contexts = contexts
        self._leftovers = leftovers
        self._built: tuple[PlaceholderSpan, ...] | None = None

    def get(self) -> tuple[PlaceholderSpan, ...]:
        if self._built is None and self._r is not None:
            self._built = self._build(self._r)
            self._r = None  # the renderer's lists are not needed any more
        return self._built or ()

    def _build(self, r: _Renderer) -> tuple[PlaceholderSpan, ...]:
        spans: dict[int, list[int]] = {}
        for start, length, _, _, tag in r.pieces:
            if tag >= 0:
                span = spans.setdefault(tag, [start, start + length])
                span[1] = start + length
        placeholders: list[PlaceholderSpan] = []
        for hit, context in zip(r.hits, self._contexts, strict=True):
            line, col = r.lines.position(hit.start)
            rstart, rend = spans.get(hit.tag, [-1, -1])
            if rstart < 0:  # replaced by nothing ("{{schema}}." without a schema)
                rstart = rend = _rendered_offset_after(r, hit.start)
            placeholders.append(
                PlaceholderSpan(
                    hit.text, hit.replacement, hit.start, hit.end, line, col, rstart, rend, context
                )
            )
        starts = [r.origin(a) for a, _ in self._leftovers]
        for (a, b), start, context in zip(
            self._leftovers, starts, placeholder_contexts(r.source, starts), strict=True
        ):
            end = r.origin(b - 1) + 1
            line, col = r.lines.position(start)
            placeholders.append(
                PlaceholderSpan(r.source[start:end], None, start, end, line, col, a, b, context)
            )
        placeholders.sort(key=lambda p: (p.start, p.rendered_start))
        return tuple(placeholders)


def _holds_invalid_name(r: _Renderer, a: int, b: int) -> bool:
    k = bisect.bisect_right(r.pieces, a, key=_piece_start) - 1
    while k < len(r.pieces) and r.pieces[k][0] < b:
        tag = r.pieces[k][4]
        if tag >= 0 and r.hits[tag].replacement is None:
            return True
        k += 1
    return False


def _rendered_offset_after(r: _Renderer, source_offset: int) -> int:
    """The first rendered offset whose file offset is at least ``source_offset``.

    Replacements keep the order of the text, so file offsets never decrease along the pieces.
    """
    k = bisect.bisect_left(r.pieces, source_offset, key=_piece_last_source)
    if k == len(r.pieces):
        return len(r.text)
    start, _, source, step, _ = r.pieces[k]
    return start + max(0, source_offset - source) * step


def _piece_last_source(piece: tuple[int, ...]) -> int:
    return piece[2] + (piece[1] - 1) * piece[3]
