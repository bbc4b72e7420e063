"""The migrations view: each module's history merged with its files, and the SQL preview."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.lint import LintInput
from schemadesk.core.lint.engine import DEFAULT_CONFIG, DEFAULT_SESSION
from schemadesk.core.migrations.models import (
    MigrationFile,
    MigrationState,
    MigrationStatus,
    SqlErrorLocation,
)
from schemadesk.core.migrations.template import render
from schemadesk.db.migrations.service import ModuleSnapshot
from schemadesk.ui.core_texts import problem_text
from schemadesk.ui.deferred import Deferred
from schemadesk.ui.filter_keys import filter_tree
from schemadesk.ui.migration_failure import FailedFile, failed_file, still_failing
from schemadesk.ui.migration_preview import placeholder_spans, rendered_problems
from schemadesk.ui.migrations_model import MigrationsModel
from schemadesk.ui.plain_text import plain_label, plain_tip
from schemadesk.ui.sql_preview import SqlPreview
from schemadesk.ui.sql_preview.find_bar import FindBar, attach_find_bar
from schemadesk.ui.sql_preview.lint_markers import LintMarkers

MODULE_ROLE = Qt.ItemDataRole.UserRole + 1


class MigrationsView(QWidget):
    """Given module snapshots, shows modules, their migrations and the selected file's SQL."""

    apply_requested = Signal()
    rehearse_requested = Signal()
    accept_checksum_requested = Signal(str, str)  # module, filename
    alembic_preview_requested = Signal(str)  # module: its offline SQL, fetched by the session

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshots: dict[str, ModuleSnapshot | AlembicSnapshot] = {}
        self.current: ModuleSnapshot | AlembicSnapshot | None = None
        self.current_row: MigrationStatus | None = None
        self.error: SqlErrorLocation | None = None  # the last failed apply's, until another file
        self.failed: FailedFile | None = None  # the module's file it came from
        self.writable = True

        self.filter_edit = QLineEdit()  # Ctrl+F; Escape clears it
        self.filter_edit.setPlaceholderText(self.tr("Filter modules by name or schema"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.modules = QTreeWidget()
        self.modules.setHeaderLabels([self.tr("Module"), self.tr("Schema"), self.tr("State")])
        self.modules.setRootIsDecorated(False)
        self.modules.currentItemChanged.connect(self._module_changed)
        self.model = MigrationsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.lint_markers: LintMarkers | None = None  # with the preview, on the first file
        self.lint_context = (DEFAULT_CONFIG, DEFAULT_SESSION)  # the project's [lint], the profile
        self.ledger_label = plain_label()
        self.ledger_label.setWordWrap(True)
        self._preview: Deferred[SqlPreview] = Deferred(self._make_preview)  # built when first seen
        self.find_bar: FindBar | None = None  # Ctrl+F inside the preview, built with it

        self.apply_button = QPushButton(self.tr("Apply pending…"))
        self.apply_button.setToolTip(self.tr("Apply the pending migrations of the selected module"))
        self.apply_button.clicked.connect(self.apply_requested)
        self.rehearse_button = QPushButton(self.tr("Rehearse…"))
        self.rehearse_button.setToolTip(
            self.tr("Run every pending migration in one transaction and roll it back")
        )
        self.rehearse_button.clicked.connect(self.rehearse_requested)
        self.accept_button = QPushButton(self.tr("Accept new checksum…"))
        self.accept_button.clicked.connect(self._accept_clicked)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.accept_button, self.rehearse_button, self.apply_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        # The ledger on its own line: beside the buttons it set the pane's minimum width, and
        # the module list (its Russian summaries) could not be widened.
        history_layout.addWidget(self.ledger_label)
        history_layout.addLayout(actions)
        history_layout.addWidget(self.table)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("migrationsHistorySplit")
        right.addWidget(history)
        right.addWidget(self._preview)
        # The SQL is what a person reads here: most of the height (at 1440x900 a 2:3 split of
        # a tall history left the preview four lines).
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 3)
        right.setSizes([280, 600])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("migrationsSplit")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.modules)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 760])
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    @property
    def preview(self) -> SqlPreview:
        """The SQL preview of the selected file or module (built on first use)."""
        return self._preview.widget()

    def _make_preview(self) -> SqlPreview:
        preview = SqlPreview()
        preview.render_for_schema_requested.connect(self._render_for_schema)
        self.find_bar = attach_find_bar(preview, preview.current_editor)
        return preview

    def set_writable(self, writable: bool) -> None:
        """Read-only sessions get no changing action at all."""
        self.writable = writable
        tip = "" if writable else self.tr("The profile is read-only")
        for button in (self.apply_button, self.rehearse_button, self.accept_button):
            button.setToolTip(tip or button.toolTip())
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.current.status.rows if self.current else ()
        pending = any(r.state is MigrationState.PENDING for r in rows)
        drifted = self.current_row is not None and self.current_row.state is MigrationState.DRIFTED
        if isinstance(self.current, AlembicSnapshot):
            # Rehearsed on a held connection (refused, with the reason, when env.py connects
            # on its own); Alembic has no checksums to accept.
            self.apply_button.setEnabled(self.writable and self.current.can_apply)
            self.rehearse_button.setEnabled(self.writable and self.current.can_apply)
            self.accept_button.setEnabled(False)
            return
        self.apply_button.setEnabled(self.writable and pending)
        self.rehearse_button.setEnabled(self.writable and pending)
        self.accept_button.setEnabled(self.writable and drifted)

    def show_alembic_preview(self, title: str, sql_text: str, warnings: Sequence[str]) -> None:
        """The offline SQL Alembic would run for the selected module's pending revisions."""
        self.preview.show_statements(title, sql_text or "-- " + self.tr("nothing pending") + "\n")
        base = self.ledger_label.text().split("\n")[0]
        self.ledger_label.setText("\n".join([base, *(f"⚠ {problem_text(w)}" for w in warnings)]))

    def _accept_clicked(self) -> None:
        if self.current is not None and self.current_row is not None:
            self.accept_checksum_requested.emit(self.current.module.name, self.current_row.filename)

    def set_snapshots(self, snapshots: Sequence[ModuleSnapshot | AlembicSnapshot]) -> None:
        """Show freshly loaded modules, keeping the selected module when it is still there."""
        previous = self.current.module.name if self.current else None
        previous_file = self.current_row.filename if self.current_row else None
        error = self.error  # reselecting below must not count as the person moving on
        self.snapshots = {s.module.name: s for s in snapshots}
        self.modules.clear()
        for snapshot in snapshots:
            item = QTreeWidgetItem(
                [snapshot.module.name, snapshot.module.schema or "", self.summary(snapshot)]
            )
            item.setData(0, MODULE_ROLE, snapshot.module.name)
            item.setToolTip(2, plain_tip(self.summary_tip(snapshot)))
            self.modules.addTopLevelItem(item)
        for column in range(3):
            self.modules.resizeColumnToContents(column)
        self._fit_modules()
        self._apply_filter(self.filter_edit.text())
        if snapshots:
            self.select_module(previous if previous in self.snapshots else snapshots[0].module.name)
            if previous_file:
                self.select_file(previous_file)
        # A refresh keeps the failure shown while that very file is still pending unchanged.
        if self.failed is None or not still_failing(self.snapshots, self.failed):
            error, self.failed = None, None
        self.error = error
        if error is not None:
            self._mark_error(error)
        else:
            self.preview.highlight_error_line(None)
        self._update_buttons()

    def _fit_modules(self) -> None:
        """Widen the module list so a summary ("1 применена без проверки") is not cut, up to
        two fifths of the view; the history pane gives the room."""
        if not self.isVisible():
            return  # sizes are not real yet: showEvent fits again
        # sizeHintForColumn: the last section is stretched, its size says nothing of its text.
        widths = [max(self.modules.sizeHintForColumn(c), self.modules.header().sectionSizeHint(c))
                  for c in range(3)]  # fmt: skip
        needed = sum(widths) + self.modules.frameWidth() * 2 + 24
        sizes = self.split.sizes()
        total = sum(sizes)
        if total and sizes[0] < needed:
            left = max(sizes[0], min(needed, total * 2 // 5))  # never narrower than it was
            self.split.setSizes([left, total - left])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_modules()

    def _apply_filter(self, text: str) -> None:
        filter_tree(self.modules, text)

    def visible_modules(self) -> list[str]:
        """The module names the filter leaves in the list."""
        items = [self.modules.topLevelItem(i) for i in range(self.modules.topLevelItemCount())]
        return [item.text(0) for item in items if item is not None and not item.isHidden()]

    def summary_tip(self, snapshot: ModuleSnapshot | AlembicSnapshot) -> str:
        return self.model.summary_tip(snapshot.status)

    def summary(self, snapshot: ModuleSnapshot | AlembicSnapshot) -> str:
        return self.model.summary(snapshot.status)

    def alembic_pending(self) -> dict[str, list[str]]:
        """Each Alembic module's pending revisions, for the smoke report."""
        return {
            name: list(s.pending)
            for name, s in self.snapshots.items()
            if isinstance(s, AlembicSnapshot)
        }

    def select_module(self, name: str) -> bool:
        for i in range(self.modules.topLevelItemCount()):
            item = self.modules.topLevelItem(i)
            if item is not None and item.data(0, MODULE_ROLE) == name:
                self.modules.setCurrentItem(item)
                return True
        return False

    def select_file(self, filename: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).filename == filename:
                self.table.selectRow(row)
                return True
        return False

    def show_error(self, error: SqlErrorLocation) -> None:
        """After a failed apply: select the file, show it raw with the failing line marked."""
        preferred = self.current.module.name if self.current else None
        self.failed = failed_file(self.snapshots, preferred, error)
        self.error = error
        self._mark_error(error)

    def _mark_error(self, error: SqlErrorLocation) -> None:
        if self.failed is None or not (
            self.select_module(self.failed[0]) and self.select_file(self.failed[1])
        ):
            return  # not a file shown here: nothing else is marked
        self.error = error
        self.preview.set_mode("raw")
        self.preview.highlight_error_line(error.line)
        where = f"{error.filename}:{error.line}:{error.column}" if error.line else error.filename
        state = f" [{error.sqlstate}]" if error.sqlstate else ""
        self.ledger_label.setText(f"✖ {where}{state}: {error.message}")

    def _module_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        self.current = self.snapshots[str(item.data(0, MODULE_ROLE))]
        status = self.current.status
        ledger = f"{status.ledger_schema}.{status.ledger_table}"
        if isinstance(self.current, AlembicSnapshot):
            heads = ", ".join(self.current.heads) or "base"
            text = self.tr("Alembic, version table %1 (heads: %2)").replace("%1", ledger)
            text = text.replace("%2", heads)
            self.alembic_preview_requested.emit(self.current.module.name)
        else:
            text = self.tr("Ledger %1").replace("%1", ledger)
        if not status.ledger_exists:
            text += " — " + self.tr("not created yet (the first apply creates it)")
        for problem in status.problems:
            text += "\n⚠ " + problem_text(problem.message)
        self.ledger_label.setText(text)
        self.model.set_rows(status.rows)
        self.table.resizeColumnsToContents()
        if status.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _file(self, filename: str) -> MigrationFile | None:
        if not isinstance(self.current, ModuleSnapshot):
            return None
        return next((f for f in self.current.files if f.filename == filename), None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.current is None:
            return
        self.current_row = self.model.row_at(current.row())
        if self.error is not None and self.error.filename != self.current_row.filename:
            self.error = None  # the person moved on: the mark is not carried to this file
        self._update_buttons()
        if isinstance(self.current, ModuleSnapshot):
            # The schema pgdbm renders with: a shared-pool module may differ from its own.
            self._show_file(self.current.module.template_schema)

    def _render_for_schema(self, schema: str) -> None:
        """Render the selected file for another schema (the preview keeps title and mode)."""
        migration = self._file(self.current_row.filename) if self.current_row else None
        if migration is None or migration.content is None:
            return
        rendered = render(migration.content, schema)
        self.preview.set_texts(
            migration.content,
            rendered.text,
            placeholder_spans(rendered.placeholders),
            rendered_problems(rendered, migration.problems),
            schema=schema,
        )
        self._lint(migration, schema)

    def _lint(self, migration: MigrationFile, schema: str | None) -> None:
        """Lint findings join the preview's problems when squawk has answered."""
        if not isinstance(self.current, ModuleSnapshot):
            return
        if self.lint_markers is None:
            self.lint_markers = LintMarkers(self.preview)
        item = LintInput(self.current.module.name, schema, migration)
        self.lint_markers.request(item, *self.lint_context)

    def _show_file(self, schema: str | None) -> None:
        row = self.current_row
        if row is None:
            return
        migration = self._file(row.filename)
        title = row.filename  # its state goes after it, grey, when there is room for both
        if migration is not None and migration.content is None:
            problems = "\n".join(f"-- {problem_text(p.message)}" for p in migration.problems)
            self.preview.show_statements(title, problems + "\n")  # not UTF-8: nothing to render
        elif migration is None or migration.content is None:
            recorded = row.recorded_checksum or "?"
            self.preview.show_statements(
                title,
                "-- "
                + self.tr("This file is recorded in the ledger but is not on disk.")
                + "\n-- "
                + self.tr("recorded checksum: %1").replace("%1", recorded)
                + "\n",
            )
        else:
            rendered = render(migration.content, schema)
            self.preview.show_migration(
                title,
                migration.content,
                rendered.text,
                placeholder_spans(rendered.placeholders),
                rendered_problems(rendered, migration.problems),
                schema=schema,
            )
            self._lint(migration, schema)
            if row.state is MigrationState.DRIFTED:
                self._show_drift(row)
        self.preview.set_note(self.model.state_text(row.state))

    def _show_drift(self, row: MigrationStatus) -> None:
        note = self.tr("Drifted: the file changed after it was applied.")
        detail = (
            note
            + "\n"
            + self.tr("file: %1").replace("%1", row.file_checksum or "")
            + "\n"
            + self.tr("recorded: %1").replace("%1", row.recorded_checksum or "")
        )
        if row.drift is not None:
            detail += "\n" + self.tr("Recorded version found in git commit %1").replace(
                "%1", row.drift.commit[:12]
            )
        self.ledger_label.setText(self.ledger_label.text().split("\n")[0] + "\n" + detail)
