"""merge orders and notes

Revision ID: d30000000004
Revises: d30000000002, d30000000003
"""

from collections.abc import Sequence

revision: str = "d30000000004"
down_revision: str | Sequence[str] | None = ("d30000000002", "d30000000003")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
