"""Lint findings on a corpus of dangerous migrations agree with squawk run by hand.

Each file is rendered as pgdbm renders it, written out, and given to the squawk binary directly
(JSON reporter); every squawk finding must come back from ``lint`` with the same rule, on the
same line, at a template column whose text is the text squawk pointed at in the rendered file.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from schemadesk.core.lint import LintInput, lint_file, lint_files, squawk_path
from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.template import render

CORPUS = Path(__file__).parent / "data" / "corpus"
SCHEMA = "shop"
FILES = discover(CORPUS)


def _squawk_by_hand(text: str, folder: Path, *, in_transaction: bool) -> list[dict[str, object]]:
    path = folder / "rendered.sql"
    path.write_text(text, encoding="utf-8")
    args = [str(squawk_path()), "--reporter", "json", str(path)]
    if in_transaction:
        args.append("--assume-in-transaction")
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(done.stdout or "[]"))


def _same_text(template_tail: str, rendered_tail: str) -> bool:
    """The template from the mapped column reads as the rendered text from squawk's column,
    up to the first placeholder (whose expansion differs from it, by design)."""
    before = template_tail.split("{{", 1)[0][:12]
    return rendered_tail.startswith(before) and (before != "" or template_tail.startswith("{{"))


def test_the_corpus_has_the_usual_dangers() -> None:
    rules = {
        f.rule
        for file in FILES
        for f in lint_file(LintInput("shop", SCHEMA, file), squawk_path(), session=None)
    }
    assert {
        "adding-field-with-default",
        "changing-column-type",
        "require-concurrent-index-creation",
        "adding-not-nullable-field",
        "constraint-missing-not-valid",
        "ban-drop-column",
        "renaming-table",
        "concurrently-in-transaction",
    } <= rules


@pytest.mark.parametrize("file", FILES, ids=[f.filename for f in FILES])
def test_lint_matches_squawk_on_the_rendered_file(file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert file.content is not None
    rendered = render(file.content, SCHEMA)
    expected = _squawk_by_hand(rendered.text, tmp_path, in_transaction=not file.no_transaction)
    # No profile timeouts (session=None): squawk's timeout rules stay, as squawk reports them.
    found = [
        f
        for f in lint_file(LintInput("shop", SCHEMA, file), squawk_path(), session=None)
        if f.source == "squawk"
    ]
    assert Counter((f.rule, f.line) for f in found) == Counter(
        (str(e["rule_name"]), int(str(e["line"])) + 1) for e in expected
    )
    template_lines = file.content.split("\n")
    rendered_lines = rendered.text.split("\n")
    for e in expected:
        line = int(str(e["line"]))
        at = rendered_lines[line].encode()[int(str(e["column"])) :].decode()
        mapped = {
            template_lines[f.line - 1][(f.column or 1) - 1 :]
            for f in found
            if f.rule == e["rule_name"] and f.line == line + 1 and f.line is not None
        }
        assert any(_same_text(m, at) for m in mapped), (e, mapped)


def test_columns_move_with_expanded_placeholders_and_count_characters() -> None:
    by_name = {f.filename: f for f in FILES}
    add = lint_file(LintInput("shop", SCHEMA, by_name["002_add_column_default.sql"]), squawk_path())
    assert [(f.rule, f.line, f.column) for f in add] == [("adding-field-with-default", 1, 63)]
    # "prix_€" is 8 characters but 10 bytes: squawk's byte column 54 is template column 53.
    alter = lint_file(LintInput("shop", SCHEMA, by_name["003_alter_type.sql"]), squawk_path())
    assert [(f.line, f.column) for f in alter] == [(1, 53), (1, 85)]
    line = by_name["003_alter_type.sql"].content or ""
    assert line[52:56] == line[84:88] == "TYPE"


def test_a_profile_with_timeouts_answers_squawks_timeout_rules() -> None:
    file = {f.filename: f for f in FILES}["004_index.sql"]
    bare = {f.rule for f in lint_file(LintInput("shop", SCHEMA, file), squawk_path(), session=None)}
    assert {"require-lock-timeout", "require-statement-timeout"} <= bare
    profiled = {f.rule for f in lint_file(LintInput("shop", SCHEMA, file), squawk_path())}
    assert not {"require-lock-timeout", "require-statement-timeout"} & profiled
    assert "require-concurrent-index-creation" in profiled


def test_squawk_ignore_comments_are_squawks_own() -> None:
    file = {f.filename: f for f in FILES}["010_ignored.sql"]
    found = lint_file(LintInput("shop", SCHEMA, file), squawk_path())
    # Line 3 is covered by the comment above it; line 4 is not; the file ignores robustness.
    assert [(f.rule, f.line) for f in found] == [("require-concurrent-index-creation", 4)]


def test_one_squawk_run_for_many_files_finds_what_one_run_per_file_finds() -> None:
    items = [LintInput("shop", SCHEMA, f) for f in FILES] * 3  # names repeat across modules
    one_by_one = [f for item in items for f in lint_file(item, squawk_path(), session=None)]
    assert lint_files(items, squawk_path(), session=None) == one_by_one
    assert len({f.file for f in one_by_one}) == len(FILES)
