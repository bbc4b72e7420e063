"""Review reports: what a DBA reviews before a change runs, and the check that it is what runs.

A report is rendered from a *manifest* (``manifest.py``: typed, written and read by one
function each) describing a planned action (or a past one, from the audit log) — target, every
step's exact SQL, each migration file's checksum, the convention findings and the rehearsal.
The manifest is embedded in the report (HTML: a ``<script type="application/json"
id="schemadesk-manifest">`` element; Markdown: a fenced ``json`` block), and its SHA-256 over
canonical JSON is the report's *content hash*, printed in the report for the approver to note.
``verify_reviewed`` compares a planned action with the manifest of a report and names every
difference; it also refuses a report whose manifest or visible text was edited after it was
written.

One module per job: ``build`` (manifests from actions and audit records), ``html_report`` and
``markdown_report`` (pure functions of the manifest; the CSS is package data), ``files``
(write, and read back checked), ``verify`` (``apply --reviewed``).
"""

from schemadesk.core.report.build import review_of, review_of_record
from schemadesk.core.report.errors import ReviewMismatch, ReviewReason
from schemadesk.core.report.files import read_report, render, report_format, write_report
from schemadesk.core.report.html_report import render_html
from schemadesk.core.report.manifest import (
    REPORT_FORMAT,
    Manifest,
    Review,
    canonical_json,
)
from schemadesk.core.report.markdown_report import render_markdown
from schemadesk.core.report.verify import differences, verify_reviewed
from schemadesk.core.report_texts import CHECKSUM_ALGORITHM, ENGLISH, ReportTexts

__all__ = [
    "CHECKSUM_ALGORITHM",
    "ENGLISH",
    "REPORT_FORMAT",
    "Manifest",
    "ReportTexts",
    "Review",
    "ReviewMismatch",
    "ReviewReason",
    "canonical_json",
    "differences",
    "read_report",
    "render",
    "render_html",
    "render_markdown",
    "report_format",
    "review_of",
    "review_of_record",
    "verify_reviewed",
    "write_report",
]
