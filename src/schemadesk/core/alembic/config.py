"""Alembic modules of ``schemadesk.toml``: one per schema, all in one Alembic repository.

A module names the schema, the branch label its revisions carry and the version table that
records its heads (the layout of ``env.py``'s ``SCHEMA_VERSION_TABLES``)::

    [[modules]]
    name = "auth"
    kind = "alembic"
    config = "alembic/alembic.ini"      # or a pyproject.toml with [tool.alembic]; relative
    schema = "auth"
    branch = "auth"                     # default: the schema
    version_table = "alembic_version_auth"  # default: alembic_version_<schema>, in the schema

or every schema at once, as ``env.py`` has it::

    [alembic]
    config = "alembic/alembic.ini"
    [alembic.schema_version_tables]
    auth = "alembic_version_auth"
    inventory = "alembic_version_inventory"

A ``[[modules]]`` entry wins over the mapping for its schema. ``branch = ""`` means no branch
label: the module runs the repository's one chain (``head``). ``version_table_schema`` (default:
the schema), ``x = ["key=value", ...]`` (more ``-x`` arguments) and ``url_env`` (the environment
variable env.py reads its URL from, set to the profile's target for the run) are optional; the
last two may also be set once in ``[alembic]``. One chain applied to many tenant schemas is
``[[alembic.tenants]]`` (``core.alembic.tenants``). Modules found only in the database (a table
``alembic_version%`` with a ``version_num`` column) have no ``config``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import Message, say
from schemadesk.core.toml_file import checked_table

KIND = "alembic"
VERSION_TABLE_PREFIX = "alembic_version"
_MODULE_KEYS = {
    "name", "kind", "config", "schema", "branch", "version_table", "version_table_schema", "x",
    "url_env", "schema_env", "schema_x",
}  # fmt: skip
_TABLE_KEYS = {
    "config",
    "schema_version_tables",
    "SCHEMA_VERSION_TABLES",
    "x",
    "url_env",
    "schema_env",
    "schema_x",
    "tenants",
    "version_table_schema",
}
_STRING_KEYS = _MODULE_KEYS - {"x"}
_MAX_NAME = 63  # PostgreSQL's identifier length


@dataclass(frozen=True, slots=True)
class AlembicModule:
    """One schema managed by Alembic: its repository, branch label and version table.

    ``config`` is the ``alembic.ini`` (or ``pyproject.toml``); ``None`` for a module found in
    the database only, whose state is its version table alone. ``paired`` is True when the
    project file names the branch for the schema explicitly (or through the mapping).
    """

    name: str
    schema: str
    config: Path | None
    branch: str | None  # None: no branch label, the repository's one chain
    version_table: str
    version_table_schema: str
    paired: bool = False
    x: tuple[str, ...] = ()  # more -x arguments, "key=value"
    url_env: str | None = None  # env.py reads its URL from this variable
    schema_env: str | None = None  # env.py reads the schema from this variable (TENANT_SCHEMA)
    schema_x: str = "schema"  # the -x key naming the schema (-x tenant=<s>)
    # Given on the command line without a branch: the schema's label when the scripts declare
    # one, else the one chain (``resolve_branch``); the version table follows unless given.
    auto: bool = False
    tenants: str | None = None  # the [[alembic.tenants]] group it was expanded from

    @property
    def detected(self) -> bool:
        """Found in the database, not configured: no scripts to compare with."""
        return self.config is None

    @property
    def x_arguments(self) -> tuple[str, ...]:
        """What ``-x`` carries on every command: ``schema=<schema>`` and the configured ones."""
        return (f"{self.schema_x}={self.schema}", *self.x)

    @property
    def environment(self) -> dict[str, str]:
        """Variables env.py may read the schema from, set for a run (``schema_env``)."""
        return {self.schema_env: self.schema} if self.schema_env else {}

    @property
    def head_target(self) -> str:
        """``<branch>@head`` (``head`` without a branch label): what an upgrade runs to."""
        return f"{self.branch}@head" if self.branch else "head"

    @property
    def shape(self) -> str:
        """``branch``: a branch label per schema; ``chain``: one chain, applied per schema."""
        return "branch" if self.branch else "chain"


def resolve_branch(module: AlembicModule, labels: Collection[str]) -> AlembicModule:
    """An ``auto`` module made definite from the branch labels the scripts declare."""
    if not module.auto:
        return module
    branch = module.schema if module.schema in labels else None
    table = module.version_table or (
        default_version_table(module.schema) if branch else VERSION_TABLE_PREFIX
    )
    return dataclasses.replace(module, branch=branch, version_table=table, auto=False)


def x_list(where: str, value: Any, schema_x: str = "schema") -> tuple[str, ...]:
    """``x = ["key=value", ...]`` checked; ``schema=`` (``schema_x``) is schemadesk's to set."""
    if not isinstance(value, list) or not all(isinstance(v, str) and "=" in v for v in value):
        raise ConfigError(say("alembic-x-list", where=where))
    if any(v.split("=", 1)[0].strip() == schema_x for v in value):
        raise ConfigError(say("alembic-x-schema", where=where, key=schema_x))
    return tuple(value)


def schema_passing(where: str, table: dict[str, Any]) -> dict[str, Any]:
    """``schema_env`` and ``schema_x`` of a table, checked, as AlembicModule fields."""
    found: dict[str, Any] = {}
    if "schema_env" in table:
        found["schema_env"] = env_name(where, table["schema_env"], "schema_env")
    if "schema_x" in table:
        key = table["schema_x"]
        if not isinstance(key, str) or not key.strip() or "=" in key:
            raise ConfigError(say("alembic-schema-x", where=where))
        found["schema_x"] = key.strip()
    return found


def default_version_table(schema: str) -> str:
    """``alembic_version_<schema>``: the seed's naming."""
    return f"{VERSION_TABLE_PREFIX}_{schema}"


def detected_module(schema: str, table: str, taken: Sequence[str] = ()) -> AlembicModule:
    """A module for a version table found in the database, named after the table's suffix."""
    prefix = VERSION_TABLE_PREFIX + "_"
    suffix = table[len(prefix) :] if table.startswith(prefix) and len(table) > len(prefix) else ""
    name = suffix or schema
    if name in taken:
        name = f"{schema}.{table}"
    return AlembicModule(
        name=name,
        schema=schema,
        config=None,
        branch=suffix or None,  # a plain alembic_version: a tenant of one chain
        version_table=table,
        version_table_schema=schema,
    )


def alembic_modules_from(
    path: Path,
    root: Path,
    tables: Sequence[tuple[int, Any]],
    alembic_table: Any,
) -> tuple[AlembicModule, ...]:
    """The Alembic modules of a project file.

    ``tables`` are the ``[[modules]]`` entries of kind ``alembic`` with their 0-based position;
    ``alembic_table`` is the ``[alembic]`` table (or None).
    """
    shared = _Shared()
    mapping: dict[str, str] = {}
    if alembic_table is not None:
        shared, mapping = _alembic_table(path, root, alembic_table)
    shared_config = shared.config
    modules: list[AlembicModule] = []
    for index, table in tables:
        modules.append(_module(path, root, index, table, shared=shared, mapping=mapping))
    configured = {m.schema for m in modules}
    names = {m.name for m in modules}
    for schema, version_table in mapping.items():
        if schema in configured:
            continue
        if shared_config is None:
            raise ConfigError(say("alembic-config-shared", path=str(path)))
        if schema in names:
            raise ConfigError(say("alembic-schema-clash", path=str(path), schema=repr(schema)))
        modules.append(
            AlembicModule(
                name=schema,
                schema=schema,
                config=shared_config,
                branch=schema,
                version_table=version_table,
                version_table_schema=shared.version_table_schema or schema,
                paired=True,
                x=shared.x,
                url_env=shared.url_env,
                **dict(shared.passing),
            )
        )
        names.add(schema)
    return tuple(modules)


@dataclass(frozen=True, slots=True)
class _Shared:
    """What ``[alembic]`` sets for every module that does not say otherwise."""

    config: Path | None = None
    x: tuple[str, ...] = ()
    url_env: str | None = None
    version_table_schema: str | None = None  # None: each module's own schema
    passing: tuple[tuple[str, Any], ...] = ()  # schema_env / schema_x


def _alembic_table(path: Path, root: Path, table: Any) -> tuple[_Shared, dict[str, str]]:
    where = f"{path}: [alembic]"
    table = checked_table(where, table, _TABLE_KEYS)
    config = None
    if "config" in table:
        config = config_path(where, root, table["config"])
    passing = schema_passing(where, table)
    x = x_list(where, table["x"], passing.get("schema_x", "schema")) if "x" in table else ()
    url_env = env_name(where, table["url_env"]) if "url_env" in table else None
    table_schema = table.get("version_table_schema")
    if table_schema is not None:
        if not isinstance(table_schema, str):
            raise ConfigError(say("alembic-version-schema-string", where=where))
        check_name(where, "version table schema", table_schema)
    raw = table.get("schema_version_tables", table.get("SCHEMA_VERSION_TABLES", {}))
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise ConfigError(say("alembic-version-tables-map", where=where))
    mapping: dict[str, str] = {}
    for schema, version_table in raw.items():
        check_name(where, "schema", schema)
        check_name(where, "version table", version_table)
        mapping[schema] = version_table
    return _Shared(config, x, url_env, table_schema, tuple(passing.items())), mapping


def _module(
    path: Path,
    root: Path,
    index: int,
    table: Any,
    *,
    shared: _Shared,
    mapping: dict[str, str],
) -> AlembicModule:
    where = f"{path}: [[modules]] #{index + 1}"
    table = checked_table(where, table, _MODULE_KEYS)
    shared_config = shared.config
    for key in _STRING_KEYS:
        if key in table and not isinstance(table[key], str):
            raise ConfigError(say("module-key-string", where=where, key=repr(key)))
    name = table.get("name", "").strip()
    if not name:
        raise ConfigError(say("module-key-required", where=where, key=repr("name")))
    schema = table.get("schema", "").strip() or name
    check_name(where, "schema", schema)
    if "config" in table:
        config = config_path(where, root, table["config"])
    elif shared_config is not None:
        config = shared_config
    else:
        raise ConfigError(say("alembic-config-required", where=where))
    branch = table["branch"].strip() if "branch" in table else schema
    version_table = (
        table.get("version_table", "").strip()
        or mapping.get(schema)
        or (default_version_table(schema) if branch else VERSION_TABLE_PREFIX)
    )
    check_name(where, "version table", version_table)
    version_table_schema = (
        table.get("version_table_schema", "").strip() or shared.version_table_schema or schema
    )
    passing = {**dict(shared.passing), **schema_passing(where, table)}
    check_name(where, "version table schema", version_table_schema)
    return AlembicModule(
        name=name,
        schema=schema,
        config=config,
        branch=branch or None,
        version_table=version_table,
        version_table_schema=version_table_schema,
        paired=True,
        x=x_list(where, table["x"], passing.get("schema_x", "schema"))
        if "x" in table
        else shared.x,
        url_env=env_name(where, table["url_env"]) if "url_env" in table else shared.url_env,
        **passing,
    )


def env_name(where: str, value: Any, key: str = "url_env") -> str:
    """An environment variable's name (``DATABASE_URL``)."""
    if (
        not isinstance(value, str)
        or not value.replace("_", "a").isalnum()
        or value[0].isdigit()
        or not value.isascii()
    ):
        raise ConfigError(say("alembic-env-name", where=where, key=repr(key), value=repr(value)))
    return value


def config_path(where: str, root: Path, value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(say("alembic-config-path", where=where))
    config = (root / value).resolve()
    if config.suffix not in (".ini", ".toml"):
        raise ConfigError(say("alembic-config-kind", where=where, value=repr(value)))
    return config


# What a bad name is, said as a message so the window translates it (a key name stays as is).
_NAME_KINDS = {
    "schema": "name-kind-schema",
    "version table": "name-kind-version-table",
    "version table schema": "name-kind-version-table-schema",
}


def check_name(where: str, what: str, name: str) -> None:
    if not name or len(name.encode()) > _MAX_NAME:
        kind = _NAME_KINDS.get(what)
        said_what = Message(kind) if kind else what  # a key name (tenants) stays as it is
        raise ConfigError(say("alembic-name-bad", where=where, what=said_what, name=repr(name)))
