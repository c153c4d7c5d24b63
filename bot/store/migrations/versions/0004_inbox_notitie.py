"""Inbox: the intaker's notes when finishing a handoff.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbox_item") as table:
        table.add_column(sa.Column("notitie", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inbox_item") as table:
        table.drop_column("notitie")
