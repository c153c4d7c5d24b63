"""Tables of the knowledge base (SQLAlchemy Core). Changes go through a migration in
bot/store/migrations/versions; tests check that the migrations produce exactly these tables."""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.metadata import metadata  # noqa: E402  (shared with bot.handoff.tables and connectors.inbox.tables)

S = sa.String

bron = sa.Table(
    "kb_bron",
    metadata,
    sa.Column("id", S(80), primary_key=True),
    sa.Column("url", S(500), nullable=False),
    sa.Column("titel", S(300), nullable=False),
    sa.Column("geverifieerd", sa.Date, nullable=False),
)

route = sa.Table(
    "kb_route",
    metadata,
    sa.Column("id", S(80), primary_key=True),
    sa.Column("titel", S(200), nullable=False),
    sa.Column("baan", S(20), nullable=False),
    sa.Column("voltijd", sa.Boolean, nullable=False),
    sa.Column("deeltijd", sa.Boolean, nullable=False),
    sa.Column("voorbereiding", sa.Boolean, nullable=False),
    sa.Column("historisch", sa.Boolean, nullable=False),
    sa.Column("tekst", sa.Text, nullable=True),
    sa.Column("volgorde", sa.Integer, nullable=False),
)

route_naam = sa.Table(
    "kb_route_naam",
    metadata,
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("naam", S(200), primary_key=True),
)

route_sector = sa.Table(
    "kb_route_sector",
    metadata,
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector", S(20), primary_key=True),
)

eis = sa.Table(
    "kb_eis",
    metadata,
    sa.Column("id", S(120), primary_key=True),
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("volgorde", sa.Integer, nullable=False),
    sa.Column("soort", S(40), nullable=False),
    sa.Column("waarde", S(80), nullable=False),
    sa.Column("tekst", sa.Text, nullable=False),
    sa.Column("zeker", sa.Boolean, nullable=False),
)

feit = sa.Table(
    "kb_feit",
    metadata,
    sa.Column("id", S(120), primary_key=True),
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("onderwerp", S(40), nullable=False),
    sa.Column("tekst", sa.Text, nullable=False),
    sa.Column("kort", S(200), nullable=True),
    sa.Column("zeker", sa.Boolean, nullable=False),
)

stap = sa.Table(
    "kb_stap",
    metadata,
    sa.Column("id", S(80), primary_key=True),
    sa.Column("naam", S(200), nullable=False),
    sa.Column("tekst", sa.Text, nullable=False),
    sa.Column("voor", S(40), nullable=False),
    sa.Column("zeker", sa.Boolean, nullable=False),
)

route_stap = sa.Table(
    "kb_route_stap",
    metadata,
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("stap_id", S(80), sa.ForeignKey("kb_stap.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("volgorde", sa.Integer, nullable=False),
)

financiering = sa.Table(
    "kb_financiering",
    metadata,
    sa.Column("id", S(80), primary_key=True),
    sa.Column("naam", S(200), nullable=False),
    sa.Column("tekst", sa.Text, nullable=False),
    sa.Column("voor", S(40), nullable=False),
    sa.Column("zeker", sa.Boolean, nullable=False),
)

route_financiering = sa.Table(
    "kb_route_financiering",
    metadata,
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("financiering_id", S(80), sa.ForeignKey("kb_financiering.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("volgorde", sa.Integer, nullable=False),
)

vrijstelling = sa.Table(
    "kb_vrijstelling",
    metadata,
    sa.Column("id", S(80), primary_key=True),
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), nullable=True, index=True),
    sa.Column("voorwaarde", S(40), nullable=False),
    sa.Column("tekst", sa.Text, nullable=False),
    sa.Column("ec", sa.Integer, nullable=True),
    sa.Column("zeker", sa.Boolean, nullable=False),
)

instelling = sa.Table(
    "kb_instelling",
    metadata,
    sa.Column("id", S(80), primary_key=True),
    sa.Column("naam", S(200), nullable=False),
    sa.Column("plaats", S(100), nullable=False),
    sa.Column("provincie", S(40), nullable=False, index=True),
    sa.Column("url", S(500), nullable=False),
)

instelling_route = sa.Table(
    "kb_instelling_route",
    metadata,
    sa.Column("instelling_id", S(80), sa.ForeignKey("kb_instelling.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("route_id", S(80), sa.ForeignKey("kb_route.id", ondelete="CASCADE"), primary_key=True, index=True),
)

loket = sa.Table(
    "kb_loket",
    metadata,
    sa.Column("id", S(80), primary_key=True),
    sa.Column("naam", S(200), nullable=False),
    sa.Column("url", S(500), nullable=False),
    sa.Column("landelijk", sa.Boolean, nullable=False),
    sa.Column("zeker", sa.Boolean, nullable=False),
    sa.Column("volgorde", sa.Integer, nullable=False),
)

loket_provincie = sa.Table(
    "kb_loket_provincie",
    metadata,
    sa.Column("loket_id", S(80), sa.ForeignKey("kb_loket.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("provincie", S(40), primary_key=True, index=True),
)

tekortvak = sa.Table(
    "kb_tekortvak",
    metadata,
    sa.Column("vak", S(80), primary_key=True),
    sa.Column("mate", S(20), nullable=False),
)

verwantschap = sa.Table(
    "kb_verwantschap",
    metadata,
    sa.Column("studierichting", S(120), primary_key=True),
    sa.Column("schoolvak", S(80), primary_key=True),
    sa.Column("soort", S(20), nullable=False),
)

groep = sa.Table(
    "kb_groep",
    metadata,
    sa.Column("groep", S(80), primary_key=True),
    sa.Column("lid", S(120), primary_key=True),
)

#: Which source backs which fact: (soort, sleutel) names a row of one of the tables above.
bronvermelding = sa.Table(
    "kb_bronvermelding",
    metadata,
    sa.Column("soort", S(40), primary_key=True),
    sa.Column("sleutel", S(200), primary_key=True),
    sa.Column("bron_id", S(80), sa.ForeignKey("kb_bron.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("volgorde", sa.Integer, nullable=False),
)

meta = sa.Table(
    "kb_meta",
    metadata,
    sa.Column("sleutel", S(80), primary_key=True),
    sa.Column("waarde", sa.Text, nullable=False),
)
