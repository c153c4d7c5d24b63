"""Reading and changing inbox items: list, open, claim, finish."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.handoff.tables import overdracht
from bot.store.db import utcnow
from connectors.inbox.tables import inbox_item, intaker

NEW, CLAIMED, DONE = "nieuw", "geclaimd", "afgerond"
STATUSES = (NEW, CLAIMED, DONE)
NOTE_MAX = 4000
HANDOFF_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Conflict(Exception):
    """Someone else changed the item first; the message says who and what."""


class NotFound(Exception):
    pass


def _query():
    return (
        sa.select(
            inbox_item,
            overdracht.c.conversation_id,
            overdracht.c.aangemaakt_op,
            overdracht.c.samenvatting,
            intaker.c.naam.label("geclaimd_door_naam"),
        )
        .join(overdracht, overdracht.c.id == inbox_item.c.overdracht_id)
        .outerjoin(intaker, intaker.c.id == inbox_item.c.geclaimd_door)
    )


def _item(row) -> Dict[str, Any]:
    summary = json.loads(row.samenvatting)
    return {
        "id": row.overdracht_id,
        "status": row.status,
        "versie": row.versie,
        "ontvangen_op": row.ontvangen_op.isoformat(timespec="seconds") + "Z",
        "geclaimd_door": row.geclaimd_door_naam,
        "geclaimd_door_id": row.geclaimd_door,
        "naam": summary["contact"].get("naam"),
        "contactvoorkeur": summary["contact"].get("contactvoorkeur"),
        "samenvatting": summary["samenvatting"],
        "summary": summary,
        "kenmerk": reference(row.overdracht_id),
        "notitie": row.notitie,
        "afgerond_op": row.afgerond_op.isoformat(timespec="seconds") + "Z" if row.afgerond_op else None,
    }


def reference(handoff_id: str) -> str:
    """The reference the person was given ("Je kenmerk is 1a2b3c4d"): the first 8 characters."""
    return handoff_id[:8]


def list_items(engine: Engine, status: Optional[str] = None, limit: int = 200) -> List[Dict[str, Any]]:
    query = _query().order_by(inbox_item.c.ontvangen_op.desc()).limit(limit)
    if status:
        query = query.where(inbox_item.c.status == status)
    with engine.connect() as connection:
        return [_item(row) for row in connection.execute(query)]


def _known_shape(handoff_id: str) -> None:
    """Handoff ids are UUIDs; anything else cannot exist (and never reaches the database)."""
    if not isinstance(handoff_id, str) or not HANDOFF_ID.fullmatch(handoff_id):
        raise NotFound(handoff_id)


def get_item(engine: Engine, handoff_id: str) -> Dict[str, Any]:
    _known_shape(handoff_id)
    with engine.connect() as connection:
        row = connection.execute(_query().where(inbox_item.c.overdracht_id == handoff_id)).first()
    if row is None:
        raise NotFound(handoff_id)
    return _item(row)


def claim(engine: Engine, handoff_id: str, intaker_id: int) -> Dict[str, Any]:
    """Claims a new item. Claiming an item someone else has is a Conflict, never a takeover."""
    _known_shape(handoff_id)
    with engine.begin() as connection:
        changed = connection.execute(
            inbox_item.update()
            .where(inbox_item.c.overdracht_id == handoff_id, inbox_item.c.status == NEW)
            .values(status=CLAIMED, geclaimd_door=intaker_id, geclaimd_op=utcnow(), versie=inbox_item.c.versie + 1)
        ).rowcount
    item = get_item(engine, handoff_id)
    if not changed and item["geclaimd_door_id"] != intaker_id:
        raise Conflict(f"Deze overdracht is al {item['status']} door {item['geclaimd_door'] or 'iemand anders'}.")
    return item


def finish(engine: Engine, handoff_id: str, intaker_id: int, note: Optional[str] = None) -> Dict[str, Any]:
    """Marks an item done, with the intaker's notes; only the intaker who claimed it can."""
    _known_shape(handoff_id)
    note = (note or "").strip()[:NOTE_MAX] or None
    with engine.begin() as connection:
        changed = connection.execute(
            inbox_item.update()
            .where(
                inbox_item.c.overdracht_id == handoff_id,
                inbox_item.c.status == CLAIMED,
                inbox_item.c.geclaimd_door == intaker_id,
            )
            .values(status=DONE, afgerond_op=utcnow(), notitie=note, versie=inbox_item.c.versie + 1)
        ).rowcount
    item = get_item(engine, handoff_id)
    if not changed:
        if item["status"] == NEW:
            raise Conflict("Claim deze overdracht eerst.")
        if item["geclaimd_door_id"] != intaker_id:
            raise Conflict(f"Deze overdracht is van {item['geclaimd_door']}. Alleen die kan hem afronden.")
        if item["status"] == DONE:
            raise Conflict("Deze overdracht is al afgerond.")
    return item
