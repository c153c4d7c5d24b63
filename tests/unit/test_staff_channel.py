"""The site channel's staff endpoint logic: the person's chat gets an intaker's message at
once, even while the bot holds the conversation's lock for a slow reply; the tracker
follows in the background, in order."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain

from connectors.site.channel import SiteChannel


class FakeSio:
    def __init__(self) -> None:
        self.sent = []

    async def emit(self, event, data=None, room=None, **_):
        self.sent.append((time.monotonic(), event, data, room))


def _channel(monkeypatch):
    monkeypatch.setenv("SITE_TOKEN_SECRET", "test-geheim-van-minstens-32-tekens")
    channel = SiteChannel(origins=["http://localhost"])
    tracker_store = InMemoryTrackerStore(Domain.empty())

    async def get_tracker(conversation_id):
        return await tracker_store.get_or_create_tracker(conversation_id)

    agent = SimpleNamespace(
        lock_store=InMemoryLockStore(), tracker_store=tracker_store, processor=SimpleNamespace(get_tracker=get_tracker)
    )
    channel.sio = FakeSio()
    channel.app = SimpleNamespace(ctx=SimpleNamespace(agent=agent))
    return channel, agent


def test_staff_messages_do_not_wait_for_the_bot(monkeypatch):
    channel, agent = _channel(monkeypatch)

    async def scenario():
        released = asyncio.Event()

        async def slow_bot_turn():  # what Rasa does while it handles the person's message
            async with agent.lock_store.lock("gesprek-1"):
                await asyncio.sleep(3)
            released.set()

        bot = asyncio.ensure_future(slow_bot_turn())
        await asyncio.sleep(0.1)
        started = time.monotonic()
        took = await channel.staff("gesprek-1", "overnemen", "Lotte")
        said = await channel.staff("gesprek-1", "bericht", "Lotte", "Hoi, ik ben Lotte.")
        elapsed = time.monotonic() - started
        assert took == {"verstuurd": True, "gepauzeerd": True} and said["verstuurd"] is True
        assert elapsed < 0.5, f"{elapsed:.2f} s: the staff call waited for the bot"
        assert [(e, d, r) for _, e, d, r in channel.sio.sent] == [
            (
                "bot_uttered",
                {"custom": {"type": "medewerker_status", "status": "aanwezig", "naam": "Lotte"}, "medewerker": "Lotte"},
                "gesprek-1",
            ),
            ("bot_uttered", {"text": "Hoi, ik ben Lotte.", "medewerker": "Lotte"}, "gesprek-1"),
        ]
        assert await channel._paused("gesprek-1")  # messages are accepted before the tracker catches up
        await released.wait()
        await bot
        await asyncio.gather(*list(channel._background))
        await asyncio.sleep(0.2)
        tracker = await agent.tracker_store.retrieve("gesprek-1")
        assert tracker.is_paused()
        texts = [e.text for e in tracker.events if getattr(e, "text", None)]
        assert texts == ["Hoi, ik ben Lotte."]
        await channel.staff("gesprek-1", "teruggeven", "Lotte")
        await asyncio.sleep(0.2)
        tracker = await agent.tracker_store.retrieve("gesprek-1")
        assert not tracker.is_paused() and not await channel._paused("gesprek-1")

    asyncio.run(scenario())


def test_history_tells_the_widget_who_is_talking(monkeypatch):
    channel, agent = _channel(monkeypatch)

    async def scenario():
        await channel.staff("gesprek-2", "overnemen", "Lotte")
        await asyncio.sleep(0.2)
        history = await channel._history("gesprek-2")
        assert history["gepauzeerd"] is True and history["medewerker"] == "Lotte"
        assert history["berichten"][-1]["custom"]["status"] == "aanwezig"

    asyncio.run(scenario())
