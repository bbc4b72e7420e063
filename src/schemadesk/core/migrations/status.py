"""Status of a module: files on disk against its ledger rows, computed without a database."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

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
from schemadesk.core.migrations.split import split_statements
from schemadesk.core.migrations.template import LineIndex, render

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
    if file.content is not None and file.content.strip():
        problems.extend(render(file.content, module.template_schema).problems)
        if not file.no_transaction:
            problems.extend(transaction_control(file.content))
    if file.no_transaction and pooler:
        problems.append(
            FileProblem(
                "no-transaction-on-pooler",
                Severity.ERROR,
                "-- pgdbm:no-transaction file on what looks like a transaction pooler "
                "(pgbouncer, -pooler): the session lock and autocommit statements are not safe "
                "there; use a direct connection",
            )
        )
    return tuple(problems)


_TX_CONTROL = re.compile(
    r"(?is)(?:\s|--[^\n]*\n|/\*.*?\*/)*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION)\b(?!\s+ATOMIC)"
)


def transaction_control(content: str) -> tuple[FileProblem, ...]:
    """Statements that end or open transactions in a file pgdbm runs in one transaction."""
    lines = LineIndex(content)
    found: list[FileProblem] = []
    for statement in split_statements(content):
        m = _TX_CONTROL.match(statement.text)
        if m is None:
            continue
        line, column = lines.position(statement.offset + m.start(1))
        keyword = " ".join(m.group(1).upper().split())
        found.append(
            FileProblem(
                "transaction-control",
                Severity.WARNING,
                f"{keyword} in a migration that runs in its own transaction: it ends or nests "
                "that transaction, and the ledger row may then be written outside it",
                line,
                column,
            )
        )
    return tuple(found)


def module_problems(module: ModuleConfig) -> tuple[FileProblem, ...]:
    """Problems of the module's configuration that pgdbm would trip on."""
    problems: list[FileProblem] = []
    if module.schema and module.schema != module.schema.lower():
        problems.append(
            FileProblem(
                "mixed-case-schema",
                Severity.WARNING,
                f"schema {module.schema!r} has capital letters: pgdbm quotes it in templates but "
                f"not in its ledger (it would look for {module.schema.lower()!r}); schemadesk "
                "keeps the ledger in the real schema",
            )
        )
    if not module.path.is_dir():
        problems.append(
            FileProblem("no-folder", Severity.WARNING, f"migrations folder {module.path} not found")
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
