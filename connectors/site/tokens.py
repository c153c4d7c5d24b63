"""Conversation tokens: the server picks the conversation id and signs it; a client can
only continue a conversation whose token it was given.

A token is a JWT (HS256) with the conversation id as ``sub`` and the time of issue as ``iat``.
Its age is checked here against ``max_age`` (there is no ``exp``), so that ``now`` can be given."""

from __future__ import annotations

import time
import uuid
from typing import Optional

import jwt

ALGORITHM = "HS256"
#: Signature checked, ``sub`` and ``iat`` required; the age is checked by conversation_of itself.
DECODE_OPTIONS = {
    "verify_signature": True,
    "require": ["sub", "iat"],
    "verify_iat": False,
    "verify_exp": False,
    "verify_nbf": False,
}


def issue(secret: str, conversation_id: Optional[str] = None, now: Optional[float] = None) -> str:
    conversation_id = conversation_id or "site-" + uuid.uuid4().hex
    issued = int(now if now is not None else time.time())
    return jwt.encode({"sub": conversation_id, "iat": issued}, secret, algorithm=ALGORITHM)


def conversation_of(secret: str, token: Optional[str], max_age: float, now: Optional[float] = None) -> Optional[str]:
    """The conversation id of a valid, unexpired token; None otherwise (never an exception)."""
    if not token or not isinstance(token, str) or not token.isascii():
        return None
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options=DECODE_OPTIONS)
    except (jwt.PyJWTError, ValueError, TypeError):
        return None
    conversation_id, issued = claims.get("sub"), claims.get("iat")
    if not isinstance(conversation_id, str) or not conversation_id or type(issued) is not int:
        return None
    age = (now if now is not None else time.time()) - issued
    if age < 0 or age > max_age:
        return None
    return conversation_id
