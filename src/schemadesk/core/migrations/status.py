"""Status of a module: files on disk against its ledger rows, computed without a database."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from schemadesk.core.messages_migrations import say
from schemadesk.core.migrations.models import (
    DriftDiff,
    FileProblem,
    LedgerRow,
    MigrationFile,
    MigrationState,
    MigrationStatus,
    ModuleStatus,
    Severity,
)
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.sql_checks import statement_problems
from schemadesk.core.migrations.template import render

DriftFinder = Callable[[MigrationFile, str], DriftDiff | None]


def applied_rows(module: ModuleConfig, rows: Sequence[LedgerRow]) -> dict[str, LedgerRow]:
    """The rows that count for a module, by file name (its own rows win over NULL-module rows)."""
    result: dict[str, LedgerRow] = {}
    for row in rows:
        if row.module_name is None:
            result.setdefault(row.filename, row)
        elif row.module_name == module.module_name:
            result[row.filename] = row
    return result


def file_problems(
    module: ModuleConfig, file: MigrationFile, *, pooler: bool = False
) -> tuple[FileProblem, ...]:
    """Whole-file problems plus the template problems of the file rendered for the module."""
    problems = list(file.problems)
    if file.content and not file.content.isspace():
        problems.extend(render(file.content, module.template_schema).problems)
        if not file.no_transaction:
            problems.extend(statement_problems(file.content))
    if file.no_transaction and pooler:
        problems.append(
            FileProblem(
                "no-transaction-on-pooler",
                Severity.ERROR,
                say("no-transaction-on-pooler"),
            )
        )
    return tuple(problems)


def module_problems(module: ModuleConfig) -> tuple[FileProblem, ...]:
    """Problems of the module's configuration that pgdbm would trip on."""
    problems: list[FileProblem] = []
    if module.schema and module.schema != module.schema.lower():
        problems.append(
            FileProblem(
                "mixed-case-schema",
                Severity.WARNING,
                say(
                    "mixed-case-schema",
                    name=repr(module.schema),
                    lower=repr(module.schema.lower()),
                ),
            )
        )
    if not module.path.is_dir():
        problems.append(
            FileProblem("no-folder", Severity.WARNING, say("no-folder", path=str(module.path)))
        )
    return tuple(problems)


def compute_status(
    module: ModuleConfig,
    files: Sequence[MigrationFile],
    ledger: Sequence[LedgerRow] | None,
    *,
    pooler: bool = False,
    find_drift: DriftFinder | None = None,
) -> ModuleStatus:
    """Each migration's state for the module. ``ledger=None`` means the ledger table is absent.

    A pending file after a drifted one is ``blocked``; a recorded file no longer on disk is
    ``missing`` (pgdbm skips those silently). ``find_drift`` looks up a drifted file's
    recorded version (for instance in git).
    """
    applied = applied_rows(module, ledger or ())
    rows: list[MigrationStatus] = []
    seen_drift = False
    for f in files:
        problems = file_problems(module, f, pooler=pooler)
        row = applied.get(f.filename)
        if row is None:
            state = MigrationState.BLOCKED if seen_drift else MigrationState.PENDING
            rows.append(MigrationStatus(f.filename, state, f.checksum, None, problems=problems))
            continue
        if row.checksum == f.checksum:
            state = MigrationState.APPLIED
            drift = None
        else:
            state = MigrationState.DRIFTED
            seen_drift = True
            drift = find_drift(f, row.checksum) if find_drift is not None else None
        rows.append(
            MigrationStatus(
                f.filename,
                state,
                f.checksum,
                row.checksum,
                row.applied_at,
                row.applied_by,
                row.execution_time_ms,
                problems,
                drift,
            )
        )
    on_disk = {f.filename for f in files}
    for name, row in applied.items():
        if name not in on_disk:
            rows.append(
                MigrationStatus(
                    name,
                    MigrationState.MISSING,
                    None,
                    row.checksum,
                    row.applied_at,
                    row.applied_by,
                    row.execution_time_ms,
                )
            )
    rows.sort(key=lambda r: r.filename)
    return ModuleStatus(
        module=module.name,
        schema=module.schema,
        ledger_schema=module.ledger_schema,
        ledger_table=module.ledger.lower(),
        ledger_exists=ledger is not None,
        rows=tuple(rows),
        problems=module_problems(module),
    )


def folder_problem(module: ModuleConfig) -> str | None:
    """Why a module's migrations folder cannot be used (missing, not a folder, no ``*.sql``).

    A mistyped folder must never read as "nothing to apply": callers treat it as bad input.
    """
    path = module.path
    if not path.exists():
        return f"module {module.name}: migrations folder {path} not found"
    if not path.is_dir():
        return f"module {module.name}: {path} is not a folder"
    if not any(not p.name.startswith(".") for p in path.glob("*.sql")):
        return f"module {module.name}: migrations folder {path} has no .sql files"
    return None


GATE_STATES = ("pending", "drifted", "missing", "blocked")


def gate(statuses: Sequence[ModuleStatus], fail_on: Sequence[str]) -> tuple[str, ...]:
    """``status --fail-on``: one line per module that is in one of the states ``fail_on`` names.

    ``blocked`` also counts pending files with a blocking problem and modules with a blocking
    problem of their own (an unreadable module is never up to date).
    """
    reasons: list[str] = []
    for status in statuses:
        counts: dict[str, int] = {}
        for row in status.rows:
            state = row.state.value
            if row.state is MigrationState.PENDING and any(
                p.severity is Severity.ERROR for p in row.problems
            ):
                state = "blocked"
            counts[state] = counts.get(state, 0) + 1
        if any(p.severity is Severity.ERROR for p in status.problems):
            counts["blocked"] = counts.get("blocked", 0) + 1
        hits = [f"{counts[s]} {s}" for s in GATE_STATES if s in fail_on and counts.get(s)]
        if hits:
            reasons.append(f"{status.module}: {', '.join(hits)}")
    return tuple(reasons)
