"""Side-by-side diff: raw on the left, rendered on the right, aligned line by line (difflib)."""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtWidgets import QHBoxLayout, QWidget

from schemadesk.ui.sql_preview.editor import SqlEditor
from schemadesk.ui.sql_preview.types import Problem, Span, lines_of


@dataclass(frozen=True, slots=True)
class Aligned:
    """Two texts padded with blank filler rows so that matching lines share a row.

    ``*_labels`` give each row's original 1-based line (None for filler); ``*_tints`` the
    1-based rows that differ (``removed``/``added``) or are filler; ``*_changes`` the changed
    words inside paired lines, as spans of kind ``removed`` (left) and ``added`` (right).
    """

    left_text: str
    right_text: str
    left_labels: tuple[int | None, ...]
    right_labels: tuple[int | None, ...]
    left_tints: dict[int, str]
    right_tints: dict[int, str]
    left_changes: tuple[Span, ...]
    right_changes: tuple[Span, ...]
    left_rows: dict[int, int]  # left line -> row, both 1-based

    def left_row(self, line: int) -> int | None:
        """The 1-based row showing the left text's 1-based ``line``."""
        return self.left_rows.get(line)

    def changed_rows(self) -> list[int]:
        return sorted(row for row, kind in self.left_tints.items() if kind != "filler")


_WORD = re.compile(r"\w+|\s+|[^\w\s]")


def _word_changes(row: int, a: str, b: str) -> tuple[list[Span], list[Span]]:
    """The words that differ inside a changed line (words, not letters: "billing" against
    "tables" must not match on a stray "l")."""
    words_a, words_b = _WORD.findall(a), _WORD.findall(b)
    starts_a = list(itertools.accumulate((len(w) for w in words_a), initial=0))
    starts_b = list(itertools.accumulate((len(w) for w in words_b), initial=0))
    left: list[Span] = []
    right: list[Span] = []
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            left.append(Span(row, starts_a[i1] + 1, starts_a[i2] - starts_a[i1], "removed"))
        if j2 > j1:
            right.append(Span(row, starts_b[j1] + 1, starts_b[j2] - starts_b[j1], "added"))
    return left, right


Opcode = tuple[str, int, int, int, int]


def _line_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib's opcodes, fast for what the preview diffs.

    A rendering replaces text inside lines and never adds or removes one, so texts with as
    many lines are paired line by line (difflib on thousands of similar lines is quadratic).
    Otherwise the common head and tail are set aside and difflib aligns the middle.
    """
    if len(a) == len(b):
        opcodes: list[Opcode] = []
        for same, group in itertools.groupby(range(len(a)), key=lambda i: a[i] == b[i]):
            rows = list(group)
            start, end = rows[0], rows[-1] + 1
            opcodes.append(("equal" if same else "replace", start, end, start, end))
        return opcodes
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail])
    opcodes = [("equal", 0, head, 0, head)] if head else []
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        opcodes.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        opcodes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return opcodes


def align(left: str, right: str) -> Aligned:
    """Align two texts for a side-by-side view."""
    a, b = list(lines_of(left)), list(lines_of(right))
    rows_a: list[str] = []
    rows_b: list[str] = []
    labels_a: list[int | None] = []
    labels_b: list[int | None] = []
    tints_a: dict[int, str] = {}
    tints_b: dict[int, str] = {}
    changes_a: list[Span] = []
    changes_b: list[Span] = []
    for tag, i1, i2, j1, j2 in _line_opcodes(a, b):
        if tag == "equal":
            rows_a.extend(a[i1:i2])
            rows_b.extend(b[j1:j2])
            labels_a.extend(range(i1 + 1, i2 + 1))
            labels_b.extend(range(j1 + 1, j2 + 1))
            continue
        height = max(i2 - i1, j2 - j1)
        for k in range(height):
            row = len(rows_a) + 1
            i, j = i1 + k, j1 + k
            if i < i2:
                rows_a.append(a[i])
                labels_a.append(i + 1)
                tints_a[row] = "removed"
            else:
                rows_a.append("")
                labels_a.append(None)
                tints_a[row] = "filler"
            if j < j2:
                rows_b.append(b[j])
                labels_b.append(j + 1)
                tints_b[row] = "added"
            else:
                rows_b.append("")
                labels_b.append(None)
                tints_b[row] = "filler"
            if i < i2 and j < j2:
                left_spans, right_spans = _word_changes(row, a[i], b[j])
                changes_a.extend(left_spans)
                changes_b.extend(right_spans)
    return Aligned(
        "\n".join(rows_a),
        "\n".join(rows_b),
        tuple(labels_a),
        tuple(labels_b),
        tints_a,
        tints_b,
        tuple(changes_a),
        tuple(changes_b),
        {line: row for row, line in enumerate(labels_a, 1) if line is not None},
    )


class DiffView(QWidget):
    """Two editors side by side whose vertical and horizontal scrolling move together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left = SqlEditor()
        self.right = SqlEditor()
        self.left.setObjectName("diffLeft")
        self.right.setObjectName("diffRight")
        self.aligned: Aligned | None = None
        for one, other in ((self.left, self.right), (self.right, self.left)):
            one.verticalScrollBar().valueChanged.connect(other.verticalScrollBar().setValue)
            one.horizontalScrollBar().valueChanged.connect(other.horizontalScrollBar().setValue)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.left)
        layout.addWidget(self.right)

    def set_texts(
        self,
        raw: str,
        rendered: str,
        spans: Sequence[Span] = (),
        problems: Sequence[Problem] = (),
    ) -> None:
        """Show ``raw`` against ``rendered``; spans and problems are positions in ``raw``."""
        aligned = align(raw, rendered)
        self.aligned = aligned
        # Placeholder kinds paint over the plain "removed" tint: they say more.
        left_spans = [*aligned.left_changes, *self._moved(spans)]
        left_problems = [
            replace(p, line=self.left_row(p.line)) for p in problems if p.line is not None
        ]
        self.left.set_sql(
            aligned.left_text,
            aligned.left_labels,
            left_spans,
            [p for p in left_problems if p.line is not None],
        )
        self.right.set_sql(aligned.right_text, aligned.right_labels, aligned.right_changes)
        self.left.set_line_tints(aligned.left_tints)
        self.right.set_line_tints(aligned.right_tints)

    def left_row(self, line: int) -> int | None:
        return self.aligned.left_row(line) if self.aligned is not None else None

    def _moved(self, spans: Sequence[Span]) -> list[Span]:
        moved: list[Span] = []
        for span in spans:
            row = self.left_row(span.line)
            if row is not None:
                moved.append(replace(span, line=row))
        return moved

    def set_error_line(self, line: int | None, message: str | None = None) -> None:
        row = self.left_row(line) if line is not None else None
        self.left.set_error_line(row, message)
        self.right.set_error_line(row, message)

    def go_to_line(self, line: int, column: int | None = None) -> None:
        row = self.left_row(line)
        if row is not None:
            self.left.go_to_line(row, column)
