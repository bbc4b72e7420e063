"""Compare two open databases, and make B's access equal to A's: the workflow both front ends
call. Loading is the gateway's; comparing is pure (core/diff); applying goes through the
change-set use case (confirmation, one transaction, audit)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.diff.compare import compare, pairs_of
from schemadesk.core.diff.fix import access_change_set
from schemadesk.core.diff.mapping import Mapping
from schemadesk.core.diff.models import DiffReport
from schemadesk.core.messages import Message
from schemadesk.db.database import Database
from schemadesk.db.diff import DiffSide, load_sides
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


def compare_sides(
    a: DiffSide, b: DiffSide, *, schemas: Iterable[str] = (), maps: Iterable[str] = ()
) -> Comparison:
    """The comparison of two loaded sides (pure: no connection)."""
    mapping = pairs_of(a.catalog, b.catalog, schemas=schemas, maps=maps)
    report = compare(a.catalog, b.catalog, mapping, migrations=(a.migrations, b.migrations))
    change, notes = access_change_set(a.catalog, b.catalog, mapping.pairs)
    return Comparison(a, b, mapping, report, change, report.notes + notes)


async def compare_databases(
    a: Database,
    b: Database,
    *,
    schemas: Iterable[str] = (),
    maps: Iterable[str] = (),
    call: Call,
) -> Comparison:
    """Load both sides (on the gateway, side by side) and compare them."""
    left, right = await call(load_sides(a, b))
    return compare_sides(left, right, schemas=schemas, maps=maps)


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
