"""What ``schemadesk check`` reads: the whole access catalog but the schemas' counts and sizes,
which no convention looks at (a pass over ``pg_class``: a second of server time at 10,000
tenant schemas, beside the relations' query on a machine's few cores); on a Citus coordinator
each worker's catalog as well."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemadesk.core.access.models import Catalog
from schemadesk.db.access.loader import load_catalog
from schemadesk.db.citus_nodes import load_node_catalogs, read_cluster
from schemadesk.db.connects import Connects

if TYPE_CHECKING:
    from schemadesk.core.access.convention_model import Convention

# The loader's job left out (see ``loader.fetch_catalog_rows``).
NOT_READ = ("schema_counts",)


async def check_cluster(
    pool: Connects, *, catalog_needed: bool, links_for: Convention | None = None
) -> tuple[Catalog | None, dict[str, Catalog | str]]:
    """``citus_nodes.read_cluster`` for the check: the catalog without the schemas' counts
    and sizes, and on a Citus coordinator each worker's catalog; ``links_for``: see
    ``loader.load_catalog``."""
    if not catalog_needed:
        return await read_cluster(pool, catalog_needed=False)
    catalog = await load_catalog(pool, skip=NOT_READ, links_for=links_for)
    if catalog.citus is None:
        return catalog, {}
    return catalog, await load_node_catalogs(pool)
