"""Lint one migration file or a project's files: squawk plus schemadesk's own rules."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadesk.core.lint import rules
from schemadesk.core.lint.models import LintConfig, LintFinding
from schemadesk.core.lint.squawk import RenderedPositions, level, run_squawk, run_squawk_many
from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import MigrationFile, Plan, Severity
from schemadesk.core.migrations.project import Project
from schemadesk.core.migrations.sql_checks import statement_problems
from schemadesk.core.migrations.template import Rendered, render
from schemadesk.core.session_settings import SessionSettings

Sizes = Mapping[tuple[str, str], tuple[int, float]]  # (schema, table) -> (bytes, est. rows)

# squawk's rules a session of the profile already answers when its timeout is set.
_PROFILE_ANSWERS = {
    "require-lock-timeout": "lock_timeout",
    "require-statement-timeout": "statement_timeout",
}
DEFAULT_CONFIG = LintConfig()
DEFAULT_SESSION = SessionSettings()  # what a profile runs with unless it says otherwise
_IGNORE = re.compile(r"^\s*--\s*squawk-ignore(-file)?\b(.*)$")


@dataclass(frozen=True, slots=True)
class LintInput:
    """One migration file to lint, with the module and schema it renders for."""

    module: str
    schema: str | None
    file: MigrationFile


def inputs_of(project: Project, only: Sequence[str] | None = None) -> tuple[LintInput, ...]:
    """Every pgdbm migration file of the project (``only``: these modules)."""
    found: list[LintInput] = []
    for module in project.modules:
        if only and module.name not in only:
            continue
        for file in discover(module.path):
            found.append(LintInput(module.name, module.template_schema, file))
    return tuple(found)


def inputs_of_plan(project: Project, plan: Plan) -> tuple[LintInput, ...]:
    """The files of a plan's pending steps, as they were read when the plan was made."""
    found: list[LintInput] = []
    for step in plan.steps:
        module = project.module(step.module)
        file = MigrationFile(
            step.filename,
            module.path / step.filename,
            step.source,
            step.checksum,
            step.no_transaction,
        )
        found.append(LintInput(module.name, module.template_schema, file))
    return tuple(found)


def _ignored(source: str) -> tuple[frozenset[str] | None, dict[int, frozenset[str]]]:
    """squawk's ignore comments: rules ignored in the whole file (``None``: every rule), and
    per 1-based line the rules ignored on it (a comment covers the line after it)."""
    whole: set[str] = set()
    everything = False
    per_line: dict[int, frozenset[str]] = {}
    for number, line in enumerate(source.split("\n"), start=1):
        m = _IGNORE.match(line)
        if not m:
            continue
        names = frozenset(n.strip() for n in m.group(2).split(",") if n.strip())
        if m.group(1):
            everything = everything or not names
            whole |= names
        elif names:
            per_line[number + 1] = names
    return (None if everything else frozenset(whole)), per_line


def lint_file(
    item: LintInput,
    program: Path,
    config: LintConfig = DEFAULT_CONFIG,
    session: SessionSettings | None = DEFAULT_SESSION,
    sizes: Sizes | None = None,
    *,
    squawked: list[dict[str, Any]] | None = None,
) -> list[LintFinding]:
    """The findings of one file at template positions, squawk's first, by position.

    ``session`` is the profile's session settings (``None``: unknown, no timeout assumed);
    ``sizes`` comes from the catalog when a connection is given; ``squawked`` is squawk's
    report of the rendered file when ``lint_files`` already ran it.
    """
    file = item.file
    name = str(file.path)
    if file.content is None:
        return [_unlintable(item, "the file is not UTF-8, so it cannot be rendered")]
    rendered = render(file.content, item.schema)
    if not rendered.ok:
        return [_unlintable(item, "pgdbm refuses to render it (see status)")]
    in_tx = not file.no_transaction
    positions = RenderedPositions(rendered)
    found: list[LintFinding] = []
    if squawked is None:
        squawked = run_squawk(program, rendered.text, in_transaction=in_tx)
    for raw in squawked:
        rule = str(raw.get("rule_name", ""))
        setting = _PROFILE_ANSWERS.get(rule)
        if setting and session is not None and not rules.no_timeout(getattr(session, setting)):
            continue  # every session of this profile runs with it
        line, column = positions.source(int(raw.get("line", 0)), int(raw.get("column", 0)))
        end = positions.source(
            int(raw.get("line_end", raw.get("line", 0))), int(raw.get("column_end", 0))
        )
        found.append(
            LintFinding(
                name,
                rule,
                "squawk",
                level(raw.get("level")),
                str(raw.get("message", "")),
                None if raw.get("help") is None else str(raw["help"]),
                line,
                column,
                end[0],
                end[1],
                item.module,
            )
        )
    found.extend(_own(item, rendered, session, sizes, config))
    return _filtered(found, file.content, config)


def _own(
    item: LintInput,
    rendered: Rendered,
    session: SessionSettings | None,
    sizes: Sizes | None,
    config: LintConfig,
) -> list[LintFinding]:
    text, in_tx = rendered.text, not item.file.no_transaction
    hits = rules.concurrently_hits(text, no_transaction=not in_tx)
    hits += rules.lock_timeout_hits(text, None if session is None else session.lock_timeout)
    if sizes:
        hits += rules.large_table_hits(text, item.schema, sizes, config.large_table_bytes)
    found = []
    for hit in hits:
        line, column = (
            rendered.source_position(hit.offset) if hit.offset is not None else (None, None)
        )
        found.append(
            LintFinding(
                str(item.file.path),
                hit.rule,
                "schemadesk",
                hit.severity,
                hit.message,
                hit.help,
                line,
                column,
                module=item.module,
            )
        )
    if in_tx and item.file.content is not None:
        # Transaction control and session-level SET are the migration engine's own file
        # checks: lint reports the very same problems, never a copy.
        for problem in statement_problems(item.file.content):  # the file's own positions
            found.append(
                LintFinding(
                    str(item.file.path),
                    problem.code,
                    "schemadesk",
                    problem.severity,
                    problem.message,
                    None,
                    problem.line,
                    problem.column,
                    module=item.module,
                )
            )
    return found


def _filtered(found: list[LintFinding], source: str, config: LintConfig) -> list[LintFinding]:
    whole, per_line = _ignored(source)
    kept = []
    for f in found:
        if not config.enabled(f.rule) or whole is None or f.rule in whole:
            continue
        # squawk applies its own comments already; the same comments switch ours off.
        if (
            f.source == "schemadesk"
            and f.line is not None
            and f.rule in per_line.get(f.line, frozenset())
        ):
            continue
        kept.append(f)
    kept.sort(key=lambda f: (f.line or 0, f.column or 0, f.source != "squawk", f.rule))
    return kept


def _unlintable(item: LintInput, why: str) -> LintFinding:
    return LintFinding(
        str(item.file.path), "not-linted", "schemadesk", Severity.INFO, why, module=item.module
    )


def lint_files(
    items: Sequence[LintInput],
    program: Path,
    config: LintConfig = DEFAULT_CONFIG,
    session: SessionSettings | None = DEFAULT_SESSION,
    sizes: Sizes | None = None,
) -> list[LintFinding]:
    """The findings of every file, in the order given (one squawk run per transaction mode)."""
    squawked: dict[int, list[dict[str, Any]]] = {}
    for in_tx in (True, False):
        picked = [
            (i, render(item.file.content, item.schema).text)
            for i, item in enumerate(items)
            if item.file.content is not None and item.file.no_transaction is not in_tx
        ]
        reports = run_squawk_many(program, [t for _, t in picked], in_transaction=in_tx)
        squawked.update((i, r) for (i, _), r in zip(picked, reports, strict=True))
    found: list[LintFinding] = []
    for i, item in enumerate(items):
        found.extend(lint_file(item, program, config, session, sizes, squawked=squawked.get(i)))
    return found


def tables_of(items: Sequence[LintInput]) -> tuple[tuple[str, str], ...]:
    """(schema, table) of every table the files work on, for the catalog's size query."""
    names: set[tuple[str, str]] = set()
    for item in items:
        if item.file.content is None:
            continue
        rendered = render(item.file.content, item.schema)
        for use in rules.table_uses(rendered.text):
            names.add((use.schema or item.schema or "public", use.table))
    return tuple(sorted(names))
