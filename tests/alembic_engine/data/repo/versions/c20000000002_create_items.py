"""create catalog.items

Revision ID: c20000000002
Revises: c20000000001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c20000000002"
down_revision: str | Sequence[str] | None = "c20000000001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE TABLE catalog.items (sku text PRIMARY KEY, name text NOT NULL)")


def downgrade() -> None:
    op.execute("DROP TABLE catalog.items")
