"""Alembic modules: a branch label per schema, one chain per tenant schema, or any env.py.

Pure: reads ``schemadesk.toml`` and the script directory (Alembic's own ``ScriptDirectory``,
imported lazily to keep the CLI's start fast), computes status and builds the offline preview.
Reading version tables and running upgrades live in ``schemadesk.db.alembic``.
"""
