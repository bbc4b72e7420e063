"""schemadesk: a desktop manager for PostgreSQL databases with one schema per service."""

__version__ = "0.1.0"
