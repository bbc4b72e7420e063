"""create orders.notes (a second line of work)

Revision ID: d30000000003
Revises: d30000000001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d30000000003"
down_revision: str | Sequence[str] | None = "d30000000001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE TABLE orders.notes (id integer PRIMARY KEY, body text)")


def downgrade() -> None:
    op.execute("DROP TABLE orders.notes")
