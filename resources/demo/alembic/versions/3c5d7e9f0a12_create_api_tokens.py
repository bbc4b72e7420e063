"""create api tokens

Revision ID: 3c5d7e9f0a12
Revises: 2a9e4b7c1d03
Create Date: 2026-10-05 09:10:00

Run with: alembic -x schema=auth upgrade auth@head
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c5d7e9f0a12"
down_revision: str | Sequence[str] | None = "2a9e4b7c1d03"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("auth.accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("scopes", sa.Text(), nullable=False, server_default=""),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        schema="auth",
    )
    op.create_index("ix_api_tokens_account_id", "api_tokens", ["account_id"], schema="auth")


def downgrade() -> None:
    op.drop_index("ix_api_tokens_account_id", table_name="api_tokens", schema="auth")
    op.drop_table("api_tokens", schema="auth")
