"""init orders schema

Revision ID: d30000000001
Revises: None
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d30000000001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("orders",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS orders")


def downgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS orders CASCADE")
