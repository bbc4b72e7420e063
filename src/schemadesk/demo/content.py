"""The demo project shipped in ``schemadesk.resources/demo`` and the state the seed gives it.

Layout of ``resources/demo/``:

- ``schemadesk.toml``: the project file (pgdbm modules ``users``, ``orders``; Alembic modules
  ``auth``, ``inventory``);
- ``services/<module>/migrations/*.sql``: the pgdbm migrations as they are on disk today;
- ``history/<module>/*.sql``: what the database saw but the folder no longer has: the older text
  of a file edited after it was applied (drift), and a file deleted after it was applied;
- ``alembic/``: one Alembic repository, one branch label and version table per schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from schemadesk.core.errors import SchemadeskError


@dataclass(frozen=True, slots=True)
class PgdbmPlan:
    """Which files of a pgdbm module the seed applies, and how.

    ``applied``: files from the folder, applied as they are. ``drifted``: applied from their
    older text in ``history/`` (so the ledger's checksum differs from the file's).
    ``missing``: applied from ``history/``, absent from the folder. Everything else in the folder
    stays pending.
    """

    name: str
    schema: str
    folder: str  # relative to the demo root
    applied: tuple[str, ...]
    drifted: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    ledger: str = "schema_migrations"
    comment: str = ""


@dataclass(frozen=True, slots=True)
class AlembicPlan:
    """An Alembic schema of the demo, upgraded by the seed to ``seeded_head`` only."""

    name: str
    schema: str
    branch: str
    version_table: str
    revisions: tuple[str, ...]  # the branch from base to head, as the repository has it
    seeded_head: str
    comment: str = ""

    @property
    def seeded(self) -> tuple[str, ...]:
        """Revisions applied by the seed, base first."""
        return self.revisions[: self.revisions.index(self.seeded_head) + 1]

    @property
    def pending(self) -> tuple[str, ...]:
        """Revisions ``<branch>@head`` would still run, in order."""
        return self.revisions[len(self.seeded) :]


PGDBM_MODULES = (
    PgdbmPlan(
        name="users",
        schema="users",
        folder="services/users/migrations",
        applied=(
            "001_create_users.sql",
            "002_user_profiles.sql",
            "003_touch_updated_at.sql",
            "005_seed_demo_users.sql",
        ),
        # Sessions moved to the auth service; the file was deleted, its table stayed.
        missing=("004_login_sessions.sql",),
        comment="Accounts and profiles of the shop's users (pgdbm migrations)",
    ),
    PgdbmPlan(
        name="orders",
        schema="orders",
        folder="services/orders/migrations",
        applied=(
            "001_create_orders.sql",
            "002_order_items.sql",
            "004_seed_demo_orders.sql",
        ),
        # Someone added rounding to the function's file after it had been applied.
        drifted=("003_order_total_function.sql",),
        comment="Orders and order lines (pgdbm migrations)",
    ),
)

ALEMBIC_MODULES = (
    AlembicPlan(
        name="auth",
        schema="auth",
        branch="auth",
        version_table="alembic_version_auth",
        revisions=("1f0c8a2b3d4e", "2a9e4b7c1d03", "3c5d7e9f0a12", "4e6f8a0b2c35"),
        seeded_head="2a9e4b7c1d03",
        comment="Logins and API tokens (Alembic, branch auth)",
    ),
    AlembicPlan(
        name="inventory",
        schema="inventory",
        branch="inventory",
        version_table="alembic_version_inventory",
        revisions=("5b1d3f5a7c90", "6c2e4a6b8d01", "7d3f5b7c9e12", "8e4a6c8d0f23"),
        seeded_head="6c2e4a6b8d01",
        comment="Products and stock levels (Alembic, branch inventory)",
    ),
)

DEMO_SCHEMAS = tuple(m.schema for m in PGDBM_MODULES) + tuple(m.schema for m in ALEMBIC_MODULES)


def demo_dir() -> Path:
    """The ``demo`` folder of the installed resources, as a real directory."""
    root = resources.files("schemadesk.resources") / "demo"
    path = Path(str(root))
    if not (path / "schemadesk.toml").is_file():
        raise SchemadeskError(f"the demo project is not installed as files (looked in {path})")
    return path


def project_file() -> Path:
    """The demo's ``schemadesk.toml``."""
    return demo_dir() / "schemadesk.toml"


def alembic_ini() -> Path:
    """The demo Alembic repository's ``alembic.ini``."""
    return demo_dir() / "alembic" / "alembic.ini"


def history_file(plan: PgdbmPlan, filename: str) -> Path:
    """The text the database saw for ``filename`` (drifted or missing), from ``history/``."""
    return demo_dir() / "history" / plan.name / filename
