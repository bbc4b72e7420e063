"""The one confirmation for every change: what runs, where, as whom, and an explicit yes.

Nothing is a default button: Enter never confirms. On a protected profile the Confirm button
stays disabled until the database name is typed. Read-only profiles never get here (the window
disables every changing action, and ``ActionFlow`` refuses before building the dialog).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.actions import ActionKind, PlannedAction
from schemadesk.core.terminal_text import visible, visible_line
from schemadesk.ui.confirm_steps import StepReview
from schemadesk.ui.plain_text import plain_label, plain_tip
from schemadesk.ui.sql_preview import SqlPreview


class ConfirmDialog(QDialog):
    """Shows a PlannedAction; ``run_as_changed`` asks the owner to rebuild it for another role."""

    run_as_changed = Signal(str)  # "" for the login itself

    def __init__(
        self,
        action: PlannedAction,
        run_as_choices: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # A long title (an Alembic upgrade names its revisions) is cut in the window's title
        # bar; the heading shows it whole, wrapped.
        short = action.title if len(action.title) <= 60 else action.title[:59] + "…"
        self.setWindowTitle(self.tr("Confirm: %1").replace("%1", short))
        self.setMinimumSize(760, 560)
        self.action = action
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a name in it is never markup
        self.heading.setWordWrap(True)
        self.target_label = QLabel()
        self.target_label.setTextFormat(Qt.TextFormat.RichText)  # bold parts; names escaped
        self.target_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_as = QComboBox()
        # In the order given, the first being the default; "" is the login itself (first when
        # the choices do not name it).
        ordered = list(run_as_choices) if "" in run_as_choices else ["", *run_as_choices]
        for role in ordered:
            if role:
                self.run_as.addItem(self.tr("SET ROLE %1").replace("%1", role), role)
            else:
                self.run_as.addItem(self.tr("the login itself"), "")
        self.run_as.setEnabled(len(ordered) > 1)
        self.run_as.currentIndexChanged.connect(
            lambda _i: self.run_as_changed.emit(str(self.run_as.currentData()))
        )
        self.counts_label = plain_label()
        self.locks_label = plain_label()
        self.locks_label.setWordWrap(True)
        self.rehearsal_label = QLabel()
        self.rehearsal_label.setTextFormat(Qt.TextFormat.RichText)  # its outcome escaped
        self.rehearsal_label.setWordWrap(True)
        # A failed rehearsal, or one of another plan or role, is no rehearsal of this apply:
        # confirming then needs this ticked.
        self.override = QCheckBox()
        self.override.toggled.connect(self._update_confirm)
        self.warnings_label = plain_label()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #e65100;")
        self.preview = SqlPreview()
        self.review = StepReview()  # per migration: timeouts, observed locks, lint

        form = QFormLayout()
        form.addRow(self.tr("Where:"), self.target_label)
        form.addRow(self.tr("Runs as:"), self.run_as)
        form.addRow(self.tr("Statements:"), self.counts_label)
        form.addRow(self.tr("Locks:"), self.locks_label)
        form.addRow(self.tr("Rehearsal:"), self.rehearsal_label)
        form.addRow("", self.override)

        self.typed = QLineEdit()
        self.typed_label = QLabel()
        self.typed_label.setTextFormat(Qt.TextFormat.RichText)  # the name escaped
        self.typed_label.setWordWrap(True)
        self.typed.textChanged.connect(self._update_confirm)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.confirm_button = QPushButton()
        for button in (self.cancel_button, self.confirm_button):
            button.setAutoDefault(False)  # Enter must never confirm (nor cancel by accident)
            button.setDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.typed_label, 1)
        buttons.addWidget(self.typed)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.review, 1)
        layout.addWidget(self.preview, 2)
        layout.addLayout(buttons)
        self.show_action(action)

    def show_action(self, action: PlannedAction) -> None:
        """Show (or re-show, after a run-as change) the action to confirm."""
        self.action = action
        target = action.target
        # Names from the catalog and the profile, shown as the terminal shows them: a newline,
        # an escape or a bidi override in one cannot make the confirmation read otherwise.
        self.heading.setText(visible_line(action.title))

        def named(label: str, value: str) -> str:
            return label.replace("%1", f"<b>{html.escape(visible_line(value))}</b>")

        parts = [
            named(self.tr("profile %1"), target.profile),
            f"{html.escape(visible_line(target.host))}:{target.port}",
            named(self.tr("database %1"), target.database),
        ]
        if target.schema:
            parts.append(named(self.tr("schema %1"), target.schema))
        parts.append(self.tr("login %1").replace("%1", html.escape(visible_line(target.login))))
        self.target_label.setText(" · ".join(parts))
        statements = self.tr("%n statement(s)", "", action.statement_count)
        self.counts_label.setText(
            self.tr("%1 in %n step(s)", "", len(action.steps)).replace("%1", statements)
        )
        locks = "\n".join(map(visible_line, action.locks))
        self.locks_label.setText(locks or self.tr("none beyond the statements'"))
        self._show_rehearsal(action)
        self.warnings_label.setText("\n".join(f"⚠ {visible(w)}" for w in action.warnings))
        self.warnings_label.setVisible(bool(action.warnings))
        self.review.show_action(action)
        self.preview.show_statements(self.tr("Exact SQL that will run"), action.sql)
        protected = target.protected
        self.typed.setVisible(protected)
        self.typed_label.setVisible(protected)
        self.typed_label.setText(
            self.tr("Protected: type the database name <b>%1</b> to confirm").replace(
                "%1", html.escape(visible_line(target.database))
            )
        )
        self.typed.setPlaceholderText(target.database)
        verbs = {  # the button says what it does, in a word (the heading says the rest)
            ActionKind.APPLY_MIGRATIONS: self.tr("Apply"),
            ActionKind.REHEARSE: self.tr("Rehearse"),
            ActionKind.ACCEPT_CHECKSUM: self.tr("Accept checksum"),
        }
        self.confirm_button.setText(verbs.get(action.kind, self.tr("Apply change")))
        self.confirm_button.setToolTip(plain_tip(visible_line(action.title)))
        self._update_confirm()

    @property
    def chosen_run_as(self) -> str | None:
        return str(self.run_as.currentData()) or None

    def _show_rehearsal(self, action: PlannedAction) -> None:
        """The rehearsal of this very plan, or what the last one was instead (an override)."""
        bound = action.rehearsal_bound
        outcome = html.escape(visible(action.rehearsal or ""))
        failed = self.tr("<b>failed</b>: %1")
        texts = {
            "": self.tr("not rehearsed"),
            "matches": outcome,
            "partial": outcome,
            "failed": failed.replace("%1", outcome),
            "other-plan": self.tr("the last rehearsal was of other files or checksums: %1"),
            "other-role": self.tr("rehearsed as another role than this one: %1"),
        }
        self.rehearsal_label.setText(texts.get(bound, outcome).replace("%1", outcome))
        reasons = {
            "failed": self.tr("Apply although the rehearsal of this plan failed"),
            "other-plan": self.tr("Apply although this plan was not rehearsed as it is now"),
            "other-role": self.tr("Apply although it was rehearsed as another role"),
        }
        self.override.setText(reasons.get(bound, ""))
        self.override.setVisible(bound in reasons)
        if bound not in reasons:
            self.override.setChecked(False)

    @property
    def needs_override(self) -> bool:
        return self.action.rehearsal_bound in ("failed", "other-plan", "other-role")

    def _update_confirm(self) -> None:
        ok = not self.action.target.protected or self.typed.text() == self.action.target.database
        ok = ok and (not self.needs_override or self.override.isChecked())
        self.confirm_button.setEnabled(ok)
