"""The whole comparison of two databases: the pairs, then each pair's access, migration state
and structure, then the roles involved. Pure and typed; the front ends render the report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from schemadesk.core.access.models import Catalog
from schemadesk.core.diff.access import across_majors, compare_schema
from schemadesk.core.diff.columns import ColumnAccess, compare_columns
from schemadesk.core.diff.mapping import Mapping, pair_schemas
from schemadesk.core.diff.migrations import MigrationState, compare_migrations
from schemadesk.core.diff.models import Difference, DiffReport, SchemaPair
from schemadesk.core.diff.roles import chunks, compare_roles, role_pairs
from schemadesk.core.messages import Message

# Structure of a pair, when object details were loaded (core/objects): added by the caller.
StructureDiff = Callable[[SchemaPair], Iterable[Difference]]


def user_schemas(catalog: Catalog) -> list[str]:
    """Schemas a comparison pairs by default: neither the system's nor an extension's."""
    return [s.name for s in catalog.schemas if not s.is_managed]


def pairs_of(
    a: Catalog, b: Catalog, *, schemas: Iterable[str] = (), maps: Iterable[str] = ()
) -> Mapping:
    """The schema pairs for ``--schema`` / ``--map`` (every user schema by name without)."""
    return pair_schemas(user_schemas(a), user_schemas(b), schemas=schemas, maps=maps)


def compare(
    a: Catalog,
    b: Catalog,
    mapping: Mapping,
    *,
    migrations: tuple[MigrationState, MigrationState] | None = None,
    structure: StructureDiff | None = None,
    columns: tuple[ColumnAccess, ColumnAccess] | None = None,
) -> DiffReport:
    """Every difference between A and B over ``mapping``'s pairs, in a stable order."""
    steps = compare_steps(
        a, b, mapping, migrations=migrations, structure=structure, columns=columns
    )
    return report_of(a, b, mapping, [d for part in steps for d in part])


def compare_steps(
    a: Catalog,
    b: Catalog,
    mapping: Mapping,
    *,
    migrations: tuple[MigrationState, MigrationState] | None = None,
    structure: StructureDiff | None = None,
    columns: tuple[ColumnAccess, ColumnAccess] | None = None,
) -> Iterator[list[Difference]]:
    """``compare`` one pair at a time (the window runs it in slices): each step's differences;
    column privileges when ``columns`` (each side's) are given."""
    yield list(_only(mapping))
    for pair in mapping.pairs:
        with across_majors(a, b):
            part = list(compare_schema(a, b, pair))
            if columns is not None:
                part.extend(compare_columns(a, b, *columns, pair))
            if structure is not None:
                part.extend(structure(pair))
        yield part
    if migrations is not None:
        yield list(compare_migrations(migrations[0], migrations[1], mapping.pairs))
    seen: set[tuple[str, str]] = set()
    for chunk in chunks(role_pairs(a, b, mapping.pairs)):
        with across_majors(a, b):
            part = list(compare_roles(a, b, chunk, seen))
        yield part


def report_of(a: Catalog, b: Catalog, mapping: Mapping, found: list[Difference]) -> DiffReport:
    """The report of the differences ``compare_steps`` found."""
    notes = tuple(
        Message("diff-note-unavailable", {"side": side, "part": u.part, "reason": u.reason})
        for side, catalog in (("A", a), ("B", b))
        for u in catalog.unavailable
    )
    return DiffReport(mapping.pairs, tuple(found), notes)


def _only(mapping: Mapping) -> Iterator[Difference]:
    for side, names in (("A", mapping.only_a), ("B", mapping.only_b)):
        for name in names:
            yield Difference(
                "schema",
                SchemaPair(name, name),
                f"schema {name}",
                Message("diff-schema-only", {"schema": name, "side": side}),
                name if side == "A" else None,
                name if side == "B" else None,
            )
