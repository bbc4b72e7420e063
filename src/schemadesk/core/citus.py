"""A Citus cluster as the coordinator describes it: its nodes, where each schema lives, and
what kind of Citus table each table is. Present only on a coordinator (``Catalog.citus``);
a plain server has none of it.

With schema-based sharding (Citus 12+) a *distributed schema* lives whole on one node, in its
own colocation group; ``citus_schema_move`` moves it to another node.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

# "schema": a table of a distributed schema (one shard, on the schema's node); "distributed":
# hash-distributed over the workers; "reference": a copy on every node; "local": only on the
# coordinator (in Citus's metadata or not).
CitusTableKind = Literal["schema", "distributed", "reference", "local"]


@dataclass(frozen=True, slots=True)
class CitusNode:
    """A row of ``pg_dist_node``; group 0 is the coordinator."""

    host: str
    port: int
    group_id: int
    active: bool
    role: str = "primary"

    @property
    def is_coordinator(self) -> bool:
        return self.group_id == 0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class CitusSchema:
    """Where a schema lives on the cluster.

    ``nodes`` are the ``host:port`` of the nodes holding shards of its tables (one for a
    distributed schema with tables; none before its first table). ``size_bytes`` sums its
    shards on every node; None when the nodes could not be asked.
    """

    distributed: bool
    colocation_id: int | None
    nodes: tuple[str, ...]
    size_bytes: int | None


@dataclass(frozen=True, slots=True)
class CitusTable:
    """The Citus kind of one table that is in Citus's metadata."""

    schema: str
    name: str
    kind: CitusTableKind


@dataclass(frozen=True)
class CitusCluster:
    """The cluster seen from its coordinator: Citus version, nodes, table kinds.

    ``problem`` says what could not be read (a node that did not answer the size query).
    """

    version: str
    nodes: tuple[CitusNode, ...] = ()
    tables: tuple[CitusTable, ...] = ()
    problem: str | None = None
    schemas: Mapping[str, CitusSchema] = field(default_factory=dict)

    @property
    def workers(self) -> tuple[CitusNode, ...]:
        return tuple(n for n in self.nodes if not n.is_coordinator)

    @cached_property
    def _kinds(self) -> dict[tuple[str, str], CitusTableKind]:
        return {(t.schema, t.name): t.kind for t in self.tables}

    def table_kind(self, schema: str, name: str) -> CitusTableKind:
        """A table's Citus kind; tables Citus does not know stay on the coordinator."""
        return self._kinds.get((schema, name), "local")

    def schema(self, name: str) -> CitusSchema:
        """Where ``name`` lives; a schema with no Citus tables is on the coordinator only."""
        return self.schemas.get(name, CitusSchema(False, None, (), None))
