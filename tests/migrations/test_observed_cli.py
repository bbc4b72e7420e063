"""Observed locks and rewrites where people read them: ``apply --rehearse`` (text and JSON),
the audit record and the review report; hostile relation names stay escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog
from tests.migrations.helpers import write_folder

pytestmark = pytest.mark.db

FILES = {
    "001_users.sql": (
        "CREATE TABLE {{tables.users}} (id int PRIMARY KEY, name text);\n"
        "INSERT INTO {{tables.users}} SELECT g, 'n' || g FROM generate_series(1, 500) g;\n"
        'CREATE TABLE app."evil\n\x1b[31mname" (id int);\n'
    ),
}
PENDING = {
    "002_type.sql": "ALTER TABLE {{tables.users}} ALTER COLUMN id TYPE bigint;\n",
    "003_evil.sql": 'ALTER TABLE app."evil\n\x1b[31mname" ADD COLUMN x int;\n',
}


def _args(dsn: str, folder: Path, *extra: str) -> list[str]:
    return ["--dsn", dsn, "--migrations", str(folder), "--schema", "app", *extra]


@pytest.fixture
def folder(db_dsn: str, tmp_path: Path) -> Path:
    folder = write_folder(tmp_path / "m", FILES)
    assert main(["apply", *_args(db_dsn, folder), "--yes", "--json"]) == 0
    return write_folder(folder, PENDING)


def test_rehearse_json_lists_each_steps_locks_rewrites_and_sizes(
    db_dsn: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["apply", "--rehearse", *_args(db_dsn, folder), "--json"]) == 0
    observed = json.loads(capsys.readouterr().out)["result"]["observed"]
    assert [o["step"] for o in observed] == ["app/002_type.sql", "app/003_evil.sql"]
    first, evil = observed
    assert {"relation": "app.users", "mode": "ACCESS EXCLUSIVE", "advisory": None,
            "ours": False} in first["locks"]  # fmt: skip
    assert first["rewrites"] == ["app.users"]
    # The primary key's index over the changed column is built anew: the old one dropped.
    pkey = [(r["relation"], r["dropped"], r["created"]) for r in first["relations"]]
    assert ("app.users_pkey", True, False) in pkey
    assert ("app.users_pkey", False, True) in pkey
    users = next(r for r in first["relations"] if r["relation"] == "app.users")
    assert users["size_before"] > 0
    assert users["size_after"] > 0
    assert users["rewritten"]
    assert evil["locks"][0] == {
        "relation": "app.evil\n\x1b[31mname", "mode": "ACCESS EXCLUSIVE", "advisory": None,
        "ours": False,
    }  # fmt: skip
    # The audit record keeps the same.
    record = AuditLog().read()[-1]
    assert record.kind == "rehearse"
    assert [o["step"] for o in record.observed] == ["app/002_type.sql", "app/003_evil.sql"]
    assert record.observed[0]["rewrites"] == ["app.users"]


def test_rehearse_text_says_it_with_names_escaped(
    db_dsn: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["apply", "--rehearse", *_args(db_dsn, folder)]) == 0
    err = capsys.readouterr().err
    said = err[err.index("observed:") :]
    assert "app/002_type.sql: ACCESS EXCLUSIVE on app.users — rewritten (" in said
    assert "app/003_evil.sql: ACCESS EXCLUSIVE on app.evil\\n\\x1b[31mname — " in said
    assert "\x1b" not in err


def test_the_review_report_has_the_observed_column(
    db_dsn: str, folder: Path, tmp_path: Path
) -> None:
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    assert main(["report", *_args(db_dsn, folder), "--rehearse", "--output", str(html)]) == 0
    assert main(["report", *_args(db_dsn, folder), "--rehearse", "--output", str(md)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "<th>Locks and rewrites observed</th>" in page
    assert "ACCESS EXCLUSIVE on app.users — rewritten (" in page
    assert "ACCESS EXCLUSIVE on app.evil\\n\\x1b[31mname — " in page  # escaped, as everywhere
    text = md.read_text(encoding="utf-8")
    assert "**Locks and rewrites observed**" in text
    assert "ACCESS EXCLUSIVE on app.users — rewritten (" in text
    # The report still verifies: apply --reviewed takes it.
    assert main(["apply", *_args(db_dsn, folder), "--reviewed", str(html), "--yes"]) == 0
