"""A seed file of tens of thousands of statements: problems and positions stay exact.

(How fast it goes is measured by tests/bench/bench_large_file.py, never asserted here.)
"""

from __future__ import annotations

from pathlib import Path

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import single_module
from schemadesk.core.migrations.sql_checks import statement_problems
from schemadesk.core.migrations.status import compute_status
from schemadesk.core.migrations.template import render
from tests.migrations.helpers import write_folder

ROWS = 30_000


def _seed(tail: str) -> str:
    rows = "".join(
        f"INSERT INTO {{{{tables.items}}}} VALUES ({i}, 'a ; b -- c', $${i};$$, E'\\';');\n"
        for i in range(ROWS)
    )
    return "CREATE TABLE {{tables.items}} (id int, a text, b text, c text);\n" + rows + tail


def test_a_commit_at_the_end_of_a_seed_file_is_found_at_its_line(tmp_path: Path) -> None:
    tail = "/* {{tables.items}} in a comment */ SET search_path TO x;\n  COMMIT;\n"
    folder = write_folder(tmp_path / "m", {"001_seed.sql": _seed(tail)})
    module = single_module(folder, "app").modules[0]
    files = discover(folder)
    status = compute_status(module, files, None)
    problems = [(p.code, p.line, p.column) for p in status.rows[0].problems]
    assert problems == [
        ("placeholder-in-comment", ROWS + 2, 4),
        ("session-setting", ROWS + 2, 37),
        ("transaction-control", ROWS + 3, 3),
    ]
    plan = build_plan([(module, files, status)])
    assert plan.blockers == (
        f"app/001_seed.sql:{ROWS + 3}:3: COMMIT in a migration that runs in one transaction: "
        + plan.blockers[0].split("transaction: ", 1)[1],
    )


def test_positions_in_a_rendered_seed_file_map_back_to_the_file(tmp_path: Path) -> None:
    source = _seed("SELECT nope FROM {{tables.items}};\n")
    rendered = render(source, "app")
    assert rendered.text.count('"app".items') == ROWS + 2
    # A server error at "nope" on the last line points at that line and column of the file.
    offset = rendered.text.rindex("nope")
    assert rendered.source_position(offset) == (ROWS + 2, 8)
    # And inside the very last placeholder: its start in the file.
    assert rendered.source_position(rendered.text.rindex('"app"') + 2) == (ROWS + 2, 18)
    spans = rendered.placeholders
    assert len(spans) == ROWS + 2
    last = spans[-1]
    assert (last.line, last.column, last.context) == (ROWS + 2, 18, "code")
    assert rendered.text[last.rendered_start : last.rendered_end] == '"app".items'


def test_hostile_lines_render_unchanged_and_lex_to_the_end() -> None:
    """Runs of braces, unclosed placeholders, quotes, comment marks and dollar signs on one
    long line: each is read once (a pattern that retries at every brace took minutes)."""
    n = 100_000
    for line in (
        "{" * n,
        "{{tables." * (n // 9),
        "{{" * n + "\n}}",
        "/*" * n,
        "e'\\" * n,
        "$a$" * n,
        "'" + "{{tables.t}}" * (n // 12),
    ):
        rendered = render(line, "app")
        if "{{tables.t}}" in line:  # inside a string literal: replaced, and said so
            assert rendered.text.count('"app".t') == n // 12
            assert {p.code for p in rendered.problems} == {"placeholder-in-string"}
        else:
            assert rendered.text == line
            assert [p.code for p in rendered.problems] == []
        assert statement_problems(line) == ()
