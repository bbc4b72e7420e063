"""accounts: mfa flag

Revision ID: 4e6f8a0b2c35
Revises: 3c5d7e9f0a12
Create Date: 2026-11-10 15:45:00

Run with: alembic -x schema=auth upgrade auth@head
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4e6f8a0b2c35"
down_revision: str | Sequence[str] | None = "3c5d7e9f0a12"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "accounts",
        sa.Column("mfa_enabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        schema="auth",
    )


def downgrade() -> None:
    op.drop_column("accounts", "mfa_enabled", schema="auth")
