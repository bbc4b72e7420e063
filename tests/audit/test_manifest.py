"""The typed review manifest: written and read by one function each, and nothing else read."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from schemadesk.core.audit import AuditError, Outcome, record_from
from schemadesk.core.report import (
    Manifest,
    ReviewMismatch,
    canonical_json,
    read_report,
    review_of,
    review_of_record,
    verify_reviewed,
    write_report,
)
from schemadesk.core.report.envelope import BODY_END, BODY_START
from schemadesk.core.report.html_report import body_html, report_css
from schemadesk.core.report.json_fields import ManifestError
from schemadesk.core.report.manifest import sha256
from tests.audit.conftest import make_action
from tests.audit.test_report import _finding, _other_language, _rehearsal

CREATED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _reviews() -> list[Any]:
    action = make_action()
    record = record_from(
        action,
        Outcome.FAILED,
        step_outcomes={"sales/001_init.sql": "applied"},
        durations_ms={"sales/001_init.sql": 12.0},
        total_ms=15.0,
        error=AuditError("column exists", "sales/002_more.sql", 1, 28, "42701"),
    )
    return [
        review_of(action, created=CREATED),
        review_of(action, findings=[_finding()], rehearsal=_rehearsal(), created=CREATED),
        review_of(action, rehearsal=_rehearsal(), texts=_other_language(), created=CREATED),
        review_of_record(record, created=CREATED),
    ]


@pytest.mark.parametrize("index", range(4))
def test_every_manifest_reads_back_as_itself(index: int) -> None:
    review = _reviews()[index]
    data = json.loads(canonical_json(review.manifest))  # as a report file carries it
    assert Manifest.from_json(data) == review.typed
    assert Manifest.from_json(data).to_json() == data


def test_a_plan_step_has_no_outcome_keys_and_a_past_one_has_both() -> None:
    plan, *_, past = _reviews()
    assert "outcome" not in plan.manifest["steps"][0]
    assert {"outcome", "duration_ms"} <= set(past.manifest["steps"][0])
    assert past.manifest["steps"][1]["duration_ms"] is None  # not run: no duration, key kept


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda m: m | {"approved_by": "mallory"}, "more, or other"),
        (lambda m: {k: v for k, v in m.items() if k != "target"}, "no 'target'"),
        (lambda m: m | {"statement_count": "2"}, "'statement_count' is str"),
        (lambda m: m | {"steps": [m["steps"][0] | {"locks": [1]}]}, "non-text item"),
        (lambda m: m | {"rehearsal": m["rehearsal"] | {"ok": 1}}, "'ok' is int"),
    ],
)
def test_a_manifest_of_another_shape_is_refused(change: Any, says: str) -> None:
    data = json.loads(canonical_json(_reviews()[1].manifest))
    with pytest.raises(ManifestError, match=re.escape(says)):
        Manifest.from_json(change(data))


def test_a_forged_report_with_recomputed_hashes_but_an_extra_field_is_refused(
    tmp_path: Path,
) -> None:
    """Someone adds a field to the manifest and recomputes both hashes: the typed reader
    refuses what the format does not describe, so apply --reviewed runs nothing."""
    action = make_action()
    review = review_of(action, created=CREATED)
    path = write_report(review, tmp_path / "r.html")
    text = path.read_text(encoding="utf-8")
    found = re.search(r'(id="schemadesk-manifest">\n)(.*?)(\n</script>)', text, re.S)
    assert found is not None
    envelope = json.loads(found.group(2))
    envelope["manifest"]["approved_by"] = "mallory"
    envelope["content_sha256"] = sha256(canonical_json(envelope["manifest"]))
    forged = text[: found.start(2)] + json.dumps(envelope) + text[found.end(2) :]
    path.write_text(forged, encoding="utf-8")
    with pytest.raises(ReviewMismatch, match="manifest is damaged"):
        verify_reviewed(path, action)


def test_the_css_is_package_data_inlined_whole() -> None:
    from schemadesk.core.report import render_html

    css = report_css()
    assert css.startswith(":root")
    html = render_html(review_of(make_action(), created=CREATED))
    assert f"<style>\n{css}</style>" in html
    assert "http" not in css  # self-contained: nothing fetched


def test_reading_gives_the_typed_manifest_and_the_body_it_shows(tmp_path: Path) -> None:
    review = review_of(make_action(), findings=[_finding()], created=CREATED)
    back = read_report(write_report(review, tmp_path / "r.html"))
    assert back.typed == review.typed
    assert back.typed.findings[0].code == "no-rw-role"
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert text.split(BODY_START + "\n")[1].split("\n" + BODY_END)[0] == body_html(back)
    assert replace(back.typed, title="other") != review.typed
