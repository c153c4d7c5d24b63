"""Tables of handoffs and their deliveries (the outbox).

Changes go through a migration in bot/store/migrations/versions. Times are naive UTC.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.metadata import metadata

S = sa.String

#: One handoff: the summary the person consented to share. Its id is the idempotency key.
overdracht = sa.Table(
    "overdracht",
    metadata,
    sa.Column("id", S(36), primary_key=True),
    sa.Column("conversation_id", S(255), nullable=False, index=True),
    sa.Column("aangemaakt_op", sa.DateTime, nullable=False),
    sa.Column("samenvatting", sa.Text, nullable=False),
)

#: The outbox: one row per handoff and connector, written in the same transaction.
aflevering = sa.Table(
    "aflevering",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("overdracht_id", S(36), sa.ForeignKey("overdracht.id", ondelete="CASCADE"), nullable=False),
    sa.Column("connector", S(40), nullable=False),
    sa.Column("status", S(20), nullable=False),
    sa.Column("pogingen", sa.Integer, nullable=False),
    sa.Column("volgende_poging", sa.DateTime, nullable=False, index=True),
    sa.Column("vergrendeld_tot", sa.DateTime, nullable=True),
    #: Token of the current claim; a worker changes the row only while it holds this token.
    sa.Column("lease", S(36), nullable=True),
    sa.Column("laatste_fout", sa.Text, nullable=True),
    sa.Column("afgeleverd_op", sa.DateTime, nullable=True),
    sa.UniqueConstraint("overdracht_id", "connector", name="uq_aflevering_overdracht_connector"),
)
