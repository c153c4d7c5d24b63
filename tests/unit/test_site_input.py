"""The site channel checks the shape of what a browser sends (Socket.IO events, static names).

The event handlers run against a stand-in for the Socket.IO server, so no Rasa is needed:
any payload gets an answer ('fout' for a wrong shape) and never raises.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.site import tokens
from connectors.site.channel import SiteChannel, static_path

anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.binary(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
payloads = st.one_of(
    anything,
    st.fixed_dictionaries({"token": anything}),
    st.fixed_dictionaries({"message": anything}),
    st.fixed_dictionaries({"message": st.sampled_from(["\ud800", "a\x00b", "", "hallo", "x" * 3000])}),
    st.fixed_dictionaries({"token": st.sampled_from(["a.b.c", "\ud800.1.x", "é.é.é", "..", "x" * 500])}),
)
FUZZ = settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))


class FakeSocketServer:
    """Records what the handlers emit; keeps one session per sid."""

    def __init__(self, sio) -> None:
        self.emitted: List[tuple] = []
        self.sessions: Dict[str, Dict[str, Any]] = {}
        sio.emit = self.emit
        sio.save_session = self.save_session
        sio.get_session = self.get_session
        sio.enter_room = self.enter_room

    async def emit(self, event, data=None, **kwargs) -> None:
        self.emitted.append((event, data))

    async def save_session(self, sid, session) -> None:
        self.sessions[sid] = session

    async def get_session(self, sid):
        return self.sessions.setdefault(sid, {})

    async def enter_room(self, sid, room) -> None:
        return None


#: Limits high enough that only the input checks answer (tests/unit/test_site_limits.py tests the limits).
NO_LIMITS = dict(
    max_length=2000,
    rate_messages=10_000,
    rate_seconds=1,
    ip_messages=10**6,
    sessions_per_connection=10**6,
    new_per_ip=10**6,
)


def channel_with_handlers(monkeypatch, **options):
    """A site channel with its Socket.IO handlers and a fake server; ``options`` go to SiteChannel."""
    monkeypatch.setenv("SITE_TOKEN_SECRET", "test-geheim-van-minstens-32-tekens")
    channel = SiteChannel(origins=["http://localhost"], **(options or NO_LIMITS))
    received: List[str] = []

    async def on_new_message(message) -> None:
        received.append(message.text)

    channel.blueprint(on_new_message)
    fake = FakeSocketServer(channel.sio)
    return channel, channel.sio.handlers["/"], fake, received


def test_session_requests_of_any_shape_get_an_answer(monkeypatch):
    channel, handlers, fake, _ = channel_with_handlers(monkeypatch)

    @FUZZ
    @given(data=payloads)
    def check(data):
        fake.emitted.clear()
        asyncio.run(handlers["session_request"]("sid-1", data))
        events = [event for event, _ in fake.emitted]
        if data is None or isinstance(data, dict):
            assert events[0] == "session_confirm"
            assert tokens.conversation_of(channel.secret, fake.emitted[0][1]["token"], 3600)
        else:
            assert events == ["fout"]

    check()


def test_messages_of_any_shape_are_refused_or_passed_on_as_text(monkeypatch):
    channel, handlers, fake, received = channel_with_handlers(monkeypatch)
    asyncio.run(handlers["session_request"]("sid-1", None))

    @FUZZ
    @given(data=payloads)
    def check(data):
        fake.emitted.clear()
        received.clear()
        asyncio.run(handlers["user_uttered"]("sid-1", data))
        text = data.get("message") if isinstance(data, dict) else None
        if isinstance(text, str) and "\x00" not in text and "\ud800" not in text and len(text) <= 2000:
            assert received == [text.strip()]  # Rasa's UserMessage strips the text it is given
        else:
            assert received == []
            assert fake.emitted and fake.emitted[0][0] in {"fout", "afgewezen"}

    check()
    fake.emitted.clear()
    asyncio.run(handlers["user_uttered"]("sid-zonder-sessie", {"message": "hallo"}))
    assert fake.emitted == [("fout", {"reden": "geen_sessie"})]


@settings(max_examples=500, deadline=None, database=None)
@given(
    name=st.text(max_size=300)
    | st.sampled_from(
        ["..", "../app.py", "widget.js/..", "x" * 5000, "a\x00", "\ud800", "widget.js", "socket.io.min.js"]
    )
)
def test_static_names_are_plain_file_names_of_the_channel(name):
    path = static_path(name)
    if path is not None:
        assert path.is_file() and "/" not in name and not name.startswith(".")
    assert static_path("widget.js") is not None
