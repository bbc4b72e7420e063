"""What a rehearsal saw each step do: the locks its transaction took on relations that existed
before the plan, the relations it rewrote, created or dropped, their sizes before and after —
the models and the queries (``observed_steps`` turns the rows into observations).

The rehearsal runs every step in one transaction, so ``pg_locks`` lists what all steps so far
hold. A step's locks are those held after it and not after the step before (a lock an earlier
step already took in the same mode is listed with that earlier step only). A relation is
rewritten when its ``relfilenode`` differs from what was known before the step: from the
snapshot taken before the rehearsal (the relations of the plan's schemas) or from an earlier
step's observation. Sizes are ``pg_relation_size`` (the main fork); rows are the planner's
estimate (``reltuples``). Every query is built here; ``db.migrations.rehearse`` sends them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg import sql

_SIZE = sql.SQL("CASE WHEN c.relkind IN ('r', 'i', 'm', 'S', 't') THEN pg_relation_size(c.oid) END")
KINDS = {
    "r": "table",
    "i": "index",
    "S": "sequence",
    "v": "view",
    "m": "materialized view",
    "c": "type",
    "t": "TOAST table",
    "f": "foreign table",
    "p": "partitioned table",
    "I": "partitioned index",
}
# Strongest first: the order the modes conflict in (PostgreSQL's table-level lock modes).
MODES = (
    "ACCESS EXCLUSIVE",
    "EXCLUSIVE",
    "SHARE ROW EXCLUSIVE",
    "SHARE",
    "SHARE UPDATE EXCLUSIVE",
    "ROW EXCLUSIVE",
    "ROW SHARE",
    "ACCESS SHARE",
)


def snapshot_query(schemas: Sequence[str]) -> sql.Composed:
    """Every relation of ``schemas`` with its file node, size and estimated rows: what the
    rehearsal compares each step with. Sent before ``BEGIN`` (in autocommit), so that the
    ``ACCESS SHARE`` locks ``pg_relation_size`` takes are not held through the rehearsal."""
    return sql.SQL(
        "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relfilenode, {size}, c.reltuples"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname IN ({schemas})"
    ).format(size=_SIZE, schemas=sql.SQL(", ").join(sql.Literal(s) for s in schemas))


# What the previews show for the two lists each step's query carries (they grow as it runs).
KNOWN = "<the locks earlier steps took>"
WATCHED = "<the relations that existed before, locked by earlier steps>"
# pg_locks' names of the table-level lock modes, weakest first: a relation lock's tag is
# ``relation << 4 | position`` (1 to 8), one int8 that the server parses and hashes cheaply.
_PG_MODES = (
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
)
_TAG = sql.SQL("(l.relation::int8 << 4 | array_position({modes}::text[], l.mode))").format(
    modes=sql.Literal("{" + ",".join(_PG_MODES) + "}")
)


def ints(digits: str, kind: str) -> sql.SQL:
    # One array literal of integers given as ``1,2,3``: adapting thousands of list items (or
    # escaping a large string) costs more than the query. Callers build ``digits`` from ints.
    return sql.SQL("'{" + digits + "}'::" + kind)


def csv(values: Iterable[int]) -> str:
    return ",".join(str(int(v)) for v in values)


def observe_query(
    lock_keys: str | Sequence[str],
    known: Iterable[int] | None = None,
    watched: Iterable[int] | None = None,
    *,
    sized: bool = True,
) -> sql.Composed:
    """The locks this backend took since the last observation (relations, and every advisory
    lock: ``ours`` names the migration lock of ``lock_keys`` it is, if any) and the relations
    in ``watched`` again (a rewrite, new rows), each with its file node, size and estimated
    rows: one query after a step, or after a group of steps (``observed_steps``).

    ``known``: the tags (``tag_of``) of the relation locks already seen; both None: the
    previews' text. ``pg_locks`` lists every lock of the server: only the new rows are joined
    and sized. ``sized`` False (a group's read): only the relations in ``watched`` are sized —
    what the plan created meanwhile is said without its size, and a relation that existed
    before makes the group's steps run again, each read with ``sized``.
    """
    seen: sql.Composable
    again: sql.Composable
    if known is None or watched is None:
        seen, again = sql.SQL(KNOWN), sql.SQL(WATCHED)
    else:
        seen, again = ints(csv(known), "int8[]"), ints(csv(watched), "oid[]")
    return observe_sql(lock_keys, seen, again, sized=sized)


def observe_sql(
    lock_keys: str | Sequence[str],
    seen: sql.Composable,
    again: sql.Composable,
    *,
    sized: bool = True,
) -> sql.Composed:
    """``observe_query`` with its two lists given as SQL."""
    keys = [lock_keys] if isinstance(lock_keys, str) else sorted(set(lock_keys))
    return sql.SQL(
        "WITH l AS MATERIALIZED (SELECT * FROM pg_locks l"
        " WHERE l.pid = pg_backend_pid() AND l.granted AND (l.locktype = 'advisory'"
        " OR (l.locktype = 'relation' AND ({tag} NOT IN (SELECT unnest({seen}))"
        " OR l.relation IN (SELECT unnest({again}))))))"
        " SELECT l.locktype, l.mode, l.relation, n.nspname, c.relname, c.relkind,"
        " c.relfilenode, CASE WHEN c.relkind IN ('r', 'i', 'm', 'S', 't')"
        " AND ({sized} OR l.relation IN (SELECT unnest({again}))) THEN pg_relation_size(c.oid)"
        " END, c.reltuples, l.classid, l.objid,"
        " CASE WHEN l.locktype = 'advisory' THEN (SELECT k FROM unnest(ARRAY[{keys}]) k"
        " WHERE hashtext(k)::int8 = ((l.classid::int8 << 32) | l.objid::int8) LIMIT 1) END"
        " AS ours"
        " FROM l"
        " LEFT JOIN pg_class c ON l.locktype = 'relation' AND c.oid = l.relation"
        " LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
        " ORDER BY l.locktype, l.relation, l.mode"
    ).format(
        tag=_TAG,
        seen=seen,
        again=again,
        sized=sql.SQL("true" if sized else "false"),
        keys=sql.SQL(", ").join(sql.Literal(k) for k in keys),
    )


# What the previews show for the relations a group's read found (their sizes read again).
FOUND = "<the relations that existed before, found by the group's read>"


def sizes_query(oids: Iterable[int] | None = None) -> sql.Composed:
    """The sizes of ``oids`` now (None: the previews' text): read after a group is rolled back
    to run again, since PostgreSQL keeps the pages a rolled-back write added to a file."""
    found = sql.SQL(FOUND) if oids is None else ints(csv(oids), "oid[]")
    return sql.SQL(
        "SELECT c.oid, {size} FROM pg_class c WHERE c.oid IN (SELECT unnest({found}))"
    ).format(size=_SIZE, found=found)


def tag_of(locktype: str, relation: Any, classid: Any, objid: Any, mode: str) -> int | str:
    """A relation lock's tag as ``observe_query`` computes it (``known`` holds these); an
    advisory lock's, which only the observer keeps (the query returns every advisory lock)."""
    if locktype == "relation" and mode in _PG_MODES:
        return int(relation) << 4 | (_PG_MODES.index(mode) + 1)
    return f"{classid}/{objid} {mode}"


def system(nsp: str | None) -> bool:
    # The catalogs (the observation's own reads lock them too) and TOAST tables: not shown.
    return nsp is not None and (
        nsp in {"pg_catalog", "information_schema"} or nsp.startswith("pg_toast")
    )


def mode_name(mode: str) -> str:
    """``AccessExclusiveLock`` → ``ACCESS EXCLUSIVE``, as the documentation names it."""
    words = re.findall(r"[A-Z][a-z]*", mode.removesuffix("Lock"))
    return " ".join(w.upper() for w in words)


def strength(mode: str) -> int:
    return MODES.index(mode) if mode in MODES else len(MODES)


@dataclass(frozen=True, slots=True)
class ObservedLock:
    """One lock a step took: on a relation (``schema.name``), or an advisory lock (``key``;
    ``ours``: the module's migration lock that schemadesk itself takes)."""

    mode: str
    relation: str | None = None
    key: int | None = None
    ours: bool = False


@dataclass(frozen=True, slots=True)
class ObservedRelation:
    """A relation a step locked or changed; sizes in bytes (None: not known)."""

    relation: str
    kind: str
    size_before: int | None = None
    size_after: int | None = None
    rows: int | None = None
    rewritten: bool = False
    created: bool = False
    dropped: bool = False
    held_before: bool = False  # locked by an earlier step: its lock is listed there
    # Created by this step or one of the steps since this one (a step's label), observed
    # together: the plan's new relations are not told apart step by step.
    created_since: str | None = None


@dataclass(frozen=True, slots=True)
class StepObservation:
    """What one step of a rehearsal locked and changed; ``rehearsed`` False for a
    no-transaction file (it cannot run inside the rehearsal: see the lint instead)."""

    module: str
    filename: str
    rehearsed: bool = True
    locks: tuple[ObservedLock, ...] = ()
    relations: tuple[ObservedRelation, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.module}/{self.filename}"

    @property
    def rewrites(self) -> tuple[str, ...]:
        return tuple(r.relation for r in self.relations if r.rewritten)

    @property
    def strongest(self) -> str | None:
        """The strongest relation lock the step took."""
        modes = [lk.mode for lk in self.locks if lk.relation is not None]
        return min(modes, key=strength) if modes else None
