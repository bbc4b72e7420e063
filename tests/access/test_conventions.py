"""The seed's role convention: provisioning gives a clean check; breaking one right by hand
gives exactly that finding, and its fix makes the check clean again."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access.conventions import (
    Convention,
    check_conventions,
    duration_ms,
    fix_findings,
    provision_schema,
)
from schemadesk.core.errors import ConfigError
from schemadesk.db.access import apply_change_set
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles, load

Conn = psycopg.Connection[tuple[object, ...]]
SCHEMA = 'sv"c 日本'


def _convention(roles: Roles) -> Convention:
    conv = Convention(
        owner_role=roles.prefix + "{schema}_owner",
        rw_role=roles.prefix + "{schema}_rw",
        migrator_role=roles.prefix + "migrator",
    )
    for name in (conv.owner_for(SCHEMA), conv.rw_for(SCHEMA), conv.migrator_role):
        roles.track(name)
    return conv


def _provisioned(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> tuple[Convention, dict[str, sql.Composable]]:
    conv = _convention(roles)
    change = provision_schema(load(gateway, database), SCHEMA, conv)
    result = gateway.call(apply_change_set(database, change))
    assert result.verified, result.unmet
    names = {
        "schema": sql.Identifier(SCHEMA),
        "owner": sql.Identifier(conv.owner_for(SCHEMA)),
        "rw": sql.Identifier(conv.rw_for(SCHEMA)),
        "migrator": sql.Identifier(conv.migrator_role),
        "table": sql.Identifier(SCHEMA, "or ders"),
        "seq": sql.Identifier(SCHEMA, "or ders_id_seq"),
        "database": sql.Identifier(admin.info.dbname),
    }
    # A migration, run the way the convention says: as migrator, acting as the owner.
    admin.execute(sql.SQL("SET ROLE {migrator}").format(**names))
    admin.execute(sql.SQL("SET ROLE {owner}").format(**names))
    admin.execute(
        sql.SQL("CREATE TABLE {table} (id serial PRIMARY KEY, note text)").format(**names)
    )
    admin.execute("RESET ROLE")
    return conv, names


def test_provisioned_schema_has_no_findings(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    conv, _ = _provisioned(admin, roles, gateway, database)
    catalog = load(gateway, database)
    assert check_conventions(catalog, conv, [SCHEMA]) == ()
    assert provision_schema(catalog, SCHEMA, conv).empty
    rw = catalog.role(conv.rw_for(SCHEMA))
    assert rw is not None
    assert rw.setting("statement_timeout", catalog.context.database) == "5s"


BREAKS = {
    "rw-usage": "REVOKE USAGE ON SCHEMA {schema} FROM {rw}",
    "rw-tables-missing": "REVOKE DELETE ON {table} FROM {rw}",
    "rw-tables-extra": "GRANT TRUNCATE ON {table} TO {rw}",
    "rw-sequences-missing": "REVOKE USAGE ON SEQUENCE {seq} FROM {rw}",
    "rw-ddl": "GRANT CREATE ON SCHEMA {schema} TO {rw}",
    "rw-ddl/member": "GRANT {owner} TO {rw}",
    "rw-settings": "ALTER ROLE {rw} RESET statement_timeout",
    "rw-default-privileges": (
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        "REVOKE INSERT ON TABLES FROM {rw}"
    ),
    "public-schema": "GRANT CREATE ON SCHEMA {schema} TO PUBLIC",
    "public-objects": "GRANT SELECT ON {table} TO PUBLIC",
    "migrator-cannot-act": "REVOKE {owner} FROM {migrator}",
    "schema-owner": "ALTER SCHEMA {schema} OWNER TO CURRENT_USER",
    "object-owner": "ALTER TABLE {table} OWNER TO CURRENT_USER",
    "owner-database-create": "REVOKE CREATE ON DATABASE {database} FROM {owner}",
}


@pytest.mark.parametrize("case", list(BREAKS))
def test_one_broken_right_gives_exactly_one_finding_and_its_fix_works(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database, case: str
) -> None:
    conv, names = _provisioned(admin, roles, gateway, database)
    admin.execute(sql.SQL(BREAKS[case]).format(**names))  # type: ignore[arg-type]
    catalog = load(gateway, database)
    findings = check_conventions(catalog, conv, [SCHEMA])
    assert [f.code for f in findings] == [case.split("/", maxsplit=1)[0]], findings
    (finding,) = findings
    assert finding.explanation
    assert finding.severity in ("error", "warning")
    assert not finding.fix.empty
    result = gateway.call(apply_change_set(database, finding.fix))
    assert result.verified, result.unmet
    assert check_conventions(result.catalog, conv, [SCHEMA]) == ()


def test_missing_roles_are_findings_and_fixing_all_provisions(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    conv = _convention(roles)
    admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
    admin.execute(sql.SQL("CREATE TABLE {} (id serial)").format(sql.Identifier(SCHEMA, "t")))
    catalog = load(gateway, database)
    codes = {f.code for f in check_conventions(catalog, conv, [SCHEMA])}
    assert {"owner-missing", "migrator-missing", "rw-missing"} <= codes
    # Fixes of independent findings, applied together, leave what the rest found.
    result = gateway.call(
        apply_change_set(database, fix_findings(check_conventions(catalog, conv, [SCHEMA])))
    )
    assert result.verified, result.unmet
    second = check_conventions(result.catalog, conv, [SCHEMA])
    result = gateway.call(apply_change_set(database, fix_findings(second)))
    assert check_conventions(result.catalog, conv, [SCHEMA]) == ()


def test_convention_from_schemadesk_toml(tmp_path: Path) -> None:
    path = tmp_path / "schemadesk.toml"
    path.write_text(
        '[conventions]\nowner_role = "own_{schema}"\nrw_table_privileges = ["select"]\n'
        'exclude = ["public", "tmp_*"]\n'
        '[conventions.rw_settings]\nstatement_timeout = "2s"\n',
        encoding="utf-8",
    )
    conv = Convention.from_toml(path)
    assert conv.owner_for("x") == "own_x"
    assert conv.rw_table_privileges == ("SELECT",)
    assert conv.rw_settings == (("statement_timeout", "2s"),)
    assert conv.rw_role == "{schema}_rw"
    assert Convention.from_toml(tmp_path / "absent.toml") == Convention()
    path.write_text('[conventions]\nowner = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'owner'"):
        Convention.from_toml(path)
    path.write_text('[conventions]\nrw_table_privileges = ["FLY"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not a table privilege"):
        Convention.from_toml(path)


def test_durations_compare_by_value() -> None:
    assert duration_ms("5s") == duration_ms("5000") == duration_ms("5000ms")
    assert duration_ms("1min") == 60000
    assert duration_ms("soon") is None
