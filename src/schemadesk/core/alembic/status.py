"""Status of an Alembic module in the migration engine's models (``ModuleStatus``).

Alembic keeps no checksums and no history: a revision below the current heads is
"unverifiable" (it was recorded, nothing tells whether the file still says what ran), never
"applied"/"clean". Heads the scripts do not know are "missing"; what ``<branch>@head`` would
run is "pending" ("blocked" while a missing head makes the state unknowable).
"""

from __future__ import annotations

import dataclasses

from schemadesk.core.alembic.config import AlembicModule
from schemadesk.core.alembic.errors import AlembicUnavailable
from schemadesk.core.alembic.models import AlembicSnapshot, ScriptState, VersionTable
from schemadesk.core.alembic.scripts import pairing_problem, read_scripts
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages_alembic import say
from schemadesk.core.migrations.models import (
    FileProblem,
    MigrationState,
    MigrationStatus,
    ModuleStatus,
    Severity,
)


def compute_status(
    module: AlembicModule,
    table: VersionTable,
    scripts: ScriptState | None,
    problems: tuple[FileProblem, ...] = (),
) -> ModuleStatus:
    """One row per revision of the branch (and per recorded head), with the module's problems."""
    found = list(problems)
    if not table.readable:
        found.append(
            FileProblem(
                "version-table-unreadable",
                Severity.ERROR,
                say("version-table-unreadable", table=f"{table.schema}.{table.name}"),
            )
        )
    rows: list[MigrationStatus] = []
    refused = any(p.code == "branch-schema-mismatch" for p in problems)
    if scripts is None:
        rows = [
            MigrationStatus(head, MigrationState.UNVERIFIABLE, None, None) for head in table.heads
        ]
    else:
        rows = _rows(module, table, scripts, found, refused=refused)
    return ModuleStatus(
        module=module.name,
        schema=module.schema,
        ledger_schema=table.schema,
        ledger_table=table.name,
        ledger_exists=table.exists,
        rows=tuple(rows),
        problems=tuple(found),
    )


def _rows(
    module: AlembicModule,
    table: VersionTable,
    scripts: ScriptState,
    found: list[FileProblem],
    *,
    refused: bool,
) -> list[MigrationStatus]:
    applied = set(scripts.applied)
    pending = set(scripts.pending)
    shown = applied | pending | set(scripts.lineage)
    blocked = refused or bool(scripts.unknown)
    rows: list[MigrationStatus] = []
    for revision in scripts.revisions:  # base first: the order Alembic runs them in
        if revision.revision not in shown:
            continue
        if revision.revision in applied:
            state = MigrationState.UNVERIFIABLE
        else:
            state = MigrationState.BLOCKED if blocked else MigrationState.PENDING
        rows.append(MigrationStatus(revision.filename, state, None, None))
    where = f"{table.schema}.{table.name}"
    for head in scripts.unknown:
        problem = FileProblem(
            "unknown-revision",
            Severity.ERROR,
            say("unknown-revision", table=where, rev=head),
        )
        found.append(problem)
        rows.append(MigrationStatus(head, MigrationState.MISSING, None, None, problems=(problem,)))
    for head in scripts.foreign:
        found.append(
            FileProblem(
                "foreign-head",
                Severity.WARNING,
                say(
                    "foreign-head",
                    table=where,
                    rev=head,
                    file=scripts.filename(head),
                    branch=repr(module.branch),
                ),
            )
        )
    return rows


def build_snapshot(module: AlembicModule, table: VersionTable) -> AlembicSnapshot:
    """The module's status from its version table and, when Alembic can read them, its scripts.

    Never raises for a missing Alembic, a missing configuration or a broken script directory:
    the status then shows the version table alone and its problems say why.
    """
    if module.detected:
        note = FileProblem(
            "detected-only",
            Severity.INFO,
            say("detected-only", table=f"{table.schema}.{table.name}"),
        )
        return AlembicSnapshot(module, table, None, compute_status(module, table, None, (note,)))
    try:
        scripts = read_scripts(module, table.heads)
    except AlembicUnavailable as exc:
        problem = FileProblem("alembic-not-installed", Severity.WARNING, str(exc))
        return AlembicSnapshot(module, table, None, compute_status(module, table, None, (problem,)))
    except SchemadeskError as exc:
        problem = FileProblem("alembic-scripts", Severity.ERROR, str(exc))
        return AlembicSnapshot(module, table, None, compute_status(module, table, None, (problem,)))
    except Exception as exc:  # a revision file that does not import, a broken env
        problem = FileProblem(
            "alembic-scripts",
            Severity.ERROR,
            say(
                "scripts-unreadable",
                module=repr(module.name),
                error=f"{type(exc).__name__}: {exc}",
            ),
        )
        return AlembicSnapshot(module, table, None, compute_status(module, table, None, (problem,)))
    pairing = pairing_problem(module, scripts)
    problems: tuple[FileProblem, ...] = ()
    if pairing is not None:
        problems = (FileProblem("branch-schema-mismatch", Severity.ERROR, pairing),)
    status = compute_status(module, table, scripts, problems)
    return AlembicSnapshot(module, table, scripts, status, pairing)


def with_cross_schema_problems(
    snapshots: tuple[AlembicSnapshot, ...],
) -> tuple[AlembicSnapshot, ...]:
    """Flag ``depends_on`` revisions of another module's branch that a pending upgrade would run
    again: each schema's version table knows only its own upgrades, so Alembic re-runs a
    revision another schema already recorded (harmless for ``CREATE SCHEMA IF NOT EXISTS``,
    a failure for ``CREATE TABLE``)."""
    result: list[AlembicSnapshot] = []
    for snap in snapshots:
        if snap.scripts is None:
            result.append(snap)
            continue
        found: list[FileProblem] = []
        for revision in snap.scripts.pending:
            if revision in snap.scripts.own:
                continue
            for other in snapshots:
                if (
                    other is snap
                    or other.scripts is None
                    or other.module.config != snap.module.config
                    or revision not in other.scripts.own
                    or revision not in other.scripts.applied
                ):
                    continue
                table = other.version_table
                found.append(
                    FileProblem(
                        "dependency-runs-again",
                        Severity.WARNING,
                        say(
                            "dependency-runs-again",
                            file=snap.scripts.filename(revision),
                            branch=repr(other.module.branch),
                            table=f"{table.schema}.{table.name}",
                            module=repr(snap.module.name),
                        ),
                    )
                )
        if found:
            status = dataclasses.replace(snap.status, problems=(*snap.status.problems, *found))
            result.append(dataclasses.replace(snap, status=status))
        else:
            result.append(snap)
    return tuple(result)
