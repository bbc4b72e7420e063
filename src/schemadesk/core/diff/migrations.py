"""Compare migration state: pgdbm ledger rows (which files are applied where, with their
checksums) and Alembic version tables (heads), per pair of schemas.

A ledger or version table belongs to a schema when it lies in it, or (the seed's Alembic layout)
when its name ends in ``_<schema>`` (``public.alembic_version_auth``). A renamed schema renames
its tables' names the same way: ``alembic_version_tenant_a`` pairs with ``..._tenant_b``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from schemadesk.core.diff.models import Difference, SchemaPair
from schemadesk.core.diff.texts import NONE
from schemadesk.core.messages import Message


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One applied migration: the ledger it is in, its module, file and checksum."""

    schema: str
    table: str
    module: str
    filename: str
    checksum: str


@dataclass(frozen=True, slots=True)
class VersionHeads:
    """An Alembic version table and the revisions it holds."""

    schema: str
    table: str
    heads: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MigrationState:
    """Every pgdbm ledger row and Alembic version table of one database."""

    ledger: tuple[LedgerEntry, ...] = ()
    alembic: tuple[VersionHeads, ...] = ()


def _belongs(schema: str, table: str, to: str, *, by_name: bool = False) -> bool:
    return schema == to or (by_name and table.endswith("_" + to))


def _table_key(schema: str, table: str, owner: str) -> str:
    """The table's name with its schema's name taken out, so that tenants' tables pair up."""
    where = "" if schema == owner else schema + "."
    return where + (table[: -len(owner)] + "{schema}" if table.endswith("_" + owner) else table)


def compare_migrations(
    a: MigrationState, b: MigrationState, pairs: Iterable[SchemaPair]
) -> Iterator[Difference]:
    """Ledger rows and Alembic heads of each pair, side by side."""
    for pair in pairs:
        yield from _ledger(a, b, pair)
        yield from _alembic(a, b, pair)


def _ledger(a: MigrationState, b: MigrationState, pair: SchemaPair) -> Iterator[Difference]:
    def rows(state: MigrationState, schema: str) -> dict[tuple[str, str, str], LedgerEntry]:
        return {
            (_table_key(e.schema, e.table, schema), e.module, e.filename): e
            for e in state.ledger
            if _belongs(e.schema, e.table, schema)
        }

    ra, rb = rows(a, pair.source), rows(b, pair.target)
    for key in sorted(ra.keys() | rb.keys()):
        ea, eb = ra.get(key), rb.get(key)
        one = ea or eb
        assert one is not None
        subject = f"migration {one.module}/{one.filename}"
        if ea is None or eb is None:
            side = "A" if ea is not None else "B"
            params = {
                "module": one.module,
                "file": one.filename,
                "side": side,
                "ledger": f"{one.schema}.{one.table}",
            }
            yield Difference(
                "migration",
                pair,
                subject,
                Message("diff-ledger-only", params),
                ea.checksum if ea else None,
                eb.checksum if eb else None,
            )
        elif ea.checksum != eb.checksum:
            params = {
                "module": one.module,
                "file": one.filename,
                "a": ea.checksum,
                "b": eb.checksum,
            }
            yield Difference(
                "migration",
                pair,
                subject,
                Message("diff-ledger-checksum", params),
                ea.checksum,
                eb.checksum,
            )


def _alembic(a: MigrationState, b: MigrationState, pair: SchemaPair) -> Iterator[Difference]:
    def tables(state: MigrationState, schema: str) -> dict[str, VersionHeads]:
        return {
            _table_key(v.schema, v.table, schema): v
            for v in state.alembic
            if _belongs(v.schema, v.table, schema, by_name=True)
        }

    ta, tb = tables(a, pair.source), tables(b, pair.target)
    for key in sorted(ta.keys() | tb.keys()):
        va, vb = ta.get(key), tb.get(key)
        ha = ", ".join(va.heads) if va and va.heads else NONE
        hb = ", ".join(vb.heads) if vb and vb.heads else NONE
        if ha != hb:
            shown = vb or va
            assert shown is not None
            table = f"{shown.schema}.{shown.table}"
            yield Difference(
                "alembic",
                pair,
                f"Alembic {table}",
                Message("diff-alembic", {"table": table, "a": ha, "b": hb}),
                ha,
                hb,
            )
