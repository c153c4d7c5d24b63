"""Kennisbank: routes, eisen, feiten, stappen, financiering, vrijstellingen, instellingen,
loketten, tekortvakken, verwantschap en bronnen.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

S = sa.String


def _fk(column: str, target: str, **kwargs):
    return sa.Column(column, S(80), sa.ForeignKey(target, ondelete="CASCADE"), **kwargs)


def upgrade() -> None:
    op.create_table(
        "kb_bron",
        sa.Column("id", S(80), primary_key=True),
        sa.Column("url", S(500), nullable=False),
        sa.Column("titel", S(300), nullable=False),
        sa.Column("geverifieerd", sa.Date, nullable=False),
    )
    op.create_table(
        "kb_route",
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
    op.create_table(
        "kb_route_naam",
        _fk("route_id", "kb_route.id", primary_key=True),
        sa.Column("naam", S(200), primary_key=True),
    )
    op.create_table(
        "kb_route_sector",
        _fk("route_id", "kb_route.id", primary_key=True),
        sa.Column("sector", S(20), primary_key=True),
    )
    op.create_table(
        "kb_eis",
        sa.Column("id", S(120), primary_key=True),
        _fk("route_id", "kb_route.id", nullable=False, index=True),
        sa.Column("volgorde", sa.Integer, nullable=False),
        sa.Column("soort", S(40), nullable=False),
        sa.Column("waarde", S(80), nullable=False),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("zeker", sa.Boolean, nullable=False),
    )
    op.create_table(
        "kb_feit",
        sa.Column("id", S(120), primary_key=True),
        _fk("route_id", "kb_route.id", nullable=False, index=True),
        sa.Column("onderwerp", S(40), nullable=False),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("kort", S(200), nullable=True),
        sa.Column("zeker", sa.Boolean, nullable=False),
    )
    op.create_table(
        "kb_stap",
        sa.Column("id", S(80), primary_key=True),
        sa.Column("naam", S(200), nullable=False),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("voor", S(40), nullable=False),
        sa.Column("zeker", sa.Boolean, nullable=False),
    )
    op.create_table(
        "kb_route_stap",
        _fk("route_id", "kb_route.id", primary_key=True),
        _fk("stap_id", "kb_stap.id", primary_key=True),
        sa.Column("volgorde", sa.Integer, nullable=False),
    )
    op.create_table(
        "kb_financiering",
        sa.Column("id", S(80), primary_key=True),
        sa.Column("naam", S(200), nullable=False),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("voor", S(40), nullable=False),
        sa.Column("zeker", sa.Boolean, nullable=False),
    )
    op.create_table(
        "kb_route_financiering",
        _fk("route_id", "kb_route.id", primary_key=True),
        _fk("financiering_id", "kb_financiering.id", primary_key=True),
        sa.Column("volgorde", sa.Integer, nullable=False),
    )
    op.create_table(
        "kb_vrijstelling",
        sa.Column("id", S(80), primary_key=True),
        _fk("route_id", "kb_route.id", nullable=True, index=True),
        sa.Column("voorwaarde", S(40), nullable=False),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("ec", sa.Integer, nullable=True),
        sa.Column("zeker", sa.Boolean, nullable=False),
    )
    op.create_table(
        "kb_instelling",
        sa.Column("id", S(80), primary_key=True),
        sa.Column("naam", S(200), nullable=False),
        sa.Column("plaats", S(100), nullable=False),
        sa.Column("provincie", S(40), nullable=False, index=True),
        sa.Column("url", S(500), nullable=False),
    )
    op.create_table(
        "kb_instelling_route",
        _fk("instelling_id", "kb_instelling.id", primary_key=True),
        _fk("route_id", "kb_route.id", primary_key=True, index=True),
    )
    op.create_table(
        "kb_loket",
        sa.Column("id", S(80), primary_key=True),
        sa.Column("naam", S(200), nullable=False),
        sa.Column("url", S(500), nullable=False),
        sa.Column("landelijk", sa.Boolean, nullable=False),
        sa.Column("zeker", sa.Boolean, nullable=False),
        sa.Column("volgorde", sa.Integer, nullable=False),
    )
    op.create_table(
        "kb_loket_provincie",
        _fk("loket_id", "kb_loket.id", primary_key=True),
        sa.Column("provincie", S(40), primary_key=True, index=True),
    )
    op.create_table(
        "kb_tekortvak",
        sa.Column("vak", S(80), primary_key=True),
        sa.Column("mate", S(20), nullable=False),
    )
    op.create_table(
        "kb_verwantschap",
        sa.Column("studierichting", S(120), primary_key=True),
        sa.Column("schoolvak", S(80), primary_key=True),
        sa.Column("soort", S(20), nullable=False),
    )
    op.create_table(
        "kb_groep",
        sa.Column("groep", S(80), primary_key=True),
        sa.Column("lid", S(120), primary_key=True),
    )
    op.create_table(
        "kb_bronvermelding",
        sa.Column("soort", S(40), primary_key=True),
        sa.Column("sleutel", S(200), primary_key=True),
        sa.Column("bron_id", S(80), sa.ForeignKey("kb_bron.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("volgorde", sa.Integer, nullable=False),
    )
    op.create_table(
        "kb_meta",
        sa.Column("sleutel", S(80), primary_key=True),
        sa.Column("waarde", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "kb_meta",
        "kb_bronvermelding",
        "kb_groep",
        "kb_verwantschap",
        "kb_tekortvak",
        "kb_loket_provincie",
        "kb_loket",
        "kb_instelling_route",
        "kb_instelling",
        "kb_vrijstelling",
        "kb_route_financiering",
        "kb_financiering",
        "kb_route_stap",
        "kb_stap",
        "kb_feit",
        "kb_eis",
        "kb_route_sector",
        "kb_route_naam",
        "kb_route",
        "kb_bron",
    ):
        op.drop_table(table)
