"""schemadesk.core layer."""
