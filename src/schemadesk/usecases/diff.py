"""Compare two open databases, and make B's access equal to A's: the workflow both front ends
call. Loading is the gateway's; comparing is pure (core/diff); applying goes through the
change-set use case (confirmation, one transaction, audit)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator
from collections.abc import Mapping as Mapping_
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.diff.columns import unknown
from schemadesk.core.diff.compare import compare_steps, pairs_of, report_of
from schemadesk.core.diff.fix import fix_steps
from schemadesk.core.diff.mapping import Mapping
from schemadesk.core.diff.models import Difference, DiffReport, SchemaPair
from schemadesk.core.diff.structure import compare_structure
from schemadesk.core.messages import Message
from schemadesk.core.objects.models import SchemaObjects
from schemadesk.db.database import Database
from schemadesk.db.diff import DiffSide, columns_present, load_sides, load_structures
from schemadesk.usecases.audit import Sink
from schemadesk.usecases.change_sets import (
    Call,
    ChangeSetRun,
    Confirm,
    apply_change_set,
)


@dataclass(frozen=True)
class Comparison:
    """Both sides as loaded, the pairs compared, what differs, and B's access changes."""

    a: DiffSide
    b: DiffSide
    mapping: Mapping
    report: DiffReport
    change_set: ChangeSet
    notes: tuple[Message, ...]


T = TypeVar("T")
# Runs pure steps and returns what they yielded (the window hands its loop back between them).
Slices = Callable[[Iterator[Any]], Awaitable[list[Any]]]

# Structure is compared (object details loaded) for at most this many pairs unless asked.
STRUCTURE_LIMIT = 100

Structures = tuple[Mapping_[str, SchemaObjects], Mapping_[str, SchemaObjects]]


def compare_sides(
    a: DiffSide,
    b: DiffSide,
    *,
    schemas: Iterable[str] = (),
    maps: Iterable[str] = (),
    structures: Structures | None = None,
    mapping: Mapping | None = None,
) -> Comparison:
    """The comparison of two loaded sides (pure: no connection); structure when the object
    details of the pairs' schemas are given."""
    if mapping is None:
        mapping = pairs_of(a.catalog, b.catalog, schemas=schemas, maps=maps)
    *_, found = comparison_steps(a, b, mapping=mapping, structures=structures)
    assert found is not None
    return found


def comparison_steps(
    a: DiffSide, b: DiffSide, *, mapping: Mapping, structures: Structures | None = None
) -> Iterator[Comparison | None]:
    """``compare_sides`` in small steps (None each), the ``Comparison`` last: the window runs
    them in slices so that 2,000 schema pairs never hold its loop for long."""
    structure = None
    if structures is not None:
        sa, sb = structures

        def structure(pair: SchemaPair) -> Iterator[Difference]:
            oa, ob = sa.get(pair.source), sb.get(pair.target)
            if oa is not None and ob is not None:
                yield from compare_structure(oa, ob, pair)

    found: list[Difference] = []
    columns = (a.columns, b.columns)
    for part in compare_steps(
        a.catalog,
        b.catalog,
        mapping,
        migrations=(a.migrations, b.migrations),
        structure=structure,
        columns=columns,
    ):
        found.extend(part)
        yield None
    report = report_of(a.catalog, b.catalog, mapping, found)
    for step in fix_steps(a.catalog, b.catalog, mapping.pairs, columns):
        if step is None:
            yield None
            continue
        change, notes = step
        yield Comparison(a, b, mapping, report, change, report.notes + notes)


async def _all_at_once(steps: Iterator[T]) -> list[T]:
    return list(steps)


async def compare_databases(
    a: Database,
    b: Database,
    *,
    schemas: Iterable[str] = (),
    maps: Iterable[str] = (),
    structure: bool | None = None,
    call: Call,
    in_slices: Slices | None = None,
) -> Comparison:
    """Load both sides (on the gateway, side by side) and compare them. ``structure`` None:
    compared when there are at most ``STRUCTURE_LIMIT`` pairs (else a note says so).
    ``in_slices`` runs the pure steps (the window's ``TaskRunner.in_slices``); default: at once."""
    left, right = await call(load_sides(a, b))
    mapping = pairs_of(left.catalog, right.catalog, schemas=schemas, maps=maps)
    pairs = mapping.pairs
    left, right = await call(_columns_known(a, b, left, right, pairs))
    wanted = structure if structure is not None else len(pairs) <= STRUCTURE_LIMIT
    run = in_slices or _all_at_once
    if not wanted:
        found = await _last(run(comparison_steps(left, right, mapping=mapping)))
        if structure is None:
            note = Message(
                "diff-note-structure-skipped", {"pairs": len(pairs), "limit": STRUCTURE_LIMIT}
            )
            found = replace(found, notes=(note, *found.notes))
        return found
    loaded = await call(
        _both(
            load_structures(a, [p.source for p in pairs]),
            load_structures(b, [p.target for p in pairs]),
        )
    )
    return await _last(run(comparison_steps(left, right, mapping=mapping, structures=loaded)))


async def _columns_known(
    a: Database, b: Database, left: DiffSide, right: DiffSide, pairs: tuple[SchemaPair, ...]
) -> tuple[DiffSide, DiffSide]:
    """The sides, knowing on each whether the columns the other grants on exist."""
    in_a, in_b = unknown(left.catalog, right.catalog, left.columns, right.columns, pairs)
    if not in_a and not in_b:
        return left, right
    found_a, found_b = await asyncio.gather(columns_present(a, in_a), columns_present(b, in_b))
    return (
        replace(left, columns=replace(left.columns, present=found_a)),
        replace(right, columns=replace(right.columns, present=found_b)),
    )


async def _last(steps: Awaitable[list[Comparison | None]]) -> Comparison:
    found = (await steps)[-1]
    assert found is not None
    return found


async def _both(
    first: Coroutine[Any, Any, dict[str, SchemaObjects]],
    second: Coroutine[Any, Any, dict[str, SchemaObjects]],
) -> Structures:
    one, two = await asyncio.gather(first, second)
    return one, two


async def make_access_equal(
    b: Database,
    comparison: Comparison,
    *,
    confirm: Confirm,
    call: Call,
    sink: Sink,
) -> ChangeSetRun | None:
    """Apply the comparison's change set to B: confirmed, one transaction, audited."""
    only = comparison.mapping.pairs[0].target if len(comparison.mapping.pairs) == 1 else None
    return await apply_change_set(
        b,
        comparison.change_set,
        schema=only,
        run_as_choices=(),
        confirm=confirm,
        call=call,
        sink=sink,
    )
