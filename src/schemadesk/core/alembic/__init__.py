"""Alembic modules: one repository, one branch label and one version table per schema.

Pure: reads ``schemadesk.toml`` and the script directory (Alembic's own ``ScriptDirectory``,
imported lazily: Alembic is the optional ``alembic`` extra), computes status and builds the
offline preview. Reading version tables and running upgrades live in ``schemadesk.db.alembic``.
"""
