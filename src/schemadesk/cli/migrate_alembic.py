"""The Alembic side of ``schemadesk status | plan | apply`` (kept apart from migrate_cmd.py).

Alembic modules come from the project file (``kind = "alembic"``, ``[alembic]``,
``[[alembic.tenants]]``), from ``--alembic INI --schema S [--branch L] [--version-table T]
[--version-table-schema S2] [-x key=value]`` (S may be a pattern: one chain, many tenants), and
from the database itself (every ``alembic_version%`` table; ``--no-detect`` turns that off).
``plan`` prints the offline SQL (``alembic upgrade --sql``) of each upgrade; ``apply [--rehearse]``
runs ``command.upgrade`` per revision of the module's line, after the same confirmation as pgdbm
migrations. Scripts that cannot be read are an error (exit 2), never "up to date".
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schemadesk.cli.migrate_format import print_status, progress_printer, status_json
from schemadesk.cli.run_stops import StopAfterStep
from schemadesk.core.actions import PlannedAction
from schemadesk.core.alembic.config import (
    VERSION_TABLE_PREFIX,
    AlembicModule,
    check_name,
    default_version_table,
    env_name,
    schema_passing,
    x_list,
)
from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.alembic.preview import AlembicPreview
from schemadesk.core.alembic.tenants import AlembicTenants
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.errors import MigrationFailed
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import Project
from schemadesk.db.alembic import service as alembic_service
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.usecases.change_sets import ActionBuilder


def add_args(group: Any) -> None:
    """``--alembic INI``, ``--branch LABEL``, ``--no-detect`` in the project group."""
    group.add_argument(
        "--alembic",
        metavar="INI",
        help="one Alembic module: its alembic.ini or pyproject.toml (with --schema S)",
    )
    group.add_argument(
        "--branch",
        help="its branch label (with --alembic; default: the schema's label if the scripts "
        "declare one, else the one chain: 'head')",
    )
    group.add_argument(
        "--version-table",
        metavar="T",
        help="its version table (with --alembic; default: alembic_version_<schema> with a "
        "branch label, alembic_version without)",
    )
    group.add_argument(
        "--version-table-schema",
        metavar="S2",
        help="the schema holding the version table (with --alembic; default: the schema)",
    )
    group.add_argument(
        "-x",
        dest="x",
        action="append",
        metavar="KEY=VALUE",
        help="one more -x argument for env.py (with --alembic; repeatable)",
    )
    group.add_argument(
        "--schema-env",
        metavar="NAME",
        help="an environment variable env.py reads the schema from (with --alembic), set for "
        "the run (TENANT_SCHEMA, say)",
    )
    group.add_argument(
        "--schema-x",
        metavar="KEY",
        help="the -x key naming the schema (with --alembic; default: schema)",
    )
    group.add_argument(
        "--url-env",
        metavar="NAME",
        help="the environment variable env.py reads its URL from (with --alembic), set to "
        "the profile's database for the run",
    )
    group.add_argument(
        "--no-detect",
        action="store_true",
        help="do not list alembic_version%% tables the project does not name",
    )


_WITH_ALEMBIC = (
    "branch", "version_table", "version_table_schema", "x", "url_env", "schema_env", "schema_x",
)  # fmt: skip


def ad_hoc_project(args: argparse.Namespace) -> Project | None:
    """The one-module project of ``--alembic INI --schema S [--branch L]``, or None.

    Not paired by a project file: the branch must visibly belong to the schema (its first
    revision creates it, or the label is the schema's name).
    """
    ini = getattr(args, "alembic", None)
    if not ini:
        for flag in _WITH_ALEMBIC:
            if getattr(args, flag, None):
                raise ConfigError(f"--{flag.replace('_', '-')} goes with --alembic INI")
        return None
    if getattr(args, "project", None) or args.migrations:
        raise ConfigError("give --alembic, --project or --migrations, not several")
    if not args.schema:
        raise ConfigError("--alembic needs --schema (the schema its -x schema= names)")
    where = "command line"
    path = Path(ini).resolve()
    passing = schema_passing(
        where,
        {k: v for k in ("schema_env", "schema_x") if (v := getattr(args, k, None)) is not None},
    )
    x = x_list(where, list(getattr(args, "x", None) or []), passing.get("schema_x", "schema"))
    url_env = env_name(where, args.url_env) if getattr(args, "url_env", None) else None
    table = getattr(args, "version_table", None) or ""
    table_schema = getattr(args, "version_table_schema", None)
    if any(c in args.schema for c in "*?["):  # a pattern: one chain over the matching schemas
        group = AlembicTenants(
            name=args.module or "tenants",
            config=path,
            pattern=args.schema,
            version_table=table or VERSION_TABLE_PREFIX,
            version_table_schema=table_schema or "{schema}",
            x=x,
            url_env=url_env,
            **passing,
        )
        return Project(root=path.parent, modules=(), alembic_tenants=(group,))
    for what, name in (("version table", table), ("version table schema", table_schema)):
        if name:
            check_name(where, what, name)
    module = AlembicModule(
        name=args.module or args.schema,
        schema=args.schema,
        config=path,
        branch=args.branch,
        version_table=table,
        version_table_schema=table_schema or args.schema,
        paired=False,
        x=x,
        url_env=url_env,
        auto=not args.branch,
        **passing,
    )
    if args.branch and not table:
        module = dataclasses.replace(module, version_table=default_version_table(args.schema))
    return Project(root=path.parent, modules=(), alembic_modules=(module,))


def database_only(args: argparse.Namespace) -> Project | None:
    """For ``status`` with no project anywhere (no flags, no schemadesk.toml, no migrations
    folder here): an empty project, so that the version tables found in the database show."""
    if getattr(args, "project", None) or args.migrations or getattr(args, "alembic", None):
        return None
    if args.schema or args.module:
        return None
    from schemadesk.core.migrations.project import PROJECT_FILE, find_project

    cwd = Path.cwd()
    if (cwd / PROJECT_FILE).exists():
        return None
    try:
        find_project(cwd)
    except ConfigError:
        print(
            "schemadesk: no project here: showing the Alembic version tables found in the "
            "database (current heads only)",
            file=sys.stderr,
        )
        return Project(root=cwd, modules=())
    return None


def pgdbm_only(project: Project, only: Sequence[str] | None) -> tuple[str, ...] | None:
    """The pgdbm modules among ``--only`` (None: all of them)."""
    if not only:
        return None
    return tuple(n for n in only if n in {m.name for m in project.modules})


def load(
    gateway: Gateway, database: Database, project: Project, args: argparse.Namespace
) -> tuple[AlembicSnapshot, ...]:
    """The Alembic modules' snapshots (``--only`` names not among the pgdbm modules)."""
    only = [n for n in args.only or () if n not in {m.name for m in project.modules}]
    if args.only and not only:
        return ()
    detect = not getattr(args, "no_detect", False) and not getattr(args, "alembic", None)
    snaps = gateway.call(
        alembic_service.alembic_snapshots(database, project, modules=only or None, detect=detect)
    )
    missing = set(only) - {s.module.name for s in snaps}
    if missing:
        raise ConfigError(f"no module named {', '.join(sorted(missing))!r}")
    unreadable = [
        f"alembic: {s.module.name}: {p.message}"
        for s in snaps
        if not s.module.detected
        for p in s.status.problems
        if p.code in _UNREADABLE
    ]
    if unreadable:
        # Never "up to date" when the scripts could not be read: say why, exit 2.
        raise ConfigError("\n".join(unreadable))
    if getattr(args, "alembic", None) and not snaps:
        raise ConfigError(f"--schema {args.schema}: no schema matches")
    return snaps


_UNREADABLE = ("alembic-scripts", "alembic-not-installed")


def status_json_of(snap: AlembicSnapshot) -> dict[str, Any]:
    data = status_json(snap.status)
    data["counts"]["unverifiable"] = snap.status.count(MigrationState.UNVERIFIABLE)
    data["kind"] = "alembic"
    data["branch"] = snap.module.branch
    data["version_table"] = f"{snap.version_table.schema}.{snap.version_table.name}"
    data["heads"] = list(snap.heads)
    data["current"] = list(snap.scripts.current) if snap.scripts else list(snap.heads)
    data["pending"] = list(snap.pending)
    data["detected"] = snap.module.detected
    return data


def print_statuses(snaps: Sequence[AlembicSnapshot]) -> None:
    for snap in snaps:
        heads = ", ".join(snap.heads) or "none"
        line = f"branch {snap.module.branch}" if snap.module.branch else "one chain (head)"
        table = f"{snap.version_table.schema}.{snap.version_table.name}"
        print(f"alembic: {snap.module.name}  {line}  {table}  heads {heads}")
    print_status([s.status for s in snaps])


def previews(gateway: Gateway, snaps: Sequence[AlembicSnapshot]) -> list[AlembicPreview]:
    """The offline SQL of every module with something pending (refusals raise first)."""
    found = []
    for snap in snaps:
        if snap.module.detected or (not snap.pending and snap.scripts is not None):
            continue  # found in the database only: nothing to run it with
        if snap.scripts is None:
            for p in snap.status.problems:
                print(f"alembic: {snap.module.name}: {p.message}", file=sys.stderr)
            continue
        found.append(gateway.call(alembic_service.preview_of(snap)))
    return found


def print_preview(preview: AlembicPreview) -> None:
    module = preview.module
    print(
        f"-- Alembic {module.name}: {preview.revision_range}, -x schema={module.schema}, "
        f"version table {module.version_table_schema}.{module.version_table}"
    )
    for w in preview.warnings:
        print(f"-- warning: {w}")
    total = len(preview.steps)
    for i, step in enumerate(preview.steps, 1):
        print(
            f"-- [{i}/{total}] {module.name}/{step.step.filename}: "
            f"command.upgrade(cfg, {step.step.target!r}) (one transaction)"
        )
        print(step.sql, end="" if step.sql.endswith("\n") else "\n")


def preview_json(preview: AlembicPreview) -> dict[str, Any]:
    return {
        "module": preview.module.name,
        "schema": preview.module.schema,
        "branch": preview.module.branch,
        "range": preview.revision_range,
        "warnings": list(preview.warnings),
        "steps": [
            {**dataclasses.asdict(s.step), "start": s.start, "sql": s.sql} for s in preview.steps
        ],
    }


def upgrades_phrase(found: Sequence[AlembicPreview]) -> str:
    """`` and 3 Alembic upgrade(s) (auth, inventory)`` for the confirmation question."""
    if not found:
        return ""
    count = sum(len(p.steps) for p in found)
    names = ", ".join(p.module.name for p in found)
    return f" and {count} Alembic upgrade(s) ({names})"


def run_upgrades(
    gateway: Gateway,
    database: Database,
    snaps: Sequence[AlembicSnapshot],
    found: Sequence[AlembicPreview],
    stops: StopAfterStep,
    *,
    json_output: bool,
    rehearse: bool = False,
) -> list[dict[str, Any]]:
    """Upgrade each previewed module through the use case (usecases/alembic.py), already
    confirmed with the plan; audited like pgdbm applies. The results as JSON data, one per
    module that ran: a stop asked (``stops``) starts no further module (``stopped``).

    Raises ``MigrationFailed`` (naming the revision file) when an upgrade fails.
    """
    from schemadesk.cli.common import calling, record_action, run_use_case
    from schemadesk.cli.migrate_format import result_summary
    from schemadesk.usecases.alembic import upgrade_alembic

    by_name = {s.module.name: s for s in snaps}
    out: list[dict[str, Any]] = []
    for preview in found:
        if stops.is_set():
            break
        snap = by_name[preview.module.name]

        async def confirmed(
            build: ActionBuilder, _choices: Sequence[str]
        ) -> tuple[PlannedAction, str | None] | None:
            return await build(None), None  # asked with the plan (or --yes)

        ran = run_use_case(
            upgrade_alembic(
                database, snap, rehearse=rehearse, run_as_choices=(), confirm=confirmed,
                call=calling(gateway, stops),  # Ctrl-C: after the upgrade in progress
                sink=functools.partial(record_action, gateway, database),
                preview=preview, on_event=None if json_output else progress_printer(),
                cancel=stops,
            )
        )  # fmt: skip
        assert ran is not None  # never declined here
        result = ran[2]
        out.append({"module": snap.module.name, "result": dataclasses.asdict(result)})
        if not json_output:
            summary = result_summary(result).replace("migration(s)", "Alembic upgrade(s)")
            summary += "; rolled back (rehearsal)" if rehearse and result.ok else ""
            print(f"{snap.module.name}: {summary}", file=sys.stderr)
        if result.error is not None:
            if json_output:
                from schemadesk.cli.common import print_json

                print_json({"alembic": out})
            raise MigrationFailed(result.error)
        if result.cancelled:
            break
    return out


def stopped(done: Sequence[dict[str, Any]], found: Sequence[AlembicPreview]) -> bool:
    """Whether a stop left upgrades of ``found`` undone (``run_upgrades``' results)."""
    return len(done) < len(found) or any(d["result"]["cancelled"] for d in done)
