"""Review reports: self-contained HTML and Markdown with one manifest, and the review check."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.access.conventions import Finding
from schemadesk.core.actions import ActionKind, ActionStep
from schemadesk.core.audit import AuditError, Outcome, record_from, scan_for_secrets
from schemadesk.core.migrations.models import ApplyEventKind, ApplyResult, StepResult
from schemadesk.core.report import (
    CHECKSUM_ALGORITHM,
    ENGLISH,
    ReportTexts,
    ReviewMismatch,
    ReviewReason,
    canonical_json,
    read_report,
    render_html,
    render_markdown,
    review_of,
    review_of_record,
    verify_reviewed,
    write_report,
)
from tests.audit.conftest import make_action

CREATED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _envelope_html(text: str) -> dict[str, object]:
    found = re.search(
        r'<script type="application/json" id="schemadesk-manifest">(.*?)</script>', text, re.S
    )
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def _envelope_md(text: str) -> dict[str, object]:
    found = re.search(r"<!--schemadesk:manifest-->\n```json\n(.*?)\n```\n", text, re.S)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def _finding() -> Finding:
    return Finding(
        schema="sales",
        code="no-rw-role",
        severity="warning",
        title="No read-write role",
        explanation="sales has no sales_rw role <for apps>",
        fix_of=ChangeSet("fix"),
        objects=("sales",),
    )


def _rehearsal() -> ApplyResult:
    return ApplyResult(
        results=(
            StepResult("sales", "001_init.sql", ApplyEventKind.APPLIED, 3.0),
            StepResult("sales", "002_more.sql", ApplyEventKind.APPLIED, 2.0),
        ),
        rehearsal=True,
        total_ms=6.0,
    )


def test_html_is_self_contained_and_escaped() -> None:
    action = make_action(
        steps=(("sales/001_<script>.sql", "SELECT '</script><b>x</b>' AS t;\n", "a" * 64),)
    )
    text = render_html(review_of(action, findings=[_finding()], rehearsal=_rehearsal()))
    lowered = text.lower()
    assert "http" not in lowered
    assert "<link" not in lowered
    assert not re.search(r"\ssrc\s*=", lowered)
    assert "url(" not in lowered
    assert "@import" not in lowered
    assert "<style>" in lowered
    # one script element, the JSON manifest; the SQL's </script> never closes it
    assert lowered.count("<script") == 1
    assert lowered.count("</script>") == 1
    assert "sales/001_&lt;script&gt;.sql" in text
    assert "<b>x</b>" not in text
    assert "&lt;for apps&gt;" in text
    assert "color:" in text  # Pygments styled the SQL inline
    env = _envelope_html(text)
    manifest = env["manifest"]
    assert isinstance(manifest, dict)
    assert manifest["steps"][0]["sql"] == "SELECT '</script><b>x</b>' AS t;\n"


def test_markdown_and_html_carry_the_same_manifest() -> None:
    review = review_of(
        make_action(), findings=[_finding()], rehearsal=_rehearsal(), created=CREATED
    )
    html_env = _envelope_html(render_html(review))
    md_env = _envelope_md(render_markdown(review))
    assert html_env["manifest"] == md_env["manifest"] == review.manifest
    assert html_env["content_sha256"] == md_env["content_sha256"] == review.content_sha256
    assert html_env["body_sha256"] != md_env["body_sha256"]  # each its own visible text
    import hashlib

    assert (
        review.content_sha256
        == hashlib.sha256(canonical_json(review.manifest).encode()).hexdigest()
    )


def test_report_carries_file_checksums_and_says_what_they_are(tmp_path: Path) -> None:
    review = review_of(make_action(), rehearsal=_rehearsal(), created=CREATED)
    for name in ("r.html", "r.md"):
        path = write_report(review, tmp_path / name)
        text = path.read_text(encoding="utf-8")
        assert "a" * 64 in text
        assert "b" * 64 in text
        assert review.content_sha256 in text
        assert "pgdbm" in text
        assert "CREATE TABLE sales.orders (id int);" in text
        assert "2 migration(s) ran and were rolled back" in text
        assert read_report(path).content_sha256 == review.content_sha256
    assert review.manifest["checksum_algorithm"] == CHECKSUM_ALGORITHM
    assert [s["checksum"] for s in review.manifest["steps"]] == ["a" * 64, "b" * 64]


def test_markdown_fences_and_markers_survive_in_sql(tmp_path: Path) -> None:
    sql = "SELECT 1; -- ```\n```\n-- <!--/schemadesk:body--> <!--schemadesk:manifest-->\n"
    action = make_action(steps=(("x/1.sql", sql, "c" * 64),))
    path = write_report(review_of(action), tmp_path / "r.md")
    text = path.read_text(encoding="utf-8")
    assert "````sql\nSELECT 1; -- ```\n```\n-- <!--/schemadesk:body-->" in text
    verify_reviewed(path, action)
    html = write_report(review_of(action), tmp_path / "r.html")
    verify_reviewed(html, action)


@pytest.mark.parametrize("suffix", ["html", "md"])
def test_verify_accepts_the_same_action(tmp_path: Path, suffix: str) -> None:
    action = make_action()
    path = write_report(review_of(action), tmp_path / f"r.{suffix}")
    review = verify_reviewed(path, action)
    assert review.content_sha256 == read_report(path).content_sha256
    # a rehearsal of the same migrations is what was reviewed too
    verify_reviewed(path, replace(action, kind=ActionKind.REHEARSE))
    verify_reviewed(path, action, expected_sha256=review.content_sha256.upper())
    with pytest.raises(ReviewMismatch) as other:
        verify_reviewed(path, action, expected_sha256="0" * 64)
    assert other.value.reason is ReviewReason.NOT_APPROVED


def _mismatch(path: Path, action: object) -> str:
    with pytest.raises(ReviewMismatch) as info:
        verify_reviewed(path, action)  # type: ignore[arg-type]
    assert info.value.exit_code == 5
    assert info.value.reason in (ReviewReason.DIFFERS, ReviewReason.EDITED)
    return str(info.value)


def test_verify_names_exactly_what_differs(tmp_path: Path) -> None:
    action = make_action()
    path = write_report(review_of(action), tmp_path / "r.html")
    first, second = action.steps

    changed = replace(action, steps=(first, replace(second, checksum="d" * 64)))
    message = _mismatch(path, changed)
    assert "sales/002_more.sql: the file changed since the review" in message
    assert "dddddddddddd" in message
    assert "sales/001_init.sql" not in message

    extra = ActionStep("sales/003_new.sql", "SELECT 3;\n", "e" * 64)
    assert "sales/003_new.sql: planned, but not in the report (added)" in _mismatch(
        path, replace(action, steps=(first, second, extra))
    )
    assert "sales/002_more.sql: reviewed, but no longer planned (removed)" in _mismatch(
        path, replace(action, steps=(first,))
    )
    other_sql = replace(second, sql="ALTER TABLE other.orders ADD note text;\n")
    message = _mismatch(path, replace(action, steps=(first, other_sql)))
    assert "sales/002_more.sql: different SQL (line 1 reads" in message
    assert "other.orders" in message
    message = _mismatch(path, make_action(database="stock"))
    assert "target database 'stock', reviewed 'shop'" in message
    assert "another order" in _mismatch(path, replace(action, steps=(second, first)))
    message = _mismatch(path, replace(action, target=replace(action.target, run_as="root")))
    assert "runs as 'root', reviewed 'sales_owner'" in message
    message = _mismatch(path, replace(action, kind=ActionKind.CHANGE_SET))
    assert "the report reviews apply-migrations, this is change-set" in message


def test_tampered_reports_are_refused(tmp_path: Path) -> None:
    action = make_action()
    for suffix in ("html", "md"):
        path = write_report(review_of(action), tmp_path / f"r.{suffix}")
        original = path.read_text(encoding="utf-8")

        # The manifest edited to match a different plan: its hash no longer holds.
        path.write_text(original.replace("ADD note text", "ADD note json"), encoding="utf-8")
        with pytest.raises(ReviewMismatch) as edited:
            verify_reviewed(path, action)
        assert edited.value.reason is ReviewReason.EDITED

        # Only the visible text edited (the manifest untouched).
        body_end = original.index("<!--/schemadesk:body-->")
        visible = original[:body_end].replace("orders", "ordres") + original[body_end:]
        assert visible != original
        path.write_text(visible, encoding="utf-8")
        with pytest.raises(ReviewMismatch) as shown:
            verify_reviewed(path, action)
        assert shown.value.reason is ReviewReason.EDITED

        # No manifest at all.
        path.write_text(original[:body_end], encoding="utf-8")
        with pytest.raises(ReviewMismatch) as bare:
            verify_reviewed(path, action)
        assert bare.value.reason is ReviewReason.NOT_A_REPORT

        # CRLF line ends (a mail client, git autocrlf) are no tampering.
        path.write_bytes(original.replace("\n", "\r\n").encode())
        verify_reviewed(path, action)


def test_report_of_a_past_action(tmp_path: Path) -> None:
    action = make_action()
    record = record_from(
        action,
        Outcome.FAILED,
        step_outcomes={"sales/001_init.sql": "applied", "sales/002_more.sql": "failed"},
        durations_ms={"sales/001_init.sql": 12.0, "sales/002_more.sql": 3.0},
        total_ms=15.0,
        error=AuditError("column exists", "sales/002_more.sql", 1, 28, "42701"),
    )
    review = review_of_record(record)
    assert review.manifest["audit"]["id"] == record.id
    html = write_report(review, tmp_path / "past.html").read_text(encoding="utf-8")
    assert "Past action from the audit log" in html
    assert "sales/002_more.sql:1:28: column exists [42701]" in html
    assert "failed" in html
    md = write_report(review, tmp_path / "past.md").read_text(encoding="utf-8")
    assert "| Error | `sales/002_more.sql:1:28: column exists [42701]` |" in md
    # the past action's steps are what a re-run would be checked against
    verify_reviewed(tmp_path / "past.html", action)


def test_report_masks_password_literals(tmp_path: Path) -> None:
    secret = "Zq-very-secret-9"
    action = make_action(
        kind=ActionKind.CHANGE_SET,
        steps=(("create login", f"CREATE ROLE app LOGIN PASSWORD '{secret}';", None),),
    )
    for name in ("r.html", "r.md"):
        text = write_report(review_of(action), tmp_path / name).read_text(encoding="utf-8")
        assert scan_for_secrets(text, [secret]) == []
        assert "CREATE" in text


def _other_language() -> ReportTexts:
    """Headings as a translation gives them (any language core itself does not know)."""
    return replace(
        ENGLISH,
        language="ru",
        target="Цель",
        steps="Шаги и точный SQL ({n})",
        counts="шагов: {steps}, операторов: {statements}",
        word_warning="предупреждение",
        milliseconds="{ms} мс",
    )


@pytest.mark.parametrize("suffix", ["html", "md"])
def test_report_in_another_language_verifies_and_refuses_edits(tmp_path: Path, suffix: str) -> None:
    action = make_action()
    review = review_of(
        action, findings=[_finding()], rehearsal=_rehearsal(), texts=_other_language()
    )
    path = write_report(review, tmp_path / f"r.{suffix}")
    text = path.read_text(encoding="utf-8")
    for shown in ("Цель", "шагов: 2, операторов: 2", "предупреждение", "3 мс"):
        assert shown in text
    for english in ("Target", "step(s)"):
        assert english not in text
    assert review.manifest["language"] == "ru"
    assert review.manifest["texts"]["target"] == "Цель"
    assert "texts" not in review_of(action).manifest  # English needs none
    if suffix == "html":
        assert '<html lang="ru">' in text
    # the words are part of the reviewed content, and the plan is still what is compared
    assert review.content_sha256 != review_of(action, findings=[_finding()]).content_sha256
    assert verify_reviewed(path, action).content_sha256 == review.content_sha256

    body_end = text.index("<!--/schemadesk:body-->")
    path.write_text(text[:body_end].replace("Цель", "Цели") + text[body_end:], encoding="utf-8")
    with pytest.raises(ReviewMismatch, match="visible text"):
        verify_reviewed(path, action)
    path.write_text(text.replace('"Цель"', '"Цели"'), encoding="utf-8")  # in the manifest
    with pytest.raises(ReviewMismatch, match="edited after it was written"):
        verify_reviewed(path, action)


def test_a_translation_that_lost_a_placeholder_falls_back_to_english(tmp_path: Path) -> None:
    texts = replace(ENGLISH, language="xx", steps="Steps without the count")
    path = write_report(review_of(make_action(), texts=texts), tmp_path / "r.html")
    text = path.read_text(encoding="utf-8")
    assert "Steps and exact SQL (2)" in text
    verify_reviewed(path, make_action())
