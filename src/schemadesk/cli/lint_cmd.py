"""``schemadesk lint``: squawk's rules and schemadesk's own on every migration file.

Offline by default (the files alone, with the session settings a profile has by default);
with ``--dsn`` or ``--profile`` it also reads the sizes of the tables the files work on from
the catalog and takes that profile's ``lock_timeout``/``statement_timeout`` into account.
``--fail-on SEVERITY`` exits 6 when a finding is at least that severe, as ``check`` does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from schemadesk.cli.common import add_connection_args, open_database, print_json, resolve_profile
from schemadesk.core.errors import ConfigError
from schemadesk.core.lint import LintFinding, inputs_of, lint_files, load_lint_config, squawk_path
from schemadesk.core.lint.engine import DEFAULT_SESSION, Sizes, tables_of
from schemadesk.core.migrations.models import Severity
from schemadesk.core.migrations.project import Project, find_project, load_project, single_module
from schemadesk.core.terminal_text import visible_line

EXIT_FINDINGS = 6
SEVERITIES = tuple(str(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))


def register(subparsers: Any) -> None:
    """Add ``lint`` to the command line."""
    p = subparsers.add_parser(
        "lint", help="lint migrations: squawk's rules and schemadesk's own, at file:line:column"
    )
    add_connection_args(p)
    group = p.add_argument_group("project")
    group.add_argument(
        "--project", default=argparse.SUPPRESS, help="a schemadesk.toml, or the folder holding one"
    )
    group.add_argument("--only", action="append", metavar="NAME", help="only this module")
    group.add_argument("--migrations", metavar="DIR", help="one migrations folder")
    group.add_argument("--schema", help="its schema (with --migrations; none: no schema)")
    group.add_argument("--module", help="its pgdbm module_name (default: the schema)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        metavar="SEVERITY",
        help="exit 6 when a finding is at least this severe (error, warning or info); "
        "default: exit 0 whatever is found",
    )
    p.set_defaults(run=run_lint)


def _project(args: argparse.Namespace) -> Project:
    project_path = getattr(args, "project", None)
    if args.migrations:
        if project_path:
            raise ConfigError("give --project or --migrations, not both")
        return single_module(Path(args.migrations), args.schema, args.module)
    if args.schema or args.module:
        raise ConfigError("--schema and --module go with --migrations DIR")
    project = load_project(Path(project_path)) if project_path else find_project(Path.cwd())
    for note in project.assumptions:
        print(f"schemadesk: {note}", file=sys.stderr)
    if not project.modules:
        raise ConfigError("the project has no pgdbm modules to lint")
    return project


def run_lint(args: argparse.Namespace) -> int:
    """Lint the project's files; print them; exit 6 under ``--fail-on``."""
    project = _project(args)
    config = load_lint_config(project.source)
    program = squawk_path()
    unknown = sorted(set(args.only or ()) - {m.name for m in project.modules})
    if unknown:
        known = ", ".join(m.name for m in project.modules)
        raise ConfigError(f"no pgdbm module named {unknown[0]!r} (known: {known})")
    items = inputs_of(project, args.only)
    session = DEFAULT_SESSION
    sizes: Sizes | None = None
    if getattr(args, "dsn", None) or getattr(args, "profile", None):
        from schemadesk.db.gateway import Gateway
        from schemadesk.db.lint import table_sizes

        session = resolve_profile(args)[0].session
        with Gateway() as gateway:
            database = open_database(gateway, args)
            sizes = gateway.call(table_sizes(database, tables_of(items)))
    findings = lint_files(items, program, config, session, sizes)
    if args.json:
        print_json([f.as_json() for f in findings])
    else:
        _print(findings, len(items))
    return exit_code(findings, args.fail_on)


def _print(findings: list[LintFinding], files: int) -> None:
    for f in findings:
        where = f.file if f.line is None else f"{f.file}:{f.line}:{f.column}"
        print(visible_line(f"{where}: {f.severity}: {f.message} [{f.rule}]"))
    print(f"{len(findings)} finding(s) in {files} file(s)", file=sys.stderr)


def exit_code(findings: list[LintFinding], fail_on: str | None) -> int:
    """``--fail-on``: 6 when a finding is at least that severe, for CI gates."""
    if fail_on is None:
        return 0
    return EXIT_FINDINGS if any(f.at_least(Severity(fail_on)) for f in findings) else 0
