"""Real local receivers for handoff deliveries: an HTTP webhook receiver and an SMTP server."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from typing import Any, Callable, Dict, List, Optional

from aiohttp import web
from aiosmtpd.controller import Controller

from connectors.delivery import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verify


@dataclass
class Received:
    key: Optional[str]
    body: bytes
    signature_ok: bool


class WebhookReceiver:
    """Answers 503 to the first ``fail_first`` requests, hangs ``hang_first`` requests, and
    processes each idempotency key once (a repeat is acknowledged, not processed again)."""

    def __init__(self, port: int, secret: str, fail_first: int = 0, hang_first: int = 0) -> None:
        self.port, self.secret, self.fail_first, self.hang_first = port, secret, fail_first, hang_first
        self.requests: List[Received] = []
        self.processed: Dict[str, Dict[str, Any]] = {}
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._runner: Optional[web.AppRunner] = None
        self._thread: Optional[threading.Thread] = None

    async def _handle(self, request: web.Request) -> web.Response:
        data = await request.read()
        ok = verify(self.secret, request.headers.get(SIGNATURE_HEADER, ""), data)
        self.requests.append(Received(request.headers.get(IDEMPOTENCY_HEADER), data, ok))
        number = len(self.requests)
        if number <= self.hang_first:
            await asyncio.sleep(60)
        if number <= self.fail_first:
            return web.Response(status=503, text="even niet")
        if not ok:
            return web.Response(status=401, text="handtekening klopt niet")
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key not in self.processed:
            self.processed[key] = json.loads(data)
        return web.json_response({"ok": True})

    def start(self) -> WebhookReceiver:
        ready = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            app = web.Application()
            app.router.add_post("/overdracht", self._handle)
            self._runner = web.AppRunner(app)
            self._loop.run_until_complete(self._runner.setup())
            self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        assert ready.wait(10), "webhook-ontvanger start niet"
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/overdracht"


@dataclass
class SmtpReceiver:
    port: int
    messages: List[Any] = field(default_factory=list)
    _controller: Optional[Controller] = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def start(self) -> SmtpReceiver:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def wait_until(condition: Callable[[], Any], timeout: float = 30.0, interval: float = 0.05, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"niet gebeurd binnen {timeout} s: {what}")
