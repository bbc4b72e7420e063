"""File ▸ Export review report…: the pending migrations of a connection, as a review report.

The plan, the planned action and the convention findings load through ``db.review`` (what
``schemadesk report --findings`` loads), fresh from the files and ledgers at the moment of the
export; ``core.report`` renders it. The window writes it in its own language: headings from
ui/report_texts.py, the action's title, warnings and locks and the findings' texts as the window
shows them. Step labels and SQL stay exactly as built, so ``schemadesk apply --reviewed`` compares
the same plan whatever language the report is in.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSplitter, QStatusBar, QWidget

from schemadesk.core.access.conventions import Finding
from schemadesk.core.actions import PlannedAction
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.lint import LintFinding, SquawkMissing
from schemadesk.core.report import Review, review_of, write_report
from schemadesk.db.lint import lint_plan
from schemadesk.db.review import PendingReview, pending_review
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.core_texts import action_title, finding_texts, lock_text, problem_text
from schemadesk.ui.plain_text import plain_box
from schemadesk.ui.report_texts import report_texts

log = logging.getLogger(__name__)
FOLDER_SETTING = "report/folder"


@dataclass(frozen=True, slots=True)
class Exported:
    """A written report: where, and the content hash an approver notes."""

    path: Path
    review: Review


def window_review(pending: PendingReview, lint: Sequence[LintFinding] = ()) -> Review:
    """The review of ``pending`` in the window's language (what a person reads, translated;
    the steps' labels, checksums and SQL unchanged), with the lint of its files if given."""
    action = pending.action
    steps = tuple(replace(s, locks=tuple(lock_text(x) for x in s.locks)) for s in action.steps)
    shown: PlannedAction = replace(
        action,
        title=action_title(action),
        steps=steps,
        warnings=tuple(problem_text(w) for w in action.warnings),
    )
    findings: list[Finding] = []
    for finding in pending.findings:
        title, explanation = finding_texts(finding)
        findings.append(finding.with_texts(title, explanation))
    return review_of(shown, findings=findings, texts=report_texts(), lint=lint)


class ReportExport(QObject):
    """Asks where to write, loads, renders and writes; the window shows the outcome."""

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.dialog: QFileDialog | None = None  # the open file dialog, for tests and screenshots

    async def export(self, session: ConnectionSession, path: Path | None = None) -> Exported | None:
        """Write the review report of ``session``'s pending migrations (asks for ``path`` when
        not given); None when the person cancels."""
        if session.database is None:
            raise SchemadeskError(self.tr("Not connected."))
        if session.project is None:
            raise SchemadeskError(
                self.tr("No project: open the window with --project schemadesk.toml.")
            )
        database, project = session.database, session.project
        if path is None:
            path = await self.ask_path(self._suggested_name(session))
            if path is None:
                return None
        pending = await on_gateway(
            session.gateway, pending_review(database, project, findings=True)
        )
        try:
            lint = await on_gateway(session.gateway, lint_plan(database, project, pending.plan))
        except SquawkMissing as exc:  # the report still shows what it can; the log says why
            log.warning("review report without lint: %s", exc)
            lint = []
        review = window_review(pending, lint)
        await asyncio.to_thread(write_report, review, path)
        QSettings().setValue(FOLDER_SETTING, str(path.parent))
        return Exported(path, review)

    async def export_and_say(
        self, session: ConnectionSession, status: QStatusBar
    ) -> QMessageBox | None:
        """File ▸ Export review report…: export, then say where and the content hash (the box,
        for tests; None when the person cancelled)."""
        exported = await self.export(session)
        if exported is None:
            return None
        digest = exported.review.content_sha256
        status.showMessage(
            self.tr("Review report written to %1").replace("%1", str(exported.path)), 15000
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Review report written"),
            self.tr("The review report is in %1.").replace("%1", str(exported.path)),
            parent=self.parent_widget,
        )
        box.setInformativeText(
            self.tr(
                "Content SHA-256 (the approver notes it):\n%1\n\n"
                "schemadesk apply --reviewed checks it before anything runs."
            ).replace("%1", digest)
        )
        plain_box(box)  # the path is a file name, never markup
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _suggested_name(self, session: ConnectionSession) -> str:
        database = session.database.server.database if session.database else "database"
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return f"review-{session.profile.name}-{database}-{stamp}.html"

    async def ask_path(self, name: str) -> Path | None:
        """The save dialog, shown without a nested event loop; None when cancelled."""
        folder = str(QSettings().value(FOLDER_SETTING, "") or Path.home())
        dialog = QFileDialog(
            self.parent_widget, self.tr("Export review report"), str(Path(folder) / name)
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([self.tr("HTML report (*.html)"), self.tr("Markdown report (*.md)")])
        # Qt's own catalogues miss these two labels in some languages (Russian among them).
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, self.tr("Look in:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, self.tr("Files of type:"))
        sidebar = dialog.findChild(QSplitter, "splitter")
        if sidebar is not None:  # the places list wide enough for "Computer" in longer languages
            sidebar.setSizes([170, 700])
        dialog.setDefaultSuffix("html")
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("md" if "*.md" in chosen else "html")
        )
        decided: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def finished(code: int) -> None:
            if not decided.done():
                decided.set_result(code)

        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.open()
        try:
            code = await decided
            files = dialog.selectedFiles()
        finally:
            self.dialog = None
            dialog.deleteLater()
        if code != QFileDialog.DialogCode.Accepted or not files:
            return None
        return Path(files[0])
