"""init inventory schema

Revision ID: 5b1d3f5a7c90
Revises:
Create Date: 2026-09-01 10:05:00

Run with: alembic -x schema=inventory upgrade inventory@head
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5b1d3f5a7c90"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("inventory",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS inventory")


def downgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS inventory CASCADE")
