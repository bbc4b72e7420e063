"""A rehearsal belongs to one exact plan: the target, the files with their checksums and the role
it ran as. An apply is shown the rehearsal only when it is of that very plan; a rehearsal of
another plan, or one that failed, is said as such and the apply needs an explicit override.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from schemadesk.core.actions import ActionTarget
from schemadesk.core.audit import AuditRecord, Outcome
from schemadesk.core.migrations.models import Plan


@dataclass(frozen=True, slots=True)
class PlanKey:
    """What a rehearsal is bound to: where, which files (with checksums), and as whom."""

    where: tuple[str, str, int, str]  # profile, host, port, database
    files: tuple[tuple[str, str, str], ...]  # module, filename, checksum
    run_as: str | None

    def same_files(self, other: PlanKey) -> bool:
        return self.where == other.where and self.files == other.files

    def overlaps(self, other: PlanKey) -> bool:
        """Same target, and at least one file in common (by module and name): a rehearsal of
        files applied since, or of another module, says nothing about this plan."""
        mine = {(module, name) for module, name, _ in self.files}
        return self.where == other.where and any((m, n) in mine for m, n, _ in other.files)


def plan_key(target: ActionTarget, plan: Plan, run_as: str | None) -> PlanKey:
    """The key of ``plan`` run on ``target`` as ``run_as`` (None: the login)."""
    return PlanKey(
        where=(target.profile, target.host, target.port, target.database),
        files=tuple((s.module, s.filename, s.checksum) for s in plan.steps),
        run_as=run_as,
    )


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """A finished rehearsal: the plan it ran and how it ended (``outcome``: one line)."""

    key: PlanKey
    ok: bool
    outcome: str
    skipped: tuple[str, ...] = ()  # no-transaction files it could not run


class Bound(enum.StrEnum):
    """How the last rehearsal relates to the plan about to be applied."""

    NONE = "none"  # no rehearsal, or one of another target or of none of these files: not shown
    OTHER_PLAN = "other-plan"  # some of these files, but not exactly them: needs an override
    MATCHES = "matches"  # this very plan, as this role, and it succeeded
    FAILED = "failed"  # this plan, and it failed: applying needs an override
    OTHER_ROLE = "other-role"  # these files, rehearsed as another role: needs an override
    PARTIAL = "partial"  # succeeded, but files were skipped (no transaction): said, no override


def bound(rehearsal: Rehearsal | None, key: PlanKey) -> Bound:
    """How ``rehearsal`` (the session's last) relates to the plan with ``key``."""
    if rehearsal is None or not rehearsal.key.overlaps(key):
        return Bound.NONE
    if not rehearsal.key.same_files(key):
        return Bound.OTHER_PLAN
    if not rehearsal.ok:
        return Bound.FAILED
    if rehearsal.key.run_as != key.run_as:
        return Bound.OTHER_ROLE
    return Bound.PARTIAL if rehearsal.skipped else Bound.MATCHES


def needs_override(state: Bound) -> bool:
    """Whether applying after a rehearsal in ``state`` needs an explicit override."""
    return state in (Bound.FAILED, Bound.OTHER_ROLE, Bound.OTHER_PLAN)


def override_reason(state: Bound, rehearsal: Rehearsal, key: PlanKey) -> str:
    """Why applying needs an explicit override, in English (the window words it by ``state``)."""
    if state is Bound.FAILED:
        return f"the rehearsal of this plan failed: {rehearsal.outcome}"
    if state is Bound.OTHER_PLAN:
        return "the last rehearsal was of other files or checksums than this plan"
    was, now = rehearsal.key.run_as or "the login", key.run_as or "the login"
    return f"the plan was rehearsed as {was}, not as {now}"


def from_record(record: AuditRecord) -> Rehearsal | None:
    """The rehearsal an audit record holds (the command line's memory between runs); None for
    any other record."""
    if record.kind != "rehearse":
        return None
    files = []
    for step in record.steps:
        if step.checksum is not None and "/" in step.label:  # a migration, not SET ROLE
            module, filename = step.label.split("/", 1)
            files.append((module, filename, step.checksum))
    t = record.target
    key = PlanKey((record.profile, t.host, t.port, t.database), tuple(files), t.run_as)
    ok = record.outcome is Outcome.SUCCEEDED
    outcome = f"{record.verdict} at {record.when} (audit record {record.id[:12]})"
    return Rehearsal(key, ok, outcome, record.not_rehearsed)


def last_rehearsal(records: Iterable[AuditRecord], target: ActionTarget) -> Rehearsal | None:
    """The newest rehearsal on ``target``'s profile, server and database, from the audit log."""
    found = None
    where = (target.profile, target.host, target.port, target.database)
    for record in records:
        rehearsal = from_record(record)
        if rehearsal is not None and rehearsal.key.where == where:
            found = rehearsal  # the log is in the order the actions were confirmed
    return found
