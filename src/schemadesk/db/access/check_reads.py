"""What ``schemadesk check`` reads: the whole access catalog but the schemas' counts and sizes,
which no convention looks at (a pass over ``pg_class``: a second of server time at 10,000
tenant schemas, beside the relations' query on a machine's few cores); on a Citus coordinator
each worker's catalog as well."""

from __future__ import annotations

from schemadesk.core.access.models import Catalog
from schemadesk.db.access.loader import ALL_PARTS, CatalogBuilder, fetch_catalog_rows
from schemadesk.db.citus_nodes import load_node_catalogs, read_cluster
from schemadesk.db.connects import Connects

# The loader's job left out (see ``loader.fetch_catalog_rows``).
NOT_READ = ("schema_counts",)


async def check_cluster(
    pool: Connects, *, catalog_needed: bool
) -> tuple[Catalog | None, dict[str, Catalog | str]]:
    """``citus_nodes.read_cluster`` for the check: the catalog without the schemas' counts
    and sizes, and on a Citus coordinator each worker's catalog."""
    if not catalog_needed:
        return await read_cluster(pool, catalog_needed=False)
    rows = await fetch_catalog_rows(pool, ALL_PARTS, skip=NOT_READ)
    catalog = CatalogBuilder(rows).build()
    if catalog.citus is None:
        return catalog, {}
    return catalog, await load_node_catalogs(pool)
