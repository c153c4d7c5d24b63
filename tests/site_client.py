"""A person in the site chat, as a real Socket.IO client (python-socketio)."""

from __future__ import annotations

import threading
import time
from typing import Any, Dict, List, Optional

import jwt
import socketio

PATH = "/webhooks/site/socket.io"


def conversation_in(token: str) -> str:
    """The conversation id a site token carries (its ``sub``), read without checking the signature."""
    return jwt.decode(token, options={"verify_signature": False})["sub"]


class Person:
    def __init__(self, base: str, origin: Optional[str] = None) -> None:
        self.base = base
        self.origin = origin  # None: the client's own origin (the page's)
        self.client = socketio.Client(reconnection=False)
        self.events: List[tuple] = []
        self.session: Dict[str, Any] = {}
        for name in ("session_confirm", "history", "bot_uttered", "user_echo", "typing", "afgewezen", "fout"):
            self.client.on(name, self._recorder(name))

    def _recorder(self, name: str):
        def record(data: Any = None) -> None:
            self.events.append((name, data))
            if name == "session_confirm":
                self.session = data

        return record

    def connect(self, token: Optional[str] = None) -> Person:
        if self.origin:  # long-polling sends exactly the Origin header given
            self.client.connect(
                self.base, socketio_path=PATH, transports=["polling"], headers={"Origin": self.origin}, wait_timeout=10
            )
        else:  # the websocket client sends the server's own origin, as the demo page would
            self.client.connect(self.base, socketio_path=PATH, transports=["websocket"], wait_timeout=10)
        self.client.emit("session_request", {"token": token})
        self.wait_for("session_confirm")
        return self

    def say(self, text: str) -> None:
        self.client.emit("user_uttered", {"message": text})

    def of(self, name: str) -> List[Any]:
        return [data for kind, data in self.events if kind == name]

    def texts(self) -> List[str]:
        return [m.get("text") or "" for m in self.of("bot_uttered")]

    def wait_for(self, name: str, count: int = 1, timeout: float = 30, where=None) -> List[Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [d for d in self.of(name) if where is None or where(d)]
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"geen {count}x '{name}' binnen {timeout} s; wel: {self.events[-8:]}")

    def reply_to(self, text: str, timeout: float = 30) -> List[str]:
        """Says ``text`` and waits until the bot has finished answering it."""
        before = len(self.of("typing"))
        self.say(text)
        self.wait_for("typing", before + 2, timeout)  # typing on, typing off
        return self.texts()

    def close(self) -> None:
        if self.client.transport() == "polling":
            # Its open long-poll only ends with the server's next ping (up to 25 s): the close
            # goes out now, in the background, and the test does not wait for that poll.
            threading.Thread(target=self.client.disconnect, daemon=True).start()
        else:
            self.client.disconnect()
