"""Plain data the gateway returns and the views render. Frozen: nothing edits a loaded row."""

from __future__ import annotations

from dataclasses import dataclass

from schemadesk.core.citus import CitusSchema


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """Who and where we are connected: shown in the status bar and the smoke report."""

    server_version: str
    server_version_num: int
    user: str
    database: str
    host: str
    port: int
    read_only: bool
    # The citus extension is installed: several statements must be sent one by one.
    citus: bool = False

    @property
    def major(self) -> int:
        return self.server_version_num // 10000


@dataclass(frozen=True, slots=True)
class SchemaInfo:
    """One schema with its owner, object counts, size on disk and comment.

    ``acl`` is the raw ``aclitem[]`` text form (``None`` means the default privileges);
    ``size_bytes`` is ``None`` until the (slower) size query has run.
    """

    name: str
    owner: str
    tables: int
    views: int
    sequences: int
    functions: int
    size_bytes: int | None
    comment: str | None
    acl: tuple[str, ...] | None
    extension: str | None = None  # the extension the schema belongs to (not a service's)
    citus: CitusSchema | None = None  # where it lives, on a Citus coordinator only

    @property
    def is_system(self) -> bool:
        return self.name.startswith("pg_") or self.name == "information_schema"
