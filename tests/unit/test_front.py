"""The front on the Rasa port: passes requests and WebSockets on unchanged to the active
backend, switches to the reserve when the active one stops, and never switches back by itself."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from connectors.front import STARTING, Front
from tests.services.test_handoff_delivery import free_port


class Backend:
    """A stand-in for one Rasa process: /status with a model, an echo, and a WebSocket echo."""

    def __init__(self, name: str) -> None:
        self.name, self.port = name, free_port()
        self.runner = None
        self.status_delay = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> Backend:
        async def status(request: web.Request) -> web.Response:
            if request.query.get("token") != "geheim":
                return web.json_response({"fout": "token"}, status=401)
            await asyncio.sleep(self.status_delay)
            return web.json_response({"model_file": "model.tar.gz", "model_id": "1"})

        async def echo(request: web.Request) -> web.Response:
            response = web.json_response(
                {
                    "backend": self.name,
                    "raw_path": request.raw_path,
                    "body": (await request.read()).decode(),
                    "origin": request.headers.get("Origin"),
                    "forwarded": request.headers.get("X-Forwarded-For"),
                }
            )
            response.set_cookie("a", "1")
            response.set_cookie("b", "2")
            return response

        async def socket(request: web.Request) -> web.WebSocketResponse:
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            async for message in ws:
                await ws.send_str(f"{self.name}:{message.data}")
            return ws

        app = web.Application()
        app.router.add_get("/status", status)
        app.router.add_get("/socket", socket)
        app.router.add_route("*", "/{tail:.*}", echo)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        return self

    async def stop(self) -> None:
        await self.runner.cleanup()


async def eventually(condition, timeout: float = 10.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        value = await condition()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError("niet gebeurd binnen de tijd")


@pytest.fixture
async def setup():
    first, second = await Backend("a").start(), await Backend("b").start()
    front = Front([first.url, second.url], "geheim", check_seconds=0.1)
    async with TestClient(TestServer(front.app())) as client:
        await eventually(lambda: asyncio.sleep(0, all(front.healthy.values())))
        yield front, client, first, second
    for backend in (first, second):
        await backend.stop()


async def test_requests_pass_unchanged_to_the_active_backend(setup):
    front, client, first, _ = setup
    reply = await client.post(
        "/conversations/a%2Fb%20c/tracker/events?token=x%26y",
        data=b'{"event": "pause"}',
        headers={"Origin": "http://localhost:5005"},
    )
    data = await reply.json()
    assert reply.status == 200 and data["backend"] == "a"
    assert data["raw_path"] == "/conversations/a%2Fb%20c/tracker/events?token=x%26y"
    assert data["body"] == '{"event": "pause"}' and data["origin"] == "http://localhost:5005"
    assert {"a", "b"} <= {cookie.key for cookie in reply.cookies.values()}


async def test_the_front_adds_the_client_address_to_x_forwarded_for(setup):
    """Rasa trusts one proxy (SITE_TRUSTED_PROXIES=1 in run.sh): the last address is the
    one the front saw, whatever the client wrote in the header itself."""
    front, client, first, _ = setup
    data = await (await client.get("/x")).json()
    assert data["forwarded"] == "127.0.0.1"
    data = await (await client.get("/x", headers={"X-Forwarded-For": "6.6.6.6"})).json()
    assert data["forwarded"] == "6.6.6.6, 127.0.0.1"


async def test_websockets_pass_both_ways(setup):
    _, client, _, _ = setup
    async with client.ws_connect("/socket") as ws:
        await ws.send_str("hallo")
        assert (await ws.receive_str()) == "a:hallo"


async def test_a_stopped_backend_is_replaced_at_once_and_the_front_stays_with_the_reserve(setup):
    front, client, first, second = setup
    await first.stop()
    reply = await client.get("/iets")  # the connection is refused: tried on the reserve at once
    assert reply.status == 200 and (await reply.json())["backend"] == "b"
    assert front.active == second.url
    await first.start()  # back on the same port
    await eventually(lambda: asyncio.sleep(0, front.healthy[first.url]))
    assert (await (await client.get("/iets")).json())["backend"] == "b"  # no switching back


async def test_without_a_ready_backend_the_answer_is_503_in_dutch(setup):
    front, client, first, second = setup
    await first.stop()
    await second.stop()
    reply = await client.post("/webhooks/rest/webhook", json={"sender": "x", "message": "hoi"})
    assert reply.status == 503 and (await reply.json())["fout"] == STARTING
    async with aiohttp.ClientSession() as session:  # the front itself is still there
        assert (await session.get(str(client.make_url("/status")))).status == 503
    await first.start()
    await eventually(lambda: asyncio.sleep(0, front.active == first.url))
    assert (await client.get("/iets")).status == 200


async def test_a_busy_backend_that_answers_status_late_is_kept_for_a_few_checks():
    first, second = await Backend("a").start(), await Backend("b").start()
    front = Front([first.url, second.url], "geheim", check_seconds=3600, status_timeout=0.2)
    async with TestClient(TestServer(front.app())) as client:
        await eventually(lambda: asyncio.sleep(0, front.active == first.url))
        first.status_delay = 1.0  # busy: /status answers after the timeout
        for _ in range(3):
            await front.check()
        assert front.active == first.url
        assert (await (await client.get("/iets")).json())["backend"] == "a"
        await front.check()  # the fourth slow answer in a row
        assert front.active == second.url
        assert (await (await client.get("/iets")).json())["backend"] == "b"
    for backend in (first, second):
        await backend.stop()
