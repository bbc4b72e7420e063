"""``schemadesk lint`` end to end: text and JSON, --fail-on, the project's switches, the
catalog's sizes, a missing squawk, hostile names."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main

CORPUS = Path(__file__).parent / "data" / "corpus"


def _lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_names_file_line_column(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _lint(capsys, "--migrations", str(CORPUS), "--schema", "shop")
    assert code == 0
    assert f"{CORPUS}/002_add_column_default.sql:1:63: warning: Adding a generated column" in out
    assert f"{CORPUS}/008_concurrent_in_transaction.sql:1:1: error: CONCURRENTLY" in out
    assert "[concurrently-in-transaction]" in out
    assert "finding(s) in 10 file(s)" in err
    assert "\x1b" not in out + err  # never squawk's colour reporter


def test_fail_on_exits_6_at_or_above_the_severity(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base = ["--migrations", str(CORPUS), "--schema", "shop"]
    assert _lint(capsys, *base, "--fail-on", "error")[0] == 6
    assert _lint(capsys, *base, "--fail-on", "warning")[0] == 6
    shutil.copy(CORPUS / "004_index.sql", tmp_path / "004_index.sql")
    only_warnings = ["--migrations", str(tmp_path), "--schema", "shop"]
    assert _lint(capsys, *only_warnings, "--fail-on", "error")[0] == 0
    assert _lint(capsys, *only_warnings, "--fail-on", "warning")[0] == 6
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "001_t.sql").write_text("CREATE TABLE {{tables.t}} (id bigint PRIMARY KEY);\n")
    assert _lint(capsys, "--migrations", str(clean), "--fail-on", "info")[0] == 0
    with pytest.raises(SystemExit) as exc:
        main(["lint", "--migrations", str(clean), "--fail-on", "fatal"])
    assert exc.value.code == 2


def test_json_and_the_projects_disabled_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(CORPUS, tmp_path / "migrations")
    toml = tmp_path / "schemadesk.toml"
    toml.write_text(
        '[[modules]]\nname = "shop"\npath = "migrations"\nschema = "shop"\n\n'
        '[lint]\ndisable = ["concurrently-in-transaction", "ban-drop-table"]\n'
    )
    code, out, _ = _lint(capsys, "--project", str(toml), "--json", "--fail-on", "error")
    found = json.loads(out)
    rules = {f["rule"] for f in found}
    assert "concurrently-in-transaction" not in rules
    assert "ban-drop-table" not in rules
    assert "changing-column-type" in rules
    first = next(f for f in found if f["rule"] == "adding-field-with-default")
    assert first["file"].endswith("002_add_column_default.sql")
    assert (first["module"], first["line"], first["column"], first["source"]) == (
        "shop",
        1,
        63,
        "squawk",
    )
    assert code == 0  # the one error left the project disabled
    code, _, err = _lint(capsys, "--project", str(toml), "--only", "shoop")
    assert code == 2
    assert "no pgdbm module named 'shoop' (known: shop)" in err
    assert _lint(capsys, "--project", str(toml), "--only", "shop", "--json")[1] == out
    toml.write_text(toml.read_text() + 'large_table = "a lot"\n')
    code, _, err = _lint(capsys, "--project", str(toml))
    assert code == 2
    assert "[lint] large_table" in err


def test_without_squawk_exit_4_says_where_it_looked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    code, out, err = _lint(capsys, "--migrations", str(CORPUS), "--schema", "shop")
    assert code == 4
    assert out == ""
    assert "squawk not found next to" in err
    assert "pip install squawk-cli" in err


def test_a_hostile_file_name_is_printed_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "001_\x1b[31mred.sql").write_text("DROP TABLE {{tables.t}};\n")
    code, out, _ = _lint(capsys, "--migrations", str(tmp_path), "--schema", "s")
    assert code == 0
    assert "\x1b" not in out
    assert "001_\\x1b[31mred.sql:1:1" in out


@pytest.mark.db
def test_large_tables_come_from_the_catalog(
    capsys: pytest.CaptureFixture[str], db_dsn: str, tmp_path: Path
) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA shop")
        conn.execute("CREATE TABLE shop.orders AS SELECT g AS id FROM generate_series(1, 5000) g")
        conn.execute("CREATE TABLE shop.tiny (id int)")
        conn.execute("ANALYZE shop.orders")
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "001_m.sql").write_text(
        "ALTER TABLE {{tables.orders}} ADD COLUMN c bigint;\n"
        "ALTER TABLE {{tables.tiny}} ADD COLUMN c bigint;\n"
    )
    (tmp_path / "schemadesk.toml").write_text(
        '[[modules]]\nname = "shop"\npath = "migrations"\nschema = "shop"\n\n'
        '[lint]\nlarge_table = "64kB"\n'
    )
    args = ["--project", str(tmp_path), "--json"]
    code, out, _ = _lint(capsys, "--dsn", db_dsn, *args)
    large = [f for f in json.loads(out) if f["rule"] == "large-table"]
    assert code == 0
    assert [(f["line"], f["column"]) for f in large] == [(1, 1)]
    assert "shop.orders" in large[0]["message"]
    assert "5,000 rows" in large[0]["message"]
    # Offline, nothing is known about sizes.
    _, out, _ = _lint(capsys, *args)
    assert not [f for f in json.loads(out) if f["rule"] == "large-table"]
