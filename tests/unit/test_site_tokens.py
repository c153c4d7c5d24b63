"""Conversation tokens of the site channel (connectors/site/tokens.py): JWTs signed with HS256
that carry the conversation id (sub) and the time of issue (iat). Anything else is no token."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import jwt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.site import tokens

SECRET = "een-lang-geheim-voor-de-test-" * 3  # long enough for HS512 too (no key-length warning)
NOW = 1_800_000_000
DAY = 86400


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signed(header: dict, claims: dict, secret: str = SECRET) -> str:
    """A token put together by hand, signed with HMAC-SHA256 whatever the header says."""
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def test_a_token_gives_back_its_conversation():
    token = tokens.issue(SECRET, "site-abc", now=NOW)
    assert tokens.conversation_of(SECRET, token, DAY, now=NOW + 10) == "site-abc"
    new = tokens.issue(SECRET, now=NOW)
    assert tokens.conversation_of(SECRET, new, DAY, now=NOW).startswith("site-")
    assert tokens.conversation_of(SECRET, tokens.issue(SECRET, "site-abc"), DAY) == "site-abc"  # the clock


def test_a_token_is_a_jwt_with_sub_and_iat():
    token = tokens.issue(SECRET, "site-abc", now=NOW + 0.9)
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    assert jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": False}) == {
        "sub": "site-abc",
        "iat": NOW,
    }


def test_a_token_of_another_secret_is_refused():
    foreign = tokens.issue("een-ander-geheim-" * 4, "site-abc", now=NOW)
    assert tokens.conversation_of(SECRET, foreign, DAY, now=NOW) is None


def test_a_changed_token_is_refused():
    token = tokens.issue(SECRET, "site-abc", now=NOW)
    header, _claims, signature = token.split(".")
    other = _b64(json.dumps({"sub": "site-slachtoffer", "iat": NOW}).encode())
    assert tokens.conversation_of(SECRET, f"{header}.{other}.{signature}", DAY, now=NOW) is None
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    assert tokens.conversation_of(SECRET, f"{header}.{token.split('.')[1]}.{flipped}", DAY, now=NOW) is None
    assert tokens.conversation_of(SECRET, f"{header}.{token.split('.')[1]}.", DAY, now=NOW) is None
    assert tokens.conversation_of(SECRET, token + "x", DAY, now=NOW) is None


def test_age_counts_from_the_time_of_issue():
    token = tokens.issue(SECRET, "site-abc", now=NOW)
    assert tokens.conversation_of(SECRET, token, DAY, now=NOW + DAY) == "site-abc"
    assert tokens.conversation_of(SECRET, token, DAY, now=NOW + DAY + 1) is None  # expired
    assert tokens.conversation_of(SECRET, token, DAY, now=NOW - 1) is None  # issued in the future
    assert tokens.conversation_of(SECRET, tokens.issue(SECRET, "site-abc"), DAY, now=NOW - 10**9) is None


@pytest.mark.parametrize(
    "header",
    [
        {"alg": "none", "typ": "JWT"},
        {"alg": "HS512", "typ": "JWT"},
        {"alg": "RS256", "typ": "JWT"},
        {"typ": "JWT"},
    ],
)
def test_only_hs256_is_accepted(header):
    claims = {"sub": "site-abc", "iat": NOW}
    assert tokens.conversation_of(SECRET, _signed({"alg": "HS256", "typ": "JWT"}, claims), DAY, now=NOW) == "site-abc"
    assert tokens.conversation_of(SECRET, _signed(header, claims), DAY, now=NOW) is None
    unsigned = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}."
    assert tokens.conversation_of(SECRET, unsigned, DAY, now=NOW) is None


def test_other_algorithms_with_the_right_secret_are_refused():
    claims = {"sub": "site-abc", "iat": NOW}
    for algorithm in ("HS384", "HS512"):
        assert tokens.conversation_of(SECRET, jwt.encode(claims, SECRET, algorithm=algorithm), DAY, now=NOW) is None
    assert tokens.conversation_of(SECRET, jwt.encode(claims, None, algorithm="none"), DAY, now=NOW) is None


@pytest.mark.parametrize(
    "claims",
    [
        {"iat": NOW},
        {"sub": "site-abc"},
        {"sub": "", "iat": NOW},
        {"sub": None, "iat": NOW},
        {"sub": 12, "iat": NOW},
        {"sub": ["site-abc"], "iat": NOW},
        {"sub": "site-abc", "iat": str(NOW)},
        {"sub": "site-abc", "iat": NOW + 0.5},
        {"sub": "site-abc", "iat": True},
        {"sub": "site-abc", "iat": None},
        {"sub": "site-abc", "iat": [NOW]},
    ],
)
def test_claims_of_the_wrong_kind_are_refused(claims):
    assert tokens.conversation_of(SECRET, _signed({"alg": "HS256", "typ": "JWT"}, claims), DAY, now=NOW) is None


def test_a_payload_that_is_no_object_is_refused():
    for payload in (b"[1, 2]", b"\"site-abc\"", b"12", b"{", b"\xff\xfe"):
        signing_input = f"{_b64(json.dumps({'alg': 'HS256'}).encode())}.{_b64(payload)}"
        signature = _b64(hmac.new(SECRET.encode(), signing_input.encode(), hashlib.sha256).digest())
        assert tokens.conversation_of(SECRET, f"{signing_input}.{signature}", DAY, now=NOW) is None


def test_the_old_hand_signed_format_is_no_token():
    payload = f"site-abc.{NOW}"
    signature = _b64(hmac.new(SECRET.encode(), payload.encode(), hashlib.sha256).digest())
    assert tokens.conversation_of(SECRET, f"{payload}.{signature}", DAY, now=NOW) is None


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "a.b.c",
        "..",
        "...",
        "x" * 500,
        "é.é.é",
        "\ud800.1.x",
        "ey\u00e9.e30.abc",
        "site-abc.123.xyz",
        b"a.b.c",
        12,
        1.5,
        True,
        ["a.b.c"],
        {"token": "a.b.c"},
    ],
)
def test_anything_that_is_not_a_token_gives_none(token):
    assert tokens.conversation_of(SECRET, token, DAY, now=NOW) is None


def test_a_non_ascii_variant_of_a_valid_token_is_refused():
    token = tokens.issue(SECRET, "site-abc", now=NOW)
    assert tokens.conversation_of(SECRET, token.replace("e", "\u0435", 1), DAY, now=NOW) is None  # Cyrillic e


jwt_like = st.lists(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=.+/", max_size=40),
    min_size=1,
    max_size=5,
).map(".".join)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(token=st.one_of(st.text(max_size=200), jwt_like, st.binary(max_size=50), st.integers(), st.none()))
def test_never_raises(token):
    assert tokens.conversation_of(SECRET, token, DAY, now=NOW) is None
