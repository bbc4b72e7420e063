"""PostgreSQL highlighting with Pygments: the whole text is lexed once, in order, never per line.

A ``$$`` body, a multi-line comment or string can only be lexed with the text around it, so
the text is lexed as a whole. Pygments' token stream is consumed in slices: the first lines
at once (the first screen is coloured immediately), the rest from a zero-delay timer, a few
milliseconds per slice, so a 5,000-line file never stalls the window.

Formats go straight into each block's layout (``QTextLayout.setFormats``), one call per line,
which is what ``QSyntaxHighlighter`` does internally, without a Python call per token
(``setFormat``): far fewer calls into PySide6.

Pygments counts Python code points; Qt counts UTF-16 units. Lines with characters outside the
Basic Multilingual Plane (emoji) are converted, so nothing after an emoji shifts.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from pygments.lexers import PostgresLexer
from pygments.token import Comment, Keyword, Name, Number, Operator, String
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCharFormat, QTextDocument, QTextLayout

from schemadesk.ui.sql_preview.colours import LIGHT, Scheme
from schemadesk.ui.sql_preview.formats import Layer, Run, formats_of, merged
from schemadesk.ui.sql_preview.types import Problem, Span

# Token type -> category, most specific first (``x in Token.Y`` is true for Y and its subtypes).
_CATEGORIES: tuple[tuple[Any, str], ...] = (
    (String.Name, "identifier"),  # "quoted identifiers"
    (String, "string"),
    (Comment, "comment"),
    (Keyword, "keyword"),
    (Name.Builtin, "builtin"),
    (Name.Function, "function"),
    (Name.Variable, "variable"),
    (Number, "number"),
    (Operator, "operator"),
)
_CATEGORY_OF: dict[Any, str | None] = {}


FIRST_LINES = 150  # lexed before the text is first shown: a tall screenful
SLICE_S = 0.010  # then this much lexing per turn of the event loop


def _category(ttype: Any) -> str | None:
    try:
        return _CATEGORY_OF[ttype]
    except KeyError:
        found = next((c for parent, c in _CATEGORIES if ttype in parent), None)
        _CATEGORY_OF[ttype] = found
        return found


class _Lexer(PostgresLexer):  # type: ignore[misc]
    """Pygments' lexer, with the sub-lexer lookup of ``$$ ... $$ LANGUAGE x`` bodies cached
    (it searches every registered lexer by name, once per body: half the time of a big file)."""

    _found: ClassVar[dict[str, type[Any] | None]] = {}

    def _get_lexer(self, lang: str) -> Any:
        key = lang.lower()
        if key not in self._found:
            lexer = super()._get_lexer(lang)
            self._found[key] = type(lexer) if lexer is not None else None
        found = self._found[key]
        return found(**self.options) if found is not None else None


def _utf16_offsets(text: str) -> list[int] | None:
    """UTF-16 position of every code point offset (``len(text) + 1`` entries), or None when
    the two counts agree (no character outside the BMP)."""
    if text.isascii() or all(ord(ch) <= 0xFFFF for ch in text):
        return None
    return list(itertools.accumulate((2 if ord(ch) > 0xFFFF else 1 for ch in text), initial=0))


class SqlHighlighter(QObject):
    """Colours a document's SQL and lays spans (backgrounds) and problems (underlines) on top.

    Follows the document: any change of its text starts a new lexing pass.
    """

    highlighting_finished = Signal()

    def __init__(self, document: QTextDocument, scheme: Scheme = LIGHT) -> None:
        super().__init__(document)
        self._document = document
        self._scheme = scheme
        self._formats: dict[str, QTextCharFormat] = {}
        self._spans: dict[int, list[Span]] = {}
        self._problems: dict[int, list[Problem]] = {}
        self._underline = True
        self._lines: list[str] = []
        self._runs: list[list[Run]] = []
        self._bodies: dict[int, list[tuple[int, int]]] = {}
        self._body_lines: set[int] = set()
        self._tokens: Iterator[tuple[int, Any, str]] | None = None
        self._line = self._column = 0
        self._recent: list[
            tuple[Any, str, int, int]
        ] = []  # last three tokens: type, value, line, col
        self._body_open: tuple[str, int, int] | None = None  # tag, line, column
        self._complete = 0  # lines [0, _complete) are lexed
        self._applied = 0  # lines [0, _applied) have their formats
        # How often and how much was lexed, for tests and benchmarks.
        self.lex_count = 0
        self.lexed_chars = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._continue)
        self._formats = formats_of(self._scheme)
        document.contentsChange.connect(self._text_changed)
        self._start()

    # -- inputs ---------------------------------------------------------------------------------

    def set_scheme(self, scheme: Scheme) -> None:
        if scheme != self._scheme:
            self._scheme = scheme
            self._formats = formats_of(self._scheme)
            self._reapply(range(self._applied))

    def set_marks(
        self,
        spans: Sequence[Span],
        problems: Sequence[Problem],
        *,
        underline: bool = True,
        reapply: bool = True,
    ) -> None:
        """Spans get a background; problems (1-based lines of this document) an underline.

        ``reapply=False`` when the text is replaced next anyway (its lexing applies them).
        """
        touched = set(self._spans) | set(self._problems)
        self._spans = {}
        for span in spans:
            self._spans.setdefault(span.line - 1, []).append(span)
        self._problems = {}
        for problem in problems:
            if problem.line is not None:
                self._problems.setdefault(problem.line - 1, []).append(problem)
        if underline != self._underline:
            touched |= set(range(self._applied))
        self._underline = underline
        touched |= set(self._spans) | set(self._problems)
        if reapply:
            self._reapply(sorted(n for n in touched if n < self._applied))

    # -- state (tests look here too) ------------------------------------------------------------

    @property
    def done(self) -> bool:
        """True once every line is lexed and formatted."""
        return self._tokens is None and self._applied >= len(self._lines)

    def finish(self) -> None:
        """Lex and format the rest now (tests; a jump far down before the timer got there)."""
        self._advance(None, None)

    def runs(self, line: int) -> list[Run]:
        """The token runs of a 0-based line, in code points."""
        return list(self._runs[line]) if 0 <= line < self._complete else []

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
        for run_start, length, _ in self._runs[n] if n < self._complete else ():
            if run_start <= start < run_start + length:
                return start, run_start + length - start
        return start, stripped_end - start

    # -- lexing ---------------------------------------------------------------------------------

    def _text_changed(self, _position: int, _removed: int, _added: int) -> None:
        self._start()

    def _start(self) -> None:
        self._timer.stop()
        lines: list[str] = []
        block = self._document.firstBlock()
        while block.isValid():
            lines.append(block.text())
            block = block.next()
        text = "\n".join(lines)
        self.lex_count += 1
        self.lexed_chars += len(text)
        self._lines = lines
        self._runs = [[] for _ in lines]
        self._bodies = {}
        self._body_lines = set()
        self._line = self._column = 0
        self._recent = []
        self._body_open = None
        self._complete = self._applied = 0
        self._tokens = iter(_Lexer(stripnl=False, ensurenl=False).get_tokens_unprocessed(text))
        self._advance(FIRST_LINES, None)
        if not self.done:
            self._timer.start()

    def _continue(self) -> None:
        self._advance(None, time.perf_counter() + SLICE_S)

    def _advance(self, until_line: int | None, deadline: float | None) -> None:
        """Lex until ``until_line`` is complete or ``deadline`` passes (None: to the end),
        then format the lines completed."""
        tokens = self._tokens
        if tokens is not None:
            for count, (_, ttype, value) in enumerate(tokens, 1):
                self._take(ttype, value)
                if until_line is not None and self._line >= until_line:
                    break
                if deadline is not None and count % 64 == 0 and time.perf_counter() > deadline:
                    break
            else:
                self._tokens = None
        self._complete = len(self._lines) if self._tokens is None else self._line
        self._apply_through(self._complete)
        if self.done:
            self._timer.stop()
            self.highlighting_finished.emit()

    def _take(self, ttype: Any, value: str) -> None:
        """One token: split into runs at line ends, and follow ``$tag$`` bodies."""
        category = _category(ttype)
        start_line, start_column = self._line, self._column
        if "\n" in value:
            for k, part in enumerate(value.split("\n")):
                if k:
                    self._end_line()
                if part:
                    self._runs[self._line].append((self._column, len(part), category))
                    self._column += len(part)
        elif value:
            self._runs[self._line].append((self._column, len(value), category))
            self._column += len(value)
        recent = self._recent
        recent.append((ttype, value, start_line, start_column))
        if len(recent) > 3:
            del recent[0]
        if (
            len(recent) == 3
            and recent[1][0] is String.Delimiter
            and recent[0][0] is String
            and recent[2][0] is String
            and recent[0][1] == "$"
            and recent[2][1] == "$"
        ):
            # Pygments gives a dollar quote as "$", the tag (String.Delimiter, "" for $$), "$".
            tag = recent[1][1]
            if self._body_open is None:
                self._body_open = (tag, recent[0][2], recent[0][3])
            elif self._body_open[0] == tag:
                _, open_line, open_column = self._body_open
                start = open_column if open_line == self._line else 0
                self._add_body(self._line, start, self._column)
                self._body_open = None
            recent.clear()

    def _end_line(self) -> None:
        if self._body_open is not None:
            _, open_line, open_column = self._body_open
            if open_line == self._line:
                self._add_body(self._line, open_column, len(self._lines[self._line]))
            else:
                self._body_lines.add(self._line)  # the editor tints the whole line
        self._line += 1
        self._column = 0

    def _add_body(self, line: int, start: int, end: int) -> None:
        if end > start:
            self._bodies.setdefault(line, []).append((start, end - start))

    # -- formats --------------------------------------------------------------------------------

    def _apply_through(self, end: int) -> None:
        if end > self._applied:
            self._reapply(range(self._applied, end))
            self._applied = end

    def _reapply(self, lines: Sequence[int]) -> None:
        """Give ``lines`` (0-based, ascending) their formats and have them laid out again."""
        if not lines:
            return
        document = self._document
        block = document.findBlockByNumber(lines[0])
        previous = lines[0]
        for n in lines:
            if n != previous:
                block = block.next() if n == previous + 1 else document.findBlockByNumber(n)
                previous = n
            if not block.isValid():
                break
            block.layout().setFormats(self._ranges(n))
        first = document.findBlockByNumber(lines[0])
        last = block if block.isValid() else document.lastBlock()
        end = last.position() + last.length()
        document.markContentsDirty(first.position(), end - first.position())

    def _ranges(self, n: int) -> list[QTextLayout.FormatRange]:
        text = self._lines[n]
        runs = self._runs[n]
        layers = self._layers(n)
        to16 = _utf16_offsets(text)
        pieces: list[tuple[int, int, QTextCharFormat]] = []
        if not layers:
            formats = self._formats
            pieces = [(s, s + length, formats[c]) for s, length, c in runs if c is not None]
        else:
            pieces = merged(text, runs, layers, self._formats)
        ranges: list[QTextLayout.FormatRange] = []
        for a, b, fmt in pieces:
            start, end = (to16[a], to16[b]) if to16 is not None else (a, b)
            piece = QTextLayout.FormatRange()
            piece.start = start
            piece.length = end - start
            piece.format = fmt
            ranges.append(piece)
        return ranges

    def _layers(self, n: int) -> list[Layer]:
        """Overlays of line ``n`` in painting order: $$ body, spans, problem underlines."""
        layers: list[Layer] = []
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
