"""create stock levels

Revision ID: 7d3f5b7c9e12
Revises: 6c2e4a6b8d01
Create Date: 2026-10-12 08:00:00

Run with: alembic -x schema=inventory upgrade inventory@head
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d3f5b7c9e12"
down_revision: str | Sequence[str] | None = "6c2e4a6b8d01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stock_levels",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column(
            "sku",
            sa.String(32),
            sa.ForeignKey("inventory.products.sku", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("warehouse", sa.String(32), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False, server_default="0"),
        sa.UniqueConstraint("sku", "warehouse", name="uq_stock_levels_sku_warehouse"),
        schema="inventory",
    )


def downgrade() -> None:
    op.drop_table("stock_levels", schema="inventory")
