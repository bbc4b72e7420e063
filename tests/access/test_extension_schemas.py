"""Schemas that belong to an extension (or to the system) are shown as such and never given a
convention finding or a fix: ``ALTER SCHEMA citus OWNER TO citus_owner`` would break Citus.

``ALTER EXTENSION plpgsql ADD SCHEMA cron`` makes an extension member schema on any server,
just as pg_cron's script makes ``cron`` and Citus's makes ``citus``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import psycopg
import pytest

from schemadesk.core.access.conventions import (
    Convention,
    check_conventions,
    fix_findings,
    provision_schema,
)
from schemadesk.core.errors import ConfigError
from schemadesk.db.access.loader import fetch_catalog_rows
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import load

Conn = psycopg.Connection[tuple[object, ...]]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schemadesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _extension_schema(admin: Conn, name: str = "cron") -> None:
    admin.execute(f'CREATE SCHEMA "{name}"; ALTER EXTENSION plpgsql ADD SCHEMA "{name}"')
    admin.execute(f'CREATE TABLE "{name}".job (id int)')  # a table Convention would re-own


def _owner(admin: Conn, schema: str) -> str:
    row = admin.execute(
        "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = %s", [schema]
    ).fetchone()
    assert row is not None
    return str(row[0])


def test_an_extension_member_schema_is_marked_and_never_checked(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    _extension_schema(admin)
    admin.execute("CREATE SCHEMA sales")  # a user schema beside it, with findings
    catalog = load(gateway, database)
    cron = catalog.schema("cron")
    assert cron is not None
    assert cron.extension == "plpgsql"
    assert cron.is_managed
    sales = catalog.schema("sales")
    assert sales is not None
    assert sales.extension is None
    found = check_conventions(catalog, Convention())
    assert {f.schema for f in found} == {"sales"}
    # Named on purpose: still nothing, so nothing to fix.
    assert check_conventions(catalog, Convention(), ["cron"]) == ()
    assert fix_findings(check_conventions(catalog, Convention(), ["cron"])).empty
    with pytest.raises(ConfigError, match="belongs to extension 'plpgsql'"):
        provision_schema(catalog, "cron")
    with pytest.raises(ConfigError, match="system schema"):
        provision_schema(catalog, "pg_catalog")
    assert check_conventions(catalog, Convention(), ["pg_catalog", "information_schema"]) == ()


def test_public_holding_an_extension_is_still_a_user_schema(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    admin.execute("CREATE EXTENSION pg_trgm SCHEMA public")
    admin.execute("CREATE SCHEMA trgm_home")
    admin.execute("CREATE EXTENSION fuzzystrmatch SCHEMA trgm_home")
    admin.execute("CREATE SCHEMA mixed")
    admin.execute("CREATE EXTENSION citext SCHEMA mixed")
    admin.execute("CREATE TABLE mixed.mine (id int)")  # a user's table: a user's schema
    catalog = load(gateway, database)
    extension_of = {s.name: s.extension for s in catalog.schemas}
    assert extension_of["public"] is None
    assert extension_of["trgm_home"] == "fuzzystrmatch"  # holds that extension only
    assert extension_of["mixed"] is None
    checked = {f.schema for f in check_conventions(catalog, Convention(exclude=()))}
    assert {"public", "mixed"} <= checked
    assert "trgm_home" not in checked


def test_cli_says_which_schemas_belong_to_an_extension_and_fix_leaves_them(
    admin: Conn, db_dsn: str
) -> None:
    _extension_schema(admin)
    listed = _cli("schemas", "--dsn", db_dsn, "--json")
    assert listed.returncode == 0, listed.stderr
    by_name = {s["name"]: s for s in json.loads(listed.stdout)}
    assert by_name["cron"]["extension"] == "plpgsql"
    assert by_name["public"]["extension"] is None
    table = _cli("schemas", "--dsn", db_dsn)
    cron_line = next(line for line in table.stdout.splitlines() if line.startswith("cron "))
    assert "extension plpgsql" in cron_line

    check = _cli("check", "--dsn", db_dsn, "--schema", "cron", "--json")
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout) == []
    assert "schema cron belongs to extension plpgsql: not checked" in check.stderr
    everything = _cli("check", "--dsn", db_dsn, "--json")
    assert "cron" not in {f["schema"] for f in json.loads(everything.stdout)}

    fixed = _cli("check", "--dsn", db_dsn, "--schema", "cron", "--fix", "--yes")
    assert fixed.returncode == 0, fixed.stderr
    assert _owner(admin, "cron") == "postgres"
    row = admin.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'cron\\_%'").fetchone()
    assert row == (0,)  # no cron_owner / cron_rw made for it


def test_a_plain_server_reads_no_cluster_data(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    """Citus is recognised from the catalog's first query (pg_extension): a plain server runs
    no Citus query at all, and nothing says "cluster"."""
    rows = gateway.call(fetch_catalog_rows(database))
    assert rows.context.citus_version is None
    assert not [key for key in rows.rows if key.startswith("citus")]
    catalog = load(gateway, database)
    assert catalog.citus is None
    assert all(s.citus is None for s in catalog.schemas)


def test_an_extensions_table_in_a_user_schema_is_never_reowned_or_revoked(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    """Like Citus's citus_tables view in public: granted to PUBLIC by the extension, owned by
    it; the convention fixes the user's own objects around it and leaves it alone."""
    admin.execute(
        "CREATE SCHEMA app; CREATE TABLE app.mine (id int); CREATE TABLE app.ext (id int)"
    )
    admin.execute("GRANT SELECT ON app.ext, app.mine TO PUBLIC")
    admin.execute("ALTER EXTENSION plpgsql ADD TABLE app.ext")
    catalog = load(gateway, database)
    assert ("app", "ext") in catalog.extension_relations
    fix = fix_findings(check_conventions(catalog, Convention(), ["app"])).render()
    assert '"app"."mine"' in fix
    assert '"app"."ext"' not in fix
    for finding in check_conventions(catalog, Convention(), ["app"]):
        assert not any(o.startswith("ext") for o in finding.objects), finding
