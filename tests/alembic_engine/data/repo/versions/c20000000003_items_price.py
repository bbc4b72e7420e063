"""items get a price

Revision ID: c20000000003
Revises: c20000000002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c20000000003"
down_revision: str | Sequence[str] | None = "c20000000002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE catalog.items ADD COLUMN price numeric(10, 2)")


def downgrade() -> None:
    op.execute("ALTER TABLE catalog.items DROP COLUMN price")
