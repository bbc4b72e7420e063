"""create accounts

Revision ID: 2a9e4b7c1d03
Revises: 1f0c8a2b3d4e
Create Date: 2026-09-02 11:30:00

Run with: alembic -x schema=auth upgrade auth@head
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2a9e4b7c1d03"
down_revision: str | Sequence[str] | None = "1f0c8a2b3d4e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), sa.Identity(), primary_key=True),
        sa.Column("login", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        schema="auth",
    )


def downgrade() -> None:
    op.drop_table("accounts", schema="auth")
