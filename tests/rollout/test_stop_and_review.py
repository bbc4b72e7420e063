"""Cancelling a rollout stops between steps (audited), and ``--reviewed`` checks every target's
files against a review report made on one database."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog
from schemadesk.core.migrations.models import ApplyEventKind
from schemadesk.core.rollout.models import RolloutEvent, RolloutPlan, TargetState
from schemadesk.core.rollout.targets import load_targets
from schemadesk.db.gateway import Gateway
from schemadesk.usecases.rollout import rollout
from tests.rollout.conftest import FILES, TENANTS, Fleet

ALL = ["c1a", "c1b", "c2a", "c2b", "c3a", "c3b"]


def test_cancel_stops_between_steps_everything_recorded_ran_whole_and_a_rerun_finishes(
    fleet: Fleet, gateway: Gateway, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_targets(fleet.write_targets({"all": ALL}, parallel=2, per_server=1))
    cancel = threading.Event()
    applied: list[RolloutEvent] = []

    def on_event(event: RolloutEvent) -> None:
        if event.step is not None and event.step.kind is ApplyEventKind.APPLIED:
            applied.append(event)
            if len(applied) == 10:
                cancel.set()  # as Ctrl-C or the window's Cancel does

    async def call(coroutine: Coroutine[Any, Any, Any]) -> Any:
        return await asyncio.wrap_future(gateway.submit(coroutine))

    async def confirm(_plan: RolloutPlan) -> bool:
        return True

    _plan, result = asyncio.run(
        rollout(
            config, (), confirm=confirm, call=call, warn=print, on_event=on_event, cancel=cancel
        )
    )
    assert result is not None
    assert result.cancelled
    states = [o.state for o in result.outcomes]
    assert states.count(TargetState.CANCELLED) == 2  # the two running ones, between steps
    assert states.count(TargetState.SKIPPED) == 4  # never started
    rows = 0
    for name in ALL:
        for files in fleet.ledger(name).values():
            assert files == list(FILES)[: len(files)]  # whole migrations, in order
            rows += len(files)
    assert rows == len(applied)  # exactly what was reported applied, nothing half-done
    records = list(AuditLog())
    assert [r.outcome for r in records if r.kind == "rollout"] == ["cancelled"]
    assert sorted(r.target.database for r in records if r.kind == "apply-migrations") == sorted(
        psycopg.conninfo.conninfo_to_dict(fleet.databases[n])["dbname"] for n in ("c1a", "c2a")
    )

    assert fleet.run(config.source or Path(), "--json") == 0
    assert json.loads(capsys.readouterr().out)["result"]["ok"]
    for name in ALL:
        assert fleet.ledger(name) == {schema: list(FILES) for schema in TENANTS}


def _report(dsn: str, folder: Path, out: Path) -> None:
    code = main(
        ["report", "--dsn", dsn, "--migrations", str(folder), "--schema", "tenant_01",
         "--output", str(out)]
    )  # fmt: skip
    assert code == 0


def test_reviewed_checks_every_targets_files_and_refuses_an_edited_one(
    fleet: Fleet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = fleet.write_targets({"canary": ["c1a"], "rest": ["c2a", "c3a"]})
    report = tmp_path / "review.html"
    _report(fleet.databases["c1a"], fleet.folder, report)
    capsys.readouterr()
    edited = FILES["002_seed.sql"].replace("(note)", "(note, id)")
    (fleet.folder / "002_seed.sql").write_text(edited, encoding="utf-8")
    assert fleet.run(targets, "--reviewed", str(report)) == 5
    err = capsys.readouterr().err
    assert "002_seed.sql changed since the review" in err
    assert "nothing was run" in err
    for name in ("c1a", "c2a", "c3a"):
        assert all(files == [] for files in fleet.ledger(name).values())
    _report(fleet.databases["c1a"], fleet.folder, report)  # reviewed again, as edited
    assert fleet.run(targets, "--reviewed", str(report), "--json") == 0
    assert json.loads(capsys.readouterr().out)["result"]["ok"]
