"""Errors in review reports and the audit log (core/messages_reports.py), by code: a report
that cannot be read, edited or forged, a plan that differs from the reviewed one (each
difference translated on its own), an audit log that cannot be read. Paths, names, digests and
Python's own error texts are parameters, kept whole."""

from __future__ import annotations

from collections.abc import Callable

import schemadesk.core.messages_reports  # noqa: F401 (registers the codes translated here)
from schemadesk.ui.core_texts.fill import translate

REPORT_TEXTS: dict[str, Callable[[], str]] = {
    "report-format-unknown": lambda: translate(
        "CoreText", "unknown report format {fmt}: html or md"
    ),
    "report-unreadable": lambda: translate(
        "CoreText", "{path}: cannot read the review report: {reason}"
    ),
    "report-unwritable": lambda: translate(
        "CoreText", "{path}: cannot write the review report: {reason}"
    ),
    "report-no-manifest": lambda: translate(
        "CoreText", "{path}: not a schemadesk review report (no manifest in it)"
    ),
    "report-damaged": lambda: translate("CoreText", "{path}: the report's manifest is damaged"),
    "report-damaged-why": lambda: translate(
        "CoreText", "{path}: the report's manifest is damaged ({why})"
    ),
    "report-not-format": lambda: translate("CoreText", "{path}: not a {format} manifest"),
    "report-edited-hash": lambda: translate(
        "CoreText",
        "{path}: the report was edited after it was written: its manifest hashes to {actual}, "
        "the report states {stated}",
    ),
    "report-edited-body": lambda: translate(
        "CoreText",
        "{path}: the report's visible text was edited after it was written (its SHA-256 no "
        "longer matches the one recorded with the manifest)",
    ),
    "rollout-report-edited-body": lambda: translate(
        "CoreText", "{path}: the report's visible text was edited after it was written"
    ),
    "report-body-not-manifest": lambda: translate(
        "CoreText",
        "{path}: the report's visible text does not show its manifest (edited after it was "
        "written)",
    ),
    "manifest-not-format": lambda: translate("CoreText", "not a {format} manifest"),
    "manifest-no-key": lambda: translate("CoreText", "no {key}"),
    "manifest-key-type": lambda: translate("CoreText", "{key} is {type}"),
    "manifest-non-text": lambda: translate("CoreText", "{key} holds a non-text item"),
    "manifest-non-object": lambda: translate("CoreText", "{key} holds a non-object item"),
    "manifest-texts": lambda: translate("CoreText", "'texts' is not an object"),
    "manifest-more": lambda: translate(
        "CoreText", "it holds more, or other, than its format describes"
    ),
    "review-not-approved": lambda: translate(
        "CoreText", "{path}: content SHA-256 {actual}, approved {approved}: not the approved report"
    ),
    "review-differs": lambda: translate(
        "CoreText",
        "the planned change differs from the review in {path} ({n} difference(s)); nothing was "
        "run: {differences}",
    ),
    "diff-kind": lambda: translate("CoreText", "the report reviews {reviewed}, this is {planned}"),
    "diff-database": lambda: translate(
        "CoreText", "target database {planned}, reviewed {reviewed}"
    ),
    "diff-server": lambda: translate("CoreText", "target server {planned}, reviewed {reviewed}"),
    "diff-run-as": lambda: translate("CoreText", "runs as {planned}, reviewed {reviewed}"),
    "diff-removed": lambda: translate(
        "CoreText", "{step}: reviewed, but no longer planned (removed)"
    ),
    "diff-added": lambda: translate("CoreText", "{step}: planned, but not in the report (added)"),
    "diff-checksum": lambda: translate(
        "CoreText",
        "{step}: the file changed since the review (checksum {planned}, reviewed {reviewed})",
    ),
    "diff-sql": lambda: translate("CoreText", "{step}: different SQL ({how})"),
    "sql-line": lambda: translate("CoreText", "line {line} reads {planned}, reviewed {reviewed}"),
    "sql-lines": lambda: translate("CoreText", "{planned} line(s), reviewed {reviewed}"),
    "sql-whitespace": lambda: translate("CoreText", "whitespace differs"),
    "diff-order": lambda: translate("CoreText", "the steps run in another order than reviewed"),
    "rollout-not-report": lambda: translate(
        "CoreText", "{path}: not a {rollout} or {single} manifest"
    ),
    "rollout-differs": lambda: translate(
        "CoreText",
        "the rollout differs from the review in {path} ({n} difference(s)); nothing was run: "
        "{differences}{more}",
    ),
    "rollout-more": lambda: translate("CoreText", "; and {n} more"),
    "rollout-not-reviewed": lambda: translate("CoreText", "{target}: {file} is not in the review"),
    "rollout-changed": lambda: translate(
        "CoreText",
        "{target}: {file} changed since the review (checksum {planned}…, reviewed {reviewed}…)",
    ),
    "rollout-target-unreviewed": lambda: translate(
        "CoreText",
        "{target}: the target is not in the review ({file} and {n} more migration(s) unreviewed)",
    ),
    "rollout-target-moved": lambda: translate(
        "CoreText", "{target}: the target is {planned}, reviewed {reviewed}"
    ),
    "audit-unreadable": lambda: translate("CoreText", "{path}: cannot read: {reason}"),
    "audit-no-number": lambda: translate(
        "CoreText", "no audit record #{number}: {path} holds {n} record(s)"
    ),
    "audit-no-id": lambda: translate(
        "CoreText", "no audit record(s) with an id starting {text} in {path}"
    ),
    "audit-ids": lambda: translate(
        "CoreText", "{n} audit record(s) with an id starting {text} in {path}"
    ),
    "audit-not-record": lambda: translate("CoreText", "not an audit record: {why}"),
    "message-not-json": lambda: translate("CoreText", "not a message: {data}"),
    "message-params-not-json": lambda: translate(
        "CoreText", "not the parameters of a message: {params}"
    ),
}
