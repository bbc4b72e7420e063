"""The English of the errors in review reports and the audit log, by code: a report that cannot
be read or written, one edited or forged after it was written, a plan that differs from the
reviewed one (each difference a message of its own), an audit log or record that cannot be
read.

core says each with ``say(code, ...)`` and raises with that text: the command line shows the
English below; the window translates the message the error carries, by code
(ui/core_texts/problems_reports.py). A path, name, digest or Python's own error text is a
parameter, never part of a sentence the window reads back.
"""

from __future__ import annotations

from schemadesk.core.messages import Message, Param, said_of, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "say", "why"]

templates(
    {
        # review report files (core/report/files.py, core/rollout/review_report.py)
        "report-format-unknown": "unknown report format {fmt}: html or md",
        "report-unreadable": "{path}: cannot read the review report: {reason}",
        "report-unwritable": "{path}: cannot write the review report: {reason}",
        "report-no-manifest": "{path}: not a schemadesk review report (no manifest in it)",
        "report-damaged": "{path}: the report's manifest is damaged",
        "report-damaged-why": "{path}: the report's manifest is damaged ({why})",
        "report-not-format": "{path}: not a {format} manifest",
        "report-edited-hash": (
            "{path}: the report was edited after it was written: its manifest hashes to "
            "{actual}, the report states {stated}"
        ),
        "report-edited-body": (
            "{path}: the report's visible text was edited after it was written "
            "(its SHA-256 no longer matches the one recorded with the manifest)"
        ),
        "rollout-report-edited-body": (
            "{path}: the report's visible text was edited after it was written"
        ),
        "report-body-not-manifest": (
            "{path}: the report's visible text does not show its manifest "
            "(edited after it was written)"
        ),
        # a manifest's shape (core/report/json_fields.py, manifest.py, rollout's)
        "manifest-not-format": "not a {format} manifest",
        "manifest-no-key": "no {key}",
        "manifest-key-type": "{key} is {type}",
        "manifest-non-text": "{key} holds a non-text item",
        "manifest-non-object": "{key} holds a non-object item",
        "manifest-texts": "'texts' is not an object",
        "manifest-more": "it holds more, or other, than its format describes",
        # apply --reviewed (core/report/verify.py): the refusal, then each difference
        "review-not-approved": (
            "{path}: content SHA-256 {actual}, approved {approved}: not the approved report"
        ),
        "review-differs": (
            "the planned change differs from the review in {path} ({n} difference(s)); "
            "nothing was run: {differences}"
        ),
        "diff-kind": "the report reviews {reviewed}, this is {planned}",
        "diff-database": "target database {planned}, reviewed {reviewed}",
        "diff-server": "target server {planned}, reviewed {reviewed}",
        "diff-run-as": "runs as {planned}, reviewed {reviewed}",
        "diff-removed": "{step}: reviewed, but no longer planned (removed)",
        "diff-added": "{step}: planned, but not in the report (added)",
        "diff-checksum": (
            "{step}: the file changed since the review (checksum {planned}, reviewed {reviewed})"
        ),
        "diff-sql": "{step}: different SQL ({how})",
        "sql-line": "line {line} reads {planned}, reviewed {reviewed}",
        "sql-lines": "{planned} line(s), reviewed {reviewed}",
        "sql-whitespace": "whitespace differs",
        "diff-order": "the steps run in another order than reviewed",
        # rollout --reviewed (core/rollout/review.py, review_manifest.py)
        "rollout-not-report": "{path}: not a {rollout} or {single} manifest",
        "rollout-differs": (
            "the rollout differs from the review in {path} ({n} difference(s)); "
            "nothing was run: {differences}{more}"
        ),
        "rollout-more": "; and {n} more",
        "rollout-not-reviewed": "{target}: {file} is not in the review",
        "rollout-changed": (
            "{target}: {file} changed since the review (checksum {planned}…, reviewed {reviewed}…)"
        ),
        "rollout-target-unreviewed": (
            "{target}: the target is not in the review ({file} and {n} more migration(s) "
            "unreviewed)"
        ),
        "rollout-target-moved": "{target}: the target is {planned}, reviewed {reviewed}",
        # the audit log (core/audit/log.py, records.py) and its messages (messages_json.py)
        "audit-unreadable": "{path}: cannot read: {reason}",
        "audit-no-number": "no audit record #{number}: {path} holds {n} record(s)",
        "audit-no-id": "no audit record(s) with an id starting {text} in {path}",
        "audit-ids": "{n} audit record(s) with an id starting {text} in {path}",
        "audit-not-record": "not an audit record: {why}",
        "message-not-json": "not a message: {data}",
        "message-params-not-json": "not the parameters of a message: {params}",
    }
)


def why(exc: BaseException) -> Param:
    """What an error nested in another's text said: its message when it carries one (the
    window translates it), else its text as written (Python's own words: a parameter)."""
    return said_of(exc) or str(exc)
