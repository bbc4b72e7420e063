"""``apply --reviewed``: the planned action compared with the manifest of the reviewed report."""

from __future__ import annotations

from pathlib import Path

from schemadesk.core.actions import ActionKind, PlannedAction
from schemadesk.core.messages_reports import Message, say
from schemadesk.core.report.build import review_of
from schemadesk.core.report.errors import ReviewMismatch, ReviewReason
from schemadesk.core.report.files import read_report
from schemadesk.core.report.manifest import Manifest, Review

_MIGRATION_KINDS = {str(ActionKind.APPLY_MIGRATIONS), str(ActionKind.REHEARSE)}


def _short(digest: str | None) -> str:
    return digest[:12] + "…" if digest else "none"


def _first_difference(old: str, new: str) -> Message:
    a, b = old.splitlines(), new.splitlines()
    for number, (x, y) in enumerate(zip(a, b, strict=False), 1):
        if x != y:
            shown = {"planned": repr(y.strip()[:80]), "reviewed": repr(x.strip()[:80])}
            return Message("sql-line", {"line": number, **shown})
    if len(a) != len(b):
        return Message("sql-lines", {"planned": len(b), "reviewed": len(a)})
    return Message("sql-whitespace")


def differences(reviewed: Manifest, planned: Manifest) -> list[str]:
    """Every way ``planned`` departs from ``reviewed``, as short phrases."""
    found: list[str] = []
    kinds = {reviewed.kind, planned.kind}
    if len(kinds) > 1 and not kinds <= _MIGRATION_KINDS:
        found.append(say("diff-kind", reviewed=reviewed.kind, planned=planned.kind))
    rt, pt = reviewed.target, planned.target
    if rt.database != pt.database:
        found.append(say("diff-database", planned=repr(pt.database), reviewed=repr(rt.database)))
    if (rt.host, rt.port) != (pt.host, pt.port):
        servers = {"planned": f"{pt.host}:{pt.port}", "reviewed": f"{rt.host}:{rt.port}"}
        found.append(say("diff-server", **servers))
    if (rt.run_as or rt.login) != (pt.run_as or pt.login):
        roles = {"planned": repr(pt.run_as or pt.login), "reviewed": repr(rt.run_as or rt.login)}
        found.append(say("diff-run-as", **roles))
    old = {s.label: s for s in reviewed.steps}
    new = {s.label: s for s in planned.steps}
    found += [say("diff-removed", step=label) for label in old if label not in new]
    found += [say("diff-added", step=label) for label in new if label not in old]
    for label, step in new.items():
        before = old.get(label)
        if before is None:
            continue
        if before.checksum != step.checksum:
            sums = {"planned": _short(step.checksum), "reviewed": _short(before.checksum)}
            found.append(say("diff-checksum", step=label, **sums))
        elif before.sql != step.sql:
            found.append(say("diff-sql", step=label, how=_first_difference(before.sql, step.sql)))
    common_old = [label for label in old if label in new]
    common_new = [label for label in new if label in old]
    if common_old != common_new:
        found.append(say("diff-order"))
    return found


def verify_reviewed(
    report_path: Path, action: PlannedAction, *, expected_sha256: str | None = None
) -> Review:
    """Refuse (``ReviewMismatch``) unless ``action`` is exactly what the report reviewed.

    Checks the report itself first (unedited; its content hash equal to ``expected_sha256``
    when the approver noted one), then the target, every step's file checksum and SQL, and the
    steps' set and order. Returns the review when everything matches.
    """
    review = read_report(report_path)
    if expected_sha256 is not None and review.content_sha256 != expected_sha256.strip().lower():
        approved = {"actual": review.content_sha256, "approved": expected_sha256.strip()}
        raise ReviewMismatch(
            say("review-not-approved", path=str(report_path), **approved),
            ReviewReason.NOT_APPROVED,
        )
    found = differences(review.typed, review_of(action).typed)
    if found:
        differs = say(
            "review-differs", path=str(report_path), n=len(found), differences=tuple(found)
        )
        raise ReviewMismatch(differs, ReviewReason.DIFFERS)
    return review
