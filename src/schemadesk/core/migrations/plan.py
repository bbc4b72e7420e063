"""A plan: the pending migrations of some modules, in order, with the exact SQL each runs."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from schemadesk.core.messages_migrations import Message, say
from schemadesk.core.migrations import script, statements
from schemadesk.core.migrations.models import (
    MigrationFile,
    MigrationState,
    ModuleStatus,
    Plan,
    PlanStep,
    SessionBaseline,
    Severity,
)
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.split import split_statements
from schemadesk.core.migrations.template import render


def build_plan(
    items: Sequence[tuple[ModuleConfig, Sequence[MigrationFile], ModuleStatus]],
    session: SessionBaseline | None = None,
) -> Plan:
    """The pending migrations of each module, modules in the order given, files in name order.

    A drifted file blocks the plan (accept its new checksum first, as its own action), and so
    does any pending file with an error-level problem. A plan with blockers still lists its
    steps, so the user sees what would run. ``session``: what every migration starts from.
    """
    session = session or SessionBaseline()
    steps: list[PlanStep] = []
    blockers: list[str] = []
    warnings: list[str] = []
    for module, files, status in items:
        by_name = {f.filename: f for f in files}
        prepare = not status.ledger_exists
        # CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema
        # exists: not sent when it is known to exist (e.g. run as its owner).
        prepare_schema = status.schema_exists is not True
        for row in status.rows:
            if row.state is MigrationState.DRIFTED:
                drifted = Message(
                    "drifted",
                    {
                        "recorded": (row.recorded_checksum or "")[:12],
                        "file": (row.file_checksum or "")[:12],
                    },
                )
                blockers.append(say("at", where=f"{module.name}/{row.filename}", problem=drifted))
        for row in status.rows:
            if row.state not in (MigrationState.PENDING, MigrationState.BLOCKED):
                continue
            file = by_name[row.filename]
            for p in row.problems:
                where = f"{module.name}/{row.filename}"
                if p.line is not None:
                    where += f":{p.line}" + (f":{p.column}" if p.column else "")
                if p.severity is Severity.ERROR:
                    blockers.append(say("at", where=where, problem=p.message))
                elif p.severity is Severity.WARNING:
                    warnings.append(say("at", where=where, problem=p.message))
            steps.append(
                plan_step(
                    module, file, prepare=prepare, prepare_schema=prepare_schema, session=session
                )
            )
            prepare = False
    return Plan(tuple(steps), tuple(blockers), tuple(warnings), session)


def with_session(plan: Plan, modules: Mapping[str, ModuleConfig], session: SessionBaseline) -> Plan:
    """The plan with each step's script for another session baseline (e.g. run as a role)."""
    steps = tuple(
        dataclasses.replace(s, **_scripts(modules[s.module], s, session)) for s in plan.steps
    )
    return dataclasses.replace(plan, steps=steps, session=session)


def for_role(plan: Plan, modules: Mapping[str, ModuleConfig], role: str | None) -> Plan:
    """The plan run as ``role`` (``SET ROLE`` first): each migration's reset returns to it."""
    if role == plan.session.role:
        return plan
    return with_session(plan, modules, dataclasses.replace(plan.session, role=role))


def _scripts(module: ModuleConfig, step: PlanStep, session: SessionBaseline) -> dict[str, Any]:
    def one(rehearse: bool) -> tuple[str, ...]:
        return script.preview(
            module,
            step.filename,
            step.checksum,
            no_transaction=step.no_transaction,
            prepare=step.prepare,
            prepare_schema=step.prepare_schema,
            baseline=session,
            rehearse=rehearse,
            statement_count=len(step.statements),
        )

    return {"script": one(False), "rehearsal": () if step.no_transaction else one(True)}


def plan_step(
    module: ModuleConfig,
    file: MigrationFile,
    *,
    prepare: bool = True,
    prepare_schema: bool = True,
    session: SessionBaseline | None = None,
) -> PlanStep:
    """One file rendered for its module, with the lock it takes, its statements if split and
    the script it sends. ``prepare``: create the module's schema and ledger first (if absent)."""
    content = file.content or ""
    rendered = render(content, module.template_schema)
    lock = (
        statements.try_session_lock(module)
        if file.no_transaction
        else statements.try_xact_lock(module)
    )
    step = PlanStep(
        module=module.name,
        module_name=module.module_name,
        filename=file.filename,
        checksum=file.checksum or "",
        sql=rendered.text,
        source=content,
        lock_sql=statements.text(lock),
        no_transaction=file.no_transaction,
        statements=split_statements(rendered.text) if file.no_transaction else (),
        prepare=prepare,
        prepare_schema=prepare_schema,
    )
    return dataclasses.replace(step, **_scripts(module, step, session or SessionBaseline()))
