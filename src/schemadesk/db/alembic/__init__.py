"""Alembic modules against the database: version tables, snapshots, upgrades in a worker thread."""
