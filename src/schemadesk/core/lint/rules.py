"""schemadesk's own lint rules: what the project, the profile and the catalog know.

squawk sees one rendered file. schemadesk also knows whether pgdbm runs the file in one
transaction (the ``-- pgdbm:no-transaction`` marker), which ``lock_timeout`` every session of
the profile runs with, and how large each table is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from schemadesk.core.migrations.models import Severity
from schemadesk.core.migrations.split import split_statements

# The rule names, as ``[lint] disable`` and ``-- squawk-ignore`` spell them.
CONCURRENTLY = "concurrently-in-transaction"
NO_LOCK_TIMEOUT = "no-lock-timeout"
LARGE_TABLE = "large-table"
OWN_RULES = (CONCURRENTLY, NO_LOCK_TIMEOUT, LARGE_TABLE, "transaction-control", "session-setting")

_LEAD = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.S)
_NAME = r'(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)'
_QNAME = rf"({_NAME}(?:\s*\.\s*{_NAME})?)"
_TABLE_OPS = (
    ("ALTER TABLE", re.compile(rf"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?{_QNAME}", re.I)),
    (
        "CREATE INDEX",
        re.compile(
            rf"CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:(?:IF\s+NOT\s+EXISTS\s+)?"
            rf"{_NAME}\s+)?ON\s+(?:ONLY\s+)?{_QNAME}",
            re.I,
        ),
    ),
    ("UPDATE", re.compile(rf"UPDATE\s+(?:ONLY\s+)?{_QNAME}", re.I)),
    ("DELETE", re.compile(rf"DELETE\s+FROM\s+(?:ONLY\s+)?{_QNAME}", re.I)),
    ("LOCK TABLE", re.compile(rf"LOCK\s+(?:TABLE\s+)?(?:ONLY\s+)?{_QNAME}", re.I)),
    ("VACUUM FULL", re.compile(rf"VACUUM\s+(?:\(\s*)?FULL\b[^;]*?\s{_QNAME}\s*;?\s*\Z", re.I)),
    ("CLUSTER", re.compile(rf"CLUSTER\s+(?:VERBOSE\s+)?{_QNAME}", re.I)),
    ("REINDEX", re.compile(rf"REINDEX\s+TABLE\s+(?:CONCURRENTLY\s+)?{_QNAME}", re.I)),
)
_CONCURRENT = re.compile(
    r"(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX\s+\w+)\s+CONCURRENTLY\b"
    r"|ALTER\s+TABLE\b[^;]*\bDETACH\s+PARTITION\b[^;]*\bCONCURRENTLY\b",
    re.I,
)
_SET_LOCK_TIMEOUT = re.compile(
    r"SET\s+(?:LOCAL\s+|SESSION\s+)?lock_timeout\s*(?:=|TO)\s*'?\s*([0-9.]+)", re.I
)


@dataclass(frozen=True, slots=True)
class Hit:
    """An own rule's finding at an offset of the rendered text."""

    rule: str
    severity: Severity
    message: str
    offset: int | None
    help: str | None = None


@dataclass(frozen=True, slots=True)
class TableUse:
    """A statement that works on a table: what it does, the table, where the statement starts."""

    operation: str
    schema: str | None
    table: str
    offset: int


def _unquote(name: str) -> str:
    name = name.strip()
    if name.startswith('"'):
        return name[1:-1].replace('""', '"')
    return name.lower()  # PostgreSQL folds unquoted names


def _split_name(qualified: str) -> tuple[str | None, str]:
    parts = re.findall(_NAME, qualified)
    if len(parts) == 2:
        return _unquote(parts[0]), _unquote(parts[1])
    return None, _unquote(parts[0])


def _statements(text: str) -> Iterator[tuple[str, int]]:
    """Each statement without its leading comments, and its offset in ``text``."""
    for statement in split_statements(text):
        lead = _LEAD.match(statement.text)
        skip = lead.end() if lead else 0
        body = statement.text[skip:]
        if body:
            yield body, statement.offset + skip


def table_uses(text: str) -> tuple[TableUse, ...]:
    """The tables the statements of a rendered file alter, index, update, lock or rewrite."""
    uses: list[TableUse] = []
    for body, offset in _statements(text):
        for operation, pattern in _TABLE_OPS:
            m = pattern.match(body)
            if m:
                schema, table = _split_name(m.group(1))
                uses.append(TableUse(operation, schema, table, offset))
                break
    return tuple(uses)


def concurrently_hits(text: str, *, no_transaction: bool) -> list[Hit]:
    """``CONCURRENTLY`` in a file pgdbm runs in one transaction: PostgreSQL refuses it."""
    if no_transaction:
        return []
    return [
        Hit(
            CONCURRENTLY,
            Severity.ERROR,
            "CONCURRENTLY cannot run inside a transaction block, and pgdbm runs this file in "
            "one transaction: PostgreSQL refuses it (25001)",
            offset,
            "mark the file with a line '-- pgdbm:no-transaction' (it then runs statement by "
            "statement), and keep the concurrent statement in a file of its own",
        )
        for body, offset in _statements(text)
        if _CONCURRENT.match(body)
    ]


def no_timeout(duration: str | None) -> bool:
    """True for a missing timeout or one of zero (PostgreSQL's "no timeout")."""
    if duration is None:
        return True
    m = re.match(r"\s*([0-9.]+)", duration)
    return m is None or float(m.group(1)) == 0


def lock_timeout_hits(text: str, profile_lock_timeout: str | None) -> list[Hit]:
    """No ``lock_timeout``, neither from the profile nor set in the file before its DDL."""
    if not no_timeout(profile_lock_timeout):
        return []
    sets = [m.group(1) for body, _ in _statements(text) if (m := _SET_LOCK_TIMEOUT.match(body))]
    if any(not no_timeout(value) for value in sets):
        return []
    uses = table_uses(text)
    if not uses:
        return []
    return [
        Hit(
            NO_LOCK_TIMEOUT,
            Severity.WARNING,
            f"{uses[0].operation} runs without a lock_timeout: the profile sets none "
            f"(lock_timeout = {profile_lock_timeout or '0'!s}) and the file sets none, so a "
            "lock queue behind a long transaction stalls every query on the table",
            uses[0].offset,
            "set lock_timeout in the profile's session settings, or SET LOCAL lock_timeout in "
            "the file",
        )
    ]


def large_table_hits(
    text: str,
    default_schema: str | None,
    sizes: Mapping[tuple[str, str], tuple[int, float]],
    threshold: int,
) -> list[Hit]:
    """Statements on tables larger than ``threshold`` bytes (sizes from the catalog)."""
    hits: list[Hit] = []
    for use in table_uses(text):
        schema = use.schema or default_schema or "public"
        size, rows = sizes.get((schema, use.table), (0, 0.0))
        if size <= threshold:
            continue
        hits.append(
            Hit(
                LARGE_TABLE,
                Severity.WARNING,
                f"{use.operation} on {schema}.{use.table}, {human_size(size)} "
                f"(about {max(int(rows), 0):,} rows), above the {human_size(threshold)} "
                "threshold: a lock or a rewrite here lasts as long as the table is large",
                use.offset,
            )
        )
    return hits


def human_size(size: int) -> str:
    """1234567 → ``1.2 MB`` (powers of 1024, as pg_size_pretty)."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"
