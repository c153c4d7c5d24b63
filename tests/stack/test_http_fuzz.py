"""Malformed requests to the Rasa port (the front, the rest channel, the site channel) get
4xx, never 5xx; the chat keeps answering."""

from __future__ import annotations

import json
from typing import Dict, List, Optional
from urllib.parse import quote, urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.rest import problem
from tests import raw_http

anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
not_text = anything.filter(lambda v: not isinstance(v, str))
bodies = st.one_of(
    anything.filter(lambda v: not isinstance(v, dict)).map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"sender": st.text(min_size=1, max_size=10), "message": not_text}).map(
        lambda d: json.dumps(d).encode()
    ),
    st.fixed_dictionaries({"sender": not_text.filter(lambda v: v is not None), "message": st.text(max_size=10)}).map(
        lambda d: json.dumps(d).encode()
    ),
    st.fixed_dictionaries(
        {
            "sender": st.just("fuzz"),
            "message": st.just("hoi"),
            "metadata": not_text.filter(lambda v: v is not None and not isinstance(v, dict)),
        }
    ).map(lambda d: json.dumps(d).encode()),
    st.fixed_dictionaries({"sender": st.text(max_size=10)}).map(lambda d: json.dumps(d).encode()),
    st.builds(lambda n: b"[" * n + b"]" * n, st.integers(1, 30_000)),
    st.builds(lambda n: b'{"message": ' * n, st.integers(1, 20_000)),
    st.binary(max_size=200).filter(lambda b: not b.strip().startswith(b"{")),
    st.sampled_from(
        [
            b"",
            b"[]",
            b'"x"',
            b"null",
            b"42",
            b'{"sender": "a", "message": "\\ud800"}',
            b'{"sender": "a", "message": "a\\u0000b"}',
            b'{"sender": "", "message": "hoi"}',
            b'{"sender": "' + b"s" * 300 + b'", "message": "hoi"}',
            b"\xff\xfe{}",
        ]
    ),
)
FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(body=bodies)
def test_every_malformed_webhook_body_is_named_in_dutch(body):
    assert problem(body)


def test_a_proper_message_passes():
    assert problem(b'{"sender": "p1", "message": "hallo"}') is None
    assert problem(b'{"sender": "p1", "message": "hallo", "metadata": {"a": 1}, "input_channel": "x"}') is None
    assert problem(b'{"message": "hallo"}') is None  # Rasa's default sender


class Client:
    def __init__(self, base: str) -> None:
        parsed = urlparse(base)
        self.host, self.port = parsed.hostname, parsed.port
        self.statuses: List[int] = []

    def request(self, method: str, path: str, body: bytes = b"", headers: Optional[Dict[str, bytes]] = None):
        status, data = raw_http.send(self.host, self.port, method, path, body, headers)
        self.statuses.append(status)
        assert status < 500, f"{method} {path} {body[:200]!r} -> {status} {data[:300]!r}"
        return status, data


@pytest.mark.stack
def test_malformed_requests_to_the_rasa_port_get_no_5xx(stack):
    client = Client(stack.rasa)
    for body in (b"[]", b'"x"', b"null", b"42", b"[" * 30_000 + b"]" * 30_000):
        status, data = client.request("POST", "/webhooks/rest/webhook", body, {"Content-Type": b"application/json"})
        assert status == 400 and json.loads(data)["fout"]

    @settings(FUZZ, max_examples=300)
    @given(body=bodies, content_type=st.sampled_from([b"application/json", b"text/plain", b"", b"\xff"]))
    def webhook(body, content_type):
        status, _ = client.request("POST", "/webhooks/rest/webhook", body, {"Content-Type": content_type})
        assert status in {400, 413}

    segment = st.binary(max_size=40).map(lambda b: quote(b, safe="")) | st.sampled_from(
        ["..", "%2e%2e%2fcredentials.yml", "a" * 3000, "%00", "%ED%A0%80", "widget.js"]
    )

    @settings(FUZZ, max_examples=200)
    @given(
        path=st.sampled_from(
            [
                "/webhooks/site/static/{s}",
                "/webhooks/site/?{s}",
                "/webhooks/site/socket.io/?EIO=4&transport=polling&sid={s}",
                "/webhooks/site/socket.io/?EIO={s}&transport=polling",
                "/conversations/{s}/tracker?token={s}",
                "/{s}",
            ]
        ),
        value=segment,
        method=st.sampled_from(["GET", "POST"]),
        body=st.binary(max_size=100),
    )
    def other_paths(path, value, method, body):
        client.request(method, path.replace("{s}", value), body, {"Origin": stack.rasa.encode()})

    webhook()
    other_paths()
    assert len(client.statuses) >= 500
    assert stack.say("na-de-fuzz", "hallo")  # the server stays up and answers
