"""stock levels: reorder level

Revision ID: 8e4a6c8d0f23
Revises: 7d3f5b7c9e12
Create Date: 2026-11-18 12:30:00

Run with: alembic -x schema=inventory upgrade inventory@head
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8e4a6c8d0f23"
down_revision: str | Sequence[str] | None = "7d3f5b7c9e12"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "stock_levels",
        sa.Column("reorder_level", sa.Integer(), nullable=False, server_default="5"),
        schema="inventory",
    )


def downgrade() -> None:
    op.drop_column("stock_levels", "reorder_level", schema="inventory")
