"""The project: which migration folders exist, and how pgdbm applies each of them.

A ``schemadesk.toml`` lists the modules::

    [[modules]]
    name = "users"                      # module_name in the ledger (unless module_name = ...)
    path = "services/users/migrations"  # relative to the file
    schema = "users"                    # "" or absent: no schema (pgdbm's no-schema rendering)
    ledger = "schema_migrations"        # ledger table name (pgdbm's migrations_table)
    kind = "pgdbm"                      # "alembic" comes later
    pool = "own"                        # "own" (search_path = schema, public) or "shared"

Without a file the layout is guessed from the folders (``services/<name>/migrations``,
``migrations/<name>/``, or one ``migrations/`` folder) and ``Project.assumptions`` says what was
assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadesk.core.alembic.config import AlembicModule, alembic_modules_from
from schemadesk.core.alembic.tenants import AlembicTenants, tenants_from
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say
from schemadesk.core.migrations.placeholders import NAME_PATTERN
from schemadesk.core.toml_file import checked_table, read_toml

PROJECT_FILE = "schemadesk.toml"
DEFAULT_LEDGER = "schema_migrations"
POOL_MODES = ("own", "shared")
KINDS = ("pgdbm",)
OTHER_KINDS = ("alembic",)  # listed in the same file, handled by another engine
# pgdbm 0.5.0 pins a shared pool's search_path to pg_catalog (unqualified names fail).
SHARED_POOL_SEARCH_PATH = ("pg_catalog",)
_MODULE_KEYS = {"name", "path", "schema", "ledger", "kind", "pool", "module_name", "search_path"}


@dataclass(frozen=True, slots=True)
class ModuleConfig:
    """One migrations folder and how pgdbm connects when it applies it.

    ``pool = "own"`` is ``AsyncDatabaseManager(DatabaseConfig(schema=...))``: the schema is
    created and ``search_path`` is the schema, then public. ``pool = "shared"`` is
    ``AsyncDatabaseManager(pool=shared, schema=...)``: the schema is not created, templates use
    the schema (``public`` when none), and ``search_path`` is pinned to ``pg_catalog`` (pgdbm
    0.5.0's default; ``search_path = ["public"]`` for a pool with the pin turned off).
    """

    name: str
    path: Path
    schema: str | None = None
    ledger: str = DEFAULT_LEDGER
    kind: str = "pgdbm"
    pool: str = "own"
    module_name: str = ""
    search_path_override: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not self.module_name:
            object.__setattr__(self, "module_name", self.name)

    @property
    def template_schema(self) -> str | None:
        """The schema templates render with (pgdbm's ``db.schema``)."""
        if self.pool == "shared":
            return self.schema or "public"
        return self.schema or None

    @property
    def ledger_schema(self) -> str:
        """Where the ledger lives: ``<schema>.<ledger>``, or public without a schema."""
        return self.template_schema or "public"

    @property
    def search_path(self) -> tuple[str, ...] | None:
        """The search_path migrations run with; ``None`` keeps the session's own."""
        if self.search_path_override is not None:
            return self.search_path_override
        if self.pool == "shared":
            return SHARED_POOL_SEARCH_PATH
        return (self.schema, "public") if self.schema else None

    @property
    def creates_schema(self) -> bool:
        """pgdbm's own pool runs ``CREATE SCHEMA IF NOT EXISTS`` on every connection."""
        return self.pool == "own" and bool(self.schema)

    @property
    def lock_key(self) -> str:
        """The text pgdbm hashes for its advisory lock."""
        return "pgdbm_migration_" + self.module_name


@dataclass(frozen=True, slots=True)
class Project:
    """The modules of a project, the file they came from (if any) and what was assumed."""

    root: Path
    modules: tuple[ModuleConfig, ...]
    source: Path | None = None
    assumptions: tuple[str, ...] = ()
    other_modules: tuple[str, ...] = ()  # modules of other kinds (alembic) in the same file
    alembic_modules: tuple[AlembicModule, ...] = ()  # kind = "alembic" and the [alembic] table
    alembic_tenants: tuple[AlembicTenants, ...] = ()  # [[alembic.tenants]]: one chain, many schemas

    def module(self, name: str) -> ModuleConfig:
        for m in self.modules:
            if m.name == name:
                return m
        known = ", ".join(m.name for m in self.modules) or "none"
        raise ConfigError(say("project-no-module", name=repr(name), known=known))


def single_module(
    migrations: Path,
    schema: str | None,
    module_name: str | None = None,
    *,
    pool: str = "own",
    ledger: str = DEFAULT_LEDGER,
) -> Project:
    """A one-module project from ``--migrations DIR --schema S [--module M]``.

    The module name defaults as pgdbm's does: the schema, else ``default``.
    """
    schema = schema or None
    name = module_name or schema or ("public" if pool == "shared" else "default")
    module = _validated(
        ModuleConfig(name=name, path=migrations.resolve(), schema=schema, ledger=ledger, pool=pool),
        "command line",
    )
    return Project(root=migrations.resolve().parent, modules=(module,))


def load_project(path: Path) -> Project:
    """Read a ``schemadesk.toml`` (a file, or a folder holding one)."""
    if path.is_dir():
        path = path / PROJECT_FILE
    data = read_toml(path)
    if data is None:
        raise ConfigError(say("project-no-file", path=str(path)))
    tables = data.get("modules", [])
    if not isinstance(tables, list) or not (tables or "alembic" in data):
        raise ConfigError(say("project-no-modules", path=str(path)))
    if not all(isinstance(t, dict) for t in tables):
        raise ConfigError(say("project-modules-not-tables", path=str(path)))
    root = path.resolve().parent
    modules: list[ModuleConfig] = []
    others: list[str] = []
    alembic_tables: list[tuple[int, Any]] = []
    for i, table in enumerate(tables):
        if isinstance(table, dict) and table.get("kind") in OTHER_KINDS:
            others.append(f"{table.get('name', f'#{i + 1}')} ({table['kind']})")
            alembic_tables.append((i, table))
            continue
        modules.append(_module_from_table(path, root, i, table))
    _check_unique(path, tuple(modules))
    alembic = alembic_modules_from(path, root, alembic_tables, data.get("alembic"))
    clash = {m.name for m in modules} & {m.name for m in alembic}
    if clash:
        raise ConfigError(
            say("project-two-modules", path=str(path), names=repr(", ".join(sorted(clash))))
        )
    return Project(
        root=root,
        modules=tuple(modules),
        source=path.resolve(),
        other_modules=tuple(others),
        alembic_modules=alembic,
        alembic_tenants=tenants_from(path, root, data.get("alembic")),
    )


def find_project(start: Path) -> Project:
    """``schemadesk.toml`` in ``start`` if there is one, else the layout guessed from folders."""
    candidate = start / PROJECT_FILE
    if candidate.is_file():
        return load_project(candidate)
    return discover_layout(start)


def discover_layout(root: Path) -> Project:
    """Guess modules from the seed's layouts; ``assumptions`` says what was assumed."""
    root = root.resolve()
    services = sorted(p.parent for p in root.glob("services/*/migrations") if _has_sql(p))
    if services:
        modules = tuple(
            _validated(ModuleConfig(name=p.name, path=p / "migrations", schema=p.name), str(root))
            for p in services
        )
        return Project(
            root,
            modules,
            None,
            (
                "no schemadesk.toml: one module per services/<name>/migrations folder, "
                "schema and module_name = <name>, ledger schema_migrations, own pool",
            ),
        )
    base = root / "migrations"
    nested = (
        sorted(p for p in base.glob("*") if p.is_dir() and _has_sql(p)) if base.is_dir() else []
    )
    if nested:
        modules = tuple(
            _validated(ModuleConfig(name=p.name, path=p, schema=p.name), str(root)) for p in nested
        )
        return Project(
            root,
            modules,
            None,
            (
                "no schemadesk.toml: one module per migrations/<name> folder, "
                "schema and module_name = <name>, ledger schema_migrations, own pool",
            ),
        )
    if _has_sql(base):
        module = ModuleConfig(name="default", path=base, schema=None)
        return Project(
            root,
            (module,),
            None,
            (
                "no schemadesk.toml: one migrations/ folder, applied without a schema "
                "(public, module_name 'default'); use --schema or a schemadesk.toml to change that",
            ),
        )
    raise ConfigError(say("project-not-found", root=str(root), file=PROJECT_FILE))


def _has_sql(folder: Path) -> bool:
    return folder.is_dir() and any(p.suffix == ".sql" for p in folder.iterdir())


def _module_from_table(path: Path, root: Path, index: int, table: Any) -> ModuleConfig:
    where = f"{path}: [[modules]] #{index + 1}"
    table = checked_table(where, table, _MODULE_KEYS)
    for key in ("name", "path"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise ConfigError(say("module-key-required", where=where, key=repr(key)))
    for key in ("schema", "ledger", "kind", "pool", "module_name"):
        if key in table and not isinstance(table[key], str):
            raise ConfigError(say("module-key-string", where=where, key=repr(key)))
    search_path = table.get("search_path")
    if search_path is not None:
        if isinstance(search_path, str):
            search_path = [s.strip() for s in search_path.split(",")]
        if not isinstance(search_path, list) or not all(
            isinstance(s, str) and s for s in search_path
        ):
            raise ConfigError(say("module-search-path", where=where))
    module = ModuleConfig(
        name=table["name"],
        path=(root / table["path"]).resolve(),
        schema=table.get("schema") or None,
        ledger=table.get("ledger", DEFAULT_LEDGER),
        kind=table.get("kind", "pgdbm"),
        pool=table.get("pool", "own"),
        module_name=table.get("module_name", ""),
        search_path_override=tuple(search_path) if search_path is not None else None,
    )
    return _validated(module, where)


def _validated(module: ModuleConfig, where: str) -> ModuleConfig:
    if module.kind not in KINDS:
        raise ConfigError(say("module-kind", where=where, kind=repr(module.kind)))
    if module.pool not in POOL_MODES:
        raise ConfigError(say("module-pool", where=where, pool=repr(module.pool)))
    if not NAME_PATTERN.fullmatch(module.ledger):
        raise ConfigError(say("module-ledger-name", where=where, ledger=repr(module.ledger)))
    if module.schema is not None and not NAME_PATTERN.fullmatch(module.schema):
        raise ConfigError(say("module-schema-name", where=where, schema=repr(module.schema)))
    if len(module.module_name) > 100:
        raise ConfigError(say("module-name-long", where=where))
    return module


def _check_unique(path: Path, modules: tuple[ModuleConfig, ...]) -> None:
    seen: set[str] = set()
    for m in modules:
        if m.name in seen:
            raise ConfigError(say("project-two-modules", path=str(path), names=repr(m.name)))
        seen.add(m.name)
