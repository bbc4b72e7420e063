"""Reading what a comparison needs from one database: its access catalog and its migration
state (every pgdbm ledger's rows, every Alembic version table's heads).

``load_side(database)`` -> ``DiffSide``; the two sides load side by side on the gateway.
"""

from schemadesk.db.diff.loader import DiffSide, load_side, load_sides, migration_state

__all__ = ["DiffSide", "load_side", "load_sides", "migration_state"]
