"""One Alembic chain applied to many tenant schemas (schema-per-tenant repositories).

No branch labels: the same revisions run once per tenant with ``-x schema=<tenant>``, and each
tenant records its head in its own version table (``<tenant>.alembic_version`` by default)::

    [[alembic.tenants]]
    name = "tenants"
    config = "alembic.ini"
    schemas = ["tenant_a", "tenant_b"]       # or "tenant_*" (a pattern), or "discover"
    version_table = "alembic_version"        # may name the tenant: "alembic_version_{schema}"
    version_table_schema = "{schema}"        # default: inside each tenant schema
    x = ["env=prod"]                         # more -x arguments (optional)
    url_env = "DATABASE_URL"                 # env.py's URL variable (optional)
    schema_env = "TENANT_SCHEMA"             # env.py reads the tenant from it (optional)
    schema_x = "tenant"                      # -x tenant=<s> instead of -x schema=<s>

A pattern matches the schemas that exist; ``discover`` takes every schema holding the version
table. Both are expanded against the database (``db.alembic.versions``), in one round trip.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadesk.core.alembic.config import (
    VERSION_TABLE_PREFIX,
    AlembicModule,
    check_name,
    config_path,
    env_name,
    schema_passing,
    x_list,
)
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say
from schemadesk.core.toml_file import checked_table

DISCOVER = "discover"
_KEYS = {
    "name", "config", "schemas", "version_table", "version_table_schema", "x", "url_env",
    "schema_env", "schema_x",
}  # fmt: skip
_SYSTEM = ("pg_catalog", "information_schema", "pg_toast")


@dataclass(frozen=True, slots=True)
class AlembicTenants:
    """A chain and the tenant schemas it is applied to: names, a pattern, or discovered."""

    name: str
    config: Path
    schemas: tuple[str, ...] = ()
    pattern: str | None = None
    discover: bool = False
    version_table: str = VERSION_TABLE_PREFIX
    version_table_schema: str = "{schema}"
    x: tuple[str, ...] = ()
    url_env: str | None = None
    schema_env: str | None = None
    schema_x: str = "schema"

    @property
    def needs_database(self) -> bool:
        """A pattern or discovery: the tenants are known only from the database."""
        return self.pattern is not None or self.discover

    def table_of(self, schema: str) -> tuple[str, str]:
        """``(version_table_schema, version_table)`` of one tenant."""
        return (
            self.version_table_schema.replace("{schema}", schema),
            self.version_table.replace("{schema}", schema),
        )

    def matching(
        self, existing: Iterable[str], tables: Iterable[tuple[str, str]]
    ) -> tuple[str, ...]:
        """The tenants: the names given, or the ``existing`` schemas the pattern matches, or
        (discover) the schemas whose version table is among ``tables``."""
        if self.schemas:
            return self.schemas
        names = sorted(s for s in set(existing) if not _system(s))
        if self.pattern is not None:
            return tuple(s for s in names if fnmatch.fnmatchcase(s, self.pattern))
        have = set(tables)
        return tuple(s for s in names if self.table_of(s) in have)

    def module_for(self, schema: str, name: str | None = None) -> AlembicModule:
        """The module of one tenant (named after it unless ``name`` says otherwise)."""
        table_schema, table = self.table_of(schema)
        return AlembicModule(
            name=name or schema,
            schema=schema,
            config=self.config,
            branch=None,
            version_table=table,
            version_table_schema=table_schema,
            paired=True,
            x=self.x,
            url_env=self.url_env,
            schema_env=self.schema_env,
            schema_x=self.schema_x,
            tenants=self.name,
        )


def _system(schema: str) -> bool:
    return schema in _SYSTEM or schema.startswith(("pg_temp_", "pg_toast_temp_"))


def expand(
    groups: Iterable[AlembicTenants],
    existing: Iterable[str],
    tables: Iterable[tuple[str, str]],
    taken: Iterable[str],
) -> tuple[AlembicModule, ...]:
    """Every tenant of every group as a module; a name already taken becomes ``group.schema``."""
    used = set(taken)
    existing, tables = list(existing), list(tables)
    found: list[AlembicModule] = []
    for group in groups:
        for schema in group.matching(existing, tables):
            name = schema if schema not in used else f"{group.name}.{schema}"
            used.add(name)
            found.append(group.module_for(schema, name))
    return tuple(found)


def tenants_from(path: Path, root: Path, alembic_table: Any) -> tuple[AlembicTenants, ...]:
    """The ``[[alembic.tenants]]`` groups of a project file."""
    if not isinstance(alembic_table, dict) or "tenants" not in alembic_table:
        return ()
    raw = alembic_table["tenants"]
    if not isinstance(raw, list):
        raise ConfigError(say("tenants-not-tables", path=str(path)))
    shared = alembic_table.get("config")
    groups = [_group(path, root, i, t, shared) for i, t in enumerate(raw)]
    names = [g.name for g in groups]
    if len(set(names)) != len(names):
        raise ConfigError(say("tenants-two-groups", path=str(path)))
    return tuple(groups)


def _group(path: Path, root: Path, index: int, table: Any, shared: Any) -> AlembicTenants:
    where = f"{path}: [[alembic.tenants]] #{index + 1}"
    table = checked_table(where, table, _KEYS)
    name = table.get("name", "tenants")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(say("tenants-name", where=where))
    if "config" not in table and shared is None:
        raise ConfigError(say("tenants-config", where=where))
    config = config_path(where, root, table.get("config", shared))
    schemas, pattern, discover = _tenants(where, table.get("schemas"))
    version_table = _template(where, "version_table", table, VERSION_TABLE_PREFIX)
    table_schema = _template(where, "version_table_schema", table, "{schema}")
    passing = schema_passing(where, table)
    return AlembicTenants(
        name=name.strip(),
        config=config,
        schemas=schemas,
        pattern=pattern,
        discover=discover,
        version_table=version_table,
        version_table_schema=table_schema,
        x=x_list(where, table["x"], passing.get("schema_x", "schema")) if "x" in table else (),
        url_env=env_name(where, table["url_env"]) if "url_env" in table else None,
        **passing,
    )


def _tenants(where: str, value: Any) -> tuple[tuple[str, ...], str | None, bool]:
    if value is None:
        raise ConfigError(say("tenants-schemas-required", where=where))
    if value == DISCOVER:
        return (), None, True
    if isinstance(value, str) and value.strip():
        return (), value.strip(), False
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        for schema in value:
            check_name(where, "schema", schema)
        if len(set(value)) != len(value):
            raise ConfigError(say("tenants-schema-twice", where=where))
        return tuple(value), None, False
    raise ConfigError(say("tenants-schemas-kind", where=where))


def _template(where: str, key: str, table: dict[str, Any], default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(say("tenants-template-empty", where=where, key=repr(key)))
    if value.replace("{schema}", ""):
        check_name(where, key, value.replace("{schema}", ""))
    if "{" in value.replace("{schema}", ""):
        raise ConfigError(
            say("tenants-template-braces", where=where, key=repr(key), mark="{schema}")
        )
    return value
