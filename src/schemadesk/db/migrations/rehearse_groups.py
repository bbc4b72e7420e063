"""One rehearsed step, and the reads of what groups of steps locked
(``core.migrations.observed_steps``).

A group of more than one step opens with ``SAVEPOINT schemadesk_group`` (the group before
given back first); the read is sent in the tail of its last step. When that read finds
something on a relation that existed before the plan, the rehearsal rolls back to the group's
savepoint and runs its steps again, each read on its own — without progress events or
results: they ran already, and the user saw them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from schemadesk.core.migrations import script
from schemadesk.core.migrations.models import PlanStep, SqlErrorLocation
from schemadesk.core.migrations.observed import StepObservation, sizes_query
from schemadesk.core.migrations.observed_steps import Member, Observer
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.db.migrations.locate import FileFailed, transaction_ended
from schemadesk.db.migrations.run_state import Run, join, plain, results, where_failed

_IN_TRANSACTION = psycopg.pq.TransactionStatus.INTRANS
Reader = Callable[[float], sql.Composable | None]


async def rehearse_step(
    run: Run,
    module: ModuleConfig,
    step: PlanStep,
    marks: set[str],
    *,
    prefix: list[sql.Composable],
    read: Reader,
) -> tuple[SqlErrorLocation | None, list[Any] | None, int]:
    """Head (after ``prefix``), file, tail with the read ``read`` gives for the file's ms: the
    error, the read's rows (None: no read) and the ms."""
    t0 = time.perf_counter()
    head = script.rehearsal_head(module, step.filename, step.prepare, step.prepare_schema)
    locked, mark = await results(await run.execute(join([*prefix, *head])))
    if not locked[0][0]:
        raise await run.lock_busy(module)
    marks.add(str(mark[0][0]))
    if len(marks) != 1:  # every step must run in the transaction the rehearsal opened
        return transaction_ended(step), None, 0
    try:
        await run.run_file(step)
    except FileFailed as failed:
        ended = run.conn.info.transaction_status != psycopg.pq.TransactionStatus.INERROR
        return where_failed(failed, step, module, transaction_ended=ended), None, 0
    if run.conn.info.transaction_status != _IN_TRANSACTION:
        return transaction_ended(step), None, 0
    ms = max(1, int((time.perf_counter() - t0) * 1000))
    query = read(ms)
    tail = script.step_tail(
        module,
        step.filename,
        step.checksum,
        ms,
        run.plan.session,
        rehearse=True,
        observe=query if query is not None else False,
    )
    try:
        found = await results(await run.execute(join(tail)))
    except (psycopg.errors.DivisionByZero, psycopg.errors.InvalidSavepointSpecification):
        return transaction_ended(step), None, ms
    return None, (found[1] if query is not None else None), ms


@dataclass(slots=True)
class _Group:
    """The steps run since the last read, how many it may take, whether the savepoint a group
    of several opens with is still there, its files' time so far, whether its last was long."""

    members: list[tuple[int, PlanStep]] = field(default_factory=list)
    size: int = 1
    savepoint: bool = False
    spent_ms: float = 0.0
    slow: bool = False


class Observing:
    """The reads of one rehearsal: which step a group starts with, when it ends, what its read
    said of each step (``seen``, by the step's index in the plan)."""

    def __init__(
        self, run: Run, modules: Mapping[str, ModuleConfig], observer: Observer, marks: set[str]
    ) -> None:
        self.run = run
        self.modules = modules
        self.observer = observer
        self.marks = marks
        self.group = _Group()
        self.seen: dict[int, StepObservation] = {}

    def said(self) -> tuple[StepObservation, ...]:
        return tuple(self.seen[i] for i in sorted(self.seen))

    def joining(self, index: int, step: PlanStep) -> list[sql.Composable]:
        """``step`` joins the open group, or opens one: what its head is sent after (the last
        group's savepoint given back, a new one when this group may take several steps)."""
        group = self.group
        prefix: list[sql.Composable] = []
        if not group.members:
            group.size, group.spent_ms = self.observer.group_size(), 0.0
            prefix = [script.GROUP_RELEASE] if group.savepoint else []
            group.savepoint = group.size > 1
            prefix += [script.GROUP_SAVEPOINT] if group.savepoint else []
        group.members.append((index, step))
        return prefix

    def reader(self, *, last: bool) -> Reader:
        """Given how long the step's file took: the read to send after it, if it ends its group
        (full, long enough, the plan's last step, or a step long beside a read)."""
        group, policy = self.group, self.observer.policy

        def read(ms: float) -> sql.Composable | None:
            group.spent_ms += ms
            group.slow = ms >= policy.long_ms
            if last or policy.ends(len(group.members), group.size, group.spent_ms, ms):
                return self.observer.query(self._keys())
            return None

        return read

    def _keys(self) -> list[str]:
        return [self.modules[step.module].lock_key for _i, step in self.group.members]

    async def close(self, rows: list[Any]) -> SqlErrorLocation | None:
        """The group's read turned into its steps' observations; when it cannot tell them
        apart: back to the group's savepoint and its steps again, each read on its own."""
        group = self.group
        members = [
            Member(s.module, s.filename, self.modules[s.module].lock_key) for _i, s in group.members
        ]
        said = self.observer.observe(members, rows, slow=group.slow)
        steps, group.members = group.members, []
        if said is not None:
            self.seen.update(zip((i for i, _s in steps), said, strict=True))
            return None
        await self.run.execute(script.GROUP_ROLLBACK)
        found = self.observer.found(rows)
        if found:  # a rolled-back write leaves its pages in the file: sizes again
            query = join(script.observing(sizes_query(found)))
            self.observer.regrown((await results(await self.run.execute(query)))[0])
        return await self._replay(steps)

    async def close_now(self) -> SqlErrorLocation | None:
        """Cancelled between two steps of a group: its read now, on its own."""
        if not self.group.members:
            return None
        query = join(script.observing(self.observer.query(self._keys())))
        rows = (await results(await self.run.execute(query)))[0]
        return await self.close(rows)

    async def before_failure(self) -> None:
        """The step just run failed (it is the group's last member): back to the group's
        savepoint, the failed step's work with it, and the earlier steps again, each read."""
        group = self.group
        group.members.pop()
        if not (group.members and group.savepoint):
            return
        if self.run.conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            return  # the file ended the transaction: nothing left to read
        try:
            await self.run.execute(script.GROUP_ROLLBACK)
            await self._replay(group.members)
        except psycopg.Error:
            pass  # the failure is what the rehearsal reports; these steps stay unsaid

    async def _replay(self, steps: list[tuple[int, PlanStep]]) -> SqlErrorLocation | None:
        for index, step in steps:
            module = self.modules[step.module]
            one = Member(step.module, step.filename, module.lock_key)

            def read(_ms: float, key: str = module.lock_key) -> sql.Composable:
                return self.observer.query([key])

            try:
                error, rows, _ms = await rehearse_step(
                    self.run, module, step, self.marks, prefix=[], read=read
                )
            except psycopg.Error as exc:
                return plain(exc, step)
            if error is not None or rows is None:
                return error
            said = self.observer.observe([one], rows)
            if said is not None:  # always: one step alone
                self.seen[index] = said[0]
        return None
