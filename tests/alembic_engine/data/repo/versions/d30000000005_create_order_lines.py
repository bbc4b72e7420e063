"""order lines (depends_on catalog's first revision: the catalog schema must exist)

Revision ID: d30000000005
Revises: d30000000004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d30000000005"
down_revision: str | Sequence[str] | None = "d30000000004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = ("c20000000001",)


def upgrade() -> None:
    op.execute(
        "CREATE TABLE orders.order_lines (order_id integer REFERENCES orders.orders, sku text)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE orders.order_lines")
