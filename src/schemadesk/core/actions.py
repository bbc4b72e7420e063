"""A change about to run, as a person confirms it, the audit log records it and a review report
shows it: what, where, as whom, and the exact SQL, step by step.

Builders here turn the engines' plans (pending migrations, change sets) into one shape, so the
window's confirmation dialog, the command line's prompt, the audit log and the review report all
show the same text — the text that runs.
"""

from __future__ import annotations

import enum
import getpass
from collections.abc import Sequence
from dataclasses import dataclass, field

from schemadesk.core.lint.models import LintFinding
from schemadesk.core.messages_access import migrations_title, said_title
from schemadesk.core.migrations.models import Plan, PlanStep
from schemadesk.core.migrations.observed import StepObservation
from schemadesk.core.migrations.script import rehearsal_start, script_text
from schemadesk.core.migrations.script import text as statement_texts
from schemadesk.core.migrations.split import count_statements
from schemadesk.core.migrations.timeouts import StepTimeouts


class ActionKind(enum.StrEnum):
    """What a confirmed action does."""

    APPLY_MIGRATIONS = "apply-migrations"
    REHEARSE = "rehearse"
    ACCEPT_CHECKSUM = "accept-checksum"
    CHANGE_SET = "change-set"  # grant, revoke, provision, convention fixes
    ROLLOUT = "rollout"  # one plan to many targets; each target also has its own record


@dataclass(frozen=True, slots=True)
class ActionTarget:
    """Where the statements run and as whom."""

    profile: str
    host: str
    port: int
    database: str
    login: str
    schema: str | None = None
    run_as: str | None = None  # a role to SET ROLE to before running, or None for the login
    protected: bool = False

    def describe(self) -> str:
        """``login@host:port/database`` (``as role``) (``schema s``)."""
        text = f"{self.login}@{self.host}:{self.port}/{self.database}"
        if self.run_as and self.run_as != self.login:
            text += f" as {self.run_as}"
        if self.schema:
            text += f", schema {self.schema}"
        return text


@dataclass(frozen=True, slots=True)
class ActionStep:
    """One migration, or one statement of a change set: a row of the progress panel."""

    label: str
    sql: str
    checksum: str | None = None
    statements: int = 1
    locks: tuple[str, ...] = ()
    timeouts: StepTimeouts | None = None  # a migration's lock and statement timeouts


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """Everything the confirmation dialog shows; nothing runs that is not in ``steps``."""

    kind: ActionKind
    title: str
    target: ActionTarget
    steps: tuple[ActionStep, ...]
    warnings: tuple[str, ...] = ()
    rehearsal: str | None = None  # the rehearsal's outcome in one line, when one ran
    # How that rehearsal relates to this plan (core.rehearsals.Bound), "" when none is shown;
    # "failed", "other-plan" or "other-role" need an explicit override to confirm.
    rehearsal_bound: str = ""
    os_user: str = field(default_factory=getpass.getuser)
    # What the review found per migration: the last rehearsal's locks and rewrites, the lint.
    observed: tuple[StepObservation, ...] = ()
    lint: tuple[LintFinding, ...] = ()

    @property
    def sql(self) -> str:
        """The exact SQL of every step, in order, with a comment line naming each step."""
        return "\n".join(f"-- {step.label}\n{step.sql.rstrip()}\n" for step in self.steps)

    @property
    def statement_count(self) -> int:
        return sum(step.statements for step in self.steps)

    @property
    def locks(self) -> tuple[str, ...]:
        """Every lock the steps take, each once, in the order first taken."""
        seen: dict[str, None] = {}
        for step in self.steps:
            for lock in step.locks:
                seen.setdefault(lock, None)
        return tuple(seen)


def migration_step(
    step: PlanStep,
    *,
    rehearse: bool = False,
    first: bool = False,
    last: bool = False,
    start: tuple[str, ...] = (),
) -> ActionStep:
    """One pending migration as an action step: every statement the engine sends for it
    (``start``: what a rehearsal sends before its ``BEGIN``, shown with the first step)."""
    statements = (len(step.statements) or count_statements(step.sql)) or 1
    return ActionStep(
        label=f"{step.module}/{step.filename}",
        sql=script_text(step, rehearse=rehearse, first=first,
                        last=last, start=start),
        checksum=step.checksum,
        statements=statements,
        timeouts=step.timeouts,
        locks=(
            said_title(
                "lock-session" if step.no_transaction else "lock-transaction",
                key=f"pgdbm_migration_{step.module_name}",
            ),
        ),
    )  # fmt: skip


def migrations_action(
    plan: Plan,
    target: ActionTarget,
    *,
    rehearse: bool = False,
    rehearsal: str | None = None,
    observed: Sequence[StepObservation] = (),
    lint: Sequence[LintFinding] = (),
) -> PlannedAction:
    """Applying (or rehearsing) the pending migrations of a plan; ``observed``: what the last
    rehearsal saw (only its steps of this plan are kept), ``lint``: the plan's findings."""
    labels = {f"{s.module}/{s.filename}" for s in plan.steps}
    kind = ActionKind.REHEARSE if rehearse else ActionKind.APPLY_MIGRATIONS
    count = len(plan.steps)
    title = migrations_title(rehearse=rehearse, count=count)
    start = tuple(statement_texts(rehearsal_start(plan.observe_schemas)))
    return PlannedAction(
        kind=kind,
        title=title,
        target=target,
        steps=tuple(
            migration_step(s, rehearse=rehearse, first=i == 0, last=i == count - 1, start=start)
            for i, s in enumerate(plan.steps)
        ),
        warnings=plan.warnings + plan.blockers,
        rehearsal=rehearsal,
        observed=tuple(o for o in observed if o.label in labels),
        lint=tuple(lint),
    )


def change_set_action(
    title: str, statements: Sequence[tuple[str, str]], target: ActionTarget
) -> PlannedAction:
    """A change set as rendered by the server connection: ``(summary, exact SQL)`` pairs."""
    steps = tuple(
        ActionStep(
            label=summary,
            sql=text if text.endswith(";") else text + ";",
            locks=(said_title("lock-catalog-rows"),),
        )
        for summary, text in statements
    )
    return PlannedAction(kind=ActionKind.CHANGE_SET, title=title, target=target, steps=steps)
