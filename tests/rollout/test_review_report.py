"""``rollout --report`` writes one review report over every target; ``rollout --reviewed``
checks each target's plan against its own entry (exit 5, naming target and file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog
from schemadesk.core.rollout.review_report import read_rollout_report
from tests.rollout.conftest import FILES, TENANTS, Fleet

HOSTILE = "-- </script><script>alert(1)</script> ``` <!--/schemadesk:body-->\nSELECT 1;\n"


def _untouched(fleet: Fleet, *names: str) -> bool:
    return all(files == [] for name in names for files in fleet.ledger(name).values())


def test_report_lists_every_target_and_reviewed_checks_each_against_its_entry(
    fleet: Fleet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = fleet.write_targets({"canary": ["c1a"], "rest": ["c2a", "c3a"]})
    report = tmp_path / "review.html"
    assert fleet.run(targets, "--report", str(report), "--json") == 0
    said = json.loads(capsys.readouterr().out)
    assert (said["targets"], said["steps"], said["files"]) == (3, 300, 2)
    assert _untouched(fleet, "c1a", "c2a", "c3a")  # a report runs nothing
    manifest = read_rollout_report(report)
    assert [t.name for t in manifest.targets] == ["c1a", "c2a", "c3a"]
    assert {s.schema for s in manifest.targets[2].steps} == set(TENANTS)
    text = report.read_text(encoding="utf-8")
    body = text[: text.index('<script type="application/json"')]
    assert body.count("CREATE INDEX items_note") == 1  # each distinct file's SQL once
    assert "tenant_50 (50 schemas)" in body
    assert said["content_sha256"] in body

    edited = FILES["002_seed.sql"].replace("(note)", "(note, id)")
    (fleet.folder / "002_seed.sql").write_text(edited, encoding="utf-8")
    assert fleet.run(targets, "--reviewed", str(report)) == 5
    err = capsys.readouterr().err
    assert "c1a: tenant_01/002_seed.sql changed since the review" in err
    assert "nothing was run" in err
    assert _untouched(fleet, "c1a", "c2a", "c3a")

    (fleet.folder / "002_seed.sql").write_text(FILES["002_seed.sql"], encoding="utf-8")
    assert fleet.run(targets, "--reviewed", str(report), "--stage", "canary") == 0
    capsys.readouterr()
    # Resumed: the canary needs nothing any more, the rest what the review lists for them.
    assert fleet.run(targets, "--reviewed", str(report), "--json") == 0
    assert json.loads(capsys.readouterr().out)["result"]["ok"]
    titles = [r.title for r in AuditLog() if r.kind == "rollout"]
    assert titles[-1].endswith(f"as reviewed (report content SHA-256 {said['content_sha256']})")
    for name in ("c1a", "c2a", "c3a"):
        assert fleet.ledger(name) == {schema: list(FILES) for schema in TENANTS}


def test_an_unreviewed_target_a_moved_one_or_an_edited_report_refuses(
    fleet: Fleet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (fleet.folder / "003_hostile.sql").write_text(HOSTILE, encoding="utf-8")
    report = tmp_path / "review.md"
    assert fleet.run(fleet.write_targets({"canary": ["c1a"]}), "--report", str(report)) == 0
    assert "rollout review report written" in capsys.readouterr().err
    assert len(read_rollout_report(report).files) == 3  # the hostile file read back whole

    wider = fleet.write_targets({"canary": ["c1a"], "rest": ["c2a"]})
    assert fleet.run(wider, "--reviewed", str(report)) == 5
    assert "c2a: the target is not in the review" in capsys.readouterr().err

    moved = fleet.write_targets({"canary": ["c1a"]})
    text = moved.read_text(encoding="utf-8")
    moved.write_text(
        text.replace(json.dumps(fleet.databases["c1a"]), json.dumps(fleet.databases["c2b"])),
        encoding="utf-8",
    )
    assert fleet.run(moved, "--reviewed", str(report)) == 5
    assert "c1a: the target is " in capsys.readouterr().err
    assert _untouched(fleet, "c1a", "c2a", "c2b")

    original = report.read_text(encoding="utf-8")
    forged = tmp_path / "forged.md"
    forged.write_text(original.replace('"tenant_07"', '"tenant_70"', 1), encoding="utf-8")
    assert fleet.run(fleet.write_targets({"canary": ["c1a"]}), "--reviewed", str(forged)) == 5
    assert "edited after it was written" in capsys.readouterr().err

    # A rollout's report is not a single database's: apply --reviewed refuses it.
    single = ["apply", "--dsn", fleet.databases["c1a"], "--migrations", str(fleet.folder)]
    assert main([*single, "--schema", "tenant_01", "--reviewed", str(report), "--yes"]) == 5
    assert _untouched(fleet, "c1a")

    assert fleet.run(fleet.write_targets({"canary": ["c1a"]}), "--reviewed", str(report)) == 0
    assert fleet.ledger("c1a") == {s: [*FILES, "003_hostile.sql"] for s in TENANTS}
