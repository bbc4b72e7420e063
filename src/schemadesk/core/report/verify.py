"""``apply --reviewed``: the planned action compared with the manifest of the reviewed report."""

from __future__ import annotations

from pathlib import Path

from schemadesk.core.actions import ActionKind, PlannedAction
from schemadesk.core.report.build import review_of
from schemadesk.core.report.errors import ReviewMismatch, ReviewReason
from schemadesk.core.report.files import read_report
from schemadesk.core.report.manifest import Manifest, Review

_MIGRATION_KINDS = {str(ActionKind.APPLY_MIGRATIONS), str(ActionKind.REHEARSE)}


def _short(digest: str | None) -> str:
    return digest[:12] + "…" if digest else "none"


def _first_difference(old: str, new: str) -> str:
    a, b = old.splitlines(), new.splitlines()
    for number, (x, y) in enumerate(zip(a, b, strict=False), 1):
        if x != y:
            return f"line {number} reads {y.strip()[:80]!r}, reviewed {x.strip()[:80]!r}"
    if len(a) != len(b):
        return f"{len(b)} line(s), reviewed {len(a)}"
    return "whitespace differs"


def differences(reviewed: Manifest, planned: Manifest) -> list[str]:
    """Every way ``planned`` departs from ``reviewed``, as short phrases."""
    found: list[str] = []
    kinds = {reviewed.kind, planned.kind}
    if len(kinds) > 1 and not kinds <= _MIGRATION_KINDS:
        found.append(f"the report reviews {reviewed.kind}, this is {planned.kind}")
    rt, pt = reviewed.target, planned.target
    if rt.database != pt.database:
        found.append(f"target database {pt.database!r}, reviewed {rt.database!r}")
    if (rt.host, rt.port) != (pt.host, pt.port):
        found.append(f"target server {pt.host}:{pt.port}, reviewed {rt.host}:{rt.port}")
    if (rt.run_as or rt.login) != (pt.run_as or pt.login):
        found.append(f"runs as {pt.run_as or pt.login!r}, reviewed {rt.run_as or rt.login!r}")
    old = {s.label: s for s in reviewed.steps}
    new = {s.label: s for s in planned.steps}
    found += [
        f"{label}: reviewed, but no longer planned (removed)" for label in old if label not in new
    ]
    found += [
        f"{label}: planned, but not in the report (added)" for label in new if label not in old
    ]
    for label, step in new.items():
        before = old.get(label)
        if before is None:
            continue
        if before.checksum != step.checksum:
            found.append(
                f"{label}: the file changed since the review (checksum {_short(step.checksum)},"
                f" reviewed {_short(before.checksum)})"
            )
        elif before.sql != step.sql:
            found.append(f"{label}: different SQL ({_first_difference(before.sql, step.sql)})")
    common_old = [label for label in old if label in new]
    common_new = [label for label in new if label in old]
    if common_old != common_new:
        found.append("the steps run in another order than reviewed")
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
        raise ReviewMismatch(
            f"{report_path}: content SHA-256 {review.content_sha256}, approved "
            f"{expected_sha256.strip()}: not the approved report",
            ReviewReason.NOT_APPROVED,
        )
    found = differences(review.typed, review_of(action).typed)
    if found:
        raise ReviewMismatch(
            f"the planned change differs from the review in {report_path} "
            f"({len(found)} difference(s)); nothing was run: " + "; ".join(found),
            ReviewReason.DIFFERS,
        )
    return review
