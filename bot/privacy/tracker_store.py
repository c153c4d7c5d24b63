"""A SQL tracker store that stores no personal numbers and no handoff contact details.

Configured in endpoints.yml as ``bot.privacy.tracker_store.RedactingSQLTrackerStore`` with
the options of Rasa's SQL tracker store (SQLite by default, PostgreSQL in production).
Before events are written or streamed to the event broker, BSNs, IBANs and card numbers in
what the person typed are replaced (bot/privacy/events.py); ids, timestamps and the bot's
own texts are stored exactly as they are. Once a handoff is
stored or declined, the contact details are scrubbed from every stored event of the
conversation: they live on only in the handoff record. Events streamed to the broker
(analytics) never carry contact details.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, TrackerEventDiffEngine
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import events as privacy

logger = logging.getLogger(__name__)


class RedactingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        raw = [event.as_dict() for event in tracker.events]
        finished = privacy.handoff_finished(raw)
        contacts = privacy.contact_values(raw) if finished else set()
        for index, data in enumerate(raw):
            cleaned = privacy.redact_event(data)
            if contacts:
                cleaned = privacy.scrub_contacts(cleaned, contacts)
            if cleaned != data:
                tracker.events[index] = Event.from_parameters(cleaned)
        await super().save(tracker)
        if contacts:
            self._scrub_stored(tracker.sender_id, contacts)

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Streams the new events to the broker; analytics never gets contact details."""
        if self.event_broker is None:
            return
        old = await self.retrieve(tracker.sender_id)
        contacts = privacy.contact_values([event.as_dict() for event in tracker.events])
        for event in TrackerEventDiffEngine.event_difference(old, tracker):
            body = {"sender_id": tracker.sender_id}
            body.update(privacy.scrub_contacts(event.as_dict(), contacts) if contacts else event.as_dict())
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
