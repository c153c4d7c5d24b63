"""Contact details typed into a handoff form that was never finished: scrubbed from the
tracker store once the conversation's session has expired (the delivery worker runs this
every minute). A restart, a new session or a stopped form scrub them at once
(bot/privacy/tracker_store.py); this sweep covers the person who just leaves.

Plain Python over the ``events`` table (SQLite or PostgreSQL), no Rasa imports.
"""

from __future__ import annotations

import json
import logging
import time
from functools import lru_cache
from typing import List, Optional

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Engine

from bot.privacy import events as privacy
from bot.privacy.trackers import ROOT, events

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def session_minutes() -> float:
    """``session_expiration_time`` of domain.yml (Rasa's default 60 when not set)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8")) or {}
    return float((domain.get("session_config") or {}).get("session_expiration_time") or 60)


def _with_contact_slots(connection: sa.engine.Connection, cutoff: float) -> List[str]:
    """Conversations idle since ``cutoff`` with a contact slot event in them."""
    named = sa.or_(*[events.c.data.like(f'%"name": "{slot}"%') for slot in privacy.CONTACT_SLOTS])
    with_contacts = sa.select(events.c.sender_id).where(events.c.type_name == "slot", named).distinct()
    idle = (
        sa.select(events.c.sender_id)
        .where(events.c.sender_id.in_(with_contacts))
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
    )
    return connection.execute(idle).scalars().all()


def sweep(trackers: Engine, minutes: Optional[float] = None, now: Optional[float] = None) -> int:
    """Scrubs the contact details of conversations whose session expired; returns how many
    conversations were changed."""
    if not sa.inspect(trackers).has_table("events"):
        return 0
    now = time.time() if now is None else now
    cutoff = now - 60 * (session_minutes() if minutes is None else minutes)
    changed = 0
    with trackers.connect() as connection:
        senders = _with_contact_slots(connection, cutoff)
    for sender in senders:
        with trackers.begin() as connection:
            rows = connection.execute(
                sa.select(events.c.id, events.c.data).where(events.c.sender_id == sender).order_by(events.c.id)
            ).all()
            history = [json.loads(data) for _, data in rows]
            contacts = privacy.contact_values(history)
            if not contacts:
                continue
            for (row_id, _), event in zip(rows, history):
                cleaned = privacy.scrub_contacts(event, contacts)
                if cleaned != event:
                    connection.execute(events.update().where(events.c.id == row_id).values(data=json.dumps(cleaned)))
            changed += 1
    if changed:
        logger.info("Contactgegevens verwijderd uit %d verlopen gesprek(ken)", changed)
    return changed
