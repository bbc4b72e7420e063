"""schemadesk.ui layer."""
