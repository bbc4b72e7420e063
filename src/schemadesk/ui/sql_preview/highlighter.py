"""PostgreSQL highlighting with Pygments: the whole text is lexed once, blocks only look up.

A ``$$`` body, a multi-line comment or string can only be lexed with the text around it, so
``highlightBlock`` never lexes a single line: the first block whose text differs from what was
lexed re-lexes the whole document, and every other block finds its runs by line number.

Pygments counts Python code points; Qt counts UTF-16 units. Lines with characters outside the
Basic Multilingual Plane (emoji) are converted, so nothing after an emoji shifts.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pygments.lexers import PostgresLexer
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    String,
)
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from schemadesk.ui.sql_preview.colours import LIGHT, Scheme
from schemadesk.ui.sql_preview.types import Problem, Span

# Token type -> category, most specific first (``x in Token.Y`` is true for Y and its subtypes).
_CATEGORIES: tuple[tuple[Any, str], ...] = (
    (String.Name, "identifier"),
    (String, "string"),
    (Comment, "comment"),
    (Keyword, "keyword"),
    (Name.Builtin, "builtin"),
    (Name.Function, "function"),
    (Name.Variable, "variable"),
    (Number, "number"),
    (Operator, "operator"),
)


def _category(ttype: Any) -> str | None:
    for parent, category in _CATEGORIES:
        if ttype in parent:
            return category
    return None


@dataclass(frozen=True, slots=True)
class Run:
    """One token's piece of a line, in code points; ``category`` None for plain text."""

    start: int
    length: int
    category: str | None


def _utf16_offsets(text: str) -> list[int] | None:
    """UTF-16 position of every code point offset (``len(text) + 1`` entries), or None when
    the two counts agree (no character outside the BMP)."""
    if text.isascii() or all(ord(ch) <= 0xFFFF for ch in text):
        return None
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return offsets


class SqlHighlighter(QSyntaxHighlighter):
    """Colours a document's SQL and lays spans (backgrounds) and problems (underlines) on top."""

    def __init__(self, document: QTextDocument, scheme: Scheme = LIGHT) -> None:
        super().__init__(document)  # highlights later (a queued call), not before we are ready
        self._lexer = PostgresLexer(stripnl=False, stripall=False, ensurenl=False)
        self._scheme = scheme
        self._formats: dict[str, QTextCharFormat] = {}
        self._lines: list[str] = []
        self._runs: list[list[Run]] = []
        self._bodies: dict[int, list[tuple[int, int]]] = {}
        self._body_lines: set[int] = set()  # lines wholly inside a $$ body, line end included
        self._spans: dict[int, list[Span]] = {}
        self._problems: dict[int, list[Problem]] = {}
        self._underline = True
        self._stale = True
        self.lex_count = 0  # how many times the whole text was lexed (tests and benchmarks)
        self._build_formats()

    # -- inputs ---------------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Forget the lexed text: call before replacing the document's text."""
        self._stale = True

    def set_scheme(self, scheme: Scheme) -> None:
        if scheme != self._scheme:
            self._scheme = scheme
            self._build_formats()
            self.rehighlight()

    def set_marks(
        self, spans: Sequence[Span], problems: Sequence[Problem], *, underline: bool = True
    ) -> None:
        """Spans get a background; problems (1-based lines of this document) an underline."""
        self._spans = {}
        for span in spans:
            self._spans.setdefault(span.line - 1, []).append(span)
        self._problems = {}
        for problem in problems:
            if problem.line is not None:
                self._problems.setdefault(problem.line - 1, []).append(problem)
        self._underline = underline
        self.rehighlight()

    # -- what was lexed (tests look here too) ---------------------------------------------------

    def runs(self, line: int) -> list[Run]:
        """The token runs of a 0-based line, in code points."""
        return list(self._runs[line]) if 0 <= line < len(self._runs) else []

    def body_lines(self) -> set[int]:
        """0-based lines wholly inside a ``$$`` body (their line end too)."""
        return self._body_lines

    def problem_extent(self, problem: Problem) -> tuple[int, int] | None:
        """Code point start and length underlined for ``problem`` on its line, if any."""
        if problem.line is None or not 0 <= problem.line - 1 < len(self._lines):
            return None
        n = problem.line - 1
        text = self._lines[n]
        stripped_end = len(text.rstrip())
        if problem.column is None:
            start = len(text) - len(text.lstrip())
            return (start, stripped_end - start) if stripped_end > start else None
        start = problem.column - 1
        if problem.length:
            return start, problem.length
        if start >= stripped_end:  # past the text: mark its last character
            return (stripped_end - 1, 1) if stripped_end else None
        for span in self._spans.get(n, ()):
            if span.column - 1 == start:
                return start, span.length
        if text.startswith("{{", start):
            close = text.find("}}", start + 2)
            if close >= 0:
                return start, close + 2 - start
        if text[start].isspace():
            return start, stripped_end - start
        for run in self._runs[n]:
            if run.start <= start < run.start + run.length:
                return start, run.start + run.length - start
        return start, stripped_end - start

    # -- lexing ---------------------------------------------------------------------------------

    def _document_text(self) -> str:
        document = self.document()
        lines: list[str] = []
        block = document.firstBlock()
        while block.isValid():
            lines.append(block.text())
            block = block.next()
        return "\n".join(lines)

    def _relex(self) -> None:
        text = self._document_text()
        self.lex_count += 1
        self._stale = False
        self._lines = text.split("\n")
        self._runs = [[] for _ in self._lines]
        self._bodies = {}
        self._body_lines = set()
        line_starts = [0]
        for i, line_text in enumerate(self._lines[:-1]):
            line_starts.append(line_starts[i] + len(line_text) + 1)

        line = column = position = 0
        recent: list[tuple[Any, str, int]] = []  # the last three tokens, for $tag$ delimiters
        body_open: tuple[str, int] | None = None  # delimiter tag, start offset
        bodies: list[tuple[int, int]] = []
        runs = self._runs
        # Offsets are counted here: Pygments restarts them inside a $$ body lexed by a
        # sub-lexer, but its tokens always cover the text in order.
        for _, ttype, value in self._lexer.get_tokens_unprocessed(text):
            category = _category(ttype)
            if "\n" in value:
                parts = value.split("\n")
                for k, part in enumerate(parts):
                    if k:
                        line += 1
                        column = 0
                    if part:
                        runs[line].append(Run(column, len(part), category))
                        column += len(part)
            elif value:
                runs[line].append(Run(column, len(value), category))
                column += len(value)
            recent.append((ttype, value, position))
            position += len(value)
            if len(recent) > 3:
                del recent[0]
            if (
                len(recent) == 3
                and recent[1][0] is String.Delimiter
                and recent[0][1] == "$"
                and recent[2][1] == "$"
                and recent[0][0] is String
                and recent[2][0] is String
            ):
                tag = recent[1][1]
                if body_open is None:
                    body_open = (tag, recent[0][2])
                elif body_open[0] == tag:
                    bodies.append((body_open[1], position))
                    body_open = None
                recent.clear()
        for start, end in bodies:
            k = bisect.bisect_right(line_starts, start) - 1
            while k < len(line_starts) and line_starts[k] < end:
                line_start = line_starts[k]
                a = max(start, line_start) - line_start
                b = min(end, line_start + len(self._lines[k])) - line_start
                if start <= line_start and line_start + len(self._lines[k]) < end:
                    self._body_lines.add(k)  # the editor tints the whole line
                elif b > a:
                    self._bodies.setdefault(k, []).append((a, b - a))
                k += 1

    # -- painting -------------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        n = self.currentBlock().blockNumber()
        if self._stale or n >= len(self._lines) or self._lines[n] != text:
            self._relex()
            if n >= len(self._lines) or self._lines[n] != text:
                return
        runs = self._runs[n]
        layers = self._layers(n)
        to16 = _utf16_offsets(text)
        if not layers:
            for run in runs:
                if run.category is not None:
                    self._apply(
                        to16, run.start, run.start + run.length, self._formats[run.category]
                    )
            return
        size = len(text)
        points = {0, size}
        for run in runs:
            points.add(run.start)
        for start, length, _ in layers:
            points.add(max(0, min(size, start)))
            points.add(max(0, min(size, start + length)))
        ordered = sorted(points)
        r = 0
        for a, b in itertools.pairwise(ordered):
            while r + 1 < len(runs) and runs[r + 1].start <= a:
                r += 1
            inside = runs and runs[r].start <= a < runs[r].start + runs[r].length
            category = runs[r].category if inside else None
            fmt = QTextCharFormat(self._formats[category]) if category else QTextCharFormat()
            marked = False
            for start, length, overlay in layers:
                if start <= a and b <= start + length:
                    fmt.merge(overlay)
                    marked = True
            if category or marked:
                self._apply(to16, a, b, fmt)

    def _apply(self, to16: list[int] | None, start: int, end: int, fmt: QTextCharFormat) -> None:
        if to16 is not None:
            start, end = to16[start], to16[end]
        self.setFormat(start, end - start, fmt)

    def _layers(self, n: int) -> list[tuple[int, int, QTextCharFormat]]:
        """Overlays of line ``n`` in painting order: $$ body, spans, problem underlines."""
        layers: list[tuple[int, int, QTextCharFormat]] = []
        for start, length in self._bodies.get(n, ()):
            layers.append((start, length, self._formats["body"]))
        for span in self._spans.get(n, ()):
            fmt = QTextCharFormat()
            fmt.setBackground(self._scheme.span(span.kind))
            layers.append((span.column - 1, span.length, fmt))
        if self._underline:
            for problem in self._problems.get(n, ()):
                extent = self.problem_extent(problem)
                if extent is not None:
                    layers.append((*extent, self._formats[f"problem-{problem.severity}"]))
        return layers

    def _build_formats(self) -> None:
        s = self._scheme
        formats: dict[str, QTextCharFormat] = {}
        for category, colour in (
            ("keyword", s.keyword),
            ("builtin", s.builtin),
            ("function", s.function),
            ("string", s.string),
            ("identifier", s.identifier),
            ("number", s.number),
            ("comment", s.comment),
            ("variable", s.variable),
            ("operator", s.operator),
        ):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            formats[category] = fmt
        formats["keyword"].setFontWeight(QFont.Weight.DemiBold)
        formats["comment"].setFontItalic(True)
        body = QTextCharFormat()
        body.setBackground(QColor(s.body))
        formats["body"] = body
        for severity in ("error", "warning", "info"):
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DotLine
                if severity == "info"
                else QTextCharFormat.UnderlineStyle.WaveUnderline
            )
            fmt.setUnderlineColor(s.severity(severity))
            formats[f"problem-{severity}"] = fmt
        self._formats = formats
