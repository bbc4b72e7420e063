"""What a rehearsal saw each step do: the locks its transaction took, the relations it rewrote,
created or dropped, their sizes before and after.

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

# The relation kinds that have storage (pg_relation_size of the others is 0 or an error).
_SIZED = frozenset("rimSt")
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


def _ints(digits: str, kind: str) -> sql.SQL:
    # One array literal of integers given as ``1,2,3``: adapting thousands of list items (or
    # escaping a large string) costs more than the query. Callers build ``digits`` from ints.
    return sql.SQL("'{" + digits + "}'::" + kind)


def _csv(values: Iterable[int]) -> str:
    return ",".join(str(int(v)) for v in values)


def observe_query(
    lock_key: str, known: Iterable[int] | None = None, watched: Iterable[int] | None = None
) -> sql.Composed:
    """The locks this backend took since the last observation (relations, and every advisory
    lock: ``ours`` when it is the module's migration lock ``lock_key``) and the relations in
    ``watched`` again (a rewrite, new rows), each with its file node, size and estimated rows:
    one query after each step.

    ``known``: the tags (``tag_of``) of the relation locks already seen; both None: the
    previews' text. ``pg_locks`` lists every lock of the server: only the new rows are joined
    and sized.
    """
    seen: sql.Composable
    again: sql.Composable
    if known is None or watched is None:
        seen, again = sql.SQL(KNOWN), sql.SQL(WATCHED)
    else:
        seen, again = _ints(_csv(known), "int8[]"), _ints(_csv(watched), "oid[]")
    return _observe_sql(lock_key, seen, again)


def _observe_sql(lock_key: str, seen: sql.Composable, again: sql.Composable) -> sql.Composed:
    return sql.SQL(
        "WITH l AS MATERIALIZED (SELECT * FROM pg_locks l"
        " WHERE l.pid = pg_backend_pid() AND l.granted AND (l.locktype = 'advisory'"
        " OR (l.locktype = 'relation' AND ({tag} NOT IN (SELECT unnest({seen}))"
        " OR l.relation IN (SELECT unnest({again}))))))"
        " SELECT l.locktype, l.mode, l.relation, n.nspname, c.relname, c.relkind,"
        " c.relfilenode, {size}, c.reltuples, l.classid, l.objid,"
        " l.locktype = 'advisory' AND ((l.classid::int8 << 32) | l.objid::int8)"
        " = hashtext({key})::int8 AS ours"
        " FROM l"
        " LEFT JOIN pg_class c ON l.locktype = 'relation' AND c.oid = l.relation"
        " LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
        " ORDER BY l.locktype, l.relation, l.mode"
    ).format(tag=_TAG, seen=seen, again=again, size=_SIZE, key=sql.Literal(lock_key))


def tag_of(locktype: str, relation: Any, classid: Any, objid: Any, mode: str) -> int | str:
    """A relation lock's tag as ``observe_query`` computes it (``known`` holds these); an
    advisory lock's, which only the observer keeps (the query returns every advisory lock)."""
    if locktype == "relation" and mode in _PG_MODES:
        return int(relation) << 4 | (_PG_MODES.index(mode) + 1)
    return f"{classid}/{objid} {mode}"


def _system(nsp: str | None) -> bool:
    # The catalogs (the observation's own reads lock them too) and TOAST tables: not shown.
    return nsp is not None and (
        nsp in {"pg_catalog", "information_schema"} or nsp.startswith("pg_toast")
    )


def mode_name(mode: str) -> str:
    """``AccessExclusiveLock`` → ``ACCESS EXCLUSIVE``, as the documentation names it."""
    words = re.findall(r"[A-Z][a-z]*", mode.removesuffix("Lock"))
    return " ".join(w.upper() for w in words)


def _strength(mode: str) -> int:
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
        return min(modes, key=_strength) if modes else None


@dataclass(slots=True)
class _Known:
    name: str
    kind: str
    filenode: int | None
    size: int | None
    rows: int | None


def _rows(value: Any) -> int | None:
    # reltuples is -1 before the first VACUUM/ANALYZE on PostgreSQL 14 and later.
    return None if value is None or value < 0 else int(value)


class Observer:
    """Turns each step's lock rows into a ``StepObservation``, remembering what it saw: the
    tags of the locks taken so far, and which of the relations that existed before the
    rehearsal are locked (their rewrites and sizes are read again after every step)."""

    def __init__(self, snapshot: Iterable[Sequence[Any]], schemas: Sequence[str]) -> None:
        self.schemas = set(schemas)
        self.known: dict[int, _Known] = {
            int(oid): _Known(f"{nsp}.{name}", KINDS.get(kind, kind), node, size, _rows(tuples))
            for oid, nsp, name, kind, node, size, tuples in snapshot
        }
        self.existing = set(self.known)
        self.held: set[int | str] = set()
        self.watched: set[int] = set()
        # ``held``'s relation tags as the query's literal says them, grown as tags are seen:
        # rebuilding thousands of them after every step would cost more than the query.
        self._known: list[str] = []

    def query(self, lock_key: str) -> sql.Composed:
        """This step's observation: ``observe_query`` with what was seen so far."""
        if len(self._known) > 1:
            self._known = [",".join(self._known)]
        seen = _ints(self._known[0] if self._known else "", "int8[]")
        return _observe_sql(lock_key, seen, _ints(_csv(self.watched), "oid[]"))

    def _hold(self, tag: int | str) -> None:
        if tag not in self.held:
            self.held.add(tag)
            if isinstance(tag, int):
                self._known.append(str(tag))

    def not_rehearsed(self, module: str, filename: str) -> StepObservation:
        return StepObservation(module, filename, rehearsed=False)

    def observe(self, module: str, filename: str, rows: Iterable[Sequence[Any]]) -> StepObservation:
        """The step's observation from ``observe_query``'s rows."""
        locks: list[ObservedLock] = []
        new_on: dict[int, bool] = {}
        now: dict[int, tuple[Any, ...]] = {}
        for row in rows:
            locktype, mode, oid, nsp, name, kind, node, size, tuples, classid, objid, ours = row
            tag = tag_of(locktype, oid, classid, objid, mode)
            fresh = tag not in self.held
            self._hold(tag)
            if locktype == "advisory":
                key = ((int(classid) << 32) | int(objid)) & (2**64 - 1)
                key = key - 2**64 if key >= 2**63 else key
                if fresh:
                    locks.append(ObservedLock(mode_name(mode), key=key, ours=bool(ours)))
                continue
            oid = int(oid)
            if _system(nsp) or (name is None and oid not in self.known):
                continue  # a catalog, TOAST, or a rewrite's transient heap made and dropped
            if oid in self.existing:
                self.watched.add(oid)
            now[oid] = (nsp, name, kind, node, size, tuples)
            new_on[oid] = new_on.get(oid, False) or fresh
            # A relation the step created itself is locked by it, but blocks nobody (no other
            # session can see it yet): said as new, without its lock.
            if fresh and oid in self.known:
                locks.append(ObservedLock(mode_name(mode), relation=self._name(oid, nsp, name)))
        relations = [self._relation(oid, new_on[oid], now[oid]) for oid in now]
        for oid, (_nsp, _name, kind, _node, _size, _t) in now.items():
            if kind in _SIZED:  # pg_relation_size took ACCESS SHARE on it just now
                self._hold(tag_of("relation", oid, None, None, "AccessShareLock"))
        locks.sort(key=lambda lk: (lk.relation is None, _strength(lk.mode), lk.relation or ""))
        return StepObservation(
            module, filename, locks=tuple(locks), relations=tuple(r for r in relations if r)
        )

    def _name(self, oid: int, nsp: str | None, name: str | None) -> str:
        if name is not None:
            return f"{nsp}.{name}"
        known = self.known.get(oid)
        return known.name if known else f"relation {oid}"

    def _relation(self, oid: int, new_lock: bool, row: tuple[Any, ...]) -> ObservedRelation | None:
        nsp, name, kind, node, size, tuples = row
        before = self.known.get(oid)
        label = self._name(oid, nsp, name)
        if name is None:  # dropped by this step (or an earlier one: then already said)
            if before is None:
                return None
            del self.known[oid]
            self.watched.discard(oid)
            return ObservedRelation(
                label, before.kind, before.size, None, before.rows, dropped=True
            )
        after = _Known(label, KINDS.get(kind or "", kind or ""), node, size, _rows(tuples))
        self.known[oid] = after
        if before is None:
            created = nsp in self.schemas
            return ObservedRelation(label, after.kind, None, size, after.rows, created=created)
        rewritten = before.filenode != node
        if not (new_lock or rewritten or before.size != size):
            return None
        return ObservedRelation(
            label,
            after.kind,
            before.size,
            size,
            after.rows,
            rewritten=rewritten,
            held_before=not new_lock,
        )
