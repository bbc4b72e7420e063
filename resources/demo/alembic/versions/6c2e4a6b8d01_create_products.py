"""create products

Revision ID: 6c2e4a6b8d01
Revises: 5b1d3f5a7c90
Create Date: 2026-09-04 13:20:00

Run with: alembic -x schema=inventory upgrade inventory@head

depends_on auth's first revision: the inventory service looks up auth.accounts, so the team made
sure auth's schema exists first. A cross-branch trap in this layout: upgrading inventory on an
empty database also runs that auth revision, recorded in inventory's version table (harmless
here, CREATE SCHEMA IF NOT EXISTS; anything else would run auth's DDL a second time).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6c2e4a6b8d01"
down_revision: str | Sequence[str] | None = "5b1d3f5a7c90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = ("1f0c8a2b3d4e",)


def upgrade() -> None:
    products = op.create_table(
        "products",
        sa.Column("sku", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("price", sa.Numeric(10, 2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        schema="inventory",
    )
    op.bulk_insert(
        products,
        [
            {"sku": "KB-001", "name": "Mechanical keyboard", "price": 89.00, "active": True},
            {"sku": "MS-002", "name": "Wireless mouse", "price": 24.50, "active": True},
            {"sku": "MON-027", "name": "27-inch monitor", "price": 329.99, "active": True},
            {"sku": "CAB-100", "name": "USB-C cable, 1 m", "price": 7.25, "active": False},
        ],
    )


def downgrade() -> None:
    op.drop_table("products", schema="inventory")
