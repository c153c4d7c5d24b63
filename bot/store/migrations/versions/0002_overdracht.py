"""Overdracht: handoffs, the outbox (aflevering), intakers, the inbox and its sessions.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

S = sa.String


def upgrade() -> None:
    op.create_table(
        "overdracht",
        sa.Column("id", S(36), primary_key=True),
        sa.Column("conversation_id", S(255), nullable=False, index=True),
        sa.Column("aangemaakt_op", sa.DateTime, nullable=False),
        sa.Column("samenvatting", sa.Text, nullable=False),
    )
    op.create_table(
        "aflevering",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("overdracht_id", S(36), sa.ForeignKey("overdracht.id", ondelete="CASCADE"), nullable=False),
        sa.Column("connector", S(40), nullable=False),
        sa.Column("status", S(20), nullable=False),
        sa.Column("pogingen", sa.Integer, nullable=False),
        sa.Column("volgende_poging", sa.DateTime, nullable=False, index=True),
        sa.Column("vergrendeld_tot", sa.DateTime, nullable=True),
        sa.Column("laatste_fout", sa.Text, nullable=True),
        sa.Column("afgeleverd_op", sa.DateTime, nullable=True),
        sa.UniqueConstraint("overdracht_id", "connector", name="uq_aflevering_overdracht_connector"),
    )
    op.create_table(
        "intaker",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("gebruikersnaam", S(80), nullable=False, unique=True),
        sa.Column("naam", S(200), nullable=False),
        sa.Column("wachtwoord_hash", S(300), nullable=False),
        sa.Column("actief", sa.Boolean, nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime, nullable=False),
    )
    op.create_table(
        "inbox_item",
        sa.Column("overdracht_id", S(36), sa.ForeignKey("overdracht.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("ontvangen_op", sa.DateTime, nullable=False),
        sa.Column("status", S(20), nullable=False, index=True),
        sa.Column("geclaimd_door", sa.Integer, sa.ForeignKey("intaker.id"), nullable=True),
        sa.Column("geclaimd_op", sa.DateTime, nullable=True),
        sa.Column("afgerond_op", sa.DateTime, nullable=True),
        sa.Column("versie", sa.Integer, nullable=False),
    )
    op.create_table(
        "inbox_sessie",
        sa.Column("token_hash", S(64), primary_key=True),
        sa.Column("intaker_id", sa.Integer, sa.ForeignKey("intaker.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", S(64), nullable=False),
        sa.Column("verloopt_op", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("inbox_sessie", "inbox_item", "intaker", "aflevering", "overdracht"):
        op.drop_table(table)
