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

A ``[[modules]]`` entry wins over the mapping for its schema. Modules found only in the
database (a table ``alembic_version%`` with a ``version_num`` column) have no ``config``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadesk.core.errors import ConfigError
from schemadesk.core.toml_file import checked_table

KIND = "alembic"
VERSION_TABLE_PREFIX = "alembic_version"
_MODULE_KEYS = {"name", "kind", "config", "schema", "branch", "version_table"}
_TABLE_KEYS = {"config", "schema_version_tables", "SCHEMA_VERSION_TABLES"}
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
    branch: str
    version_table: str
    version_table_schema: str
    paired: bool = False

    @property
    def detected(self) -> bool:
        """Found in the database, not configured: no scripts to compare with."""
        return self.config is None

    @property
    def x_arguments(self) -> tuple[str, ...]:
        """What ``-x`` carries on every command: ``schema=<schema>``."""
        return (f"schema={self.schema}",)

    @property
    def head_target(self) -> str:
        """``<branch>@head``: what an upgrade of this module runs to."""
        return f"{self.branch}@head"


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
        branch=suffix or schema,
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
    shared_config: Path | None = None
    mapping: dict[str, str] = {}
    if alembic_table is not None:
        shared_config, mapping = _alembic_table(path, root, alembic_table)
    modules: list[AlembicModule] = []
    for index, table in tables:
        modules.append(
            _module(path, root, index, table, shared_config=shared_config, mapping=mapping)
        )
    configured = {m.schema for m in modules}
    names = {m.name for m in modules}
    for schema, version_table in mapping.items():
        if schema in configured:
            continue
        if shared_config is None:
            raise ConfigError(f"{path}: [alembic]: 'config' is required with schema_version_tables")
        if schema in names:
            raise ConfigError(f"{path}: [alembic]: schema {schema!r} clashes with a module name")
        modules.append(
            AlembicModule(
                name=schema,
                schema=schema,
                config=shared_config,
                branch=schema,
                version_table=version_table,
                version_table_schema=schema,
                paired=True,
            )
        )
        names.add(schema)
    return tuple(modules)


def _alembic_table(path: Path, root: Path, table: Any) -> tuple[Path | None, dict[str, str]]:
    where = f"{path}: [alembic]"
    table = checked_table(where, table, _TABLE_KEYS)
    config = None
    if "config" in table:
        config = _config_path(where, root, table["config"])
    raw = table.get("schema_version_tables", table.get("SCHEMA_VERSION_TABLES", {}))
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise ConfigError(f"{where}: schema_version_tables must map schema names to table names")
    mapping: dict[str, str] = {}
    for schema, version_table in raw.items():
        _check_name(where, "schema", schema)
        _check_name(where, "version table", version_table)
        mapping[schema] = version_table
    return config, mapping


def _module(
    path: Path,
    root: Path,
    index: int,
    table: Any,
    *,
    shared_config: Path | None,
    mapping: dict[str, str],
) -> AlembicModule:
    where = f"{path}: [[modules]] #{index + 1}"
    table = checked_table(where, table, _MODULE_KEYS)
    for key in _MODULE_KEYS:
        if key in table and not isinstance(table[key], str):
            raise ConfigError(f"{where}: {key!r} must be a string")
    name = table.get("name", "").strip()
    if not name:
        raise ConfigError(f"{where}: 'name' is required (a string)")
    schema = table.get("schema", "").strip() or name
    _check_name(where, "schema", schema)
    if "config" in table:
        config = _config_path(where, root, table["config"])
    elif shared_config is not None:
        config = shared_config
    else:
        raise ConfigError(
            f"{where}: 'config' is required (the alembic.ini or pyproject.toml, relative to "
            "the project file), or set it once in [alembic]"
        )
    branch = table.get("branch", "").strip() or schema
    version_table = (
        table.get("version_table", "").strip()
        or mapping.get(schema)
        or default_version_table(schema)
    )
    _check_name(where, "version table", version_table)
    return AlembicModule(
        name=name,
        schema=schema,
        config=config,
        branch=branch,
        version_table=version_table,
        version_table_schema=schema,
        paired=True,
    )


def _config_path(where: str, root: Path, value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: 'config' must be a path (a string)")
    config = (root / value).resolve()
    if config.suffix not in (".ini", ".toml"):
        raise ConfigError(f"{where}: config {value!r} is neither an alembic.ini nor a .toml file")
    return config


def _check_name(where: str, what: str, name: str) -> None:
    if not name or len(name.encode()) > _MAX_NAME:
        raise ConfigError(f"{where}: {what} {name!r} is empty or longer than 63 bytes")
