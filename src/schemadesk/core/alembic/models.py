"""Plain data of the Alembic engine: version tables, revisions, the script side's view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schemadesk.core.alembic.config import AlembicModule
from schemadesk.core.migrations.models import ModuleStatus


@dataclass(frozen=True, slots=True)
class VersionTable:
    """A version table as read from the database: one row per current head, no history.

    ``exists`` False: the table is not there (nothing applied yet). ``readable`` False: it is
    there but the login may not SELECT from it (``heads`` then empty).
    """

    schema: str
    name: str
    heads: tuple[str, ...] = ()
    exists: bool = True
    readable: bool = True
    schema_exists: bool = True


@dataclass(frozen=True, slots=True)
class AlembicRevision:
    """One revision file of the script directory."""

    revision: str
    down_revisions: tuple[str, ...]
    branch_labels: tuple[str, ...]  # declared in the file (not inherited from ancestors)
    depends_on: tuple[str, ...]
    message: str
    path: Path

    @property
    def filename(self) -> str:
        return self.path.name

    @property
    def is_merge(self) -> bool:
        return len(self.down_revisions) > 1


@dataclass(frozen=True, slots=True)
class ApplyStep:
    """One ``command.upgrade`` of an apply: up to ``revision`` (of the module's own line).

    ``runs`` lists every revision the upgrade runs, in order: ``depends_on`` revisions of other
    branches first, then ``revision``. ``target`` is what is handed to ``command.upgrade``.
    """

    revision: str
    target: str
    runs: tuple[str, ...]
    filename: str


@dataclass(frozen=True, slots=True)
class ScriptState:
    """The script directory seen against a version table's heads.

    ``lineage``: what ``<branch>@head`` runs from base, base first (dependencies included).
    ``own``: the branch's own line (down revisions only, through merges). ``applied``:
    ancestors of the known heads, base first. ``pending``: what ``<branch>@head`` would run
    now, in order. ``unknown``: heads in the version table the scripts do not know.
    """

    revisions: tuple[AlembicRevision, ...]
    script_heads: tuple[str, ...]
    lineage: tuple[str, ...]
    own: frozenset[str]
    applied: tuple[str, ...]
    pending: tuple[str, ...]
    unknown: tuple[str, ...]
    foreign: tuple[str, ...] = ()  # known heads not on the branch's lineage
    steps: tuple[ApplyStep, ...] = ()  # the upgrades an apply runs, in order
    current: tuple[str, ...] = ()  # what `alembic current` lists: heads and their depends_on

    def revision(self, revision: str) -> AlembicRevision | None:
        for r in self.revisions:
            if r.revision == revision:
                return r
        return None

    def filename(self, revision: str) -> str:
        """The revision's file name, or the revision id when the scripts do not know it."""
        found = self.revision(revision)
        return found.filename if found is not None else revision


@dataclass(frozen=True, slots=True)
class AlembicSnapshot:
    """One Alembic module as loaded: configuration, version table, scripts and status.

    ``scripts`` is None when Alembic is not installed, the module was only detected in the
    database, or the script directory could not be read (``status.problems`` says which).
    ``pairing`` is the reason the branch and schema are refused as a pair, or None.
    """

    module: AlembicModule
    version_table: VersionTable
    scripts: ScriptState | None
    status: ModuleStatus
    pairing: str | None = None

    @property
    def heads(self) -> tuple[str, ...]:
        return self.version_table.heads

    @property
    def pending(self) -> tuple[str, ...]:
        return self.scripts.pending if self.scripts is not None else ()

    @property
    def can_apply(self) -> bool:
        """Scripts known, something pending, the pair accepted, no unknown heads."""
        return (
            self.scripts is not None
            and bool(self.scripts.pending)
            and self.pairing is None
            and not self.scripts.unknown
            and self.version_table.readable
        )


@dataclass(frozen=True, slots=True)
class ServerIdentity:
    """What a server says of itself on a connection: which cluster, which database.

    Two connections reach the same database when ``key`` is equal: the cluster's system
    identifier (None when the login may not read ``pg_control_system()``), its start time, the
    port it listens on and the database. The address only says how it was reached.
    """

    system_identifier: str | None
    started: str
    port: str
    database: str
    address: str | None

    @property
    def key(self) -> tuple[str | None, str, str, str]:
        return (self.system_identifier, self.started, self.port, self.database)

    def describe(self) -> str:
        """``database "x" on the server at 10.0.0.5 port 5432 (system 7716…, started …)``."""
        where = f"at {self.address}" if self.address else "through a local socket"
        system = f"system {self.system_identifier}, " if self.system_identifier else ""
        return (
            f'database "{self.database}" on the server {where} port {self.port} '
            f"({system}started {self.started})"
        )
