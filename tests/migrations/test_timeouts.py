"""The lock_timeout and statement_timeout each step runs under, as the plan says it — and as
the server reports it while the migration runs."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.migrations.template import render
from schemadesk.core.migrations.timeouts import FILE, LOGIN, PROFILE, step_timeouts
from tests.migrations.helpers import write_folder

SEEN = "SELECT {n}, current_setting('lock_timeout'), current_setting('statement_timeout')"
FILES = {
    "001_seen.sql": (
        "CREATE TABLE {{tables.seen}} (n int, lock text, statement text);\n"
        f"INSERT INTO {{{{tables.seen}}}} {SEEN.format(n=1)};\n"
    ),
    "002_sets.sql": (
        f"INSERT INTO {{{{tables.seen}}}} {SEEN.format(n=2)};\n"
        "SET LOCAL lock_timeout = '1234ms';\n"
        "SET statement_timeout TO '45s';\n"
        f"INSERT INTO {{{{tables.seen}}}} {SEEN.format(n=3)};\n"
    ),
    "003_after.sql": f"INSERT INTO {{{{tables.seen}}}} {SEEN.format(n=4)};\n",
}


def test_sets_resets_and_set_config_are_read_with_their_lines() -> None:
    rendered = render(
        "-- a comment\nSET lock_timeout = '2s';\nCREATE TABLE {{tables.t}} (id int);\n"
        "SET LOCAL statement_timeout TO 0;\nRESET ALL;\n"
        "SELECT set_config('lock_timeout', '9s', true);\n"
        "SELECT 'SET lock_timeout = 1';\n",  # in a string: not a SET
        "app",
    )
    found = step_timeouts(rendered, {"lock_timeout": "5s", "statement_timeout": "60s"})
    assert [(t.name, t.value, t.source) for t in found.start] == [
        ("lock_timeout", "5s", PROFILE),
        ("statement_timeout", "60s", PROFILE),
    ]
    assert [(t.line, t.name, t.value) for t in found.changes] == [
        (2, "lock_timeout", "2s"),
        (4, "statement_timeout", "0"),
        (5, "lock_timeout", None),
        (5, "statement_timeout", None),
        (6, "lock_timeout", "9s"),
    ]
    assert {t.source for t in found.changes} == {FILE}
    assert found.english() == (
        "lock_timeout 5s (profile), statement_timeout 60s (profile); line 2: lock_timeout 2s;"
        " line 4: statement_timeout 0 (none); line 5: lock_timeout back to the login's default"
        " (RESET); line 5: statement_timeout back to the login's default (RESET);"
        " line 6: lock_timeout 9s"
    )
    bare = step_timeouts(render("SELECT 1;\n", None), {})
    assert {t.source for t in bare.start} == {LOGIN}
    assert "lock_timeout as the login's session has it" in bare.english()


@pytest.mark.db
def test_the_plan_says_what_the_server_ran_them_under(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    args = ["--dsn", db_dsn, "--migrations", str(folder), "--schema", "app"]
    assert main(["plan", *args, "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    said = {s["filename"]: s["timeouts"] for s in steps}
    start = [(t["name"], t["value"]) for t in said["001_seen.sql"]["start"]]
    assert start == [("lock_timeout", "5s"), ("statement_timeout", "60s")]  # the profile's
    changes = [(t["line"], t["name"], t["value"]) for t in said["002_sets.sql"]["changes"]]
    assert changes == [(2, "lock_timeout", "1234ms"), (3, "statement_timeout", "45s")]
    assert said["003_after.sql"]["changes"] == []
    assert main(["plan", *args]) == 0
    text = capsys.readouterr().out
    assert (
        "-- runs under lock_timeout 5s (profile), statement_timeout 60s (profile);"
        " line 2: lock_timeout 1234ms; line 3: statement_timeout 45s\n" in text
    )
    assert main(["apply", *args, "--yes"]) == 0
    with psycopg.connect(db_dsn) as conn:
        rows = conn.execute("SELECT n, lock, statement FROM app.seen ORDER BY n").fetchall()
    # Each step starts from the profile's values again: the engine resets the session.
    assert rows == [(1, "5s", "1min"), (2, "5s", "1min"), (3, "1234ms", "45s"), (4, "5s", "1min")]
