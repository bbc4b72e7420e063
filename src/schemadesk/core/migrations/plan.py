"""A plan: the pending migrations of some modules, in order, with the exact SQL each runs."""

from __future__ import annotations

from collections.abc import Sequence

from schemadesk.core.migrations import statements
from schemadesk.core.migrations.models import (
    MigrationFile,
    MigrationState,
    ModuleStatus,
    Plan,
    PlanStep,
    Severity,
)
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.split import split_statements
from schemadesk.core.migrations.template import render


def build_plan(
    items: Sequence[tuple[ModuleConfig, Sequence[MigrationFile], ModuleStatus]],
) -> Plan:
    """The pending migrations of each module, modules in the order given, files in name order.

    A drifted file blocks the plan (accept its new checksum first, as its own action), and so
    does any pending file with an error-level problem. A plan with blockers still lists its
    steps, so the user sees what would run.
    """
    steps: list[PlanStep] = []
    blockers: list[str] = []
    warnings: list[str] = []
    for module, files, status in items:
        by_name = {f.filename: f for f in files}
        for row in status.rows:
            if row.state is MigrationState.DRIFTED:
                blockers.append(
                    f"{module.name}/{row.filename}: changed after it was applied "
                    f"(recorded {(row.recorded_checksum or '')[:12]}, "
                    f"file {(row.file_checksum or '')[:12]}); accept the new checksum first"
                )
        for row in status.rows:
            if row.state not in (MigrationState.PENDING, MigrationState.BLOCKED):
                continue
            file = by_name[row.filename]
            for p in row.problems:
                where = f"{module.name}/{row.filename}"
                if p.line is not None:
                    where += f":{p.line}" + (f":{p.column}" if p.column else "")
                if p.severity is Severity.ERROR:
                    blockers.append(f"{where}: {p.message}")
                elif p.severity is Severity.WARNING:
                    warnings.append(f"{where}: {p.message}")
            steps.append(plan_step(module, file))
    return Plan(tuple(steps), tuple(blockers), tuple(warnings))


def plan_step(module: ModuleConfig, file: MigrationFile) -> PlanStep:
    """One file rendered for its module, with the lock it takes and its statements if split."""
    content = file.content or ""
    rendered = render(content, module.template_schema)
    lock = (
        statements.try_session_lock(module)
        if file.no_transaction
        else statements.try_xact_lock(module)
    )
    return PlanStep(
        module=module.name,
        module_name=module.module_name,
        filename=file.filename,
        checksum=file.checksum or "",
        sql=rendered.text,
        source=content,
        lock_sql=statements.text(lock),
        no_transaction=file.no_transaction,
        statements=split_statements(rendered.text) if file.no_transaction else (),
    )
