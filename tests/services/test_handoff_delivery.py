"""The outbox and the delivery worker against real receivers: webhook, SMTP and the inbox.

The worker runs as a real process (python -m connectors.worker) so it can be killed.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.handoff import outbox
from bot.handoff.schema import InvalidSummary
from bot.handoff.summary import build_summary
from bot.handoff.tables import aflevering, overdracht
from bot.store import db
from connectors.inbox.tables import inbox_item
from tests.receivers import SmtpReceiver, WebhookReceiver, wait_until

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-geheim-van-de-webhook"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def summary(name: str = "Sanne de Vries") -> dict:
    slots = {
        "vooropleiding": "hbo-bachelor",
        "studierichting": "bedrijfskunde",
        "sector": "po",
        "naam": name,
        "email": "sanne@voorbeeld.nl",
        "telefoon": None,
        "contactvoorkeur": "email",
    }
    events = [
        {
            "event": "user",
            "text": "ik wil een mens spreken",
            "timestamp": 1763900000.0,
            "parse_data": {"intent": {"name": "human_handoff"}},
        }
    ]
    return build_summary("gesprek-1", slots, events)


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    engine = db.new_engine(url)
    db.upgrade(engine)
    yield url, engine
    engine.dispose()


def store(engine, connectors, value=None) -> str:
    with engine.begin() as connection:
        return outbox.store_handoff(connection, value or summary(), connectors)


def rows(engine):
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(sa.select(aflevering).order_by(aflevering.c.id))]


class Worker:
    """The delivery worker as a child process with fast retries."""

    def __init__(self, url: str, **env: str) -> None:
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "ONDERWIJSLOKET_DB_URL": url,
            "HANDOFF_BACKOFF_BASIS": "0.05",
            "HANDOFF_BACKOFF_MAX": "0.2",
            "HANDOFF_POLL": "0.05",
            "HANDOFF_MAX_POGINGEN": "50",
            "HANDOFF_LEASE": "1",
            "HANDOFF_WEBHOOK_SECRET": SECRET,
            "HANDOFF_SMTP_STARTTLS": "0",
            **env,
        }
        self.process = None

    def start(self) -> Worker:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "connectors.worker"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return self

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
        output, _ = self.process.communicate(timeout=20)
        return output


def test_handoff_and_outbox_rows_are_written_together(database):
    _, engine = database
    handoff_id = store(engine, ["inbox", "webhook", "email"])
    assert [(r["overdracht_id"], r["connector"], r["status"]) for r in rows(engine)] == [
        (handoff_id, "inbox", "wachtend"),
        (handoff_id, "webhook", "wachtend"),
        (handoff_id, "email", "wachtend"),
    ]


def test_an_invalid_summary_stores_nothing(database):
    _, engine = database
    broken = summary()
    broken["contact"]["email"] = None  # e-mail preference without an address
    with pytest.raises(InvalidSummary):
        store(engine, ["inbox"], broken)
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(overdracht)).scalar() == 0
    assert rows(engine) == []


def test_outbox_row_failing_after_the_handoff_insert_rolls_back_both(database):
    _, engine = database
    with pytest.raises(ValueError):
        store(engine, [])
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(overdracht)).scalar() == 0


def test_backoff_grows_is_capped_and_jittered():
    policy = outbox.RetryPolicy(base_seconds=30, cap_seconds=3600)
    rng = random.Random(7)
    delays = [policy.delay(attempt, rng) for attempt in range(1, 12)]
    for attempt, delay in enumerate(delays, start=1):
        raw = min(3600, 30 * 2 ** (attempt - 1))
        assert 0.5 * raw <= delay <= 1.5 * raw
    assert max(delays) <= 1.5 * 3600
    assert len({round(d, 6) for d in delays}) == len(delays)  # jitter: no two the same


def test_worker_delivers_to_webhook_email_and_inbox(database):
    url, engine = database
    web_port, smtp_port = free_port(), free_port()
    receiver, mail = WebhookReceiver(web_port, SECRET).start(), SmtpReceiver(smtp_port).start()
    handoff_id = store(engine, ["inbox", "webhook", "email"])
    worker = Worker(
        url,
        HANDOFF_CONNECTORS="inbox,webhook,email",
        HANDOFF_WEBHOOK_URL=receiver.url,
        HANDOFF_SMTP_PORT=str(smtp_port),
        HANDOFF_SMTP_HOST="127.0.0.1",
        HANDOFF_SMTP_TO="intake@onderwijsloket.example",
    ).start()
    try:
        wait_until(lambda: all(r["status"] == "afgeleverd" for r in rows(engine)), what="alles afgeleverd")
    finally:
        log = worker.stop()
        receiver.stop()
        mail.stop()
    assert [r.signature_ok for r in receiver.requests] == [True]
    assert receiver.requests[0].key == handoff_id
    assert receiver.processed[handoff_id]["summary"]["contact"]["naam"] == "Sanne de Vries"
    assert len(mail.messages) == 1
    message = mail.messages[0]
    assert message["Subject"] == "Nieuwe overdracht: Sanne de Vries"
    assert message["Message-ID"] == f"<{handoff_id}@onderwijsloket-intake>"
    assert {part.get_content_type() for part in message.iter_parts()} == {"text/plain", "text/html"}
    with engine.connect() as connection:
        assert connection.execute(sa.select(inbox_item.c.status)).scalars().all() == ["nieuw"]
    assert "afgeleverd" in log


def test_receiver_down_for_five_attempts_then_back_arrives_exactly_once(database):
    url, engine = database
    port = free_port()
    handoff_id = store(engine, ["webhook"])
    worker = Worker(
        url, HANDOFF_CONNECTORS="webhook", HANDOFF_WEBHOOK_URL=f"http://127.0.0.1:{port}/overdracht"
    ).start()
    receiver = WebhookReceiver(port, SECRET)
    try:
        wait_until(lambda: rows(engine)[0]["pogingen"] >= 5, what="vijf mislukte pogingen")
        row = rows(engine)[0]
        assert row["status"] in {"wachtend", "bezig"} and "niet bereikbaar" in row["laatste_fout"]
        receiver.start()
        wait_until(lambda: rows(engine)[0]["status"] == "afgeleverd", what="afgeleverd na herstel")
    finally:
        worker.stop()
        receiver.stop()
    assert list(receiver.processed) == [handoff_id]
    assert len(receiver.requests) == 1 and receiver.requests[0].signature_ok


def test_receiver_answering_503_five_times_then_ok_processes_once(database):
    url, engine = database
    receiver = WebhookReceiver(free_port(), SECRET, fail_first=5).start()
    handoff_id = store(engine, ["webhook"])
    worker = Worker(url, HANDOFF_CONNECTORS="webhook", HANDOFF_WEBHOOK_URL=receiver.url).start()
    try:
        wait_until(lambda: rows(engine)[0]["status"] == "afgeleverd", what="afgeleverd")
    finally:
        worker.stop()
        receiver.stop()
    assert len(receiver.requests) == 6 and rows(engine)[0]["pogingen"] == 6
    assert list(receiver.processed) == [handoff_id]


def test_worker_killed_mid_delivery_loses_nothing_and_duplicates_nothing(database):
    url, engine = database
    receiver = WebhookReceiver(free_port(), SECRET, hang_first=1).start()
    handoff_id = store(engine, ["webhook"])
    env = dict(HANDOFF_CONNECTORS="webhook", HANDOFF_WEBHOOK_URL=receiver.url, HANDOFF_WEBHOOK_TIMEOUT="30")
    first = Worker(url, **env).start()
    try:
        wait_until(lambda: len(receiver.requests) == 1, what="eerste verzoek onderweg")
        first.kill()  # mid-delivery: the receiver has the request, the outbox does not know
        assert rows(engine)[0]["status"] == "bezig"
        second = Worker(url, **env).start()
        try:
            wait_until(lambda: rows(engine)[0]["status"] == "afgeleverd", what="afgeleverd na herstart")
        finally:
            second.stop()
    finally:
        receiver.stop()
    assert [r.key for r in receiver.requests] == [handoff_id, handoff_id]  # same idempotency key
    assert list(receiver.processed) == [handoff_id]  # processed once
    assert len(rows(engine)) == 1


def test_unreachable_smtp_server_is_retried(database):
    url, engine = database
    port = free_port()
    store(engine, ["email"])
    worker = Worker(
        url,
        HANDOFF_CONNECTORS="email",
        HANDOFF_SMTP_HOST="127.0.0.1",
        HANDOFF_SMTP_PORT=str(port),
        HANDOFF_SMTP_TO="intake@onderwijsloket.example",
    ).start()
    mail = SmtpReceiver(port)
    try:
        wait_until(lambda: rows(engine)[0]["pogingen"] >= 2, what="twee mislukte pogingen")
        assert "SMTP niet bereikbaar" in rows(engine)[0]["laatste_fout"]
        mail.start()
        wait_until(lambda: rows(engine)[0]["status"] == "afgeleverd", what="mail afgeleverd")
    finally:
        worker.stop()
        mail.stop()
    assert len(mail.messages) == 1


def test_rejected_delivery_becomes_a_visible_dead_letter(database):
    url, engine = database
    receiver = WebhookReceiver(free_port(), "een-ander-geheim").start()  # rejects our signature: 401
    store(engine, ["webhook"])
    worker = Worker(url, HANDOFF_CONNECTORS="webhook", HANDOFF_WEBHOOK_URL=receiver.url).start()
    try:
        wait_until(lambda: rows(engine)[0]["status"] == "dood", what="dode aflevering")
    finally:
        log = worker.stop()
        receiver.stop()
    assert rows(engine)[0]["pogingen"] == 1 and "401" in rows(engine)[0]["laatste_fout"]
    assert "dood" in log
    status = subprocess.run(
        [sys.executable, "-m", "bot.handoff.outbox", "status"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ONDERWIJSLOKET_DB_URL": url},
    )
    assert status.returncode == 1 and "MISLUKT" in status.stdout
    assert outbox.requeue(engine, rows(engine)[0]["id"]) and rows(engine)[0]["status"] == "wachtend"


def test_last_attempt_goes_to_the_dead_letters(database):
    _, engine = database
    store(engine, ["webhook"])
    policy = outbox.RetryPolicy(max_attempts=3, base_seconds=0, cap_seconds=0)
    for expected in ("wachtend", "wachtend", "dood"):
        [job] = outbox.claim_due(engine, policy)
        assert outbox.mark_failed(engine, job, "kapot", policy) == expected
    assert outbox.claim_due(engine, policy) == []


def test_misconfigured_worker_says_what_is_missing(database):
    url, _ = database
    result = subprocess.run(
        [sys.executable, "-m", "connectors.worker", "--eenmalig"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ONDERWIJSLOKET_DB_URL": url, "HANDOFF_CONNECTORS": "webhook,fax"},
    )
    assert result.returncode == 2
    assert "onbekende connector 'fax'" in result.stderr and "HANDOFF_WEBHOOK_URL" in result.stderr
