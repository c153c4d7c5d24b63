"""Limits of the site channel, in bounded memory (connectors/limits.py): messages per
conversation and per client address, session requests per connection, new conversations
per client address."""

from __future__ import annotations

from connectors.limits import SlidingWindow


class RateLimiter(SlidingWindow):
    """At most ``messages`` per ``seconds`` per key; at most ``max_keys`` keys remembered."""

    def __init__(self, messages: int, seconds: float, max_keys: int = 50_000) -> None:
        super().__init__(messages, seconds, max_keys)
        self.messages = messages
