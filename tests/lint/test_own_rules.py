"""schemadesk's own lint rules, each on the smallest file that shows it, and their switches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemadesk.core.errors import ConfigError
from schemadesk.core.lint import LintConfig, LintInput, lint_file, load_lint_config, squawk_path
from schemadesk.core.lint.engine import DEFAULT_CONFIG, DEFAULT_SESSION
from schemadesk.core.lint.rules import human_size
from schemadesk.core.lint.squawk import SquawkFailed
from schemadesk.core.migrations.files import load_file
from schemadesk.core.migrations.models import Severity
from schemadesk.core.migrations.sql_checks import statement_problems
from schemadesk.core.session_settings import SessionSettings

NO_LOCK_TIMEOUT = SessionSettings(lock_timeout="0")


def _lint(
    tmp_path: Path,
    content: str,
    *,
    config: LintConfig = DEFAULT_CONFIG,
    session: SessionSettings | None = DEFAULT_SESSION,
    sizes: dict[tuple[str, str], tuple[int, float]] | None = None,
    name: str = "001_m.sql",
) -> list[tuple[str, int | None, int | None, Severity]]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    item = LintInput("shop", "shop", load_file(path))
    found = lint_file(item, squawk_path(), config, session, sizes)
    return [(f.rule, f.line, f.column, f.severity) for f in found if f.source == "schemadesk"]


def test_concurrently_in_a_transactional_file_is_an_error(tmp_path: Path) -> None:
    found = _lint(tmp_path, "SELECT 1;\n  CREATE INDEX CONCURRENTLY i ON {{tables.t}} (x);\n")
    assert found == [("concurrently-in-transaction", 2, 3, Severity.ERROR)]
    for statement in (
        "DROP INDEX CONCURRENTLY {{tables.i}}",
        "REINDEX INDEX CONCURRENTLY {{tables.i}}",
        "ALTER TABLE {{tables.p}} DETACH PARTITION {{tables.p1}} CONCURRENTLY",
    ):
        assert [f[0] for f in _lint(tmp_path, statement + ";\n")] == ["concurrently-in-transaction"]


def test_concurrently_with_the_no_transaction_marker_is_fine(tmp_path: Path) -> None:
    content = "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON {{tables.t}} (x);\n"
    assert _lint(tmp_path, content) == []
    # The word in a comment or a string is no statement.
    assert _lint(tmp_path, "-- CREATE INDEX CONCURRENTLY\nSELECT 'CONCURRENTLY';\n") == []


def test_no_lock_timeout_in_the_profile_or_the_file(tmp_path: Path) -> None:
    ddl = "-- widen\nALTER TABLE {{tables.t}} ADD COLUMN c int;\n"
    assert _lint(tmp_path, ddl, session=NO_LOCK_TIMEOUT) == [
        ("no-lock-timeout", 2, 1, Severity.WARNING)
    ]
    assert _lint(tmp_path, ddl, session=SessionSettings(lock_timeout="2s")) == []
    assert _lint(tmp_path, "SET LOCAL lock_timeout = '3s';\n" + ddl, session=NO_LOCK_TIMEOUT) == []
    # Setting it to 0 in the file is no timeout either.
    zero = "SET LOCAL lock_timeout TO 0;\n" + ddl
    assert [f[0] for f in _lint(tmp_path, zero, session=NO_LOCK_TIMEOUT)] == ["no-lock-timeout"]
    # A file that touches no table needs none.
    assert _lint(tmp_path, "CREATE TABLE {{tables.t}} (c int);\n", session=NO_LOCK_TIMEOUT) == []


def test_large_tables_from_the_catalog(tmp_path: Path) -> None:
    content = (
        "ALTER TABLE {{tables.orders}} ADD COLUMN c int;\n"
        'CREATE INDEX i ON "Other"."Big Table" (x);\n'
        "UPDATE {{tables.small}} SET x = 1;\n"
        "DELETE FROM Orders_Archive;\n"
    )
    sizes = {
        ("shop", "orders"): (3 * 1024**3, 1.5e7),
        ("Other", "Big Table"): (200 * 1024**2, 10.0),
        ("shop", "small"): (8192, 1.0),
        ("shop", "orders_archive"): (101 * 1024**2, 5.0),  # unquoted: folded, schema's own
    }
    config = LintConfig(large_table_bytes=100 * 1024**2)
    found = _lint(tmp_path, content, sizes=sizes, config=config)
    assert [(f[0], f[1]) for f in found] == [
        ("large-table", 1),
        ("large-table", 2),
        ("large-table", 4),
    ]
    assert _lint(tmp_path, content, sizes=None, config=config) == []  # offline: no sizes
    assert human_size(3 * 1024**3) == "3.0 GB"


def test_transaction_control_and_session_set_are_the_engines_checks(tmp_path: Path) -> None:
    content = "SET search_path TO x;\nCOMMIT;\nSELECT 'COMMIT';\n"
    found = _lint(tmp_path, content)
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("session-setting", 1, 1),
        ("transaction-control", 2, 1),
    ]
    assert [p.code for p in statement_problems(content)] == [
        "session-setting",
        "transaction-control",
    ]
    # In a no-transaction file both are the file's business.
    assert _lint(tmp_path, "-- pgdbm:no-transaction\n" + content) == []


def test_rules_disabled_by_the_project_and_by_comments(tmp_path: Path) -> None:
    content = "CREATE INDEX CONCURRENTLY i ON {{tables.t}} (x);\n"
    disabled = LintConfig(frozenset({"concurrently-in-transaction"}))
    assert _lint(tmp_path, content, config=disabled) == []
    ignored = "-- squawk-ignore concurrently-in-transaction\n" + content
    assert _lint(tmp_path, ignored) == []
    elsewhere = "-- squawk-ignore concurrently-in-transaction\nSELECT 1;\n" + content
    assert [f[0] for f in _lint(tmp_path, elsewhere)] == ["concurrently-in-transaction"]
    whole = content + "-- squawk-ignore-file concurrently-in-transaction\n"
    assert _lint(tmp_path, whole) == []
    path = tmp_path / "m.sql"
    path.write_text("-- squawk-ignore-file\n" + content, encoding="utf-8")
    assert lint_file(LintInput("shop", "shop", load_file(path)), squawk_path()) == []


def test_the_lint_table_of_schemadesk_toml(tmp_path: Path) -> None:
    toml = tmp_path / "schemadesk.toml"
    toml.write_text('[lint]\ndisable = ["ban-drop-table"]\nlarge_table = "2 GB"\n')
    assert load_lint_config(toml) == LintConfig(frozenset({"ban-drop-table"}), 2 * 1024**3)
    assert load_lint_config(None) == LintConfig()
    for bad, says in (
        ('[lint]\ndisable = "ban-drop-table"\n', "list of rule names"),
        ('[lint]\nlarge_table = "huge"\n', "not a size"),
        ("[lint]\nrules = 1\n", "unknown key 'rules'"),
    ):
        toml.write_text(bad)
        with pytest.raises(ConfigError, match=says):
            load_lint_config(toml)


def test_files_that_cannot_be_rendered_are_said_so(tmp_path: Path) -> None:
    path = tmp_path / "001_bad.sql"
    path.write_bytes(b"SELECT '\xff';\n")
    found = lint_file(LintInput("shop", "shop", load_file(path)), squawk_path())
    assert [(f.rule, f.severity) for f in found] == [("not-linted", Severity.INFO)]
    path.write_text("SELECT * FROM {{tables.9bad}};\n")
    assert [f.rule for f in lint_file(LintInput("m", "s", load_file(path)), squawk_path())] == [
        "not-linted"
    ]


def test_hostile_sql_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    found = lint_file(
        LintInput("shop", "shop", load_file(_write(tmp_path, "ALTER TABLE {{tables.t}} ADD ;\n"))),
        squawk_path(),
    )
    assert {(f.rule, f.line, f.severity) for f in found} == {("syntax-error", 1, Severity.ERROR)}


def _write(folder: Path, content: str) -> Path:
    path = folder / "001_x.sql"
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("script", "says"),
    [
        ("echo boom >&2; exit 3", "squawk exited 3: boom"),
        ("printf '\\033[31mwarning\\033[0m'; exit 1", "squawk exited 1"),
        ('echo \'{"not": "a list"}\'', "not a list"),
        ("echo '[{broken'", "not its JSON report"),
    ],
)
def test_a_squawk_that_misbehaves_is_a_clear_error(tmp_path: Path, script: str, says: str) -> None:
    fake = tmp_path / "squawk"
    fake.write_text(f"#!/bin/sh\ncat >/dev/null\n{script}\n")
    fake.chmod(0o755)
    path = _write(tmp_path, "DROP TABLE {{tables.t}};\n")
    with pytest.raises(SquawkFailed, match=re.escape(says)) as exc:
        lint_file(LintInput("shop", "shop", load_file(path)), fake)
    assert "\x1b" not in str(exc.value)  # never its colour codes
