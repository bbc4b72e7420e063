"""The read-only verbs used on large catalogs import only their own subcommand module.

Registering every subcommand imports every engine behind them (migrations, lint, rollout,
diff...), half a second of every start; ``schemas``, ``roles``, ``privileges`` and ``check``
parse with their own module only, and say the same usage errors.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from schemadesk.cli import parse_args
args = parse_args(sys.argv[1:])
engines = ("schemadesk.core.lint", "schemadesk.core.migrations.models", "schemadesk.core.audit",
           "schemadesk.core.actions", "schemadesk.core.access.changes",
           "schemadesk.core.access.conventions", "schemadesk.db.access.apply",
           "schemadesk.usecases.change_sets", "psycopg_pool")
loaded = sorted(m for m in sys.modules if m.startswith("schemadesk.cli.") or m in engines)
print(args.command, loaded)
"""


def _probe(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("argv", "home"),
    [
        (["schemas", "--dsn", "dbname=x"], "schemadesk.cli.schemas_cmd"),
        (["--dsn", "dbname=x", "roles"], "schemadesk.cli.access_cmd"),
        (["privileges", "--role", "check"], "schemadesk.cli.access_cmd"),
        (["check", "--schema", "roles", "--fail-on", "warning"], "schemadesk.cli.access_cmd"),
    ],
)
def test_a_large_catalog_verb_imports_only_its_module(argv: list[str], home: str) -> None:
    result = _probe(*argv)
    assert result.returncode == 0, result.stderr
    command, modules = result.stdout.split(" ", 1)
    assert command == argv[0] if not argv[0].startswith("-") else command == argv[2]
    assert home in modules
    for other in ("migrate_cmd", "rollout_cmd", "diff_cmd", "report_cmd", "lint_cmd"):
        assert f"schemadesk.cli.{other}" not in modules


def test_other_verbs_and_help_still_see_every_subcommand() -> None:
    result = _probe("status", "--dsn", "dbname=x")
    assert "schemadesk.cli.migrate_cmd" in result.stdout
    helped = subprocess.run(
        [sys.executable, "-m", "schemadesk", "--help"], capture_output=True, text=True, check=False
    )
    for verb in ("schemas", "roles", "privileges", "check", "rollout", "diff", "lint"):
        assert f"    {verb}" in helped.stdout


def test_a_bad_argument_of_a_fast_verb_is_argparses_usage_error() -> None:
    result = _probe("privileges", "--no-such-option")
    assert result.returncode == 2
    assert "usage: schemadesk privileges" in result.stderr
    assert "the following arguments are required: --role" in result.stderr


def test_schemas_starts_without_the_migration_lint_and_audit_engines() -> None:
    result = _probe("schemas", "--dsn", "dbname=x")
    assert result.returncode == 0, result.stderr
    for engine in ("core.lint", "core.migrations.models", "core.audit"):
        assert f"'schemadesk.{engine}'" not in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["roles", "--dsn", "dbname=x"],
        ["privileges", "--role", "app_rw", "--dsn", "dbname=x"],
        ["check", "--dsn", "dbname=x"],
        ["schemas", "--dsn", "dbname=x"],
    ],
)
def test_reading_verbs_start_without_the_change_set_engine(argv: list[str]) -> None:
    # roles, privileges and check read; grant/revoke/provision/move and their action, audit
    # and change-set machinery (a tenth of a second of each start) load only when a change runs
    result = _probe(*argv)
    assert result.returncode == 0, result.stderr
    for module in ("cli.access_change_cmd", "cli.citus_cmd", "core.actions", "core.lint",
                   "db.access.apply", "usecases.change_sets"):  # fmt: skip
        assert f"'schemadesk.{module}'" not in result.stdout


def test_roles_parses_without_the_convention_check() -> None:
    result = _probe("roles", "--dsn", "dbname=x")
    assert "'schemadesk.core.access.conventions'" not in result.stdout
    assert "'schemadesk.core.access.changes'" not in result.stdout


def test_check_fix_and_the_changing_verbs_still_parse_their_options() -> None:
    for argv in (
        ["check", "--fix", "--sql-only", "--run-as", "owner", "--config", "x.toml"],
        ["grant", "--role", "r", "--schema", "s", "--sql-only", "SELECT"],
        ["move", "--help"],
    ):
        result = _probe(*argv)
        assert result.returncode == 0, (argv, result.stderr)
