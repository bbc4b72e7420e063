"""init accounts schema

Revision ID: a10000000001
Revises: None
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a10000000001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("accounts",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS accounts")


def downgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS accounts CASCADE")
