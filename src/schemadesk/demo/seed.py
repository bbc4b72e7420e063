"""Seed an empty database with the demo: four services, their roles, and every kind of state.

What it builds (the content is in ``schemadesk.resources/demo``, see ``content.py``):

- schemas ``users``, ``orders`` (pgdbm) and ``auth``, ``inventory`` (Alembic), each owned by
  ``<schema>_owner`` and commented; roles after the seed's model (``roles.py``);
- ``users``: 4 files applied, 2 pending (one ``-- pgdbm:no-transaction`` with ``CREATE INDEX
  CONCURRENTLY``, one with a ``{{ tables.users }}`` placeholder pgdbm leaves alone), and one
  applied file missing from disk (``004_login_sessions.sql``: its table is there);
- ``orders``: 3 files applied as they are, 1 applied from an older text so its recorded checksum
  differs from the file's (``003_order_total_function.sql``: drift), 2 pending after it;
- ``auth`` and ``inventory``: Alembic version tables ``<schema>.alembic_version_<schema>`` at the
  branch's second revision, two revisions pending each (inventory's second revision
  ``depends_on`` auth's first: the cross-branch trap, harmless here);
- exactly one broken grant: ``orders_rw`` also holds TRUNCATE on ``orders.orders``
  (``roles.BROKEN_GRANT``), for the convention checks to find.

pgdbm modules go through schemadesk's own migration engine (``schemadesk.db.migrations``);
Alembic modules through Alembic's command API when it is installed. Every migration runs as its
schema's owner (``SET ROLE``), so the owner owns every object. The database must be
empty of these schemas; the roles may exist already (they are cluster-wide).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg import sql

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.files import discover, load_file
from schemadesk.core.migrations.models import MigrationFile, Plan
from schemadesk.core.migrations.plan import for_role, plan_step
from schemadesk.core.migrations.project import load_project
from schemadesk.db.migrations.runner import apply_plan
from schemadesk.demo import alembic_state, roles
from schemadesk.demo.content import (
    ALEMBIC_MODULES,
    DEMO_SCHEMAS,
    PGDBM_MODULES,
    AlembicPlan,
    PgdbmPlan,
    history_file,
    project_file,
)
from schemadesk.demo.summary import ModuleState, SeedSummary

log = logging.getLogger(__name__)

# Rows that are data, not migrations: what a few weeks of use would have left.
_DEMO_ROWS = (
    sql.SQL(
        "INSERT INTO auth.accounts (login, password_hash) VALUES"
        " ('ada', 'scrypt$demo$not-a-real-hash-1'),"
        " ('grace', 'scrypt$demo$not-a-real-hash-2'),"
        " ('support-bot', 'scrypt$demo$not-a-real-hash-3')"
    ),
    sql.SQL(
        "INSERT INTO users.sessions (token, user_id, expires_at) VALUES"
        " (repeat('a', 64), '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e01', now() + interval '1 day'),"
        " (repeat('b', 64), '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e02', now() - interval '1 day')"
    ),
)


class DemoSeedError(SchemadeskError):
    """The demo cannot be seeded into this database (not empty, not a superuser, ...)."""


async def seed_demo(
    conn: psycopg.AsyncConnection[Any], *, use_alembic: bool | None = None
) -> SeedSummary:
    """Build the demo in the (empty) database ``conn`` is connected to; return what it built.

    ``conn`` must be in autocommit mode, as a superuser (the seed creates roles). ``use_alembic``:
    None runs Alembic's own upgrade when Alembic is installed and plain SQL otherwise; True or
    False forces one way (True without Alembic raises ImportError). Both give the same state.
    Alembic's first import costs about a second; ``use_alembic=False`` skips it.
    """
    await _check_preconditions(conn)
    alembic_ran = alembic_state.alembic_available() if use_alembic is None else use_alembic
    await roles.close_public_schema(conn)
    comments = {m.schema: m.comment for m in (*PGDBM_MODULES, *ALEMBIC_MODULES)}
    for schema in DEMO_SCHEMAS:
        await roles.provision_schema(conn, schema, comments[schema])

    states: list[ModuleState] = []
    for plan in PGDBM_MODULES:
        states.append(await seed_pgdbm_module(conn, plan))
    for alembic_plan in ALEMBIC_MODULES:
        states.append(await seed_alembic_module(conn, alembic_plan, with_alembic=alembic_ran))

    for schema in DEMO_SCHEMAS:
        await roles.grant_existing(conn, schema)
    for statement in _DEMO_ROWS:
        await conn.execute(statement)
    broken = await roles.break_one_grant(conn)

    role_names = sorted(
        {roles.MIGRATOR}
        | {roles.owner_role(s) for s in DEMO_SCHEMAS}
        | {roles.rw_role(s) for s in DEMO_SCHEMAS}
    )
    summary = SeedSummary(
        database=conn.info.dbname,
        schemas=DEMO_SCHEMAS,
        roles=tuple(role_names),
        modules=tuple(states),
        broken_grant=broken,
        role_settings=roles.RW_SETTINGS,
        alembic_ran=alembic_ran,
        notes=()
        if alembic_ran
        else (
            "Alembic schemas built with plain SQL (the state Alembic would leave); "
            "Alembic could not be imported: reinstall schemadesk to preview and apply them",
        ),
    )
    log.info("demo seeded: %s", summary.counts())
    return summary


async def _check_preconditions(conn: psycopg.AsyncConnection[Any]) -> None:
    if not conn.autocommit:
        raise DemoSeedError("the demo seed needs an autocommit connection")
    cur = await conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    row = await cur.fetchone()
    if row is None or not row[0]:
        raise DemoSeedError("the demo seed needs a superuser: it creates roles")
    cur = await conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s) ORDER BY 1", [list(DEMO_SCHEMAS)]
    )
    taken = [r[0] for r in await cur.fetchall()]
    if taken:
        raise DemoSeedError(
            f"database {conn.info.dbname!r} already has schema(s) {', '.join(taken)}: "
            "the demo seed needs an empty database"
        )


async def seed_pgdbm_module(conn: psycopg.AsyncConnection[Any], plan: PgdbmPlan) -> ModuleState:
    """Apply the plan's files through schemadesk's migration engine, as the schema's owner.

    The module comes from the demo's ``schemadesk.toml`` (the engine's own loader); the drifted
    and missing files are applied from their ``history/`` text, under their folder name, so the
    ledger records what the database really ran. Files go in pgdbm's order (text order of the
    names); afterwards ``applied_at`` is spread over past weeks so the history looks lived-in.
    """
    module = load_project(project_file()).module(plan.name)
    on_disk = {f.filename: f for f in discover(module.path)}
    run: dict[str, MigrationFile] = {}
    for name in plan.applied:
        run[name] = on_disk[name]
    for name in plan.drifted:
        run[name] = load_file(history_file(plan, name))
        if run[name].checksum == on_disk[name].checksum:
            raise DemoSeedError(f"{plan.name}: {name} does not differ from its history text")
    for name in plan.missing:
        if name in on_disk:
            raise DemoSeedError(f"{plan.name}: {name} should be missing from {plan.folder}")
        run[name] = load_file(history_file(plan, name))
    ordered = sorted(run)
    steps = tuple(plan_step(module, run[name]) for name in ordered)

    owner = roles.owner_role(plan.schema)
    await conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(owner)))
    try:
        # Each migration starts from the run's session, as this role (the runner resets to it).
        as_owner = for_role(Plan(steps), {module.name: module}, owner)
        result = await apply_plan(conn, {module.name: module}, as_owner)
    finally:
        await conn.execute("RESET ROLE")
    if not result.ok:
        where = result.error.filename if result.error else "?"
        message = result.error.message if result.error else "cancelled"
        raise DemoSeedError(f"demo module {plan.name}: {where} failed: {message}")

    first = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=7 * len(ordered) + 3)
    await conn.execute(
        sql.SQL(
            "UPDATE {ledger} AS l SET applied_at = v.applied_at"
            " FROM unnest(%s::text[], %s::timestamp[]) AS v (filename, applied_at)"
            " WHERE l.filename = v.filename AND l.module_name = %s"
        ).format(ledger=sql.Identifier(plan.schema, plan.ledger)),
        [
            ordered,
            [first + timedelta(days=7 * step, hours=step) for step in range(len(ordered))],
            module.module_name,
        ],
    )
    return ModuleState(
        name=plan.name,
        kind="pgdbm",
        schema=plan.schema,
        ledger=f"{plan.schema}.{plan.ledger}",
        applied=plan.applied,
        pending=tuple(n for n in sorted(on_disk) if n not in run),
        drifted=plan.drifted,
        missing=plan.missing,
    )


async def seed_alembic_module(
    conn: psycopg.AsyncConnection[Any], plan: AlembicPlan, *, with_alembic: bool
) -> ModuleState:
    """Bring the schema to ``plan.seeded_head``: with Alembic's API, or the same SQL without."""
    if with_alembic:
        await alembic_state.seed_with_alembic(conn, plan)
    else:
        await alembic_state.seed_with_sql(conn, plan)
    cur = await conn.execute(
        sql.SQL("SELECT version_num FROM {} ORDER BY 1").format(
            sql.Identifier(plan.schema, plan.version_table)
        )
    )
    heads = tuple(r[0] for r in await cur.fetchall())
    return ModuleState(
        name=plan.name,
        kind="alembic",
        schema=plan.schema,
        ledger=f"{plan.schema}.{plan.version_table}",
        applied=plan.seeded,
        pending=plan.pending,
        heads=heads,
    )
