"""The review report's lint section: HTML, Markdown and the typed manifest; reports without
lint findings keep exactly the manifest they had, and both kinds verify."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemadesk.cli import main
from schemadesk.core.lint import LintFinding
from schemadesk.core.migrations.models import Severity
from schemadesk.core.report import (
    Manifest,
    ReviewMismatch,
    read_report,
    render_html,
    render_markdown,
    review_of,
    verify_reviewed,
    write_report,
)
from schemadesk.core.report.json_fields import ManifestError
from tests.audit.conftest import make_action

CREATED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
CORPUS = Path(__file__).parent / "data" / "corpus"
FINDINGS = (
    LintFinding(
        "/p/migrations/002_more.sql",
        "adding-field-with-default",
        "squawk",
        Severity.WARNING,
        "Adding a column <with> a volatile DEFAULT rewrites the table",
        None,
        1,
        63,
        module="sales",
    ),
    LintFinding(
        "/p/migrations/003_idx.sql",
        "concurrently-in-transaction",
        "schemadesk",
        Severity.ERROR,
        "CONCURRENTLY cannot run inside a transaction block",
        module="sales",
        line=2,
        column=1,
    ),
)


def test_the_lint_section_in_html_and_markdown(tmp_path: Path) -> None:
    review = review_of(make_action(), created=CREATED, lint=FINDINGS)
    html = render_html(review)
    assert '<h2 id="lint">Lint findings (2)</h2>' in html
    assert "sales/002_more.sql:1:63" in html
    assert "<code>adding-field-with-default</code> <small>squawk</small>" in html
    assert "Adding a column &lt;with&gt; a volatile DEFAULT" in html  # escaped
    md = render_markdown(review)
    assert "## Lint findings (2)" in md
    assert "- **error** `sales/003_idx.sql:2:1` `concurrently-in-transaction` (schemadesk)" in md
    assert review.manifest["lint"][1] == {
        "file": "sales/003_idx.sql",
        "line": 2,
        "column": 1,
        "rule": "concurrently-in-transaction",
        "source": "schemadesk",
        "severity": "error",
        "message": "CONCURRENTLY cannot run inside a transaction block",
    }
    for fmt in ("html", "md"):
        path = write_report(review, tmp_path / f"r.{fmt}")
        back = read_report(path)
        assert back.content_sha256 == review.content_sha256
        assert back.typed.lint == review.typed.lint
        verify_reviewed(path, make_action())  # lint is shown; the SQL is what is compared


def test_a_report_without_lint_keeps_its_manifest_and_verifies(tmp_path: Path) -> None:
    review = review_of(make_action(), created=CREATED)
    assert "lint" not in review.manifest
    html = render_html(review)
    assert "Lint findings" not in html
    assert read_report(write_report(review, tmp_path / "r.html")).typed == review.typed


def test_a_forged_lint_part_is_refused(tmp_path: Path) -> None:
    data = review_of(make_action(), created=CREATED).manifest
    with pytest.raises(ManifestError):
        Manifest.from_json({**data, "lint": []})  # an empty list is never written
    with pytest.raises(ManifestError):
        Manifest.from_json({**data, "lint": [{"file": "x", "line": "1"}]})
    review = review_of(make_action(), created=CREATED, lint=FINDINGS)
    path = write_report(review, tmp_path / "r.html")
    edited = path.read_text().replace("sales/002_more.sql:1:63", "sales/002_more.sql:9:9", 1)
    path.write_text(edited)
    with pytest.raises(ReviewMismatch):
        read_report(path)


@pytest.mark.db
def test_report_lint_lints_the_pending_files(
    capsys: pytest.CaptureFixture[str], db_dsn: str, tmp_path: Path
) -> None:
    shutil.copytree(CORPUS, tmp_path / "migrations")
    out = tmp_path / "review.md"
    args = ["--dsn", db_dsn, "--migrations", str(tmp_path / "migrations"), "--schema", "shop"]
    assert main(["report", *args, "--lint", "--output", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text()
    assert "`shop/002_add_column_default.sql:1:63` `adding-field-with-default` (squawk)" in text
    assert "`shop/008_concurrent_in_transaction.sql:1:1` `concurrently-in-transaction`" in text
    lint = read_report(out).typed.lint
    assert {e.file.split("/")[0] for e in lint} == {"shop"}
    # Without --lint the report is the one it was before lint existed.
    assert main(["report", *args, "--output", str(tmp_path / "plain.md")]) == 0
    plain = (tmp_path / "plain.md").read_text()
    assert "Lint findings" not in plain
    data = re.search(r"```json\n(.*?)\n```", plain, re.S)
    assert data is not None
    assert "lint" not in json.loads(data.group(1))["manifest"]
