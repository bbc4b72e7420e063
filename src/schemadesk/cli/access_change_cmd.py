"""Changing access commands: ``provision``, ``grant``, ``revoke`` and ``check --fix``.

Each builds a change set from the live catalog, prints the exact SQL, asks for confirmation on
a terminal (``--yes`` skips it; without a terminal it refuses, exit 5), or only prints it with
``--sql-only``; read-only profiles are refused (exit 5). Applying runs every statement in one
transaction and re-reads the catalog to show that the change holds.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import Any

from schemadesk.cli.access_args import add_change_args, add_config_arg, load_convention
from schemadesk.cli.common import (
    ConfirmationRefused,
    ask_yes,
    calling,
    open_database,
    print_json,
    record_action,
    run_use_case,
)
from schemadesk.cli.run_stops import StopAfterStep
from schemadesk.core.access import changes as ch
from schemadesk.core.access import guards
from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.conventions import (
    Convention,
    Finding,
    check_conventions,
    fix_findings,
    provision_schema,
)
from schemadesk.core.access.models import Catalog
from schemadesk.core.actions import PlannedAction
from schemadesk.core.errors import ConfigError, SchemadeskError
from schemadesk.core.long_lived import building_long_lived
from schemadesk.db.access import load_catalog
from schemadesk.db.access.check_reads import NOT_READ
from schemadesk.db.access.readable import refuse_unavailable
from schemadesk.db.access.rows import ALL_PARTS
from schemadesk.db.actions import as_role, change_set_text
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.usecases.change_sets import (
    ActionBuilder,
    apply_change_set,
    run_as_role,
)

TARGETS = ("database", "schema", "tables", "sequences", "functions")


class ChangeNotVerified(SchemadeskError):
    """The change set ran but the catalog read back does not show what it promised."""


def register(subparsers: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    prov = subparsers.add_parser(
        "provision",
        help="create or complete a schema by the convention (roles, owner, grants, timeouts)",
    )
    prov.add_argument("schema", help="the schema, exactly as it is (or will be) named")
    add_config_arg(prov)
    common(prov)
    add_change_args(prov)
    prov.set_defaults(run=run_provision)

    for verb in ("grant", "revoke"):
        p = subparsers.add_parser(
            verb,
            help=f"{verb} rights on a schema or its objects, default privileges, or a membership",
            description=(
                f"examples: schemadesk {verb} --role app --schema sales USAGE; "
                f"schemadesk {verb} --role app --schema sales --on tables SELECT INSERT; "
                f"schemadesk {verb} --role app --schema sales --on tables --default SELECT; "
                f"schemadesk {verb} --role alice --member-of sales_owner"
            ),
        )
        who = p.add_mutually_exclusive_group(required=True)
        who.add_argument("--role", help="the grantee, exactly as named in the catalog")
        who.add_argument("--public", action="store_true", help="the grantee is PUBLIC")
        p.add_argument("--schema", help="the schema (for rights)")
        p.add_argument(
            "--on",
            choices=TARGETS,
            default="schema",
            help="what the rights are on (database: the connected one, no --schema)",
        )
        p.add_argument(
            "--object",
            action="append",
            help="one table / sequence / function of the schema (repeatable; default: all)",
        )
        p.add_argument(
            "--default",
            action="store_true",
            help="default privileges for objects created later instead of existing ones",
        )
        p.add_argument(
            "--for-role", help="with --default: whose new objects (default: the schema's owner)"
        )
        p.add_argument("--member-of", help="a membership in this role instead of rights")
        if verb == "grant":
            p.add_argument("--with-grant-option", action="store_true")
            p.add_argument("--admin", action="store_true", help="membership WITH ADMIN")
            p.add_argument(
                "--inherit",
                action=argparse.BooleanOptionalAction,
                default=None,
                help="membership INHERIT TRUE/FALSE (PostgreSQL 16+)",
            )
            p.add_argument(
                "--set",
                dest="set_option",
                action=argparse.BooleanOptionalAction,
                default=None,
                help="membership SET TRUE/FALSE (PostgreSQL 16+)",
            )
        else:
            p.add_argument("--grant-option-only", action="store_true")
            p.add_argument("--cascade", action="store_true", help="also revoke dependent grants")
        p.add_argument("privileges", nargs="*", metavar="PRIVILEGE", help="e.g. SELECT, ALL")
        common(p)
        add_change_args(p)
        p.set_defaults(run=run_grant if verb == "grant" else run_revoke)


def run_provision(args: argparse.Namespace) -> int:
    convention = load_convention(args)
    _refuse_system_schemas([args.schema])
    return _run(
        args, lambda catalog: provision_schema(catalog, args.schema, convention), args.schema
    )


def run_check_fix(
    args: argparse.Namespace, convention: Convention, extra: Sequence[Finding] = ()
) -> int:
    """Fix every finding of the check, and ``extra`` ones (a Citus cluster's nodes)."""
    _refuse_system_schemas(args.schema or ())
    return _run(
        args,
        lambda catalog: fix_findings(
            (*check_conventions(catalog, convention, args.schema), *extra)
        ),
        args.schema,
        # What ``check`` itself reads: no schema counts, sequences' tables only where the
        # check looks (at 10,000 schemas a second of the server's time).
        read=lambda database: load_catalog(database, skip=NOT_READ, links_for=convention),
    )


def _refuse_system_schemas(schemas: Iterable[str]) -> None:
    """Before connecting: a system schema is never provisioned or fixed."""
    for schema in schemas:
        guards.refuse_system_schema(schema)


def _grantee(args: argparse.Namespace) -> str:
    return PUBLIC if args.public else str(args.role)


def _build(args: argparse.Namespace, catalog: Catalog, grant: bool) -> ch.ChangeSet:
    grantee = _grantee(args)
    if grantee != PUBLIC and catalog.role(grantee) is None:
        raise ConfigError(f"role {grantee!r} does not exist")
    if args.member_of is not None:
        if args.privileges or args.schema or grantee == PUBLIC:
            raise ConfigError("--member-of takes a --role and no schema or privileges")
        if catalog.role(args.member_of) is None:
            raise ConfigError(f"role {args.member_of!r} does not exist")
        if grant:
            return ch.grant_membership(
                catalog,
                args.member_of,
                grantee,
                admin=args.admin,
                inherit=args.inherit,
                set_option=args.set_option,
            )
        return ch.revoke_membership(catalog, args.member_of, grantee)
    if args.on == "database":
        if args.schema or args.object or args.default or not args.privileges:
            raise ConfigError("--on database takes privileges and no --schema/--object/--default")
        args.schema = catalog.context.database
        if grant:
            return ch.grant_privileges(
                catalog,
                grantee,
                args.schema,
                args.privileges,
                on="database",
                with_grant_option=args.with_grant_option,
            )
        return ch.revoke_privileges(
            catalog,
            grantee,
            args.schema,
            args.privileges,
            on="database",
            grant_option_only=args.grant_option_only,
            cascade=args.cascade,
        )
    if not args.schema or not args.privileges:
        raise ConfigError("give --schema and at least one privilege (or --member-of)")
    schema = catalog.schema(args.schema)
    if schema is None:
        raise ConfigError(f"schema {args.schema!r} does not exist")
    if args.default:
        if args.on == "schema" or args.object:
            raise ConfigError("--default needs --on tables, sequences or functions, no --object")
        for_role = args.for_role or schema.owner
        builder = ch.grant_default_privileges if grant else ch.revoke_default_privileges
        return builder(
            catalog,
            for_role=for_role,
            schema=args.schema,
            object_type=args.on,
            grantee=grantee,
            privileges=args.privileges,
        )
    if grant:
        return ch.grant_privileges(
            catalog,
            grantee,
            args.schema,
            args.privileges,
            on=args.on,
            objects=args.object,
            with_grant_option=args.with_grant_option,
        )
    return ch.revoke_privileges(
        catalog,
        grantee,
        args.schema,
        args.privileges,
        on=args.on,
        objects=args.object,
        grant_option_only=args.grant_option_only,
        cascade=args.cascade,
    )


def run_grant(args: argparse.Namespace) -> int:
    return _run(args, lambda catalog: _build(args, catalog, True), _rights_schema(args))


def run_revoke(args: argparse.Namespace) -> int:
    return _run(args, lambda catalog: _build(args, catalog, False), _rights_schema(args))


def _rights_schema(args: argparse.Namespace) -> str | None:
    # --on database names no schema; a membership none either.
    return None if args.on == "database" or args.member_of is not None else args.schema


def run_change(args: argparse.Namespace, build: Callable[[Catalog], ch.ChangeSet]) -> int:
    """Build a change set from the catalog, show it, confirm, apply and audit (other verbs')."""
    return _run(args, build, getattr(args, "schema", None))


def _run(
    args: argparse.Namespace,
    build: Callable[[Catalog], ch.ChangeSet],
    schema: Any = None,
    read: Callable[[Database], Coroutine[Any, Any, Catalog]] = load_catalog,
) -> int:
    schema = schema if isinstance(schema, str) else _only(schema)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        if not args.sql_only:  # refused before the catalog is read; --sql-only only prints
            database.refuse_writes("the change (--sql-only prints it)")
        catalog = gateway.call(read(database))
        # A part the login may not read would make the change of what it does not see:
        # "nothing to do", or a fix of what is already in place.
        refuse_unavailable(catalog, ALL_PARTS)
        # A whole catalog's fixes are hundreds of thousands of small objects, kept until the
        # SQL is printed: with the collector running, its passes over them were most of
        # ``check --fix``'s time at 10,000 schemas (as ``check``'s printing, check_print.py).
        with building_long_lived():
            change = build(catalog)
            guards.refuse_unsafe(change)
            found = catalog.schema(schema) if schema else None
            run_as = run_as_role(
                getattr(args, "run_as", None), found.owner if found else None, database.server.user
            )
            shown = as_role(change, run_as)
            text = gateway.call(change_set_text(database, shown))
            public = guards.touches_public_schema(change)
        return _confirm_and_apply(
            args, gateway, database, change, (shown, text, public), schema=schema, run_as=run_as
        )


def _only(schemas: Any) -> str | None:
    """The one schema a fix is limited to, if exactly one was named."""
    names = list(schemas or ())
    return names[0] if len(names) == 1 else None


def _confirm_and_apply(
    args: argparse.Namespace,
    gateway: Gateway,
    database: Database,
    change: ch.ChangeSet,
    made: tuple[ch.ChangeSet, str, bool],
    *,
    schema: str | None,
    run_as: str | None,
) -> int:
    shown, text, public = made  # as run (``as_role``), its SQL, whether it touches public
    # The summaries are said only when printed: 60,000 at 10,000 schemas.
    said = [s.summary for s in shown.statements] if args.json else None
    report: dict[str, Any] = {"title": change.title, "sql": text, "statements": said}
    report["applied"] = False
    if change.empty:
        report["verified"] = True
        if args.json:
            print_json(report)
        else:
            print(f"nothing to do: {change.title} already holds")
        return 0
    if not args.json:
        print(text, end="")
    if public:
        print(f"schemadesk: warning: {guards.PUBLIC_SCHEMA_NOTICE}", file=sys.stderr)
    if args.sql_only:
        if args.json:
            print_json(report)
        return 0
    if public and not args.i_understand_public:
        raise ConfirmationRefused(
            f"{guards.PUBLIC_SCHEMA_NOTICE}; nothing was changed: add --i-understand-public "
            "to go ahead"
        )

    async def confirm(
        build: ActionBuilder, _choices: Sequence[str]
    ) -> tuple[PlannedAction, str | None] | None:
        if not args.yes:
            ask_yes(f"{change.title}: apply {len(change.statements)} statement(s)?")
        stops.arm()  # confirmed: from here a signal waits for the transaction's end
        return await build(run_as), run_as

    # One transaction is one step: Ctrl-C, SIGTERM or SIGHUP wait for its end (commit or
    # rollback), so the audit record says what really happened.
    with StopAfterStep("transaction") as stops:
        done = run_use_case(
            apply_change_set(
                database, change, schema=schema, run_as_choices=(), confirm=confirm,
                call=calling(gateway, stops),
                sink=functools.partial(record_action, gateway, database),
            )
        )  # fmt: skip
    assert done is not None  # confirm raises when declined
    result = done.result
    report.update(applied=True, verified=result.verified, unmet=list(result.unmet))
    if args.json:
        print_json(report)
    else:
        print(f"applied {len(change.statements)} statement(s) in one transaction")
        if result.verified:
            print(f"verified: {len(change.expectations)} expectation(s) hold in the catalog")
    if not result.verified:
        raise ChangeNotVerified(
            "applied, but the catalog does not show: " + "; ".join(result.unmet)
        )
    return 0
