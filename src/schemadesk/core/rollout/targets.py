"""Where a rollout goes: targets (profiles or DSNs) in ordered stages, and tenant module sets.

Read from ``schemadesk.toml`` or a file of its own (``--targets FILE``)::

    [rollout]
    parallel = 4            # targets at once, over all servers (--parallel overrides)
    per_server = 2          # targets at once on one server (host:port)
    project = "schemadesk.toml"   # a separate targets file: whose [[modules]] to apply

    [[rollout.stages]]      # in order; a stage must end cleanly before the next starts
    name = "canary"
    parallel = 1            # this stage's own cap (optional)

    [[rollout.tenants]]     # one pgdbm folder, applied to every matching schema
    name = "tenant"
    path = "tenant/migrations"
    schemas = "tenant_*"    # a pattern, or a list of names
    ledger = "schema_migrations"

    [[targets]]
    name = "eu-canary"      # optional: the profile's name, else the DSN's user@host:port/db
    profile = "eu-1"        # or dsn = "host=... dbname=... user=..." (never a password)
    stage = "canary"        # optional: the last stage (never a canary by accident)

Nothing here connects: patterns are matched against the schemas a target has (``expand``).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from psycopg import conninfo as pg_conninfo

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say
from schemadesk.core.migrations.placeholders import NAME_PATTERN
from schemadesk.core.migrations.project import DEFAULT_LEDGER, ModuleConfig
from schemadesk.core.toml_file import checked_table, read_toml

DEFAULT_PARALLEL = 4
DEFAULT_PER_SERVER = 4
DEFAULT_STAGE = "all"
_ROLLOUT_KEYS = {"parallel", "per_server", "project", "stages", "tenants"}
_STAGE_KEYS = {"name", "parallel"}
_TENANT_KEYS = {"name", "path", "schemas", "ledger"}
_TARGET_KEYS = {"name", "profile", "dsn", "stage"}
_SYSTEM = ("pg_catalog", "information_schema", "pg_toast")


@dataclass(frozen=True, slots=True)
class Stage:
    """A group of targets that must all succeed before the next group starts."""

    name: str
    parallel: int | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """One database a rollout goes to: a saved profile, or a DSN without a password."""

    name: str
    stage: str
    profile: str | None = None
    dsn: str | None = None


@dataclass(frozen=True, slots=True)
class TenantSet:
    """One migrations folder applied to many schemas, each with its own ledger and lock."""

    name: str
    path: Path
    schemas: tuple[str, ...] = ()
    pattern: str | None = None
    ledger: str = DEFAULT_LEDGER

    def matching(self, existing: Iterable[str]) -> tuple[str, ...]:
        """The tenants of a database: the names given, or its schemas matching the pattern."""
        if self.pattern is None:
            return self.schemas
        names = sorted(set(existing))
        return tuple(
            s
            for s in names
            if not _system(s) and fnmatch.fnmatchcase(s, self.pattern) and NAME_PATTERN.fullmatch(s)
        )

    def modules(self, existing: Iterable[str], taken: Iterable[str] = ()) -> list[ModuleConfig]:
        """One module per tenant: pgdbm's defaults for a schema (module_name = the schema)."""
        used = set(taken)
        found = []
        for schema in self.matching(existing):
            name = schema if schema not in used else f"{self.name}.{schema}"
            used.add(name)
            found.append(
                ModuleConfig(
                    name=name, path=self.path, schema=schema, ledger=self.ledger, module_name=schema
                )
            )
        return found


@dataclass(frozen=True, slots=True)
class RolloutConfig:
    """Stages in order, targets, tenant sets and the caps on parallel work."""

    stages: tuple[Stage, ...]
    targets: tuple[Target, ...]
    tenants: tuple[TenantSet, ...] = ()
    parallel: int = DEFAULT_PARALLEL
    per_server: int = DEFAULT_PER_SERVER
    project: Path | None = None  # the file whose [[modules]] are applied
    source: Path | None = None

    def stage(self, name: str) -> Stage:
        """The stage called ``name`` (``ConfigError`` naming the known ones)."""
        for s in self.stages:
            if s.name == name:
                return s
        known = ", ".join(s.name for s in self.stages)
        raise ConfigError(say("rollout-no-stage", name=repr(name), known=known))

    def in_stage(self, name: str) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.stage == name)


def _system(schema: str) -> bool:
    return schema in _SYSTEM or schema.startswith(("pg_temp_", "pg_toast_temp_"))


def _positive(where: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(say("rollout-positive", where=where, key=repr(key)))
    return value


def _text(where: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(say("tenants-template-empty", where=where, key=repr(key)))
    return value


def load_targets(path: Path) -> RolloutConfig:
    """Read the targets (``[[targets]]``, ``[rollout]``) of a TOML file, checked throughout."""
    data = read_toml(path)
    if data is None:
        raise ConfigError(say("rollout-no-file", path=str(path)))
    root = path.resolve().parent
    rollout = checked_table(f"{path}: [rollout]", data.get("rollout", {}), _ROLLOUT_KEYS)
    where = f"{path}: [rollout]"
    parallel = _positive(where, "parallel", rollout.get("parallel", DEFAULT_PARALLEL))
    per_server = _positive(where, "per_server", rollout.get("per_server", DEFAULT_PER_SERVER))
    stages = _stages(path, rollout.get("stages", []))
    tenants = _tenants(path, root, rollout.get("tenants", []))
    targets = _targets(path, data.get("targets"))
    declared = {s.name for s in stages}
    for i, t in enumerate(targets):
        if stages and t.stage and t.stage not in declared:
            names = ", ".join(s.name for s in stages)
            raise ConfigError(
                say(
                    "rollout-stage-unknown",
                    path=str(path),
                    number=i + 1,
                    target=t.name,
                    stage=repr(t.stage),
                    stages=names,
                )
            )
    # A target without a stage: the last declared stage (never a canary by accident), else
    # one stage of its own.
    default = stages[-1].name if stages else DEFAULT_STAGE
    targets = tuple(replace(t, stage=t.stage or default) for t in targets)
    if not stages:  # stages in the order the targets first name them
        stages = tuple(Stage(name) for name in dict.fromkeys(t.stage for t in targets))
    project = rollout.get("project")
    if project is not None:
        project = root / _text(where, "project", project)
    elif "modules" in data:
        project = path.resolve()
    return RolloutConfig(
        stages=stages,
        targets=targets,
        tenants=tenants,
        parallel=parallel,
        per_server=per_server,
        project=project,
        source=path.resolve(),
    )


def _stages(path: Path, tables: Any) -> tuple[Stage, ...]:
    if not isinstance(tables, list):
        raise ConfigError(say("rollout-stages-list", path=str(path)))
    stages: list[Stage] = []
    for i, raw in enumerate(tables):
        where = f"{path}: [[rollout.stages]] #{i + 1}"
        entry = checked_table(where, raw, _STAGE_KEYS)
        name = _text(where, "name", entry.get("name"))
        if name in {s.name for s in stages}:
            raise ConfigError(say("rollout-second-stage", where=where, name=repr(name)))
        cap = entry.get("parallel")
        stages.append(Stage(name, None if cap is None else _positive(where, "parallel", cap)))
    return tuple(stages)


def _tenants(path: Path, root: Path, tables: Any) -> tuple[TenantSet, ...]:
    if not isinstance(tables, list):
        raise ConfigError(say("rollout-tenants-list", path=str(path)))
    found: list[TenantSet] = []
    for i, raw in enumerate(tables):
        where = f"{path}: [[rollout.tenants]] #{i + 1}"
        entry = checked_table(where, raw, _TENANT_KEYS)
        name = _text(where, "name", entry.get("name"))
        folder = root / _text(where, "path", entry.get("path"))
        ledger = _text(where, "ledger", entry.get("ledger", DEFAULT_LEDGER))
        if not NAME_PATTERN.fullmatch(ledger):
            raise ConfigError(say("module-ledger-name", where=where, ledger=repr(ledger)))
        schemas = entry.get("schemas")
        if isinstance(schemas, str) and schemas.strip():
            found.append(TenantSet(name, folder.resolve(), pattern=schemas, ledger=ledger))
            continue
        if not isinstance(schemas, list) or not schemas:
            raise ConfigError(say("rollout-schemas-kind", where=where))
        for s in schemas:
            if not isinstance(s, str) or not NAME_PATTERN.fullmatch(s) or _system(s):
                raise ConfigError(say("rollout-schema-name", where=where, schema=repr(s)))
        found.append(TenantSet(name, folder.resolve(), tuple(schemas), ledger=ledger))
    return tuple(found)


def _targets(path: Path, tables: Any) -> tuple[Target, ...]:
    if not isinstance(tables, list) or not tables:
        raise ConfigError(say("rollout-no-targets", path=str(path)))
    targets: list[Target] = []
    for i, raw in enumerate(tables):
        where = f"{path}: [[targets]] #{i + 1}"
        entry = checked_table(where, raw, _TARGET_KEYS)
        profile, dsn = entry.get("profile"), entry.get("dsn")
        if (profile is None) == (dsn is None):
            raise ConfigError(say("rollout-profile-or-dsn", where=where))
        if profile is not None:
            profile = _text(where, "profile", profile)
        if dsn is not None:
            dsn = _checked_dsn(where, _text(where, "dsn", dsn))
        name = entry.get("name")
        name = _text(where, "name", name) if name is not None else profile or _dsn_name(dsn or "")
        if name in {t.name for t in targets}:
            raise ConfigError(say("rollout-second-target", where=where, name=repr(name)))
        stage = entry.get("stage")
        stage = _text(where, "stage", stage) if stage is not None else ""
        targets.append(Target(name=name, stage=stage, profile=profile, dsn=dsn))
    return tuple(targets)


def _checked_dsn(where: str, dsn: str) -> str:
    try:
        parsed = pg_conninfo.conninfo_to_dict(dsn)
    except Exception:  # libpq's reason may quote the text back: never echo it
        raise ConfigError(say("rollout-dsn-bad", where=where)) from None
    if "password" in parsed:
        raise ConfigError(say("rollout-dsn-password", where=where))
    return dsn


def _dsn_name(dsn: str) -> str:
    info = pg_conninfo.conninfo_to_dict(dsn)
    host = info.get("host") or "local"
    return f"{info.get('user', '')}@{host}:{info.get('port', '5432')}/{info.get('dbname', '')}"
