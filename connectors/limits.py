"""Rate limits in bounded memory: a sliding window of recent event times per key (an IP
address, a conversation, a connection, an account), for at most ``max_keys`` keys. When
more keys come in, the least recently used ones are forgotten; so are keys whose window
is empty. Memory is at most ``max_keys`` x ``limit`` timestamps.

The client's address (``client_ip``): the socket's remote address, or the address the
trusted proxies put in X-Forwarded-For, only when ``trusted_proxies`` says how many
proxies in front of the server add to that header (``INBOX_TRUSTED_PROXIES`` for the inbox,
``SITE_TRUSTED_PROXIES`` for the site channel; 0 by default; bot/settings.py).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from typing import Deque, Optional


class SlidingWindow:
    """At most ``limit`` events per ``seconds`` per key, for at most ``max_keys`` keys."""

    def __init__(self, limit: int, seconds: float, max_keys: int = 10_000) -> None:
        if limit < 1 or seconds <= 0 or max_keys < 1:
            raise ValueError("limit, seconds en max_keys moeten positief zijn")
        self.limit, self.seconds, self.max_keys = limit, seconds, max_keys
        self._seen: OrderedDict[str, Deque[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def _window(self, key: str, now: float) -> Optional[Deque[float]]:
        window = self._seen.get(key)
        if window is None:
            return None
        while window and now - window[0] >= self.seconds:
            window.popleft()
        if not window:
            del self._seen[key]
            return None
        return window

    def allow(self, key: str, now: Optional[float] = None) -> bool:
        """Counts an event for ``key``; False (and not counted) when over the limit."""
        now = time.monotonic() if now is None else now
        window = self._window(key, now)
        if window is not None and len(window) >= self.limit:
            self._seen.move_to_end(key)
            return False
        if window is None:
            window = self._seen[key] = deque(maxlen=self.limit)
            while len(self._seen) > self.max_keys:
                self._seen.popitem(last=False)
        self._seen.move_to_end(key)
        window.append(now)
        return True

    def blocked(self, key: str, now: Optional[float] = None) -> bool:
        """True when ``key`` is at its limit (counts nothing)."""
        now = time.monotonic() if now is None else now
        window = self._window(key, now)
        return window is not None and len(window) >= self.limit

    def retry_after(self, key: str, now: Optional[float] = None) -> float:
        """Seconds until ``key`` may act again (0 when it may now)."""
        now = time.monotonic() if now is None else now
        window = self._window(key, now)
        if window is None or len(window) < self.limit:
            return 0.0
        return max(0.0, self.seconds - (now - window[0]))

    def forget(self, key: str) -> None:
        self._seen.pop(key, None)


def client_ip(remote: Optional[str], forwarded_for: Optional[str], proxies: int) -> str:
    """The client's address: with ``proxies`` trusted proxies in front, the address the
    first of them saw (counted from the right of X-Forwarded-For); else the socket's."""
    if proxies > 0 and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return remote or "onbekend"
