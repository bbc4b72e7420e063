"""A finding says its English only when read: the same titles and explanations, byte for byte,
as the check built up front before, for every kind, on hostile names (braces included), and
the same ``check`` / ``check --json`` output; what the window translates (code and parameters)
is kept whole."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.cli.check_print import finding_text as _finding_text
from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.access.convention_texts import TEMPLATES
from schemadesk.core.access.conventions import Convention, Finding, check_conventions
from schemadesk.core.access.models import Catalog
from schemadesk.core.messages import param_english
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles, load

Conn = psycopg.Connection[tuple[object, ...]]
# Braces a template would read if it filled twice, a quote, a newline, a semicolon.
BROKEN = 'x"{owner}{s};\n本'
BARE = "y {rw} 日"  # neither its owner nor its rw role exists
OTHER = "z{n}'s"  # owned by the login; its rw role holds nothing


def _old_texts(f: Finding, conv: Convention, catalog: Catalog) -> tuple[str, str]:
    """What the check wrote before, its f-strings as they were, from facts of the catalog."""
    s, p = f.schema, f.params
    owner, rw, migrator = conv.owner_for(s), conv.rw_for(s), conv.migrator_role
    n = len(f.objects)
    wanted = {"table": ", ".join(conv.rw_table_privileges)}
    wanted["sequence"] = ", ".join(conv.rw_sequence_privileges)
    extra = (
        "The application role should hold exactly {w}; TRUNCATE, REFERENCES, TRIGGER and "
        "MAINTAIN let it lock, empty or hook into tables."
    )
    schema = catalog.schema(s)
    texts = {
        "owner-missing": (
            f"owner role {owner} does not exist",
            f"By the convention, role {owner} owns schema {s} and everything in it and runs its "
            "migrations; it does not exist.",
        ),
        "schema-owner": (
            f"schema {s} is owned by {schema.owner if schema else ''}, not {owner}",
            f"The schema should belong to {owner}, the role that runs its migrations.",
        ),
        "object-owner": (
            f"{n} object(s) in {s} not owned by {owner}",
            f"Objects created by other roles cannot be altered by {owner}'s migrations and do "
            f"not get {owner}'s default privileges.",
        ),
        "owner-database-create": (
            f"{owner} cannot CREATE in database {catalog.context.database}",
            f"The first migration of a schema runs CREATE SCHEMA IF NOT EXISTS as {owner}; "
            "PostgreSQL checks CREATE on the database even when the schema exists, so that "
            "migration fails.",
        ),
        "migrator-missing": (
            f"role {migrator} does not exist",
            f"Migrations run as {migrator}, which acts as {owner}; it does not exist.",
        ),
        "migrator-cannot-act": (
            f"{migrator} cannot act as {owner}",
            f"{migrator} must be a member of {owner} that inherits its rights and may SET ROLE "
            f"to it, so that migrations can change {s}'s structure and new objects belong to "
            f"{owner}.",
        ),
        "rw-missing": (
            f"application role {rw} does not exist",
            f"By the convention, the service uses {rw}: data rights only, with session timeouts.",
        ),
        "rw-usage": (
            f"{rw} has no USAGE on schema {s}",
            f"Without USAGE on the schema, {rw} cannot reach any table in it, whatever its "
            "table rights.",
        ),
        "rw-ddl": (
            f"{rw} can change the structure of {s}",
            f"The application role must not run DDL: {param_english(p.get('reasons', ''))}.",
        ),
        "rw-default-privileges": (
            f"new tables or sequences in {s} will not be usable by {rw}",
            f"Default privileges of {owner} in {s} must give {rw} "
            f"{wanted['table']} on new tables and "
            f"{wanted['sequence']} on new sequences, or every migration has "
            "to remember its grants.",
        ),
        "rw-settings": (
            f"{rw} sessions lack the convention's timeouts",
            f"Application sessions should run with "
            f"{', '.join(f'{k} = {v}' for k, v in conv.rw_settings)}, so that a stuck query or "
            "an idle open transaction cannot hold locks and pool connections; now "
            f"{'; '.join(f.objects)}.",
        ),
        "public-schema": (
            f"PUBLIC holds {p.get('privs')} on schema {s}",
            "Every role, including ones created later, gets what PUBLIC holds"
            + (
                "; with CREATE anyone can add objects to the schema."
                if p.get("with_create")
                else "."
            ),
        ),
        "public-objects": (
            f"PUBLIC holds rights on {n} object(s) in {s}",
            "Every role, including ones created later, can use these objects.",
        ),
    }
    for kind, on in (("table", "tables"), ("sequence", "sequences")):
        texts[f"rw-{on}-missing"] = (
            f"{rw} lacks {wanted[kind]} on {n} {kind}(s) in {s}",
            f"The application role needs {wanted[kind]} on every {kind} of its schema.",
        )
        texts[f"rw-{on}-extra"] = (
            f"{rw} holds more than {wanted[kind]} on {n} {kind}(s) in {s}",
            extra.replace("{w}", wanted[kind]),
        )
    return texts[f.code]


def _broken_catalog(admin: Conn, roles: Roles, gateway: Gateway, database: Database) -> Catalog:
    """Between them the schemas break every rule a plain PostgreSQL can break."""
    owner, rw = roles.create(BROKEN + "_owner"), roles.create(BROKEN + "_rw")
    roles.create("migrator")
    z_owner, z_rw = roles.create(OTHER + "_owner"), roles.create(OTHER + "_rw")
    z = {"z": sql.Identifier(OTHER), "zo": sql.Identifier(z_owner), "zr": sql.Identifier(z_rw)}
    names = {"s": sql.Identifier(BROKEN), "o": sql.Identifier(owner), "rw": sql.Identifier(rw)}
    for statement in (
        "CREATE SCHEMA {s} AUTHORIZATION {o}",
        "CREATE TABLE {s}.t (id serial PRIMARY KEY)",
        "CREATE TABLE {s}.{o} (id int)",  # a table named like the owner, owned by the login
        "ALTER TABLE {s}.t OWNER TO {o}",
        "GRANT CREATE, USAGE ON SCHEMA {s} TO PUBLIC",
        "GRANT SELECT, TRUNCATE ON {s}.t TO {rw}",
        "GRANT SELECT ON {s}.t TO PUBLIC",
        "GRANT UPDATE ON SEQUENCE {s}.t_id_seq TO {rw}",
        "GRANT CREATE ON SCHEMA {s} TO {rw}",
        "GRANT {o} TO {rw}",
        "ALTER ROLE {rw} SET statement_timeout = '1min'",
        "CREATE SCHEMA {y}",
        "CREATE SCHEMA {z}",
        "CREATE TABLE {z}.t (id serial)",
        "ALTER TABLE {z}.t OWNER TO {zo}",
    ):
        admin.execute(sql.SQL(statement).format(**names, **z, y=sql.Identifier(BARE)))
    return load(gateway, database)


def _convention(roles: Roles, migrator: str = "migrator") -> Convention:
    return Convention(
        owner_role=roles.prefix + "{schema}_owner",
        rw_role=roles.prefix + "{schema}_rw",
        migrator_role=roles.name(migrator),
        include=(BROKEN, BARE, OTHER),
    )


def test_every_kind_says_what_it_said_before_on_hostile_names(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    catalog = _broken_catalog(admin, roles, gateway, database)
    seen = set()
    # The second convention's migrator does not exist: "missing" in place of "cannot act".
    for conv in (_convention(roles), _convention(roles, "ghost")):
        for f in check_conventions(catalog, conv):
            assert f.texts == _old_texts(f, conv, catalog), f.code
            assert (f.title, f.explanation) == f.texts
            seen.add(f.code)
    plain = {c for c in TEMPLATES if not c.startswith("citus-")}
    assert plain - seen == set(), sorted(seen)


def test_check_prints_what_it_printed_before(  # noqa: PLR0917 (fixtures)
    admin: Conn,
    roles: Roles,
    gateway: Gateway,
    database: Database,
    db_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog = _broken_catalog(admin, roles, gateway, database)
    conv = _convention(roles)
    config = tmp_path / "schemadesk.toml"
    config.write_text(
        "[conventions]\n"
        f"owner_role = {json.dumps(conv.owner_role)}\n"
        f"rw_role = {json.dumps(conv.rw_role)}\n"
        f"migrator_role = {json.dumps(conv.migrator_role)}\n"
        f"include = {json.dumps(list(conv.include))}\n",
        encoding="utf-8",
    )
    old = [f.with_texts(*_old_texts(f, conv, catalog)) for f in check_conventions(catalog, conv)]
    base = ["check", "--dsn", db_dsn, "--config", str(config)]
    capsys.readouterr()
    assert main(base) == 0
    errors = sum(f.severity == "error" for f in old)
    expected = (
        "".join(_finding_text(f) for f in old) + f"{len(old)} finding(s), {errors} error(s)\n"
    )
    assert capsys.readouterr().out == expected
    assert main([*base, "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records == [{**f.as_record(), "fix": f.fix.render()} for f in old]


def test_a_finding_keeps_its_code_and_parameters_and_compares_by_its_texts() -> None:
    said = Finding.said("a{s}", "rw-usage", "error", ChangeSet("x"), rw="r{rw}")
    given = Finding("a{s}", "rw-usage", "error", "r{rw} has no USAGE on schema a{s}",
                    "Without USAGE on the schema, r{rw} cannot reach any table in it, whatever "
                    "its table rights.", ChangeSet("y"), (), {"rw": "r{rw}"})  # fmt: skip
    assert said == given
    assert hash(said) == hash(given)
    assert said.params == {"rw": "r{rw}"}
    assert said.with_texts("t", "e").params == said.params
    assert said.with_texts("t", "e").title == "t"
    assert not hasattr(said, "__dict__")  # slots only: 50,000 of them are kept
