"""Data shipped with schemadesk: icons, demo migrations, translations."""
