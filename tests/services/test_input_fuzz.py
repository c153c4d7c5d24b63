"""Malformed input to the inbox (JSON API, forms, live takeover) gets 4xx, never 5xx.

The inbox runs as a real HTTP server on a free port; Hypothesis sends thousands of broken
bodies, headers, paths and query strings. Afterwards the server must still answer.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Dict, List, Optional
from urllib.parse import quote

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store import db
from connectors.inbox import auth
from connectors.inbox import store as inbox_store
from connectors.inbox.app import LOGIN_CSRF_COOKIE, create_app
from connectors.inbox.live import RasaClient, RasaRefused
from tests import raw_http
from tests.services.test_handoff_delivery import free_port
from tests.unit.test_inbox import PASSWORD, delivered


class FakeRasa(RasaClient):
    """Rasa's tracker API and the site channel's staff endpoint in memory."""

    def __init__(self) -> None:
        super().__init__("http://rasa.invalid", "geheim")
        self.paused, self.messages = False, []

    async def tracker(self, conversation_id: str) -> Dict:
        return {"paused": self.paused, "events": list(self.messages[-50:])}

    async def staff(self, conversation_id: str, action: str, intaker: str, text: str = "") -> Dict:
        if action == "bericht" and not self.paused:
            raise RasaRefused("neem het gesprek eerst over")
        if action in {"overnemen", "teruggeven"}:
            self.paused = action == "overnemen"
        elif text:
            self.messages.append({"event": "bot", "text": text, "metadata": {"medewerker": intaker}})
        return {"verstuurd": True, "gepauzeerd": self.paused}


class Server:
    def __init__(self, app: web.Application) -> None:
        self.app, self.port = app, free_port()
        self.statuses: List[int] = []

    def __enter__(self) -> Server:
        ready = threading.Event()

        def serve() -> None:
            self.loop = asyncio.new_event_loop()
            self.runner = web.AppRunner(self.app)
            self.loop.run_until_complete(self.runner.setup())
            self.loop.run_until_complete(web.TCPSite(self.runner, "127.0.0.1", self.port).start())
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()
        assert ready.wait(20), "inbox start niet"
        return self

    def __exit__(self, *_) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(20)

    def request(self, method: str, path: str, body: bytes = b"", headers: Optional[Dict[str, bytes]] = None):
        status, data = raw_http.send("127.0.0.1", self.port, method, path, body, headers)
        self.statuses.append(status)
        assert status < 500, f"{method} {path} {headers} {body[:300]!r} -> {status} {data[:500]!r}"
        return status, data


@pytest.fixture
def inbox(tmp_path):
    engine = db.new_engine(f"sqlite:///{tmp_path / 'inbox.db'}")
    db.upgrade(engine)
    auth.add_intaker(engine, "sanne", "Sanne Intaker", PASSWORD)
    handoff_id = asyncio.run(delivered(engine))
    sanne = auth.authenticate(engine, "sanne", PASSWORD)
    inbox_store.claim(engine, handoff_id, sanne.id)
    token, csrf = auth.start_session(engine, sanne)
    rasa = FakeRasa()
    rasa.paused = True  # taken over: 'bericht' reaches the point where it sends
    with Server(create_app(engine, rasa=rasa)) as server:
        server.handoff_id, server.cookie, server.csrf = handoff_id, f"inbox_sessie={token}", csrf
        yield server
    engine.dispose()


# --- strategies ----------------------------------------------------------------------------

SURROGATES = ['"\\ud800"', '"\\udfff x"', '"a\\u0000b"']
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def nested(depth: int, kind: int) -> bytes:
    if kind == 0:
        return b"[" * depth + b"]" * depth
    if kind == 1:
        return b'{"tekst":' * depth + b'"x"' + b"}" * depth
    return b"[" * depth  # never closed


def wrong_field(fields):
    """An object with the expected field names, at least one of them not a valid string."""
    bad = json_values.filter(lambda v: not isinstance(v, str)) | st.sampled_from(SURROGATES).map(json.loads)
    return st.fixed_dictionaries({name: bad for name in fields}).map(
        lambda d: json.dumps(d, ensure_ascii=True).encode()
    )


def json_bodies(fields):
    valid = st.fixed_dictionaries({name: st.text(max_size=20) for name in fields}).map(lambda d: json.dumps(d).encode())
    return st.one_of(
        json_values.filter(lambda v: not isinstance(v, dict)).map(lambda v: json.dumps(v).encode()),
        wrong_field(fields),
        st.builds(nested, st.integers(1, 40_000), st.integers(0, 2)).filter(lambda b: len(b) <= 60_000),
        st.binary(max_size=200),
        st.tuples(valid, st.integers(0, 60)).map(lambda t: t[0][: min(t[1], len(t[0]) - 1)]),  # cut off
        st.sampled_from([b"[]", b'"x"', b"null", b"42", b"", b"{", b"\xff\xfe", b'{"tekst": 1e999999}']),
        st.sampled_from(SURROGATES).map(lambda s: ('{"%s": %s}' % (fields[0], s)).encode()),  # noqa: UP031 - bytes-like JSON text
    )


CONTENT_TYPES = [
    b"application/json",
    b"application/x-www-form-urlencoded",
    b"multipart/form-data",
    b"multipart/form-data; boundary=",
    b"multipart/form-data; boundary=grens",
    b"text/plain",
    b"application/json; charset=klingon",
    b"multipart/mixed; boundary=grens",
    b"\xff\xfe",
    b"",
]


def multipart(fields: Dict[str, bytes], boundary: bytes = b"grens") -> bytes:
    parts = [
        b"--"
        + boundary
        + b"\r\nContent-Disposition: form-data; name=\""
        + name.encode()
        + b"\"\r\n\r\n"
        + value
        + b"\r\n"
        for name, value in fields.items()
    ]
    return b"".join(parts) + b"--" + boundary + b"--\r\n"


def form_bodies(fields):
    values = st.binary(max_size=40) | st.text(max_size=20).map(str.encode)
    whole = st.fixed_dictionaries({name: values for name in fields}).map(multipart)
    return st.one_of(
        st.tuples(whole, st.integers(0, 400)).map(lambda t: t[0][: t[1]]),  # truncated multipart
        whole,
        st.binary(max_size=300),
        st.just(
            b"--grens\r\nContent-Disposition: form-data; name=\"csrf\"; filename=\"a.txt\"\r\n\r\nx\r\n--grens--\r\n"
        ),
        st.just(multipart({name: b"\xed\xa0\x80\x00" for name in fields})),
    )


ids = st.one_of(
    st.just("ID"),
    st.uuids().map(str),
    st.binary(max_size=60).map(lambda b: quote(b, safe="")),
    st.text(max_size=40).map(lambda t: quote(t.encode("utf-8"), safe="")),
    st.sampled_from(["..", "%00", "%2e%2e%2f", "a" * 5000, "%ED%A0%80", "%FF"]),
)
header_values = st.binary(max_size=60).filter(lambda b: b"\r" not in b and b"\n" not in b)


def path_with(template: str, handoff: str, value: str) -> str:
    return template.replace("{id}", handoff if value == "ID" else value)


# --- the tests -----------------------------------------------------------------------------


def test_known_bad_bodies_get_400_with_a_dutch_message(inbox):
    bericht = f"/api/overdrachten/{inbox.handoff_id}/live/bericht"
    signed = {"Cookie": inbox.cookie.encode(), "X-CSRF-Token": inbox.csrf.encode(), "Content-Type": b"application/json"}
    deep = b"[" * 30_000 + b"]" * 30_000
    for body in (b"[]", b'"x"', b"null", b"42", deep, b"{bad", b'{"gebruikersnaam": 5, "wachtwoord": []}'):
        status, data = inbox.request("POST", "/api/login", body, {"Content-Type": b"application/json"})
        assert status == 400 and json.loads(data)["fout"]
    for body in (b"[]", b'"x"', b"null", b"42", deep, b'{"tekst": 5}', b'{"tekst": "\\ud800"}'):
        status, data = inbox.request("POST", bericht, body, signed)
        assert status == 400 and json.loads(data)["fout"]
    cut = multipart({"csrf": b"abc", "gebruikersnaam": b"sanne", "wachtwoord": b"x"})[:70]
    status, data = inbox.request(
        "POST",
        "/login",
        cut,
        {"Content-Type": b"multipart/form-data; boundary=grens", "Cookie": f"{LOGIN_CSRF_COOKIE}=abc".encode()},
    )
    assert status == 400 and "formulier" in data.decode()
    status, data = inbox.request("POST", bericht, json.dumps({"tekst": "Hoi, ik ben Sanne."}).encode(), signed)
    assert status == 200 and json.loads(data) == {"gepauzeerd": True, "verstuurd": True}
    status, data = inbox.request("GET", bericht.rsplit("/", 1)[0], b"", signed)
    assert status == 200 and json.loads(data)["berichten"][-1]["tekst"] == "Hoi, ik ben Sanne."


def test_thousands_of_malformed_requests_get_no_5xx_and_the_server_stays_up(inbox):
    handoff = inbox.handoff_id
    session = {"Cookie": inbox.cookie.encode(), "X-CSRF-Token": inbox.csrf.encode()}
    fuzz = settings(max_examples=450, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    @fuzz
    @given(body=json_bodies(["gebruikersnaam", "wachtwoord"]), content_type=st.sampled_from(CONTENT_TYPES))
    def api_login(body, content_type):
        status, _ = inbox.request("POST", "/api/login", body, {"Content-Type": content_type})
        assert status in {400, 401, 413}

    @fuzz
    @given(
        body=json_bodies(["tekst"]),
        content_type=st.sampled_from(CONTENT_TYPES),
        target=ids,
        csrf=st.sampled_from([inbox.csrf.encode()]) | header_values,
    )
    def live_message(body, content_type, target, csrf):
        path = path_with("/api/overdrachten/{id}/live/bericht", handoff, target)
        inbox.request(
            "POST", path, body, {"Cookie": session["Cookie"], "X-CSRF-Token": csrf, "Content-Type": content_type}
        )

    @fuzz
    @given(
        body=form_bodies(["csrf", "gebruikersnaam", "wachtwoord"]),
        content_type=st.sampled_from(CONTENT_TYPES),
        cookie=st.sampled_from([b"", f"{LOGIN_CSRF_COOKIE}=abc".encode()]) | header_values,
    )
    def login_form(body, content_type, cookie):
        status, _ = inbox.request("POST", "/login", body, {"Content-Type": content_type, "Cookie": cookie})
        assert status in {400, 401, 403, 413}

    @fuzz
    @given(
        body=form_bodies(["csrf"]),
        content_type=st.sampled_from(CONTENT_TYPES),
        target=ids,
        action=st.sampled_from(
            [
                "/overdracht/{id}/claim",
                "/overdracht/{id}/afronden",
                "/logout",
                "/api/overdrachten/{id}/claim",
                "/api/overdrachten/{id}/afronden",
                "/api/overdrachten/{id}/live/overnemen",
                "/api/overdrachten/{id}/live/teruggeven",
            ]
        ),
        csrf=st.none() | header_values,
    )
    def forms_and_changes(body, content_type, target, action, csrf):
        headers = {"Cookie": session["Cookie"], "Content-Type": content_type}
        if csrf is not None:
            headers["X-CSRF-Token"] = csrf
        inbox.request("POST", path_with(action, handoff, target), body, headers)

    @fuzz
    @given(
        target=ids,
        value=st.binary(max_size=40).map(lambda b: quote(b, safe="")),
        page=st.sampled_from(
            [
                "/api/overdrachten?status={v}",
                "/api/afleveringen?status={v}",
                "/api/overdrachten/{id}",
                "/api/overdrachten/{id}/live",
                "/overdracht/{id}",
                "/overdracht/{id}/live",
                "/static/{v}",
                "/?melding={v}",
                "/login?{v}",
            ]
        ),
        cookie=st.sampled_from([b"", b"inbox_sessie=", b"inbox_sessie=\xff\xfe"])
        | header_values
        | st.just(session["Cookie"]),
    )
    def pages_and_queries(target, value, page, cookie):
        inbox.request("GET", path_with(page, handoff, target).replace("{v}", value), headers={"Cookie": cookie})

    for run in (api_login, live_message, login_form, forms_and_changes, pages_and_queries):
        run()

    assert len(inbox.statuses) >= 2000, len(inbox.statuses)
    assert max(inbox.statuses) < 500
    assert inbox.request("GET", "/health")[0] == 200
    status, data = inbox.request("GET", f"/api/overdrachten/{handoff}", headers={"Cookie": session["Cookie"]})
    assert status == 200 and json.loads(data)["id"] == handoff  # the session survived the fuzzing
    print(f"{len(inbox.statuses)} verzoeken, statussen {sorted(set(inbox.statuses))}")
