"""Plain data of a rollout: each target's plan, its progress and its outcome per schema."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field

from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages_migrations import say
from schemadesk.core.migrations.models import (
    ApplyEvent,
    ApplyEventKind,
    ApplyResult,
    Plan,
    StepResult,
)
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.rollout.targets import Target


class TargetsUnreachable(SchemadeskError):
    """A target could not be reached while planning: nothing ran anywhere."""

    exit_code = 3


class TargetState(enum.StrEnum):
    """Where one target stands in the rollout (the view's grid shows these)."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"  # never started: an earlier failure stopped the rollout
    CANCELLED = "cancelled"  # stopped between steps (Ctrl-C, Cancel, or another's failure)


@dataclass(frozen=True, slots=True)
class TargetPlan:
    """A target as planned: where it is, what it needs, or why it could not be planned."""

    target: Target
    where: str = ""  # user@host:port/db
    server: str = ""  # host:port: the per-server cap counts by it
    protected: bool = False
    plan: Plan | None = None
    modules: tuple[ModuleConfig, ...] = ()  # the project's and this target's tenant modules
    alembic: tuple[AlembicSnapshot, ...] = ()  # Alembic modules (tenant chains) with pending
    schemas: dict[str, str] = field(default_factory=dict)  # module name -> schema
    problem: str | None = None  # could not connect or plan: nothing will run there
    unreachable: bool = False  # the problem is that it could not connect
    free_connections: int | None = None  # what the server still accepts, when it said

    @property
    def steps(self) -> int:
        """pgdbm migrations and Alembic revisions it needs."""
        pgdbm = len(self.plan.steps) if self.plan is not None else 0
        return pgdbm + sum(len(s.pending) for s in self.alembic)

    @property
    def signature(self) -> tuple[tuple[str, int], ...]:
        """What it needs, schema names left out: ``(file, how many schemas)``, sorted."""
        if self.plan is None:
            return (("(not planned)", 0),)
        files = Counter(f"{s.filename} {s.checksum[:12]}" for s in self.plan.steps)
        files.update(f"{r} (alembic)" for s in self.alembic for r in s.pending)
        return tuple(sorted(files.items()))


@dataclass(frozen=True, slots=True)
class RolloutPlan:
    """Every target's plan, stages in order."""

    stages: tuple[str, ...]
    targets: tuple[TargetPlan, ...]

    def in_stage(self, stage: str) -> tuple[TargetPlan, ...]:
        return tuple(t for t in self.targets if t.target.stage == stage)

    @property
    def protected(self) -> tuple[str, ...]:
        """Names of the protected targets (they make the confirmation typed)."""
        return tuple(t.target.name for t in self.targets if t.protected)

    @property
    def problems(self) -> tuple[str, ...]:
        """``target: why`` for each target that could not be planned or is blocked."""
        # said as "at" (where: problem): the window translates each problem on its own
        found = [
            say("at", where=t.target.name, problem=t.problem) for t in self.targets if t.problem
        ]
        for t in self.targets:
            if t.plan is not None:
                found += [say("at", where=t.target.name, problem=b) for b in t.plan.blockers]
        return tuple(found)

    @property
    def steps(self) -> int:
        return sum(t.steps for t in self.targets)

    def outliers(self) -> tuple[tuple[TargetPlan, str], ...]:
        """Targets whose needs differ from most targets', each with how it differs."""
        if len(self.targets) < 3:
            return ()
        common, _n = Counter(t.signature for t in self.targets).most_common(1)[0]
        usual = dict(common)
        found = []
        for t in self.targets:
            if t.signature == common:
                continue
            if t.plan is None:
                found.append((t, "not planned"))
                continue
            mine = dict(t.signature)
            extra = sorted(k.split()[0] for k in mine.keys() - usual.keys())
            lacking = sorted(k.split()[0] for k in usual.keys() - mine.keys())
            said = [f"{t.steps} step(s), most need {sum(usual.values())}"]
            if extra:
                said.append("also " + ", ".join(extra[:3]) + ("…" if len(extra) > 3 else ""))
            if lacking:
                said.append("not " + ", ".join(lacking[:3]) + ("…" if len(lacking) > 3 else ""))
            found.append((t, "; ".join(said)))
        return tuple(found)


@dataclass(frozen=True, slots=True)
class SchemaOutcome:
    """One row of the summary: a schema of a target and what happened to its migrations."""

    target: str
    schema: str
    applied: int = 0
    skipped: int = 0
    failed: str | None = None  # file:line: message
    duration_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    """How one target ended."""

    target: str
    stage: str
    state: TargetState
    result: ApplyResult | None = None
    problem: str | None = None  # could not connect, refused, ...
    rows: tuple[SchemaOutcome, ...] = ()


@dataclass(frozen=True, slots=True)
class RolloutEvent:
    """Progress: a target changed state, or one of its migrations moved on."""

    target: str
    state: TargetState
    step: ApplyEvent | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class RolloutResult:
    """Every target's outcome, in plan order, and whether the rollout was stopped."""

    outcomes: tuple[TargetOutcome, ...]
    rehearsal: bool = False
    cancelled: bool = False
    stopped_at: str | None = None  # the stage whose failure stopped the rest
    total_ms: float = 0.0

    @property
    def failed(self) -> tuple[TargetOutcome, ...]:
        return tuple(o for o in self.outcomes if o.state is TargetState.FAILED)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled and self.stopped_at is None


def schema_rows(
    target: str, schemas: dict[str, str], result: ApplyResult | None
) -> tuple[SchemaOutcome, ...]:
    """The summary rows of one target: per schema, what was applied, skipped or failed."""
    by_schema: dict[str, list[StepResult]] = {s: [] for s in dict.fromkeys(schemas.values())}
    for r in result.results if result is not None else ():
        by_schema.setdefault(schemas.get(r.module, r.module), []).append(r)
    rows = []
    for schema, done in by_schema.items():
        failed = next((r for r in done if r.outcome is ApplyEventKind.FAILED), None)
        where = None
        if failed is not None and result is not None and result.error is not None:
            line = "?" if result.error.line is None else str(result.error.line)
            where = f"{failed.filename}:{line}: {result.error.message}"
        rows.append(
            SchemaOutcome(
                target,
                schema,
                applied=sum(r.outcome is ApplyEventKind.APPLIED for r in done),
                skipped=sum(r.outcome is ApplyEventKind.SKIPPED for r in done),
                failed=where,
                duration_ms=round(sum(r.elapsed_ms for r in done), 1),
            )
        )
    return tuple(rows)
