"""``rollout --reviewed REPORT``: every file each target would run was reviewed, unedited.

A rollout review report (``rollout --report``) lists every target with its own steps: each
target's plan is checked against its own entry (a target not listed, a file not listed for it
or with another checksum refuses). A single-database report (``schemadesk report``, usually of
the canary) is still accepted as before: then every target's files are compared by name and
pgdbm's checksum with the files that report reviewed, the SQL being rendered per schema.
"""

from __future__ import annotations

from pathlib import Path

from schemadesk.core.messages_reports import Message, say
from schemadesk.core.report.errors import ReviewMismatch, ReviewReason
from schemadesk.core.report.files import envelope_of, read_report
from schemadesk.core.report.manifest import REPORT_FORMAT
from schemadesk.core.rollout.models import RolloutPlan
from schemadesk.core.rollout.review_manifest import ROLLOUT_FORMAT, rollout_differences
from schemadesk.core.rollout.review_report import read_rollout_report


def _single_report_differences(files: dict[str, str | None], plan: RolloutPlan) -> list[str]:
    found: list[str] = []
    for target in plan.targets:
        for step in target.plan.steps if target.plan is not None else ():
            if step.filename not in files:
                found.append(
                    say("rollout-not-reviewed", target=target.target.name, file=step.filename)
                )
            elif files[step.filename] != step.checksum:
                was = (files[step.filename] or "")[:12]
                found.append(
                    say(
                        "rollout-changed",
                        target=target.target.name,
                        file=step.filename,
                        planned=step.checksum[:12],
                        reviewed=was,
                    )
                )
    return found


def report_kind(report: Path) -> str:
    """The format the report's manifest says it is (checked when it is read)."""
    envelope, _fmt, _text = envelope_of(report)
    manifest = envelope.get("manifest")
    kind = manifest.get("format") if isinstance(manifest, dict) else None
    return kind if isinstance(kind, str) else ""


def check_reviewed(report: Path, plan: RolloutPlan) -> str:
    """Refuse (``ReviewMismatch``, nothing run) unless every target's files were reviewed with
    the same checksum; returns the report's content SHA-256 (for the rollout's audit record)."""
    kind = report_kind(report)
    if kind == ROLLOUT_FORMAT:
        manifest = read_rollout_report(report)
        found, digest = rollout_differences(manifest, plan), manifest.content_sha256
    elif kind == REPORT_FORMAT:
        review = read_report(report)
        files = {s.label.rsplit("/", 1)[-1]: s.checksum for s in review.typed.steps}
        found, digest = _single_report_differences(files, plan), review.content_sha256
    else:
        raise ReviewMismatch(
            say(
                "rollout-not-report", path=str(report), rollout=ROLLOUT_FORMAT, single=REPORT_FORMAT
            ),
            ReviewReason.NOT_A_REPORT,
        )
    if found:
        unique = list(dict.fromkeys(found))
        more = Message("rollout-more", {"n": len(unique) - 10}) if len(unique) > 10 else ""
        differs = say(
            "rollout-differs",
            path=str(report),
            n=len(unique),
            differences=tuple(unique[:10]),
            more=more,
        )
        raise ReviewMismatch(differs, ReviewReason.DIFFERS)
    return digest
