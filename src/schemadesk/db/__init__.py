"""schemadesk.db layer."""
