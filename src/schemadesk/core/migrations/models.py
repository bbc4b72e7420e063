"""Plain data of the migration engine. Frozen: a loaded file, ledger row or plan never changes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


class Severity(enum.StrEnum):
    """How bad a file problem is: ``error`` blocks applying, the others are shown."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Something wrong with a migration file, found before any SQL runs.

    ``line``/``column`` are 1-based positions in the file (``None`` for whole-file problems).
    ``code`` is a stable identifier (``empty``, ``bom``, ``not-utf8``, ``unknown-placeholder``,
    ``invalid-name``, ``placeholder-in-comment``, ``placeholder-in-string``,
    ``placeholder-in-identifier``, ``placeholder-in-dollar-body``, ``transaction-control``,
    ``mixed-case-schema``, ``no-folder``, ``no-transaction-on-pooler``).
    """

    code: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceholderSpan:
    """One ``{{...}}`` placeholder: where it is in the file and what it became.

    ``start``/``end`` are character offsets in the file text; ``rendered_start``/``rendered_end``
    in the rendered text (equal to the source span's text when left unreplaced).
    """

    text: str
    replacement: str | None  # None: pgdbm leaves it as it is
    start: int
    end: int
    line: int
    column: int
    rendered_start: int
    rendered_end: int
    context: str  # "code", "comment", "string", "dollar-body", "identifier"


@dataclass(frozen=True, slots=True)
class MigrationFile:
    """A ``*.sql`` file of a migrations folder as pgdbm sees it.

    ``content`` is the text pgdbm reads (UTF-8, universal newlines), ``None`` when the file is
    not UTF-8; ``checksum`` is pgdbm's checksum of it.
    """

    filename: str
    path: Path
    content: str | None
    checksum: str | None
    no_transaction: bool
    problems: tuple[FileProblem, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One row of a pgdbm ledger (``schema_migrations`` or any table of that shape)."""

    id: int
    filename: str
    checksum: str
    module_name: str | None
    applied_at: datetime
    applied_by: str | None
    execution_time_ms: int | None


@dataclass(frozen=True, slots=True)
class LedgerLocation:
    """A table in the database that has the columns of a pgdbm ledger."""

    schema: str
    name: str
    rows: int = 0
    modules: tuple[str, ...] = ()


class MigrationState(enum.StrEnum):
    """Where one migration stands for its module."""

    APPLIED = "applied"
    PENDING = "pending"
    DRIFTED = "drifted"  # applied, but the file changed since
    MISSING = "missing"  # applied, file gone
    BLOCKED = "blocked"  # pending, after a drifted file
    UNVERIFIABLE = "unverifiable"  # recorded as applied, nothing to check it by (Alembic)


@dataclass(frozen=True, slots=True)
class DriftDiff:
    """Where a drifted file's recorded version was found in git, and the diff from it."""

    commit: str
    diff: str


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    """One row of a module's status table."""

    filename: str
    state: MigrationState
    file_checksum: str | None
    recorded_checksum: str | None
    applied_at: datetime | None = None
    applied_by: str | None = None
    execution_time_ms: int | None = None
    problems: tuple[FileProblem, ...] = ()
    drift: DriftDiff | None = None


@dataclass(frozen=True, slots=True)
class ModuleStatus:
    """Status of one module: its ledger, each migration's state and the module-wide problems."""

    module: str
    schema: str | None
    ledger_schema: str
    ledger_table: str
    ledger_exists: bool
    rows: tuple[MigrationStatus, ...]
    problems: tuple[FileProblem, ...] = ()
    schema_exists: bool | None = None  # the module's own schema (None: not looked at)

    def count(self, state: MigrationState) -> int:
        return sum(1 for r in self.rows if r.state is state)

    @property
    def pending(self) -> tuple[MigrationStatus, ...]:
        return tuple(r for r in self.rows if r.state is MigrationState.PENDING)

    @property
    def drifted(self) -> tuple[MigrationStatus, ...]:
        return tuple(r for r in self.rows if r.state is MigrationState.DRIFTED)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a no-transaction file: its text and its offset in the rendered SQL."""

    text: str
    offset: int


@dataclass(frozen=True, slots=True)
class SessionBaseline:
    """The session state every migration starts from: the profile's settings, and the role the
    run was started as (``SET ROLE``), if any."""

    settings: tuple[tuple[str, str], ...] = ()
    role: str | None = None


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One pending migration of a plan: the exact SQL that will run and the lock it takes.

    ``sql`` is the rendered file, sent to the server as it is; ``lock_sql`` the lock statement's
    text. ``statements`` is filled for no-transaction files (run one by one in autocommit).
    ``prepare``: the step first creates its module's schema and ledger (``IF NOT EXISTS``).
    ``script`` is every statement the step sends when applied, ``rehearsal`` when rehearsed
    (see ``core.migrations.script``): what the previews show.
    """

    module: str
    module_name: str
    filename: str
    checksum: str
    sql: str
    source: str  # the file text it was rendered from (maps server errors back to the file)
    lock_sql: str
    no_transaction: bool
    statements: tuple[Statement, ...] = ()
    prepare: bool = True
    prepare_schema: bool = True  # with ``prepare``: CREATE SCHEMA IF NOT EXISTS first
    script: tuple[str, ...] = ()
    rehearsal: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """The ordered pending migrations of one or more modules, and why it cannot run, if so."""

    steps: tuple[PlanStep, ...]
    blockers: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    session: SessionBaseline = field(default_factory=SessionBaseline)

    @property
    def runnable(self) -> bool:
        return not self.blockers

    @property
    def not_rehearsable(self) -> tuple[PlanStep, ...]:
        """Steps a rehearsal must skip: no-transaction files cannot run inside a transaction."""
        return tuple(s for s in self.steps if s.no_transaction)


class ApplyEventKind(enum.StrEnum):
    STARTED = "started"
    APPLIED = "applied"
    SKIPPED = "skipped"  # another applier recorded it while we waited for the lock
    FAILED = "failed"
    CANCELLED = "cancelled"
    NOT_REHEARSABLE = "not-rehearsable"
    WAITING = "waiting"  # another session holds the module's lock; message says who


@dataclass(frozen=True, slots=True)
class ApplyEvent:
    """Progress of an apply or rehearsal, one event per migration and phase."""

    kind: ApplyEventKind
    index: int  # position of the step in the plan, 0-based
    total: int
    module: str
    filename: str
    elapsed_ms: float = 0.0
    message: str = ""


@dataclass(frozen=True, slots=True)
class StepResult:
    """What happened to one plan step."""

    module: str
    filename: str
    outcome: ApplyEventKind
    elapsed_ms: float
    execution_time_ms: int | None = None


@dataclass(frozen=True, slots=True)
class SqlErrorLocation:
    """A server error mapped back to the migration file."""

    filename: str
    line: int | None
    column: int | None
    sqlstate: str | None
    message: str
    detail: str | None = None
    hint: str | None = None
    context: str | None = None  # e.g. "PL/pgSQL function inline_code_block line 3 at ..."
    # A no-transaction file that failed after some of its statements ran (each committed).
    committed: int | None = None
    statements: int | None = None
    # The file ended the migration's transaction itself (COMMIT/ROLLBACK in it).
    transaction_ended: bool = False
    # No server position and the failing statement could not be told: the line is unknown.
    unlocated: bool = False

    @property
    def partial(self) -> str | None:
        """``3 of 5 statements of 007_x.sql were committed; ...`` when that happened."""
        if not self.committed:
            return None
        from schemadesk.core.messages_migrations import say  # (models import nothing of ours)

        return say(
            "partial-commit",
            committed=self.committed,
            statements=str(self.statements),  # (None never: committed implies a count)
            file=self.filename,
        )


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """Outcome of an apply or a rehearsal: the step results, and the error if one stopped it."""

    results: tuple[StepResult, ...]
    rehearsal: bool = False
    cancelled: bool = False
    error: SqlErrorLocation | None = None
    not_rehearsed: tuple[str, ...] = field(default=())
    total_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled

    @property
    def applied(self) -> tuple[StepResult, ...]:
        return tuple(r for r in self.results if r.outcome is ApplyEventKind.APPLIED)
