"""``rollout --reviewed REPORT``: every file each target would run was reviewed, unedited.

A review report (``schemadesk report``) is made on one database, usually the canary; the other
targets run the same files rendered for their own schemas, so the check compares files — the
name and pgdbm's checksum of each — rather than the SQL text.
"""

from __future__ import annotations

from pathlib import Path

from schemadesk.core.report.errors import ReviewMismatch, ReviewReason
from schemadesk.core.report.files import read_report
from schemadesk.core.rollout.models import RolloutPlan


def reviewed_files(report: Path) -> dict[str, str | None]:
    """``{file name: checksum}`` of every step the report reviewed (the report unedited)."""
    review = read_report(report)
    return {s.label.rsplit("/", 1)[-1]: s.checksum for s in review.typed.steps}


def check_reviewed(report: Path, plan: RolloutPlan) -> int:
    """Refuse (``ReviewMismatch``, nothing run) unless every target's files were reviewed with
    the same checksum; returns how many distinct files were checked."""
    files = reviewed_files(report)
    found: list[str] = []
    checked: set[str] = set()
    for target in plan.targets:
        for step in target.plan.steps if target.plan is not None else ():
            checked.add(step.filename)
            if step.filename not in files:
                found.append(f"{target.target.name}: {step.filename} is not in the review")
            elif files[step.filename] != step.checksum:
                was = (files[step.filename] or "")[:12]
                found.append(
                    f"{target.target.name}: {step.filename} changed since the review "
                    f"(checksum {step.checksum[:12]}…, reviewed {was}…)"
                )
    if found:
        shown = "; ".join(dict.fromkeys(found[:10]))
        more = f"; and {len(found) - 10} more" if len(found) > 10 else ""
        raise ReviewMismatch(
            f"the rollout differs from the review in {report} ({len(found)} difference(s)); "
            f"nothing was run: {shown}{more}",
            ReviewReason.DIFFERS,
        )
    return len(checked)
