"""Lease fencing in the outbox: only the holder of the current lease changes a row.

The race test runs two real worker processes against PostgreSQL and a webhook receiver
that is slower than the lease for some handoffs, so the other worker takes those rows over
while the first one is still sending.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from aiohttp import web

from bot.handoff import outbox
from bot.handoff.tables import aflevering
from bot.store import db
from connectors.delivery import IDEMPOTENCY_HEADER
from tests.receivers import WebhookReceiver, wait_until
from tests.services.test_handoff_delivery import SECRET, database, free_port, rows, store, summary  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
POLICY = outbox.RetryPolicy(max_attempts=5, base_seconds=0, cap_seconds=0, lease_seconds=60)


def later(seconds: float) -> dt.datetime:
    return outbox.utcnow() + dt.timedelta(seconds=seconds)


def test_each_claim_gets_its_own_lease_token(database):
    _, engine = database
    store(engine, ["inbox"])
    [first] = outbox.claim_due(engine, POLICY)
    assert first.lease and rows(engine)[0]["lease"] == first.lease
    assert outbox.mark_failed(engine, first, "even niet", POLICY) == "wachtend"
    [second] = outbox.claim_due(engine, POLICY)
    assert second.lease and second.lease != first.lease


def test_a_late_failure_never_resets_a_delivered_row(database):
    _, engine = database
    store(engine, ["webhook"])
    [slow] = outbox.claim_due(engine, POLICY)
    assert outbox.claim_due(engine, POLICY) == []  # the lease holds
    [fast] = outbox.claim_due(engine, POLICY, now=later(61))  # the lease ran out: another worker claims
    assert not outbox.renew(engine, slow, POLICY)
    assert outbox.mark_delivered(engine, fast)
    delivered = rows(engine)[0]
    assert outbox.mark_failed(engine, slow, "time-out na 20 s", POLICY) is None
    assert not outbox.mark_delivered(engine, slow)
    assert rows(engine)[0] == delivered
    assert delivered["status"] == "afgeleverd" and delivered["pogingen"] == 1 and delivered["lease"] is None


def test_only_the_current_holder_records_a_failed_attempt(database):
    _, engine = database
    store(engine, ["webhook"])
    [old] = outbox.claim_due(engine, POLICY)
    [current] = outbox.claim_due(engine, POLICY, now=later(61))
    assert outbox.mark_failed(engine, old, "te laat", POLICY) is None
    assert rows(engine)[0]["status"] == "bezig" and rows(engine)[0]["pogingen"] == 0
    assert outbox.renew(engine, current, POLICY)
    assert outbox.mark_failed(engine, current, "503", POLICY) == "wachtend"
    assert rows(engine)[0]["pogingen"] == 1 and rows(engine)[0]["laatste_fout"] == "503"


def test_renewing_moves_the_lease_forward(database):
    _, engine = database
    store(engine, ["inbox"])
    [job] = outbox.claim_due(engine, POLICY)
    before = rows(engine)[0]["vergrendeld_tot"]
    assert outbox.renew(engine, job, POLICY, now=later(30))
    assert rows(engine)[0]["vergrendeld_tot"] > before
    assert outbox.claim_due(engine, POLICY, now=later(61)) == []  # renewed: still held


class SlowReceiver(WebhookReceiver):
    """Holds the first request for each key in ``slow`` longer than the lease, then answers 503."""

    def __init__(self, port: int, slow: set, seconds: float) -> None:
        super().__init__(port, SECRET)
        self.slow, self.seconds = slow, seconds
        self.seen: Counter = Counter()

    async def _handle(self, request: web.Request) -> web.Response:
        key = request.headers.get(IDEMPOTENCY_HEADER)
        self.seen[key] += 1
        if key in self.slow and self.seen[key] == 1:
            await request.read()
            await asyncio.sleep(self.seconds)
            return web.Response(status=503, text="te traag")
        return await super()._handle(request)


AUDIT = [
    "CREATE TABLE status_log (id serial PRIMARY KEY, aflevering_id integer, oud text, nieuw text)",
    """CREATE FUNCTION log_status() RETURNS trigger AS $$
       BEGIN
         IF NEW.status IS DISTINCT FROM OLD.status OR NEW.afgeleverd_op IS DISTINCT FROM OLD.afgeleverd_op THEN
           INSERT INTO status_log (aflevering_id, oud, nieuw) VALUES (OLD.id, OLD.status, NEW.status);
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER aflevering_status AFTER UPDATE ON aflevering FOR EACH ROW EXECUTE FUNCTION log_status()",
]


def test_two_workers_on_postgresql_with_a_slow_target_deliver_each_handoff_once(postgres_url, tmp_path):
    url = postgres_url.render_as_string(hide_password=False)
    engine = db.new_engine(url)
    db.upgrade(engine)
    with engine.begin() as connection:
        for statement in AUDIT:
            connection.execute(sa.text(statement))
    keys = [store(engine, ["webhook"], summary(f"Persoon {number}")) for number in range(200)]
    slow = set(keys[::20])  # 10 handoffs whose first attempt outlasts the lease
    receiver = SlowReceiver(free_port(), slow, seconds=3.0).start()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ONDERWIJSLOKET_DB_URL": url,
        "HANDOFF_CONNECTORS": "webhook",
        "HANDOFF_WEBHOOK_URL": receiver.url,
        "HANDOFF_WEBHOOK_SECRET": SECRET,
        "HANDOFF_WEBHOOK_TIMEOUT": "30",
        "HANDOFF_LEASE": "1",
        "HANDOFF_POLL": "0.05",
        "HANDOFF_BACKOFF_BASIS": "0.05",
        "HANDOFF_BACKOFF_MAX": "0.2",
        "HANDOFF_MAX_POGINGEN": "50",
    }
    logs = [tmp_path / f"worker-{n}.log" for n in (1, 2)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "connectors.worker"],
            cwd=ROOT,
            env=env,
            stdout=open(log, "w"),
            stderr=subprocess.STDOUT,
        )
        for log in logs
    ]
    try:

        def all_delivered() -> bool:
            with engine.connect() as connection:
                return (
                    connection.execute(
                        sa.select(sa.func.count())
                        .select_from(aflevering)
                        .where(aflevering.c.status != outbox.DELIVERED)
                    ).scalar()
                    == 0
                )

        wait_until(all_delivered, timeout=240, interval=0.5, what="alle 200 overdrachten afgeleverd")

        def late_results_logged() -> bool:  # every slow first attempt came back (503) and was handled
            lines = [line for log in logs for line in log.read_text().splitlines() if "503" in line]
            return all(any(key in line for line in lines) for key in slow)

        wait_until(late_results_logged, timeout=60, interval=0.2, what="late resultaten van de trage pogingen")
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(30)
        receiver.stop()
    log_text = "".join(log.read_text() for log in logs)
    assert all(worker.returncode == 0 for worker in workers), log_text[-3000:]

    # Each handoff processed exactly once by key, and every one arrived.
    assert sorted(receiver.processed) == sorted(keys)
    # The rows: all delivered, each became 'afgeleverd' exactly once and never left it.
    final = rows(engine)
    assert len(final) == 200 and {row["status"] for row in final} == {"afgeleverd"}
    assert all(row["lease"] is None for row in final)
    with engine.connect() as connection:
        log = connection.execute(sa.text("SELECT aflevering_id, oud, nieuw FROM status_log")).all()
    assert [entry for entry in log if entry.oud == "afgeleverd"] == []
    assert Counter(entry.aflevering_id for entry in log if entry.nieuw == "afgeleverd") == Counter(
        {row["id"]: 1 for row in final}
    )
    # The race really happened: slow rows were taken over, and the late 503 was not recorded.
    assert all(receiver.seen[key] >= 2 for key in slow)
    assert "resultaat 'mislukt" in log_text, log_text[-3000:]
    assert {entry.oud for entry in log if entry.nieuw == "wachtend"} <= {"bezig"}
    engine.dispose()
