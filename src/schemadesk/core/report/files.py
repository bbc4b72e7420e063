"""Writing a report, and reading one back only when nothing in it was edited."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_reports import say, why
from schemadesk.core.report.envelope import BODY_END, BODY_START, MD_MANIFEST, generator
from schemadesk.core.report.errors import ReviewMismatch
from schemadesk.core.report.errors import ReviewReason as R
from schemadesk.core.report.html_report import body_html, render_html
from schemadesk.core.report.json_fields import ManifestError
from schemadesk.core.report.manifest import (
    REPORT_FORMAT,
    Manifest,
    Review,
    sha256,
)
from schemadesk.core.report.markdown_report import body_markdown, render_markdown

_HTML_MANIFEST = re.compile(
    r'<script type="application/json" id="schemadesk-manifest">(.*?)</script>', re.DOTALL
)
_MD_MANIFEST_BLOCK = re.compile(
    re.escape(MD_MANIFEST) + r"\n(?P<fence>`{3,})json\n(?P<json>.*?)\n(?P=fence)[ \t]*(?:\n|$)",
    re.DOTALL,
)


def report_format(path: Path, fmt: str | None = None) -> str:
    """``html`` or ``md``: as given, else from the file's suffix (``.md``/``.markdown``)."""
    if fmt is not None:
        if fmt not in ("html", "md"):
            raise ConfigError(say("report-format-unknown", fmt=repr(fmt)))
        return fmt
    return "md" if path.suffix.lower() in (".md", ".markdown") else "html"


def render(review: Review, fmt: str) -> str:
    """The report text in ``fmt`` (``html`` or ``md``)."""
    return render_markdown(review) if fmt == "md" else render_html(review)


def write_report(review: Review, path: Path, fmt: str | None = None) -> Path:
    """Write the report (bytes as rendered: ``\\n`` line ends on every platform)."""
    text = render(review, report_format(path, fmt))
    path.write_bytes(text.encode("utf-8"))
    return path


def body_of(text: str) -> str | None:
    """The visible text between the report's body markers (what ``body_sha256`` hashes)."""
    start = text.find(BODY_START)
    end = text.rfind(BODY_END)
    if start < 0 or end < start:
        return None
    return text[start + len(BODY_START) + 1 : end - 1]


def envelope_of(path: Path) -> tuple[dict[str, Any], str, str]:
    """A report's embedded envelope, its format (``html``/``md``) and its text, unchecked:
    the one reader of single-database and rollout reports alike."""
    try:
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(say("report-unreadable", path=str(path), reason=str(exc))) from None
    found = _HTML_MANIFEST.search(text)
    fmt = "html"
    raw = found.group(1) if found else None
    if raw is None:
        md = _MD_MANIFEST_BLOCK.search(text)
        fmt = "md"
        raw = md.group("json") if md else None
    if raw is None:
        raise ReviewMismatch(say("report-no-manifest", path=str(path)), R.NOT_A_REPORT)
    try:
        envelope = json.loads(raw)
    except ValueError as exc:
        raise ReviewMismatch(damaged(path, exc), R.DAMAGED) from None
    if not isinstance(envelope, dict):
        raise ReviewMismatch(say("report-damaged", path=str(path)), R.DAMAGED)
    return envelope, fmt, text


def damaged(path: Path, exc: BaseException) -> str:
    """``<path>: the report's manifest is damaged (<why>)``, said."""
    return say("report-damaged-why", path=str(path), why=why(exc))


def edited(path: Path, actual: str, stated: str) -> str:
    """The manifest hashes to ``actual``, not to what the report ``stated``: said."""
    return say("report-edited-hash", path=str(path), actual=actual, stated=stated)


def read_report(path: Path) -> Review:
    """The review a report holds, once its manifest and visible text are checked unchanged.

    Raises ``ReviewMismatch`` for a report without a manifest, or one edited after it was
    written (the manifest's hash, or the visible text's, no longer matches).
    """
    envelope, fmt, text = envelope_of(path)
    try:
        data = envelope["manifest"]
        stated = str(envelope["content_sha256"])
        stated_body = str(envelope["body_sha256"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ReviewMismatch(damaged(path, exc), R.DAMAGED) from None
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise ReviewMismatch(
            say("report-not-format", path=str(path), format=REPORT_FORMAT), R.NOT_A_REPORT
        )
    try:
        review = Review(Manifest.from_json(data))
    except ManifestError as exc:
        raise ReviewMismatch(damaged(path, exc), R.DAMAGED) from None
    if review.content_sha256 != stated:
        raise ReviewMismatch(edited(path, review.content_sha256, stated), R.EDITED)
    body = body_of(text)
    if body is None or sha256(body) != stated_body:
        raise ReviewMismatch(say("report-edited-body", path=str(path)), R.EDITED)
    if envelope.get("generator") == generator():
        expected = body_markdown(review) if fmt == "md" else body_html(review)
        if body != expected:
            raise ReviewMismatch(say("report-body-not-manifest", path=str(path)), R.EDITED)
    return review
