"""Turning the observation's rows into what each step did — after every step, or after a group
of steps observed together.

Reading ``pg_locks`` copies the server's whole lock table, and a rehearsal holds every lock of
every step until its rollback: read after each of 500 steps it cost twice the rehearsal. Locks
are only given back at the rollback, so what a group of steps took is what the read after
its last step holds and the read before its first did not. When that difference touches no
relation that existed before the plan (no new lock on one, no rewrite, no size change, no
foreign advisory lock; the module's own migration lock is taken by the first of its steps), it
is exact for every step of the group: none of them locked anything a reviewer must see. Else
the rehearsal rolls back to the group's savepoint and runs its steps again, each observed
(``observe`` returns None). What the plan creates is nobody else's to wait for: said as new,
once, with the group it came from; locks on it and its later rewrites are not listed.

Groups grow (1, 4, 16 … ``GroupPolicy.largest`` steps) while they are clean; a small plan is
read step by step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from psycopg import sql

from schemadesk.core.migrations.observed import (
    KINDS,
    ObservedLock,
    ObservedRelation,
    StepObservation,
    csv,
    ints,
    mode_name,
    observe_sql,
    strength,
    system,
    tag_of,
)


@dataclass(frozen=True, slots=True)
class GroupPolicy:
    """When steps are observed together. ``few_steps``: a plan of at most this many rehearsed
    steps is read step by step (its reads cost little in all, and it never runs a step twice);
    ``largest``: the most steps in a group; ``group_ms``: a group ends once its steps took this
    long (what a rollback runs again at worst, besides its last step); ``long_ms``: a step this
    long is read on its own (a read costs little beside it) and groups start again from one."""

    few_steps: int = 16
    largest: int = 512
    group_ms: float = 250.0
    long_ms: float = 50.0

    def ends(self, steps: int, target: int, spent_ms: float, step_ms: float) -> bool:
        """Whether the group ends after a step that took ``step_ms``: ``steps`` run in it,
        ``spent_ms`` in all."""
        return steps >= target or spent_ms >= self.group_ms or step_ms >= self.long_ms


@dataclass(frozen=True, slots=True)
class Member:
    """One step of a group: its module, file and the module's migration lock key."""

    module: str
    filename: str
    lock_key: str

    @property
    def label(self) -> str:
        return f"{self.module}/{self.filename}"


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


@dataclass(slots=True)
class _Read:
    """One read's rows sorted out, before anything is remembered."""

    dirty: bool = False
    advisory: list[tuple[str, int, Any, ObservedLock]] = field(default_factory=list)
    locks: list[ObservedLock] = field(default_factory=list)
    now: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    new_on: dict[int, bool] = field(default_factory=dict)
    created: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    tags: list[int | str] = field(default_factory=list)


class Observer:
    """Remembers what the rehearsal saw: the tags of the locks taken so far, the relations that
    existed before it (their file nodes and sizes), which of them are locked (read again after
    every group) and the relations the plan created."""

    def __init__(
        self,
        snapshot: Iterable[Sequence[Any]],
        schemas: Sequence[str],
        policy: GroupPolicy | None = None,
        steps: int = 0,
    ) -> None:
        self.schemas = set(schemas)
        self.policy = policy or GroupPolicy()
        self.steps = steps  # how many steps the plan rehearses
        self.known: dict[int, _Known] = {
            int(oid): _Known(f"{nsp}.{name}", KINDS.get(kind, kind), node, size, _rows(tuples))
            for oid, nsp, name, kind, node, size, tuples in snapshot
        }
        self.existing = set(self.known)
        # Relations whose file a rolled-back first run of a group grew: their sizes are not
        # said (until a rewrite gives them a new file); ``known`` keeps the file's own size.
        self.unsure: set[int] = set()
        self.created: set[int] = set()
        self.held: set[int | str] = set()
        self.watched: set[int] = set()
        self.target = 1
        # ``held``'s relation tags as the query's literal says them, grown as tags are seen:
        # rebuilding thousands of them for every read would cost more than the query.
        self._known: list[str] = []

    def group_size(self) -> int:
        """How many steps the next group may take (1: read after the next step)."""
        return 1 if self.steps <= self.policy.few_steps else self.target

    def query(self, lock_keys: Sequence[str]) -> sql.Composed:
        """The read after a group whose steps' modules have ``lock_keys`` (one per step)."""
        if len(self._known) > 1:
            self._known = [",".join(self._known)]
        seen = ints(self._known[0] if self._known else "", "int8[]")
        again = ints(csv(self.watched), "oid[]")
        return observe_sql(lock_keys, seen, again, sized=len(lock_keys) == 1)

    def _hold(self, tag: int | str) -> None:
        if tag not in self.held:
            self.held.add(tag)
            if isinstance(tag, int):
                self._known.append(str(tag))

    def not_rehearsed(self, module: str, filename: str) -> StepObservation:
        return StepObservation(module, filename, rehearsed=False)

    def observe(
        self, members: Sequence[Member], rows: Iterable[Sequence[Any]], *, slow: bool = False
    ) -> list[StepObservation] | None:
        """Each member's observation from the read after the last of them; None when a group
        of several touched a relation that existed before (nothing is remembered: the caller
        rolls back to the group's start and observes its steps one by one). ``slow``: the last
        step took ``long_ms`` or more."""
        alone = len(members) == 1
        read = self._sort(rows, {m.lock_key for m in members})
        if read.dirty and not alone:
            self.target = 1
            return None
        grown = min(self.target * 4, self.policy.largest)
        self.target = 1 if read.dirty or slow else grown
        for tag in read.tags:
            self._hold(tag)
        first: dict[str, int] = {}
        for i, m in enumerate(members):
            first.setdefault(m.lock_key, i)
        locks: list[list[ObservedLock]] = [[] for _ in members]
        for key, _k, _m, lock in read.advisory:
            locks[first.get(key, 0)].append(lock)
        locks[0] += read.locks
        relations = [self._relation(oid, read.new_on[oid], read.now[oid]) for oid in read.now]
        since = None if alone else members[0].label
        relations += [self._new(oid, facts, since) for oid, facts in read.created.items()]
        out = []
        for i, m in enumerate(members):
            mine = sorted(
                locks[i], key=lambda lk: (lk.relation is None, strength(lk.mode), lk.relation or "")
            )
            rels = tuple(r for r in relations if r) if i == len(members) - 1 else ()
            out.append(StepObservation(m.module, m.filename, locks=tuple(mine), relations=rels))
        return out

    def found(self, rows: Iterable[Sequence[Any]]) -> list[int]:
        """The relations that existed before which a read (of a group about to run again)
        found: their sizes are read again after the rollback (``regrown``)."""
        return sorted({int(r[2]) for r in rows if r[0] == "relation" and int(r[2]) in self.known})

    def regrown(self, sizes: Iterable[Sequence[Any]]) -> None:
        """``sizes_query``'s rows after the rollback: a file larger than before the group
        keeps the first run's pages, so what the steps make of it is not said."""
        for oid, size in sizes:
            known = self.known.get(int(oid))
            if known is not None and known.size != size:
                known.size = size
                self.unsure.add(int(oid))

    def _sort(self, rows: Iterable[Sequence[Any]], keys: set[str]) -> _Read:
        read = _Read()
        for row in rows:
            locktype, mode, oid, nsp, name, kind, node, size, tuples, classid, objid, ours = row
            tag = tag_of(locktype, oid, classid, objid, mode)
            fresh = tag not in self.held
            if fresh:
                read.tags.append(tag)
            if locktype == "advisory":
                if fresh:
                    key = ((int(classid) << 32) | int(objid)) & (2**64 - 1)
                    key = key - 2**64 if key >= 2**63 else key
                    lock = ObservedLock(mode_name(mode), key=key, ours=ours is not None)
                    read.advisory.append((ours or "", key, mode, lock))
                    read.dirty = read.dirty or ours not in keys
                continue
            oid = int(oid)
            if system(nsp):
                continue  # a catalog or TOAST table (the observation's own reads lock them too)
            facts = (nsp, name, kind, node, size, tuples)
            if oid in self.created or (oid not in self.existing and nsp in self.schemas):
                if name is not None and oid not in self.created:
                    read.created[oid] = facts
                continue  # the plan's own: nobody else waits for it
            if name is None and oid not in self.known:
                continue  # a rewrite's transient heap, or dropped earlier (already said)
            before = self.known.get(oid)
            changed = (
                before is None or name is None or before.filenode != node or before.size != size
            )
            if fresh or changed:
                read.dirty = True
                read.now[oid] = facts
                read.new_on[oid] = read.new_on.get(oid, False) or fresh
            if fresh:
                read.locks.append(ObservedLock(mode_name(mode), relation=self._name(oid, facts)))
        return read

    def _name(self, oid: int, facts: tuple[Any, ...]) -> str:
        nsp, name = facts[0], facts[1]
        if name is not None:
            return f"{nsp}.{name}"
        known = self.known.get(oid)
        return known.name if known else f"relation {oid}"

    def _new(self, oid: int, facts: tuple[Any, ...], since: str | None) -> ObservedRelation:
        nsp, name, kind, _node, size, tuples = facts
        self.created.add(oid)
        kind_name = KINDS.get(kind or "", kind or "")
        return ObservedRelation(
            f"{nsp}.{name}", kind_name, None, size, _rows(tuples), created=True,
            created_since=since,
        )  # fmt: skip

    def _relation(self, oid: int, new_lock: bool, row: tuple[Any, ...]) -> ObservedRelation | None:
        _nsp, name, kind, node, size, tuples = row
        before = self.known.get(oid)
        label = self._name(oid, row)
        self.existing.add(oid)  # a relation outside the plan's schemas: there before it
        self.watched.add(oid)
        if name is None:  # dropped by this step
            if before is None:
                return None
            del self.known[oid]
            self.watched.discard(oid)
            size_before = None if oid in self.unsure else before.size
            return ObservedRelation(
                label, before.kind, size_before, None, before.rows, dropped=True
            )
        after = _Known(label, KINDS.get(kind or "", kind or ""), node, size, _rows(tuples))
        self.known[oid] = after
        if before is None:  # outside the plan's schemas: first seen now
            return ObservedRelation(label, after.kind, None, size, after.rows)
        rewritten = before.filenode != node
        if not (new_lock or rewritten or before.size != size):
            return None
        unsure = oid in self.unsure
        if rewritten:
            self.unsure.discard(oid)  # a new file: its size is the step's own
        return ObservedRelation(
            label,
            after.kind,
            None if unsure else before.size,
            None if unsure and not rewritten else size,
            after.rows,
            rewritten=rewritten,
            held_before=not new_lock,
        )
