"""Limits of the site channel in bounded memory: per client address, per connection and
per conversation; the client's address from the socket, X-Forwarded-For only behind a
configured number of trusted proxies. Over a limit the person gets a Dutch message and
the refused text back (nothing is lost silently)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from connectors.limits import SlidingWindow, client_ip
from connectors.site.channel import TOO_FAST, TOO_MANY_SESSIONS, SiteChannel
from tests.unit import test_site_input as site_input


def test_window_counts_per_key_and_forgets_old_events():
    window = SlidingWindow(3, 60)
    assert all(window.allow("a", now=t) for t in (0, 1, 2))
    assert not window.allow("a", now=3) and window.allow("b", now=3)
    assert window.retry_after("a", now=10) == pytest.approx(50)
    assert window.allow("a", now=60.5)  # the first event left the window
    assert not window.allow("a", now=60.6)  # 1, 2 and 60.5 are still in it


def test_window_memory_is_bounded_and_least_recently_used_keys_go_first():
    window = SlidingWindow(2, 60, max_keys=100)
    window.allow("blijft", now=0)
    for number in range(10_000):
        window.allow(f"ip-{number}", now=1)
        if number % 50 == 0:
            window.allow("blijft", now=1)
        assert len(window) <= 100
    assert "blijft" in window._seen and "ip-0" not in window._seen
    window.allow("x", now=1000)  # expired keys are dropped when seen again
    assert all(len(events) <= 2 for events in window._seen.values())


def test_the_conversation_limiter_of_the_channel_is_bounded(monkeypatch):
    monkeypatch.setenv("SITE_TOKEN_SECRET", "test-geheim-van-minstens-32-tekens")
    channel = SiteChannel(origins=["http://localhost"])
    for number in range(60_000):
        channel.limiter.allow(f"site-{number}", now=0)
    assert len(channel.limiter) <= 50_000


def test_client_address():
    assert client_ip("10.0.0.1", "1.2.3.4", proxies=0) == "10.0.0.1"  # the header is not trusted
    assert client_ip("127.0.0.1", "1.2.3.4, 5.6.7.8", proxies=1) == "5.6.7.8"
    assert client_ip("127.0.0.1", "vals, 1.2.3.4, 5.6.7.8", proxies=2) == "1.2.3.4"
    assert client_ip("127.0.0.1", None, proxies=1) == "127.0.0.1"


def channel_with_handlers(monkeypatch, **limits):
    """The channel with its default limits except ``limits``, behind no proxy."""
    return site_input.channel_with_handlers(monkeypatch, trusted_proxies=0, **limits)


def _connect(handlers, sid, ip, forwarded=None):
    environ = {"sanic.request": SimpleNamespace(ip=ip)}
    if forwarded:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
    assert asyncio.run(handlers["connect"](sid, environ)) is True


def _events(fake):
    return [event for event, _ in fake.emitted]


def test_a_connection_may_not_ask_for_sessions_again_and_again(monkeypatch):
    channel, handlers, fake, _ = channel_with_handlers(monkeypatch)
    _connect(handlers, "sid-1", "203.0.113.1")
    for _ in range(5):
        asyncio.run(handlers["session_request"]("sid-1", None))
    assert _events(fake).count("session_confirm") == 5
    fake.emitted.clear()
    asyncio.run(handlers["session_request"]("sid-1", None))
    assert ("fout", {"reden": "te_veel_sessies", "tekst": TOO_MANY_SESSIONS}) in fake.emitted
    assert ("bot_uttered", {"text": TOO_MANY_SESSIONS, "systeem": True}) in fake.emitted
    assert "session_confirm" not in _events(fake)


def test_new_conversations_per_address(monkeypatch):
    channel, handlers, fake, _ = channel_with_handlers(monkeypatch, new_per_ip=3)
    for number in range(3):
        _connect(handlers, f"sid-{number}", "203.0.113.2", forwarded=f"10.0.0.{number}")
        asyncio.run(handlers["session_request"](f"sid-{number}", None))
    assert _events(fake).count("session_confirm") == 3
    fake.emitted.clear()
    _connect(handlers, "sid-x", "203.0.113.2", forwarded="10.9.9.9")  # a forged header changes nothing
    asyncio.run(handlers["session_request"]("sid-x", None))
    assert _events(fake)[:2] == ["fout", "bot_uttered"]
    fake.emitted.clear()
    _connect(handlers, "sid-y", "198.51.100.7")  # someone else
    asyncio.run(handlers["session_request"]("sid-y", None))
    assert _events(fake)[0] == "session_confirm"


def test_messages_per_address_across_conversations(monkeypatch):
    channel, handlers, fake, received = channel_with_handlers(monkeypatch, ip_messages=4)
    for sid in ("sid-a", "sid-b"):
        _connect(handlers, sid, "203.0.113.3")
        asyncio.run(handlers["session_request"](sid, None))
    for number in range(4):
        asyncio.run(handlers["user_uttered"]("sid-a" if number % 2 else "sid-b", {"message": f"bericht {number}"}))
    assert received == [f"bericht {n}" for n in range(4)]
    fake.emitted.clear()
    asyncio.run(handlers["user_uttered"]("sid-a", {"message": "nog een"}))
    assert received[-1] == "bericht 3"
    assert ("afgewezen", {"reden": "te_snel", "message": "nog een"}) in fake.emitted  # the widget keeps the text
    assert ("bot_uttered", {"text": TOO_FAST, "systeem": True}) in fake.emitted
