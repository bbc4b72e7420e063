"""The SQL preview pane: a migration's raw, rendered and diff views, or a change set's statements.

The pane only shows what it is given: the owner renders (for another schema too, on
``render_for_schema_requested``) and calls ``set_texts`` back.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.terminal_text import visible
from schemadesk.ui.plain_text import plain_tip
from schemadesk.ui.sql_preview.diff import DiffView
from schemadesk.ui.sql_preview.editor import SqlEditor
from schemadesk.ui.sql_preview.elided_label import ElidedLabel
from schemadesk.ui.sql_preview.positions import scroll_to_line, top_line
from schemadesk.ui.sql_preview.problems import ProblemsList
from schemadesk.ui.sql_preview.schema_box import SchemaBox
from schemadesk.ui.sql_preview.types import MODES, Mode, Problem, Span


class SqlPreview(QWidget):
    """See the package docstring (``schemadesk.ui.sql_preview``) for the public API."""

    render_for_schema_requested = Signal(str)
    mode_changed = Signal(str)
    text_copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sqlPreview")
        self._kind: str | None = None  # "migration" | "statements" | None (empty)
        self._title = ""
        self._note = ""  # before the schema in the subtitle: a migration's state
        self._raw = ""
        self._rendered: str | None = None
        self._spans: tuple[Span, ...] = ()
        self._rendered_spans: tuple[Span, ...] = ()
        self._problems: tuple[Problem, ...] = ()
        self._schema: str | None = None
        self._error_line: int | None = None
        self._error_message: str | None = None
        self._mode: Mode = "raw"
        self._dirty: set[Mode] = set()

        self.title_label = ElidedLabel()
        self.title_label.setObjectName("sqlPreviewTitle")
        title_font = self.title_label.font()
        title_font.setBold(True)
        self.title_label.setFont(title_font)

        self.mode_bar = QWidget()
        self.mode_buttons: dict[Mode, QToolButton] = {}
        self._mode_group = QButtonGroup(self)
        self._mode_group.setExclusive(True)
        mode_layout = QHBoxLayout(self.mode_bar)
        mode_layout.setContentsMargins(0, 0, 0, 0)
        mode_layout.setSpacing(0)
        labels: tuple[tuple[Mode, str, str], ...] = (
            ("raw", self.tr("Raw"), self.tr("The file as it is on disk")),
            ("rendered", self.tr("Rendered"), self.tr("The SQL that would run, for the schema")),
            ("diff", self.tr("Diff"), self.tr("Raw and rendered side by side")),
        )
        for mode, text, tip in labels:
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setObjectName(f"mode_{mode}")
            button.clicked.connect(lambda _checked=False, m=mode: self.set_mode(m))
            self._mode_group.addButton(button)
            mode_layout.addWidget(button)
            self.mode_buttons[mode] = button
        self.mode_buttons["raw"].setChecked(True)

        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("sqlPreviewCopy")
        self.copy_button.setToolTip(self.tr("Copy the text shown, exactly"))
        self.copy_button.clicked.connect(self.copy)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title_label, 1)
        header.addSpacing(12)
        header.addWidget(self.mode_bar)
        header.addWidget(self.copy_button)

        self.schema_box = SchemaBox()
        self.schema_box.render_requested.connect(self.render_for_schema_requested)

        self.raw_editor = SqlEditor()
        self.raw_editor.setObjectName("rawEditor")
        self.raw_editor.setPlaceholderText(
            self.tr("Select a migration or a change set to see its SQL.")
        )
        self.rendered_editor = SqlEditor()
        self.rendered_editor.setObjectName("renderedEditor")
        self.diff_view = DiffView()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.raw_editor)
        self.pages.addWidget(self.rendered_editor)
        self.pages.addWidget(self.diff_view)

        self.problems_title = QLabel()
        self.problems_title.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_list = ProblemsList()
        self.problems_list.problem_activated.connect(self._go_to_problem)
        self.problems_panel = QWidget()
        problems_layout = QVBoxLayout(self.problems_panel)
        problems_layout.setContentsMargins(0, 4, 0, 0)
        problems_layout.setSpacing(2)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems_list)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sqlPreviewSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.problems_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.schema_box)
        layout.addWidget(self.splitter, 1)
        self._copy_reset = QTimer(self)
        self._copy_reset.setSingleShot(True)
        self._copy_reset.setInterval(1500)
        self._copy_reset.timeout.connect(lambda: self.copy_button.setText(self.tr("Copy")))
        self.clear()

    # -- public API -----------------------------------------------------------------------------

    def show_migration(
        self,
        title: str,
        raw: str,
        rendered: str | None,
        spans: Sequence[Span] = (),
        problems: Sequence[Problem] = (),
        *,
        schema: str | None = None,
        rendered_spans: Sequence[Span] = (),
    ) -> None:
        """Show a migration file: raw text, its rendering for ``schema`` (None: not rendered)."""
        self._kind = "migration"
        self._title = title
        self._note = ""
        self.set_texts(raw, rendered, spans, problems, schema=schema, rendered_spans=rendered_spans)

    def set_texts(
        self,
        raw: str,
        rendered: str | None,
        spans: Sequence[Span] = (),
        problems: Sequence[Problem] = (),
        *,
        schema: str | None = None,
        rendered_spans: Sequence[Span] = (),
    ) -> None:
        """Replace the migration's texts (after a render for another schema); keeps the title,
        the mode and, for the same raw text, the scroll position; clears the error line."""
        same_file = self._kind == "migration" and raw == self._raw
        top = top_line(self, self._mode) if same_file else 1
        self._kind = "migration"
        self._raw = raw
        self._rendered = rendered
        self._spans = tuple(spans)
        self._rendered_spans = tuple(rendered_spans)
        self._problems = tuple(problems)
        self._schema = schema
        self._error_line = self._error_message = None
        self.schema_box.set_schema(schema)
        self._refresh(keep_mode=True)
        if same_file:  # rendered for another schema: stay where the reader was
            scroll_to_line(self, self._mode, top)

    def show_statements(self, title: str, sql_text: str, problems: Sequence[Problem] = ()) -> None:
        """Show the exact statements a change set would run; there is only one text."""
        self._kind = "statements"
        self._title = title
        self._note = ""
        self._raw = sql_text
        self._rendered = None
        self._spans = ()
        self._rendered_spans = ()
        self._problems = tuple(problems)
        self._schema = None
        self._error_line = self._error_message = None
        self._refresh(keep_mode=False)

    def set_note(self, note: str) -> None:
        """A few grey words after the title, before the schema (a migration's state); the
        next ``show_*`` clears them."""
        self._note = note
        self._show_subtitle()

    def _show_subtitle(self) -> None:
        parts = [self._note] if self._note else []
        if self._kind == "migration" and self._schema:
            parts.append(self.tr("schema %1").replace("%1", self._schema))
        elif self._kind == "migration" and self._rendered is None:
            parts.append(self.tr("not rendered"))
        subtitle = " · ".join(parts)
        self.title_label.set_subtitle(subtitle)
        # The whole of both: either may be cut or left out of the line.
        whole = " — ".join(t for t in (self._title, subtitle) if t)
        self.title_label.setToolTip(plain_tip(visible(whole)))  # a file name, never markup

    def clear(self) -> None:
        """Show nothing (the placeholder text)."""
        self._kind = None
        self._title = self._note = ""
        self._raw = ""
        self._rendered = None
        self._spans = self._rendered_spans = ()
        self._problems = ()
        self._schema = None
        self._error_line = self._error_message = None
        self._refresh(keep_mode=False)

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Add problems found later (lint findings) to the shown text; keeps mode and scroll."""
        if self._kind is None or not problems:
            return
        top = top_line(self, self._mode)
        self._problems = (*self._problems, *problems)
        self._refresh(keep_mode=True)
        scroll_to_line(self, self._mode, top)

    def highlight_error_line(self, line: int | None, message: str | None = None) -> None:
        """Mark a failing statement's line (1-based, in the file or statements) and scroll to
        it in every view, with ``message`` as its tooltip; None clears it."""
        self._error_line = line
        self._error_message = message
        for mode in MODES:
            if mode not in self._dirty:
                self._apply_error_line(mode)

    @property
    def mode(self) -> Mode:
        return self._mode

    def available_modes(self) -> tuple[Mode, ...]:
        if self._kind == "migration" and self._rendered is not None:
            return MODES
        return ("raw",)

    def set_mode(self, mode: str) -> None:
        """Switch to ``"raw"``, ``"rendered"`` or ``"diff"``; a mode the current content does
        not have (no rendering, a change set) is ignored."""
        if mode not in MODES:
            raise ValueError(f"unknown SQL preview mode {mode!r}")
        chosen: Mode = mode
        if chosen not in self.available_modes():
            self.mode_buttons[self._mode].setChecked(True)
            return
        previous = self._mode
        top = top_line(self, previous)
        self._mode = chosen
        self.mode_buttons[chosen].setChecked(True)
        self._show_page(chosen)
        if chosen != previous:
            scroll_to_line(self, chosen, top)
            self.mode_changed.emit(chosen)

    def current_text(self) -> str:
        """The text of the current mode, exactly: the raw file, the rendered SQL, the
        statements, or in diff mode a unified diff from raw to rendered."""
        if self._mode == "rendered" and self._rendered is not None:
            return self._rendered
        if self._mode == "diff" and self._rendered is not None:
            name = self._title or "migration"
            return "".join(
                difflib.unified_diff(
                    self._raw.splitlines(keepends=True),
                    self._rendered.splitlines(keepends=True),
                    fromfile=f"{name} (raw)",
                    tofile=f"{name} ({self._schema or 'rendered'})",
                )
            )
        return self._raw

    def copy(self) -> None:
        """Put ``current_text()`` on the clipboard."""
        text = self.current_text()
        QGuiApplication.clipboard().setText(text)
        self.copy_button.setText(self.tr("Copied"))
        self._copy_reset.start()
        self.text_copied.emit(text)

    def problems(self) -> tuple[Problem, ...]:
        return self._problems

    def current_editor(self) -> SqlEditor:
        """The editor that has the focus of the current mode (the left one in diff mode)."""
        if self._mode == "rendered":
            return self.rendered_editor
        if self._mode == "diff":
            return self.diff_view.left
        return self.raw_editor

    # -- inside ---------------------------------------------------------------------------------

    def _refresh(self, *, keep_mode: bool) -> None:
        migration = self._kind == "migration"
        self.title_label.setText(self._title)
        self._show_subtitle()
        available = self.available_modes()
        self.mode_bar.setVisible(len(available) > 1)
        self.schema_box.setVisible(migration)
        self.copy_button.setEnabled(self._kind is not None)
        self._dirty = set(MODES)
        self.problems_list.set_problems(self._problems)
        count = len(self._problems)
        self.problems_title.setText(self.tr("Problems (%1)").replace("%1", str(count)))
        self.problems_panel.setVisible(count > 0)
        if count:
            rows = min(count, 5)
            row_height = self.problems_list.sizeHintForRow(0)
            header = self.problems_list.header().sizeHint().height()
            wanted = self.problems_title.sizeHint().height() + header + rows * row_height + 12
            total = max(sum(self.splitter.sizes()), self.splitter.height())
            if total > 0:
                self.splitter.setSizes([max(total - wanted, total // 2), wanted])
        mode = self._mode if keep_mode and self._mode in available else "raw"
        previous = self._mode
        self._mode = mode
        self.mode_buttons[mode].setChecked(True)
        self._show_page(mode)
        if mode != previous:
            self.mode_changed.emit(mode)

    def _show_page(self, mode: Mode) -> None:
        if mode in self._dirty:
            self._fill(mode)
        self.pages.setCurrentIndex(MODES.index(mode))

    def _fill(self, mode: Mode) -> None:
        """Put the texts into a page when it is first shown: an unseen page costs nothing."""
        self._dirty.discard(mode)
        if mode == "raw":
            self.raw_editor.set_sql(self._raw, None, self._spans, self._problems)
        elif mode == "rendered":
            # Columns move when placeholders are replaced; lines do not: markers, no underlines.
            self.rendered_editor.set_sql(
                self._rendered or "",
                None,
                self._rendered_spans,
                self._problems,
                underline=False,
            )
        else:
            self.diff_view.set_texts(self._raw, self._rendered or "", self._spans, self._problems)
        self._apply_error_line(mode)

    def _apply_error_line(self, mode: Mode) -> None:
        line, message = self._error_line, self._error_message
        if mode == "raw":
            self.raw_editor.set_error_line(line, message)
        elif mode == "rendered":
            self.rendered_editor.set_error_line(line, message)
        else:
            self.diff_view.set_error_line(line, message)

    def _go_to_problem(self, problem: Problem) -> None:
        if problem.line is None:
            return
        if self._mode == "diff":
            self.diff_view.go_to_line(problem.line, problem.column)
            self.diff_view.left.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        editor = self.current_editor()
        column = problem.column if self._mode == "raw" else None
        editor.go_to_line(problem.line, column)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
