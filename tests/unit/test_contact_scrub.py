"""Contact details typed into a handoff form that is left behind are scrubbed from the
store: on /restart, on a new session, when the form is stopped, and (the delivery worker's
sweep) once the session has expired. The site history of an expired session is empty, so
the next person on that browser sees nothing of them."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import events as privacy
from bot.privacy.sweep import sweep
from bot.privacy.tracker_store import RedactingSQLTrackerStore, contacts_to_scrub

ROOT = Path(__file__).resolve().parents[2]
NAME, EMAIL, PHONE = "Femke Verlaten", "femke.verlaten@example.nl", "0612345678"
INTENT = {"name": "inform", "confidence": 1.0}


def _store(tmp_path):
    domain = Domain.load(str(ROOT / "domain.yml"))
    return domain, RedactingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))


def _stored(store, sender):
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).all()
        return [json.loads(row.data) for row in rows]


def _half_form(tracker):
    """A person asks for a handoff and types name, e-mail and phone, then stops answering."""
    for event in (
        UserUttered("ik wil een medewerker spreken", intent={"name": "human_handoff", "confidence": 1.0}),
        ActionExecuted("overdracht_form"),
        BotUttered("Hoe heet je?"),
        UserUttered(f"ik heet {NAME}", intent=INTENT),
        SlotSet("naam", NAME),
        BotUttered(f"Dank je, {NAME}. Wat is je e-mailadres?"),
        UserUttered(f"{EMAIL} of bel {PHONE}", intent=INTENT),
        SlotSet("email", EMAIL),
        SlotSet("telefoon", PHONE),
    ):
        tracker.update(event)


def _assert_gone(stored):
    text = json.dumps(stored)
    for value in (NAME, EMAIL, PHONE, "Femke"):
        assert value not in text, value
    assert privacy.CONTACT_LABEL in text


def test_the_rules_restart_and_new_session_count_as_left_behind():
    events = [SlotSet("naam", NAME), SlotSet("email", EMAIL)]
    assert contacts_to_scrub(events) == set()
    assert contacts_to_scrub(events + [Restarted()]) == {NAME, EMAIL}
    assert contacts_to_scrub(events + [ActionExecuted("action_session_start"), SessionStarted()]) == {NAME, EMAIL}
    assert contacts_to_scrub(events + [Restarted(), SlotSet("naam", "Nieuwe Naam")]) == set()
    raw = [e.as_dict() for e in events + [Restarted()]]
    assert privacy.handoff_finished(raw)


def test_restart_scrubs_an_abandoned_form(tmp_path):
    domain, store = _store(tmp_path)
    tracker = DialogueStateTracker("verlaten-1", slots=domain.slots)
    _half_form(tracker)
    asyncio.run(store.save(tracker))
    assert NAME in json.dumps(_stored(store, "verlaten-1"))  # still needed while the form runs
    tracker = asyncio.run(store.retrieve("verlaten-1"))
    tracker.update(UserUttered("/restart", intent={"name": "restart", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_restart"))
    tracker.update(Restarted())
    asyncio.run(store.save(tracker))
    _assert_gone(_stored(store, "verlaten-1"))


def test_a_new_session_scrubs_an_abandoned_form(tmp_path):
    domain, store = _store(tmp_path)
    tracker = DialogueStateTracker("verlaten-2", slots=domain.slots)
    _half_form(tracker)
    asyncio.run(store.save(tracker))
    tracker = asyncio.run(store.retrieve("verlaten-2"))
    for event in (
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("hallo", intent={"name": "greet", "confidence": 1.0}),
    ):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    _assert_gone(_stored(store, "verlaten-2"))


def test_a_stopped_form_scrubs_too(tmp_path):
    domain, store = _store(tmp_path)
    tracker = DialogueStateTracker("verlaten-3", slots=domain.slots)
    _half_form(tracker)
    tracker.update(ActionExecuted("utter_overdracht_gestopt"))
    asyncio.run(store.save(tracker))
    _assert_gone(_stored(store, "verlaten-3"))


def test_the_sweep_scrubs_expired_sessions_only(tmp_path):
    domain, store = _store(tmp_path)
    for sender in ("verlopen", "nog-bezig"):
        tracker = DialogueStateTracker(sender, slots=domain.slots)
        _half_form(tracker)
        asyncio.run(store.save(tracker))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE events SET timestamp = timestamp - 7200 WHERE sender_id = 'verlopen'"))
    assert sweep(engine, minutes=60) == 1
    _assert_gone(_stored(store, "verlopen"))
    assert NAME in json.dumps(_stored(store, "nog-bezig"))
    assert sweep(engine, minutes=60) == 0  # nothing left to do
    assert sweep(engine, minutes=60, now=time.time() + 7200) == 1
    _assert_gone(_stored(store, "nog-bezig"))
    engine.dispose()


def test_the_worker_sweeps(tmp_path, monkeypatch):
    from connectors import worker

    domain, store = _store(tmp_path)
    tracker = DialogueStateTracker("worker-sweep", slots=domain.slots)
    _half_form(tracker)
    asyncio.run(store.save(tracker))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE events SET timestamp = timestamp - 7200"))
    engine.dispose()
    monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.db'}")

    async def once():
        stop = asyncio.Event()
        task = asyncio.ensure_future(worker.sweep_contacts(stop, seconds=0.05))
        await asyncio.sleep(1.0)
        stop.set()
        await task

    asyncio.run(once())
    _assert_gone(_stored(store, "worker-sweep"))


def test_site_history_of_an_expired_session_is_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_TOKEN_SECRET", "test-geheim-van-minstens-32-tekens")
    from connectors.site.channel import SiteChannel

    domain, store = _store(tmp_path)
    tracker = DialogueStateTracker("site-verlaten", slots=domain.slots)
    _half_form(tracker)
    asyncio.run(store.save(tracker))
    channel = SiteChannel(origins=["http://localhost"])
    channel.app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=store, domain=domain)))
    history = asyncio.run(channel._history("site-verlaten"))
    assert any(m.get("text") == f"ik heet {NAME}" for m in history["berichten"])  # the session is still open
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "UPDATE events SET timestamp = timestamp - 7200, "
                "data = json_set(data, '$.timestamp', json_extract(data, '$.timestamp') - 7200)"
            )
        )
    engine.dispose()
    history = asyncio.run(channel._history("site-verlaten"))
    assert history["berichten"] == []
