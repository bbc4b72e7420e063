"""create orders.orders

Revision ID: d30000000002
Revises: d30000000001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d30000000002"
down_revision: str | Sequence[str] | None = "d30000000001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE TABLE orders.orders (id integer PRIMARY KEY)")


def downgrade() -> None:
    op.execute("DROP TABLE orders.orders")
