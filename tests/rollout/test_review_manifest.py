"""The rollout review manifest without a server: what it lists, the differences it names, and
the reports it refuses to read (forged keys, a single database's report, a tampered body)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemadesk.cli import main
from schemadesk.core.migrations.models import Plan, PlanStep
from schemadesk.core.report.errors import ReviewMismatch
from schemadesk.core.report.json_fields import ManifestError
from schemadesk.core.rollout.models import RolloutPlan, TargetPlan
from schemadesk.core.rollout.review import check_reviewed
from schemadesk.core.rollout.review_manifest import (
    RolloutManifest,
    rollout_differences,
    rollout_manifest,
)
from schemadesk.core.rollout.review_report import read_rollout_report, render_rollout
from schemadesk.core.rollout.targets import Target


def _step(schema: str, name: str, checksum: str) -> PlanStep:
    sql = f"CREATE TABLE {schema}.t_{name[:3]} ();"
    return PlanStep(schema, schema, name, checksum, sql, sql, "", False)


def _target(name: str, where: str, files: dict[str, str], schemas: tuple[str, ...]) -> TargetPlan:
    steps = tuple(_step(s, f, c) for s in schemas for f, c in files.items())
    return TargetPlan(
        Target(name, "all"), where=where, plan=Plan(steps), schemas={s: s for s in schemas}
    )


FILES = {"001_a.sql": "a" * 64, "002_b.sql": "b" * 64}


def _plan(*targets: TargetPlan) -> RolloutPlan:
    return RolloutPlan(("all",), targets)


def test_a_target_gets_only_its_own_reviewed_files() -> None:
    reviewed = rollout_manifest(
        _plan(
            _target("eu", "u@eu:5432/app", FILES, ("t1", "t2")),
            _target("us", "u@us:5432/app", {"001_a.sql": "a" * 64}, ("t1",)),
        ),
        os_user="dba",
    )
    assert [(f.file, f.rendered_for) for f in reviewed.files] == [
        ("001_a.sql", "eu/t1"),
        ("002_b.sql", "eu/t1"),
    ]
    # us was reviewed without 002_b.sql: eu's review of it does not cover us.
    later = _plan(_target("us", "u@us:5432/app", FILES, ("t1",)))
    assert rollout_differences(reviewed, later) == ["us: t1/002_b.sql is not in the review"]
    # A schema eu's review did not list, and an edited file, are named.
    grown = _plan(_target("eu", "u@eu:5432/app", {"001_a.sql": "c" * 64}, ("t1", "t3")))
    assert rollout_differences(reviewed, grown) == [
        "eu: t1/001_a.sql changed since the review "
        "(checksum cccccccccccc…, reviewed aaaaaaaaaaaa…)",
        "eu: t3/001_a.sql is not in the review",
    ]
    # Resumed: fewer steps than reviewed passes; a target with nothing to do needs no entry.
    resumed = _plan(
        _target("eu", "u@eu:5432/app", {"002_b.sql": "b" * 64}, ("t2",)),
        _target("asia", "u@asia:5432/app", {}, ()),
    )
    assert rollout_differences(reviewed, resumed) == []


def test_a_forged_or_foreign_report_is_refused(tmp_path: Path) -> None:
    manifest = rollout_manifest(
        _plan(_target("eu", "u@eu:5432/app", FILES, ("t1",))), os_user="dba"
    )
    with pytest.raises(ManifestError):
        RolloutManifest.from_json({**manifest.to_json(), "approved": True})
    for fmt in ("html", "md"):
        path = tmp_path / f"r.{fmt}"
        path.write_text(render_rollout(manifest, fmt), encoding="utf-8")
        assert read_rollout_report(path) == manifest
        text = path.read_text(encoding="utf-8")
        shown = "002_b.sql" if fmt == "html" else "002\\_b.sql"  # Markdown escapes _
        path.write_text(text.replace(shown, "002_c.sql", 1), encoding="utf-8")
        with pytest.raises(ReviewMismatch, match="visible text was edited"):
            read_rollout_report(path)
    other = tmp_path / "other.html"
    other.write_text(
        '<script type="application/json" id="schemadesk-manifest">'
        + json.dumps({"manifest": {"format": "something/9"}})
        + "</script>",
        encoding="utf-8",
    )
    with pytest.raises(ReviewMismatch, match="not a schemadesk-rollout-review/1 or"):
        check_reviewed(other, _plan())


def test_report_and_reviewed_together_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = tmp_path / "t.toml"
    targets.write_text('[[targets]]\nname = "x"\ndsn = "dbname=x"\n', encoding="utf-8")
    code = main(["rollout", "--targets", str(targets), "--report", "r.html", "--reviewed", "r"])
    assert code == 2
    assert "runs nothing" in capsys.readouterr().err
    assert not Path("r.html").exists()
