"""The durable outbox of handoffs.

``store_handoff`` writes the handoff and one delivery row per connector in one transaction:
either both exist or neither. The worker claims due rows with a lease (so a crashed worker's
rows come back), marks them delivered, or schedules a retry with exponential backoff and
jitter; after the last attempt a row becomes ``dood`` (dead letter), visible in the inbox,
the API and ``python -m bot.handoff.outbox``.

Lease fencing: every claim writes a fresh lease token into the row. The worker renews the
lease (same token) just before it delivers each job, and every later change (delivered,
failed) is a conditional UPDATE on that token. When a lease ran out and another worker
claimed the row, the first worker's late result changes nothing: a delivered row is never
reset, and only the current holder records an attempt.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.handoff.schema import validate
from bot.handoff.tables import aflevering, overdracht
from bot.store.db import utcnow

WAITING, BUSY, DELIVERED, DEAD = "wachtend", "bezig", "afgeleverd", "dood"
#: The stored error of a failed attempt (``laatste_fout``) keeps at most this many characters.
MAX_ERROR_LENGTH = 2000
_JITTER = random.Random()


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 12
    base_seconds: float = 30.0
    cap_seconds: float = 3600.0
    lease_seconds: float = 120.0

    def delay(self, attempt: int, rng: Optional[random.Random] = None) -> float:
        """Seconds until retry ``attempt + 1``: exponential, capped, with jitter (0.5x to 1.5x)."""
        raw = min(self.cap_seconds, self.base_seconds * (2 ** max(0, attempt - 1)))
        return raw * (0.5 + (rng or _JITTER).random())


@dataclass(frozen=True)
class Job:
    id: int
    handoff_id: str
    connector: str
    attempts: int
    summary: Dict[str, Any]
    lease: str = ""


def store_handoff(
    connection: Connection, summary: Mapping[str, Any], connectors: Sequence[str], now: Optional[dt.datetime] = None
) -> str:
    """Validates the summary and writes the handoff plus its outbox rows; returns the id.

    Run it inside a transaction (``engine.begin()``): the handoff and its deliveries are
    stored together or not at all.
    """
    if not connectors:
        raise ValueError("geen connectoren ingesteld (HANDOFF_CONNECTORS)")
    validate(summary)
    now = now or utcnow()
    handoff_id = str(uuid.uuid4())
    connection.execute(
        overdracht.insert().values(
            id=handoff_id,
            conversation_id=summary["conversation_id"],
            aangemaakt_op=now,
            samenvatting=json.dumps(summary, ensure_ascii=False, sort_keys=True),
        )
    )
    connection.execute(
        aflevering.insert(),
        [
            {"overdracht_id": handoff_id, "connector": name, "status": WAITING, "pogingen": 0, "volgende_poging": now}
            for name in dict.fromkeys(connectors)
        ],
    )
    return handoff_id


def claim_due(engine: Engine, policy: RetryPolicy, limit: int = 10, now: Optional[dt.datetime] = None) -> List[Job]:
    """Claims up to ``limit`` due deliveries for this worker (safe with several workers).

    Each claimed row gets a new lease token; the returned job carries it.
    """
    now = now or utcnow()
    free = sa.or_(aflevering.c.vergrendeld_tot.is_(None), aflevering.c.vergrendeld_tot < now)
    due = sa.and_(aflevering.c.status.in_([WAITING, BUSY]), aflevering.c.volgende_poging <= now, free)
    jobs: List[Job] = []
    with engine.begin() as connection:
        candidates = (
            connection.execute(
                sa.select(aflevering.c.id)
                .where(due)
                .order_by(aflevering.c.volgende_poging, aflevering.c.id)
                .limit(limit)
            )
            .scalars()
            .all()
        )
        for row_id in candidates:
            lease = str(uuid.uuid4())
            claimed = connection.execute(
                aflevering.update()
                .where(aflevering.c.id == row_id, due)
                .values(status=BUSY, lease=lease, vergrendeld_tot=now + dt.timedelta(seconds=policy.lease_seconds))
            ).rowcount
            if not claimed:
                continue
            row = connection.execute(
                sa.select(
                    aflevering.c.id,
                    aflevering.c.overdracht_id,
                    aflevering.c.connector,
                    aflevering.c.pogingen,
                    overdracht.c.samenvatting,
                )
                .join(overdracht, overdracht.c.id == aflevering.c.overdracht_id)
                .where(aflevering.c.id == row_id)
            ).one()
            jobs.append(
                Job(row.id, row.overdracht_id, row.connector, row.pogingen, json.loads(row.samenvatting), lease)
            )
    return jobs


def _held(job: Job):
    """The rows this job may still change: its own row, busy, under its own lease."""
    return sa.and_(aflevering.c.id == job.id, aflevering.c.status == BUSY, aflevering.c.lease == job.lease)


def renew(engine: Engine, job: Job, policy: RetryPolicy, now: Optional[dt.datetime] = None) -> bool:
    """Extends the lease of ``job`` by ``policy.lease_seconds``; False when another worker holds the row now."""
    now = now or utcnow()
    with engine.begin() as connection:
        return bool(
            connection.execute(
                aflevering.update()
                .where(_held(job))
                .values(vergrendeld_tot=now + dt.timedelta(seconds=policy.lease_seconds))
            ).rowcount
        )


def mark_delivered(engine: Engine, job: Job, now: Optional[dt.datetime] = None) -> bool:
    """Records the delivery; False (and no change) when the lease of ``job`` is no longer current."""
    with engine.begin() as connection:
        return bool(
            connection.execute(
                aflevering.update()
                .where(_held(job))
                .values(
                    status=DELIVERED,
                    pogingen=job.attempts + 1,
                    afgeleverd_op=now or utcnow(),
                    vergrendeld_tot=None,
                    lease=None,
                    laatste_fout=None,
                )
            ).rowcount
        )


def mark_failed(
    engine: Engine,
    job: Job,
    error: str,
    policy: RetryPolicy,
    permanent: bool = False,
    now: Optional[dt.datetime] = None,
    rng: Optional[random.Random] = None,
) -> Optional[str]:
    """Records a failed attempt; returns the new status (``wachtend`` or ``dood``).

    Returns None (and changes nothing) when the lease of ``job`` is no longer current.
    """
    now = now or utcnow()
    attempts = job.attempts + 1
    dead = permanent or attempts >= policy.max_attempts
    values: Dict[str, Any] = {
        "pogingen": attempts,
        "laatste_fout": error[:MAX_ERROR_LENGTH],
        "vergrendeld_tot": None,
        "lease": None,
        "status": DEAD if dead else WAITING,
    }
    if not dead:
        delay = policy.delay(attempts, rng)
        values["volgende_poging"] = now + dt.timedelta(seconds=delay)
    with engine.begin() as connection:
        changed = connection.execute(aflevering.update().where(_held(job)).values(**values)).rowcount
    return values["status"] if changed else None


def requeue(engine: Engine, delivery_id: int) -> bool:
    """Puts a dead delivery back in the queue (after the receiver was fixed)."""
    with engine.begin() as connection:
        return bool(
            connection.execute(
                aflevering.update()
                .where(aflevering.c.id == delivery_id, aflevering.c.status == DEAD)
                .values(status=WAITING, pogingen=0, volgende_poging=utcnow(), laatste_fout=None)
            ).rowcount
        )


def deliveries(engine: Engine, status: Optional[str] = None, limit: int = 100) -> List[Dict[str, Any]]:
    query = sa.select(aflevering).order_by(aflevering.c.id.desc()).limit(limit)
    if status:
        query = query.where(aflevering.c.status == status)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def counts(engine: Engine) -> Dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(sa.select(aflevering.c.status, sa.func.count()).group_by(aflevering.c.status))
        return {status: number for status, number in rows}


def main(argv=None) -> int:
    """python -m bot.handoff.outbox status | opnieuw ID"""
    import argparse

    from bot.store import db

    parser = argparse.ArgumentParser(prog="python -m bot.handoff.outbox", description="De outbox van overdrachten")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="aantallen per status en de mislukte afleveringen")
    again = commands.add_parser("opnieuw", help="een mislukte (dode) aflevering opnieuw klaarzetten")
    again.add_argument("id", type=int)
    args = parser.parse_args(argv)
    engine = db.get_engine()
    db.upgrade(engine)
    if args.command == "opnieuw":
        if requeue(engine, args.id):
            print(f"Aflevering {args.id} staat weer klaar.")
            return 0
        print(f"Aflevering {args.id} bestaat niet of is niet mislukt.")
        return 1
    numbers = counts(engine)
    print("Afleveringen: " + (", ".join(f"{k} {v}" for k, v in sorted(numbers.items())) or "geen"))
    for row in deliveries(engine, DEAD):
        print(
            f"  MISLUKT {row['id']}: {row['connector']}, overdracht {row['overdracht_id']}, "
            f"{row['pogingen']} pogingen, laatste fout: {row['laatste_fout']}"
        )
    return 1 if numbers.get(DEAD) else 0


if __name__ == "__main__":
    raise SystemExit(main())
