"""Tables of the built-in intaker inbox: intakers, their sessions and what the inbox received.

Changes go through a migration in bot/store/migrations/versions. Times are naive UTC.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.metadata import metadata

S = sa.String

intaker = sa.Table(
    "intaker",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("gebruikersnaam", S(80), nullable=False, unique=True),
    sa.Column("naam", S(200), nullable=False),
    sa.Column("wachtwoord_hash", S(300), nullable=False),
    sa.Column("actief", sa.Boolean, nullable=False),
    sa.Column("aangemaakt_op", sa.DateTime, nullable=False),
)

#: What the built-in inbox connector delivered, and who works on it.
inbox_item = sa.Table(
    "inbox_item",
    metadata,
    sa.Column("overdracht_id", S(36), sa.ForeignKey("overdracht.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("ontvangen_op", sa.DateTime, nullable=False),
    sa.Column("status", S(20), nullable=False, index=True),
    sa.Column("geclaimd_door", sa.Integer, sa.ForeignKey("intaker.id"), nullable=True),
    sa.Column("geclaimd_op", sa.DateTime, nullable=True),
    sa.Column("afgerond_op", sa.DateTime, nullable=True),
    sa.Column("versie", sa.Integer, nullable=False),
    #: What the intaker wrote when finishing (plain text).
    sa.Column("notitie", sa.Text, nullable=True),
)

inbox_sessie = sa.Table(
    "inbox_sessie",
    metadata,
    sa.Column("token_hash", S(64), primary_key=True),
    sa.Column("intaker_id", sa.Integer, sa.ForeignKey("intaker.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", S(64), nullable=False),
    sa.Column("verloopt_op", sa.DateTime, nullable=False),
)
