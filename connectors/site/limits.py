"""Per-conversation rate limit: a sliding window of recent message times."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from typing import Deque, Dict, Optional


class RateLimiter:
    def __init__(self, messages: int, seconds: float) -> None:
        self.messages, self.seconds = messages, seconds
        self._seen: Dict[str, Deque[float]] = defaultdict(deque)

    def allow(self, key: str, now: Optional[float] = None) -> bool:
        now = time.monotonic() if now is None else now
        window = self._seen[key]
        while window and now - window[0] > self.seconds:
            window.popleft()
        if len(window) >= self.messages:
            return False
        window.append(now)
        return True
