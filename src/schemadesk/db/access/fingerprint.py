"""What changed in the catalog since it was last read: a refresh (F5) re-reads only that.

At 10,000 tenant schemas a full reload is seconds of work for the server and the window, while
asking whether anything changed is one snapshot (nothing committed since: done) or one pass
over the catalogs' row versions (which of them changed). A fingerprint is taken *before* the
rows it stands for are read, so rows are never older than their fingerprint: a change that
lands in between makes the next refresh read again, never miss it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from schemadesk.db.access import queries
from schemadesk.db.access.rows import Built, CatalogRows
from schemadesk.db.connects import Connects

# The catalogs each job of the loader reads (pg_roles and pg_get_userbyid read pg_authid).
# pg_type is left out: only a renamed type in a function's arguments would be missed, and
# summing it costs a pass over two rows per table.
SOURCES: Final[Mapping[str, frozenset[str]]] = {
    "relations": frozenset({"pg_class", "pg_namespace", "pg_authid", "pg_depend"}),
    "extension_relations": frozenset({"pg_class", "pg_namespace", "pg_depend", "pg_extension"}),
    "schemas": frozenset({"pg_namespace", "pg_class", "pg_proc", "pg_depend", "pg_authid"})
    | {"pg_description", "pg_extension"},
    "schema_counts": frozenset({"pg_namespace", "pg_class", "pg_proc"}),
    "roles": frozenset({"pg_authid", "pg_shdescription"}),
    "settings": frozenset({"pg_db_role_setting", "pg_authid", "pg_database"}),
    "memberships": frozenset({"pg_auth_members", "pg_authid"}),
    "functions": frozenset({"pg_proc", "pg_namespace", "pg_authid"}),
    "default_privileges": frozenset({"pg_default_acl", "pg_namespace", "pg_authid"}),
}


@dataclass(frozen=True)
class Fingerprint:
    """The server's snapshot and each catalog's (row count, sum of the rows' xmin) if taken."""

    snapshot: str
    sums: Mapping[str, tuple[int, str]] | None


def kept_rows(
    jobs: Mapping[str, str], reuse: CatalogRows | None, changed: frozenset[str] | None
) -> dict[str, Sequence[tuple[Any, ...]]]:
    """Of ``jobs`` (key: part), the rows in ``reuse`` that need not be read again: those of a
    job none of whose catalogs is in ``changed`` (None: every job is read again)."""
    if reuse is None or changed is None:
        return {}
    if any(u.part in jobs.values() for u in reuse.unavailable):
        return {}  # a part the login could not read may be readable now
    # A job not listed (a Citus node query) is always read again.
    return {
        key: reuse.rows[key]
        for key in jobs
        if key in SOURCES and not SOURCES[key] & changed and key in reuse.rows
    }


async def catalog_changes(
    pool: Connects, previous: Fingerprint | None
) -> tuple[Fingerprint, frozenset[str] | None]:
    """The fingerprint now, and the catalogs changed since ``previous``: empty when nothing
    changed, None when that cannot be told (no previous fingerprint to compare)."""
    async with pool.connection() as conn:
        snapshot = str((await (await conn.execute(queries.SNAPSHOT)).fetchone() or ("",))[0])
        if previous is not None and previous.snapshot == snapshot:
            return previous, frozenset()
        if previous is None:
            # The first load takes no sums: at 10,000 keyed schemas they scan 3.4 million
            # catalog rows (1.7 s) before the first row could show. The first F5 after a
            # change then reads everything, and takes them for the next.
            return Fingerprint(snapshot, None), None
        rows = await (await conn.execute(queries.FINGERPRINT)).fetchall()
    sums = {str(name): (int(count), str(total)) for name, count, total in rows}
    now = Fingerprint(snapshot, sums)
    if previous.sums is None:
        return now, None
    return now, frozenset(name for name, value in sums.items() if previous.sums.get(name) != value)


# Not kept for a later F5: relations and schemas would double the window's memory, and nearly
# every DDL changes pg_class, which they read, anyway.
_BULKY: Final = frozenset({"relations", "schemas", "schema_counts"})


def keepable(rows: CatalogRows, built: Mapping[str, Sequence[Any]]) -> CatalogRows:
    """``rows`` without the bulky parts, to hold for ``kept_rows`` until the next refresh; a part
    ``built`` holds the models of is kept as those (``Built``), not as its rows."""
    kept = {
        key: Built(built[key]) if key in built else found
        for key, found in rows.rows.items()
        if key not in _BULKY
    }
    return CatalogRows(rows.context, kept, rows.unavailable)
