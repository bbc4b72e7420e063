"""create accounts.users

Revision ID: a10000000002
Revises: a10000000001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a10000000002"
down_revision: str | Sequence[str] | None = "a10000000001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE TABLE accounts.users (id integer PRIMARY KEY, login text NOT NULL UNIQUE)")


def downgrade() -> None:
    op.execute("DROP TABLE accounts.users")
