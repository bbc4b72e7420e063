"""The demo database: the project shipped in ``schemadesk.resources/demo`` and its seed.

``await seed_demo(conn)`` builds the demo in an empty database and returns a ``SeedSummary``.
"""

from __future__ import annotations

from schemadesk.demo.content import alembic_ini, demo_dir, project_file
from schemadesk.demo.seed import DemoSeedError, seed_demo
from schemadesk.demo.summary import BrokenGrant, ModuleState, SeedSummary

__all__ = [
    "BrokenGrant",
    "DemoSeedError",
    "ModuleState",
    "SeedSummary",
    "alembic_ini",
    "demo_dir",
    "project_file",
    "seed_demo",
]
