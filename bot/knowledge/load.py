"""Loads the content rows into the database, idempotently.

The content hash is stored in ``kb_meta``. Loading the same content again changes nothing;
changed content replaces the knowledge-base rows in one transaction, so readers see the old
or the new content, never a mix. The schema itself is only changed by migrations.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.knowledge import tables as kb
from bot.knowledge.content import Rows, read_content
from bot.store import db

HASH_KEY = "inhoud_hash"
LOADED_KEY = "geladen_op"

#: Insert order (parents before children); deletes go the other way.
ORDER = (
    kb.bron,
    kb.route,
    kb.route_naam,
    kb.route_sector,
    kb.eis,
    kb.feit,
    kb.stap,
    kb.route_stap,
    kb.financiering,
    kb.route_financiering,
    kb.vrijstelling,
    kb.instelling,
    kb.instelling_route,
    kb.loket,
    kb.loket_provincie,
    kb.tekortvak,
    kb.verwantschap,
    kb.groep,
    kb.bronvermelding,
)


def content_hash(connection: Connection) -> Optional[str]:
    return connection.execute(sa.select(kb.meta.c.waarde).where(kb.meta.c.sleutel == HASH_KEY)).scalar_one_or_none()


def load(engine: Engine, rows: Optional[Rows] = None) -> bool:
    """Loads ``rows`` (default: the content files). True when the database changed."""
    rows = rows if rows is not None else read_content()
    digest = rows.digest()
    with engine.begin() as connection:
        if content_hash(connection) == digest:
            return False
        for table in reversed(ORDER):
            connection.execute(table.delete())
        for table in ORDER:
            if table is kb.bronvermelding:
                data = [
                    {"soort": soort, "sleutel": sleutel, "bron_id": bron_id, "volgorde": number}
                    for (soort, sleutel), bron_ids in sorted(rows.sources.items())
                    for number, bron_id in enumerate(dict.fromkeys(bron_ids))
                ]
            else:
                data = rows.tables.get(table.name, [])
            if data:
                connection.execute(table.insert(), data)
        connection.execute(kb.meta.delete())
        connection.execute(
            kb.meta.insert(),
            [
                {"sleutel": HASH_KEY, "waarde": digest},
                {"sleutel": LOADED_KEY, "waarde": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
            ],
        )
    return True


def prepare(url: Optional[str] = None) -> Engine:
    """Migrates the schema and loads the content: what every process does before it reads."""
    engine = db.get_engine(url)
    db.upgrade(engine)
    load(engine)
    return engine
