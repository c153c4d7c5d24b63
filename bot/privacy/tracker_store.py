"""A SQL tracker store that stores no personal numbers and no handoff contact details.

Configured in endpoints.yml as ``bot.privacy.tracker_store.RedactingSQLTrackerStore`` with
the options of Rasa's SQL tracker store (SQLite by default, PostgreSQL in production).
Before events are written or streamed to the event broker, BSNs, IBANs and card numbers in
what the person typed are replaced (bot/privacy/events.py); ids, timestamps and the bot's
own texts are stored exactly as they are. Once a handoff is
stored or declined, the contact details are scrubbed from every stored event of the
conversation: they live on only in the handoff record. Events streamed to the broker
(analytics) never carry contact details.

Importing this module (Rasa does, through endpoints.yml) also makes Rasa check action
server responses with a validator compiled once (bot/remote_action.py).
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, Iterable, Iterator, List, Set

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerEventDiffEngine
from rasa.shared.core.events import ActionExecuted, Event, Restarted, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot import remote_action
from bot.privacy import events as privacy

remote_action.install()

logger = logging.getLogger(__name__)


def _contact_events(events: Iterable[Event]) -> List[Dict[str, Any]]:
    """The slot and action events that decide about contact details, as the small
    dictionaries bot/privacy/events.py reads (without serialising every event)."""
    found: List[Dict[str, Any]] = []
    for event in events:
        if isinstance(event, SlotSet) and event.key in privacy.CONTACT_SLOTS:
            found.append({"event": "slot", "name": event.key, "value": event.value})
        elif isinstance(event, ActionExecuted):
            found.append({"event": "action", "name": event.action_name})
        elif isinstance(event, (Restarted, SessionStarted)):
            found.append({"event": event.type_name})
    return found


def contacts_to_scrub(events: Iterable[Event]) -> Set[str]:
    """The contact details to remove: none until the handoff is stored, declined or stopped,
    or the form is left behind (a restart or a new session)."""
    light = _contact_events(events)
    return privacy.contact_values(light) if privacy.handoff_finished(light) else set()


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Write-ahead log and one sync per checkpoint instead of one per commit."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        if self.engine.dialect.name == "sqlite" and url.database not in (None, "", ":memory:"):
            # The embedded default. Rasa commits every message; with SQLite's default
            # rollback journal each commit waits for the disk twice. In WAL mode with
            # synchronous=NORMAL a commit survives a crash of the process (not a power cut
            # in the last moments) and readers never block the writer. SQLAlchemy 1.4 opens
            # and closes a file connection for every session (NullPool), and closing the last
            # one checkpoints the log: a small pool keeps them open (docs/latency.md).
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, pool_size=2, max_overflow=8, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        contacts = contacts_to_scrub(tracker.events)
        if contacts:
            for index, event in enumerate(tracker.events):
                data = event.as_dict()
                cleaned = privacy.scrub_contacts(data, contacts)
                if cleaned != data:
                    tracker.events[index] = Event.from_parameters(cleaned)
            self._scrub_stored(tracker.sender_id, contacts)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The events not stored yet, redacted (Rasa's save writes what this returns). Stored
        events were redacted when they were written; only new ones are looked at here."""
        new = list(super()._additional_events(session, tracker))
        contacts = contacts_to_scrub(tracker.events)
        start = len(tracker.events) - len(new)
        for offset, event in enumerate(new):
            data = event.as_dict()
            cleaned = privacy.redact_event(data)
            if contacts:
                cleaned = privacy.scrub_contacts(cleaned, contacts)
            if cleaned != data:
                new[offset] = Event.from_parameters(cleaned)
                tracker.events[start + offset] = new[offset]
        return iter(new)

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Streams the new events, redacted, to the broker; analytics never gets contact details."""
        if self.event_broker is None:
            return
        old = await self.retrieve(tracker.sender_id)
        contacts = privacy.contact_values(_contact_events(tracker.events))
        for event in TrackerEventDiffEngine.event_difference(old, tracker):
            body = {"sender_id": tracker.sender_id}
            cleaned = privacy.redact_event(event.as_dict())
            body.update(privacy.scrub_contacts(cleaned, contacts) if contacts else cleaned)
            self.event_broker.publish(body)

    def _scrub_stored(self, sender_id: str, contacts: Any) -> None:
        """Rewrites the stored events of one conversation without the contact details."""
        with self.session_scope() as session:
            rows = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).all()
            changed = 0
            for row in rows:
                data = json.loads(row.data)
                cleaned = privacy.scrub_contacts(data, contacts)
                if cleaned != data:
                    row.data = json.dumps(cleaned)
                    changed += 1
            session.commit()
        if changed:
            logger.info("Contactgegevens verwijderd uit %d opgeslagen gebeurtenissen", changed)
