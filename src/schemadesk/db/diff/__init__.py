"""Reading what a comparison needs from one database: its access catalog and its migration
state (every pgdbm ledger's rows, every Alembic version table's heads).

``load_side(database)`` -> ``DiffSide``; the two sides load side by side on the gateway.
``load_structures(database, schemas)``: object details (core/objects) of the compared schemas.
"""

from schemadesk.db.diff.loader import (
    DiffSide,
    columns_present,
    load_side,
    load_sides,
    load_structures,
    migration_state,
)

__all__ = [
    "DiffSide",
    "columns_present",
    "load_side",
    "load_sides",
    "load_structures",
    "migration_state",
]
