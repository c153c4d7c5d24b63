"""Outbox lease token: each claim gets its own token; only its holder changes the row.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("aflevering") as table:
        table.add_column(sa.Column("lease", sa.String(36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("aflevering") as table:
        table.drop_column("lease")
