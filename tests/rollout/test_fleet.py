"""A tenant module on fifty schemas, rolled out to six databases on three servers: failures
with and without --continue-on-error, a canary that stops the rest, SIGKILL then resume."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from typing import Any

import psycopg
import pytest

from tests.rollout.conftest import FAST_PACE, FILES, TENANTS, Fleet
from tests.until import wait_until

ALL = ["c1a", "c1b", "c2a", "c2b", "c3a", "c3b"]
EVERY_FILE = list(FILES)


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    out = capsys.readouterr().out
    return json.loads(out)  # type: ignore[no-any-return]


def _states(report: dict[str, Any]) -> dict[str, str]:
    return {t["target"]: t["state"] for t in report["result"]["targets"]}


def _complete(fleet: Fleet, name: str) -> None:
    """Every migration applied exactly once in every tenant of ``name``."""
    assert fleet.ledger(name) == dict.fromkeys(TENANTS, EVERY_FILE)
    assert fleet.seeded(name) == dict.fromkeys(TENANTS, 1)


def _break_tenant(fleet: Fleet, name: str, schema: str = "tenant_17") -> None:
    """A table already there: migration 001 fails on that tenant only."""
    fleet.execute(name, f"CREATE TABLE {schema}.items (id int)")


def test_a_failing_target_stops_the_rollout(fleet: Fleet, capsys: pytest.CaptureFixture[str]):
    _break_tenant(fleet, "c2a")
    targets = fleet.write_targets({"all": ALL}, parallel=1)
    assert fleet.run(targets, "--json") == 1
    report = _json(capsys)
    states = _states(report)
    assert states == {
        "c1a": "done", "c1b": "done", "c2a": "failed",
        "c2b": "skipped", "c3a": "skipped", "c3b": "skipped",
    }  # fmt: skip
    failed = [r for r in report["result"]["rows"] if r["failed"]]
    assert [(r["target"], r["schema"]) for r in failed] == [("c2a", "tenant_17")]
    assert failed[0]["failed"].startswith("001_items.sql:1: ")
    assert "already exists" in failed[0]["failed"]
    _complete(fleet, "c1a")
    applied = fleet.ledger("c2a")
    assert all(applied[s] == EVERY_FILE for s in TENANTS[:16])  # before the broken tenant
    assert all(applied[s] == [] for s in TENANTS[16:])  # it and those after it: untouched
    for name in ("c2b", "c3a", "c3b"):
        assert all(rows == [] for rows in fleet.ledger(name).values())


def test_continue_on_error_finishes_the_others_and_a_rerun_resumes(
    fleet: Fleet, capsys: pytest.CaptureFixture[str]
):
    _break_tenant(fleet, "c2a")
    targets = fleet.write_targets({"all": ALL}, parallel=3, per_server=1)
    assert fleet.run(targets, "--json", "--continue-on-error") == 1
    captured = capsys.readouterr()
    states = _states(json.loads(captured.out))
    assert states == {**dict.fromkeys(ALL, "done"), "c2a": "failed"}
    # The progress lines say when each target started and ended: never two on one server
    # (per_server = 1), never more than three at once.
    running: set[str] = set()
    most, most_per_server = 0, 0
    for line in captured.err.splitlines():
        name, _, state = line.partition("] ")
        name = name.removeprefix("[")
        if state.startswith("running"):
            running.add(name)
        elif state.startswith(("done", "failed")):
            running.discard(name)
        most = max(most, len(running))
        most_per_server = max(
            most_per_server, *(sum(n[:2] == c for n in running) for c in ("c1", "c2", "c3"))
        )
    assert most_per_server == 1
    assert 1 <= most <= 3
    for name in ALL:
        if name != "c2a":
            _complete(fleet, name)
    # Fixed, then run again: only what is missing runs, nothing twice.
    fleet.execute("c2a", "DROP TABLE tenant_17.items")
    assert fleet.run(targets, "--json") == 0
    rows = _json(capsys)["result"]["rows"]
    applied = {(r["target"], r["schema"]): r["applied"] for r in rows}
    assert applied[("c2a", "tenant_17")] == 2
    assert applied[("c2a", "tenant_01")] == 0
    assert applied[("c1a", "tenant_01")] == 0
    for name in ALL:
        _complete(fleet, name)


def test_a_failing_canary_stops_every_later_stage(fleet: Fleet, capsys: pytest.CaptureFixture[str]):
    _break_tenant(fleet, "c1a", "tenant_01")
    targets = fleet.write_targets({"canary": ["c1a"], "rest": ALL[1:]})
    # A rehearsal finds it first and leaves every database as it was.
    assert fleet.run(targets, "--json", "--rehearse") == 1
    report = _json(capsys)
    assert report["result"]["rehearsal"]
    assert _states(report) == {"c1a": "failed", **dict.fromkeys(ALL[1:], "skipped")}
    assert all(rows == [] for rows in fleet.ledger("c1a").values())
    assert fleet.run(targets, "--json", "--continue-on-error") == 1
    report = _json(capsys)
    assert report["result"]["stopped_at"] == "canary"
    assert _states(report) == {"c1a": "failed", **dict.fromkeys(ALL[1:], "skipped")}
    for name in ALL[1:]:
        assert all(rows == [] for rows in fleet.ledger(name).values())
    # Fixed, the canary alone (--stage), then the rest: each stage when its turn comes.
    fleet.execute("c1a", "DROP TABLE tenant_01.items")
    assert fleet.run(targets, "--json", "--stage", "canary") == 0
    assert _states(_json(capsys)) == {"c1a": "done"}
    _complete(fleet, "c1a")
    assert all(rows == [] for rows in fleet.ledger("c3b").values())
    assert fleet.run(targets, "--json", "--stage", "rest") == 0
    assert set(_states(_json(capsys))) == set(ALL[1:])
    for name in ALL:
        _complete(fleet, name)


def test_sigkill_mid_rollout_then_resume_applies_everything_exactly_once(
    fleet: Fleet, capsys: pytest.CaptureFixture[str]
):
    # c3b's first tenant holds migration 002 until the process is killed.
    fleet.execute("c3b", FAST_PACE.replace("SELECT $$", "SELECT pg_sleep(120) $$"))
    targets = fleet.write_targets({"canary": ["c1a"], "rest": ALL[1:]}, parallel=6)
    app = subprocess.Popen(
        [sys.executable, "-m", "schemadesk", "rollout", "--targets", str(targets), "--yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    c3b = fleet.databases["c3b"]

    def sleeping() -> bool:
        with psycopg.connect(c3b) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND application_name = 'schemadesk' AND query LIKE '%pace()%'"
                " AND state = 'active'"
            ).fetchone()
        return bool(row and row[0])

    try:
        wait_until(sleeping, "c3b's migration 002 to start")
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert fleet.ledger("c3b")["tenant_01"] == ["001_items.sql"]  # 002 never committed
    # The server would notice the dead client after the sleep; end it now, pace made quick.
    fleet.execute(
        "c3b",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND application_name = 'schemadesk'",
    )
    fleet.execute("c3b", FAST_PACE)
    assert fleet.run(targets, "--json") == 0
    report = _json(capsys)
    assert set(_states(report).values()) == {"done"}
    rows = {(r["target"], r["schema"]): r for r in report["result"]["rows"]}
    assert rows[("c3b", "tenant_01")]["applied"] == 1  # 002: 001 was already there
    assert rows[("c1a", "tenant_01")]["applied"] == 0  # the canary had finished
    for name in ALL:
        _complete(fleet, name)
