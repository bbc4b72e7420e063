"""What a Citus coordinator adds to the access catalog: nodes, where schemas live, table kinds.

Asked for only when ``CONTEXT`` found the citus extension (``CatalogContext.citus_version``), so
a plain server pays no extra round trip. The queries read Citus's metadata tables on the
coordinator; only ``CITUS_SIZES`` asks the nodes (``citus_shard_sizes``), and its failure (a node
down, a login the nodes refuse) leaves the sizes unknown instead of failing the catalog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, cast

from psycopg import sql

from schemadesk.core.citus import CitusCluster, CitusNode, CitusSchema, CitusTable

NODES: Final = sql.SQL(
    """
SELECT nodename::text, nodeport::int, groupid::int, isactive, noderole::text
  FROM pg_dist_node
 ORDER BY groupid, nodename, nodeport
"""
)

# Distributed schemas and the nodes that hold shards of each schema's tables.
SCHEMAS: Final = sql.SQL(
    """
SELECT n.nspname::text, ds.schemaid IS NOT NULL, ds.colocationid::int,
       coalesce(sh.nodes, '{}')::text[]
  FROM pg_namespace n
  LEFT JOIN pg_dist_schema ds ON ds.schemaid = n.oid
  LEFT JOIN (SELECT c.relnamespace,
                    array_agg(DISTINCT nd.nodename || ':' || nd.nodeport) AS nodes
               FROM pg_dist_shard s
               JOIN pg_dist_placement pl ON pl.shardid = s.shardid AND pl.shardstate = 1
               JOIN pg_dist_node nd ON nd.groupid = pl.groupid
               JOIN pg_class c ON c.oid = s.logicalrelid
              GROUP BY c.relnamespace) sh ON sh.relnamespace = n.oid
 WHERE ds.schemaid IS NOT NULL OR sh.relnamespace IS NOT NULL
"""
)

# Bytes of every shard of every schema's tables, summed over the nodes (asks each node).
SIZES: Final = sql.SQL(
    """
SELECT n.nspname::text, sum(css.size)::bigint
  FROM citus_shard_sizes() css
  JOIN pg_dist_shard ds ON ds.shardid = css.shard_id
  JOIN pg_class c ON c.oid = ds.logicalrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 GROUP BY n.nspname
"""
)

# The kinds as Citus's own citus_tables view names them.
TABLES: Final = sql.SQL(
    """
SELECT n.nspname::text, c.relname::text,
       CASE WHEN p.colocationid IN (SELECT colocationid FROM pg_dist_schema) THEN 'schema'
            WHEN p.partkey IS NOT NULL THEN 'distributed'
            WHEN p.repmodel = 't' THEN 'reference'
            WHEN p.colocationid = 0 THEN 'local'
            ELSE 'distributed'
       END
  FROM pg_dist_partition p
  JOIN pg_class c ON c.oid = p.logicalrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
"""
)

# Job key -> (catalog part it belongs to, query); the loader runs them beside the others.
JOBS: Final[tuple[tuple[str, str, sql.SQL], ...]] = (
    ("citus_nodes", "schemas", NODES),
    ("citus_schemas", "schemas", SCHEMAS),
    ("citus_sizes", "schemas", SIZES),
    ("citus_tables", "relations", TABLES),
)
TOLERANT: Final = frozenset({"citus_sizes"})  # may fail without failing the catalog
PROBLEMS: Final = "citus_problems"  # rows: (text,) of what could not be read


def row_builders() -> dict[str, Any]:
    """How one row of each Citus job becomes a value (the loader's ``_ROW_BUILDERS``)."""
    return {
        "citus_nodes": lambda row: CitusNode(*row),
        "citus_schemas": tuple,
        "citus_sizes": tuple,
        "citus_tables": lambda row: CitusTable(*row),
        PROBLEMS: lambda row: str(row[0]),
    }


def build_cluster(version: str, built: Mapping[str, Sequence[Any]]) -> CitusCluster:
    """The ``CitusCluster`` from the built rows of the Citus jobs."""
    sizes: dict[str, int] | None = None
    if "citus_sizes" in built and not built.get(PROBLEMS):
        sizes = {name: int(size) for name, size in built["citus_sizes"]}
    schemas: dict[str, CitusSchema] = {}
    for name, distributed, colocation, nodes in built.get("citus_schemas", ()):
        size = None if sizes is None else sizes.get(name, 0)
        schemas[name] = CitusSchema(bool(distributed), colocation, tuple(sorted(nodes)), size)
    problems = [str(p) for p in built.get(PROBLEMS, ())]
    return CitusCluster(
        version=version,
        nodes=tuple(cast(Sequence[CitusNode], built.get("citus_nodes", ()))),
        tables=tuple(cast(Sequence[CitusTable], built.get("citus_tables", ()))),
        problem="; ".join(problems) or None,
        schemas=schemas,
    )
