"""The front of the Rasa server in ``make run``: one public port, one or two Rasa processes.

    python -m connectors.front --port 5005 --backend http://127.0.0.1:5015 --backend http://127.0.0.1:5016

Rasa needs half a minute or more to start (TensorFlow, the model). So that a crashed Rasa
does not take the chat offline that long, ``make run`` starts a reserve Rasa process, and
this front passes every request (HTTP, Socket.IO long-polling and WebSocket) to one
healthy Rasa: the active one. It checks every backend twice a second (``/status`` names a
loaded model); when the active one refuses connections it switches to the other at once
(after a few slow or failed checks in a row when it is there but does not answer), and
stays there. Both processes use the same tracker store, so a conversation continues.

A request that could not even connect is tried on the next backend; a request that was
cut off mid-way is not repeated (Rasa may have handled it) and gets 502 with a Dutch
message. When no backend accepts the connection the answer is 503.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import List, Optional

import aiohttp
from aiohttp import web
from multidict import CIMultiDict
from yarl import URL

from bot.settings import current as settings

logger = logging.getLogger("connectors.front")

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "host",
}
FAILURES = 4
STARTING = "De assistent start opnieuw op. Probeer het over een paar seconden nog eens."
CUT_OFF = "De verbinding met de assistent viel weg. Stuur je bericht nog een keer."


class Front:
    def __init__(
        self, backends: List[str], token: str, check_seconds: float = 0.5, status_timeout: float = 5.0
    ) -> None:
        self.backends = [url.rstrip("/") for url in backends]
        self.token = token
        self.check_seconds, self.status_timeout = check_seconds, status_timeout
        self.healthy = {url: False for url in self.backends}
        self.failures = {url: 0 for url in self.backends}
        self.active: Optional[str] = None
        self.session: Optional[aiohttp.ClientSession] = None
        self._checker: Optional[asyncio.Task] = None

    # --- health -----------------------------------------------------------------------------

    async def _status(self, backend: str) -> Optional[bool]:
        """True: ready (a model is loaded). None: not there (connection refused). False: slow or not ready."""
        try:
            async with self.session.get(
                f"{backend}/status",
                params={"token": self.token},
                timeout=aiohttp.ClientTimeout(total=self.status_timeout),
            ) as reply:
                if reply.status != 200:
                    return False
                status = await reply.json(content_type=None)
                return bool(status.get("model_file"))
        except aiohttp.ClientConnectorError:
            return None
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, AttributeError):
            return False

    def _mark(self, backend: str, healthy: bool) -> None:
        if self.healthy[backend] != healthy:
            logger.info("rasa %s is %s", backend, "klaar" if healthy else "niet bereikbaar")
        self.healthy[backend] = healthy
        if self.active is not None and self.healthy.get(self.active):
            return
        choice = next((url for url in self.backends if self.healthy[url]), None)
        if choice != self.active:
            logger.warning("actieve rasa: %s (was %s)", choice or "geen", self.active or "geen")
            self.active = choice

    async def check(self) -> None:
        """A refused connection marks a backend down at once; a slow or odd answer only after
        FAILURES checks in a row (a Rasa busy with many messages answers /status late)."""
        results = await asyncio.gather(*(self._status(url) for url in self.backends))
        for url, result in zip(self.backends, results):
            if result:
                self.failures[url] = 0
                self._mark(url, True)
            elif result is None:
                self._mark(url, False)
            else:
                self.failures[url] += 1
                if self.failures[url] >= FAILURES:
                    self._mark(url, False)

    async def _check_forever(self) -> None:
        while True:
            await self.check()
            await asyncio.sleep(self.check_seconds)

    def _order(self) -> List[str]:
        """The active backend first, then the other healthy ones, then the rest (it costs only a
        refused connection to find out they are not there)."""
        first = [self.active] if self.active else []
        healthy = [url for url in self.backends if self.healthy[url] and url not in first]
        return first + healthy + [url for url in self.backends if url not in first and url not in healthy]

    # --- proxying ---------------------------------------------------------------------------

    @staticmethod
    def _url(backend: str, request: web.Request) -> URL:
        """The same path and query on the backend, exactly as the client sent them (still encoded)."""
        return URL(backend + request.raw_path, encoded=True)

    @staticmethod
    def _headers(headers) -> CIMultiDict:
        return CIMultiDict((k, v) for k, v in headers.items() if k.lower() not in HOP_BY_HOP)

    @staticmethod
    def _forwarded(request: web.Request) -> str:
        """X-Forwarded-For with the address of the client of this front added (Rasa trusts
        it only as far as SITE_TRUSTED_PROXIES says)."""
        earlier = request.headers.get("X-Forwarded-For")
        return f"{earlier}, {request.remote}" if earlier else str(request.remote)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await self._websocket(request)
        body = await request.read()
        headers = self._headers(request.headers)
        headers["X-Forwarded-For"] = self._forwarded(request)
        for backend in self._order():
            try:
                async with self.session.request(
                    request.method,
                    self._url(backend, request),
                    data=body or None,
                    headers=headers,
                    allow_redirects=False,
                ) as reply:
                    data = await reply.read()
                    return web.Response(status=reply.status, body=data, headers=self._headers(reply.headers))
            except aiohttp.ClientConnectorError:
                self._mark(backend, False)  # never reached Rasa: safe to try the other one
            except asyncio.TimeoutError:
                return web.json_response({"fout": CUT_OFF}, status=504)
            except aiohttp.ClientError:  # cut off mid-way: the process stopped
                self._mark(backend, False)
                return web.json_response({"fout": CUT_OFF}, status=502)
        return web.json_response({"fout": STARTING}, status=503, headers={"Retry-After": "2"})

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        headers = {
            k: v for k, v in request.headers.items() if k.lower() in {"origin", "cookie", "user-agent", "authorization"}
        }
        headers["X-Forwarded-For"] = self._forwarded(request)
        for backend in self._order():
            try:
                upstream = await self.session.ws_connect(
                    self._url(backend, request), headers=headers, autoping=False, max_msg_size=0
                )
            except aiohttp.WSServerHandshakeError as error:
                return web.json_response({"fout": "WebSocket geweigerd"}, status=error.status or 400)
            except aiohttp.ClientConnectorError:
                self._mark(backend, False)
                continue
            except (aiohttp.ClientError, asyncio.TimeoutError):
                self._mark(backend, False)
                return web.json_response({"fout": CUT_OFF}, status=502)
            downstream = web.WebSocketResponse(autoping=False, max_msg_size=0)
            await downstream.prepare(request)
            await self._pump(downstream, upstream)
            return downstream
        return web.json_response({"fout": STARTING}, status=503, headers={"Retry-After": "2"})

    @staticmethod
    async def _pump(downstream: web.WebSocketResponse, upstream: aiohttp.ClientWebSocketResponse) -> None:
        async def copy(source, target) -> None:
            async for message in source:
                if message.type == aiohttp.WSMsgType.TEXT:
                    await target.send_str(message.data)
                elif message.type == aiohttp.WSMsgType.BINARY:
                    await target.send_bytes(message.data)
                elif message.type == aiohttp.WSMsgType.PING:
                    await target.ping(message.data)
                elif message.type == aiohttp.WSMsgType.PONG:
                    await target.pong(message.data)
                else:
                    break

        tasks = [asyncio.ensure_future(copy(downstream, upstream)), asyncio.ensure_future(copy(upstream, downstream))]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await upstream.close()
            await downstream.close()

    # --- the app ----------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=100 * 1024 * 1024)  # as much as Rasa itself accepts

        async def start(_: web.Application) -> None:
            # No total timeout: Socket.IO long-polling holds a request open for up to 25 s.
            self.session = aiohttp.ClientSession(
                auto_decompress=False, timeout=aiohttp.ClientTimeout(total=None, connect=3, sock_read=120)
            )
            self._checker = asyncio.ensure_future(self._check_forever())

        async def stop(_: web.Application) -> None:
            if self._checker is not None:
                self._checker.cancel()
            if self.session is not None:
                await self.session.close()

        app.on_startup.append(start)
        app.on_cleanup.append(stop)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m connectors.front", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--backend", action="append", required=True, help="URL van een Rasa-proces (1 of meer)")
    parser.add_argument("--token", default=settings().rasa.token)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s  %(message)s")
    front = Front(args.backend, args.token)
    web.run_app(
        front.app(),
        host=args.host,
        port=args.port,
        access_log=None,
        print=lambda *_: logger.info("voorkant op poort %s, rasa: %s", args.port, ", ".join(args.backend)),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
