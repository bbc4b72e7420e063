"""Which table a serial or identity sequence belongs to, read only where it is used.

No view shows it: only the convention check's fixes do (a sequence linked to a table follows
the table's owner, so ``ALTER ... OWNER`` names the table, never the sequence; see
``conventions._alterable``). Finding each sequence's table was 60 % of RELATIONS' server time at
10,000 tenant schemas, so the window reads ``RELATIONS_UNLINKED`` and then the tables of the
sequences of only the schemas whose check looks at them: where the convention's owner role is
missing, or a sequence has another owner. A sequence always has its table's owner and schema
(PostgreSQL refuses anything else), so in a schema in order nothing reads the links; in the
others every sequence gets its table, as ``RELATIONS`` would have said it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from schemadesk.core.access.convention_model import Convention
from schemadesk.core.access.models import Catalog
from schemadesk.db.access import queries
from schemadesk.db.access.rows import CatalogRows
from schemadesk.db.connects import Connects

Links = Mapping[tuple[str, str], str]  # (schema, sequence) -> its table

_sent = [0]  # reads sent and sequences asked about, for the tests that count them
_asked = [0]


def links_read() -> tuple[int, int]:
    """How many link reads this process sent, and how many sequences they asked about."""
    return _sent[0], _asked[0]


def needing(
    rows: CatalogRows, catalog: Catalog, convention: Convention | None
) -> Iterator[str | None]:
    """Per row of ``rows``' relations (RELATIONS_UNLINKED's), its schema when the convention
    check reads its sequences' tables, else None (a step per row: the window runs it in
    slices). The check reads them where a sequence has another owner than the convention's, or
    where that owner role does not exist (``catalog`` has the roles). A superset: a schema the
    check skips (excluded, an extension's) may be named, never one it reads left out."""
    conv = convention or Convention()
    for schema, kind, owner, *_ in rows.rows.get("relations", ()):
        if kind != "S":
            yield None
            continue
        want = conv.owner_for(schema)
        yield schema if owner != want or catalog.role(want) is None else None


def wanted(rows: CatalogRows, catalog: Catalog, convention: Convention | None) -> list[str]:
    """The schemas ``needing`` names, each once, in order."""
    return chosen(needing(rows, catalog, convention))


def chosen(steps: Iterable[str | None]) -> list[str]:
    """The schemas named by ``needing``'s steps, each once, in order."""
    return list(dict.fromkeys(s for s in steps if s is not None))


async def linked(pool: Connects, rows: CatalogRows, schemas: Sequence[str]) -> CatalogRows:
    """``rows`` with the sequences of ``schemas`` linked to their tables (read now)."""
    return with_links(rows, schemas, await read_links(pool, rows, schemas))


async def read_links(pool: Connects, rows: CatalogRows, schemas: Sequence[str]) -> Links:
    """The tables of every sequence of ``schemas`` in ``rows``, in one read (none if empty)."""
    chosen = set(schemas)
    pairs = [
        (schema, name)
        for schema, kind, *_, names, _links in rows.rows.get("relations", ())
        if kind == "S" and schema in chosen
        for name in names
    ]
    if not pairs:
        return {}
    _sent[0] += 1
    _asked[0] += len(pairs)
    async with pool.connection() as conn:
        cur = await conn.execute(
            queries.SEQUENCE_TABLES, [[p[0] for p in pairs], [p[1] for p in pairs]]
        )
        return {(schema, seq): table for schema, seq, table in await cur.fetchall()}


def with_links(rows: CatalogRows, schemas: Sequence[str], links: Links) -> CatalogRows:
    """``rows`` with the sequences of ``schemas`` linked to their tables (``links``), in the
    shape RELATIONS gives them; the other rows are the same objects."""
    chosen = set(schemas)
    if not chosen:
        return rows
    relations: list[tuple[Any, ...]] = []
    for row in rows.rows.get("relations", ()):
        schema, kind, *_, names, _none = row
        if kind == "S" and schema in chosen:
            relations.append((*row[:-1], [links.get((schema, name)) for name in names]))
        else:
            relations.append(row)
    return CatalogRows(rows.context, {**rows.rows, "relations": relations}, rows.unavailable)
