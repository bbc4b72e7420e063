"""Access catalog reads and change-set application, on the pool of one ``Database``.

Public API (every coroutine runs on the gateway loop; the CLI uses ``Gateway.call``):

- ``load_catalog(pool, parts=...)`` -> ``core.access.models.Catalog``: schemas, roles with
  settings, memberships, tables/views/sequences, functions and default privileges, each kind with
  one aggregated query; a part the login may not read is listed in ``Catalog.unavailable``.
  In two halves for the window: ``fetch_catalog_rows(pool, parts)`` on the gateway, then
  ``CatalogBuilder(rows).steps()`` in slices on the UI loop and ``.build()``.
- ``schema_sizes(pool, names)``: exact on-disk size of some schemas (the catalog's
  ``Schema.size_bytes`` is the planner's estimate, cheap on 40,000 tables).
- ``apply_change_set(pool, change_set)`` -> ``ApplyResult``: runs every statement in one
  transaction (all or nothing), re-reads the catalog and reports which expectations still fail.
- ``render_change_set(pool, change_set)`` -> the exact SQL text, quoted by the server connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemadesk.core.lazy_names import lazy_names

# Loaded on first use (PEP 562): ``schemas`` and ``roles`` read the catalog and never apply a
# change set; importing ``apply`` (and the change-set engine behind it) cost every start.
if TYPE_CHECKING:
    from schemadesk.db.access.apply import (
        ApplyResult,
        ChangeSetFailed,
        apply_change_set,
        render_change_set,
    )
    from schemadesk.db.access.loader import (
        ALL_PARTS,
        CatalogBuilder,
        CatalogRows,
        fetch_catalog_rows,
        load_catalog,
        schema_sizes,
    )

_HOMES = {
    "ApplyResult": "schemadesk.db.access.apply",
    "ChangeSetFailed": "schemadesk.db.access.apply",
    "apply_change_set": "schemadesk.db.access.apply",
    "render_change_set": "schemadesk.db.access.apply",
    "ALL_PARTS": "schemadesk.db.access.loader",
    "CatalogBuilder": "schemadesk.db.access.loader",
    "CatalogRows": "schemadesk.db.access.loader",
    "fetch_catalog_rows": "schemadesk.db.access.loader",
    "load_catalog": "schemadesk.db.access.loader",
    "schema_sizes": "schemadesk.db.access.loader",
}


__getattr__ = lazy_names(__name__, _HOMES, globals())


__all__ = [
    "ALL_PARTS",
    "ApplyResult",
    "CatalogBuilder",
    "CatalogRows",
    "ChangeSetFailed",
    "apply_change_set",
    "fetch_catalog_rows",
    "load_catalog",
    "render_change_set",
    "schema_sizes",
]
