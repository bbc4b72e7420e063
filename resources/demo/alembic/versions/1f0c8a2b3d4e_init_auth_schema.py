"""init auth schema

Revision ID: 1f0c8a2b3d4e
Revises:
Create Date: 2026-09-01 10:00:00

Run with: alembic -x schema=auth upgrade auth@head
"""

from collections.abc import Sequence

from alembic import op

revision: str = "1f0c8a2b3d4e"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("auth",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS auth")


def downgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS auth CASCADE")
