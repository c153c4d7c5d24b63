"""Redaction before storage: the tracker store on the local PostgreSQL with events streamed
to the local RabbitMQ; plain event redaction and contact scrubbing."""

from __future__ import annotations

import asyncio
import json
import os
import uuid

import aio_pika
import sqlalchemy as sa
from rasa.core.brokers.pika import PikaEventBroker
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import events as privacy
from bot.privacy.tracker_store import RedactingSQLTrackerStore

RABBIT = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")
BSN, IBAN, CARD = "111222333", "NL91 ABNA 0417 1643 00", "4111 1111 1111 1111"


def test_redact_event_covers_texts_entities_and_slots():
    event = {
        "event": "user",
        "text": f"mijn bsn is {BSN}",
        "timestamp": 1.0,
        "message_id": "m1",
        "parse_data": {
            "text": f"mijn bsn is {BSN}",
            "intent": {"name": "inform", "confidence": 0.9},
            "entities": [{"entity": "getal", "value": int(BSN), "start": 12, "end": 21}],
        },
    }
    clean = privacy.redact_event(event)
    assert BSN not in json.dumps(clean)
    assert clean["parse_data"]["intent"] == {"name": "inform", "confidence": 0.9}
    assert (
        privacy.redact_event({"event": "slot", "name": "studierichting", "value": f"iban {IBAN}"})["value"]
        == "iban [IBAN]"
    )
    assert privacy.redact_event({"event": "bot", "text": f"bsn {BSN}"})["text"] == f"bsn {BSN}"  # the bot's own text


def test_contacts_are_scrubbed_only_after_the_handoff():
    story = [
        {"event": "slot", "name": "naam", "value": "Sanne de Vries"},
        {"event": "slot", "name": "telefoon", "value": "+31612345678"},
        {"event": "user", "text": "bel me op 06-12345678, groet Sanne de Vries"},
    ]
    assert not privacy.handoff_finished(story)
    done = story + [{"event": "action", "name": "action_overdracht_opslaan"}]
    assert privacy.handoff_finished(done)
    values = privacy.contact_values(done)
    assert privacy.scrub_contacts(story[2], values)["text"] == "bel me op [contactgegevens], groet [contactgegevens]"
    again = done + [{"event": "slot", "name": "naam", "value": "Nieuwe Naam"}]
    assert not privacy.handoff_finished(again)  # a new handoff started: not yet
    stopped = again + [{"event": "action", "name": "utter_overdracht_gestopt"}]
    assert privacy.handoff_finished(stopped)  # the person stopped the handoff: not needed either


async def _consume(queue_name: str, expected: int, timeout: float = 20) -> list:
    connection = await aio_pika.connect_robust(RABBIT)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name, durable=True)
        bodies = []
        deadline = asyncio.get_running_loop().time() + timeout
        while len(bodies) < expected and asyncio.get_running_loop().time() < deadline:
            message = await queue.get(no_ack=True, fail=False)
            if message is None:
                await asyncio.sleep(0.1)
                continue
            bodies.append(message.body.decode())
        await queue.delete(if_unused=False, if_empty=False)
        return bodies
    finally:
        await connection.close()


async def test_postgres_store_and_rabbitmq_stream_hold_no_personal_numbers(postgres_url):
    queue = f"onderwijsloket_test_{uuid.uuid4().hex[:8]}"
    broker = PikaEventBroker(
        host="127.0.0.1",
        username="guest",
        password="guest",
        queues=[queue],
        raise_on_failure=True,
        connection_attempts=3,
        retry_delay_in_seconds=1,
    )
    await broker.connect()
    store = RedactingSQLTrackerStore(
        domain=Domain.empty(),
        dialect="postgresql",
        host=postgres_url.host,
        port=postgres_url.port,
        db=postgres_url.database,
        username=postgres_url.username,
        password=postgres_url.password,
        event_broker=broker,
    )
    tracker = DialogueStateTracker("gesprek-pg", slots=[])
    tracker.update(UserUttered(f"mijn bsn is {BSN} en mijn iban {IBAN}", intent={"name": "inform", "confidence": 1.0}))
    tracker.update(BotUttered("Dat lijkt een persoonlijk nummer."))
    tracker.update(UserUttered(f"kaart {CARD}", intent={"name": "nlu_fallback", "confidence": 1.0}))
    tracker.update(SlotSet("naam", "Sanne de Vries"))
    tracker.update(SlotSet("email", "sanne@voorbeeld.nl"))
    tracker.update(UserUttered("sanne@voorbeeld.nl", intent={"name": "faq", "confidence": 0.99}))
    await store.save(tracker)
    tracker.update(ActionExecuted("action_overdracht_opslaan"))
    await store.save(tracker)

    engine = sa.create_engine(postgres_url, future=True)
    with engine.connect() as connection:
        stored = "\n".join(
            connection.execute(sa.text("SELECT data FROM events WHERE sender_id = 'gesprek-pg'")).scalars()
        )
    engine.dispose()
    for secret in (BSN, "0417", "1111 1111", "sanne@voorbeeld.nl", "Sanne de Vries"):
        assert secret not in stored, secret
    assert "[BSN]" in stored and "[IBAN]" in stored and "[kaartnummer]" in stored and "[contactgegevens]" in stored
    retrieved = await store.retrieve("gesprek-pg")
    assert retrieved.latest_message.text == "[contactgegevens]"

    published = await _consume(queue, expected=7)
    await broker.close()
    assert len(published) >= 6
    streamed = "\n".join(published)
    for secret in (BSN, "0417", "1111 1111", "sanne@voorbeeld.nl", "Sanne de Vries"):
        assert secret not in streamed, secret
    assert "[BSN]" in streamed


def test_embedded_sqlite_store_uses_a_write_ahead_log(tmp_path):
    """The embedded default: WAL with synchronous=NORMAL (one disk sync per checkpoint), and
    a saved conversation reads back whole, redacted, also from a second store on the file."""
    db = tmp_path / "tracker.db"
    store = RedactingSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db))
    assert isinstance(store.engine.pool, sa.pool.QueuePool)  # connections stay open between saves
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    tracker = DialogueStateTracker.from_events(
        "wal-1", [ActionExecuted("action_listen"), UserUttered(f"bsn {BSN}"), BotUttered("ok")]
    )
    asyncio.run(store.save(tracker))
    again = RedactingSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db))
    events = asyncio.run(again.retrieve("wal-1")).events
    assert [e.as_dict()["event"] for e in events] == ["action", "user", "bot"]
    assert BSN not in json.dumps([e.as_dict() for e in events])
    # Saves from several threads at once (Rasa's thread pool, the worker) all land.
    from concurrent.futures import ThreadPoolExecutor

    def save(i):
        asyncio.run(store.save(DialogueStateTracker.from_events(f"wal-t{i}", [UserUttered(f"bericht {i}")])))

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(save, range(30)))
    assert all(len(asyncio.run(again.retrieve(f"wal-t{i}")).events) == 1 for i in range(30))
