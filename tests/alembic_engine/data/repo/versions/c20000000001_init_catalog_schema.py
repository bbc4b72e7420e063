"""init catalog schema

Revision ID: c20000000001
Revises: None
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c20000000001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("catalog",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS catalog")


def downgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS catalog CASCADE")
