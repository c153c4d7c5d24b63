"""Conversation tokens: the server picks the conversation id and signs it; a client can
only continue a conversation whose token it was given."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import uuid
from typing import Optional


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def issue(secret: str, conversation_id: Optional[str] = None, now: Optional[float] = None) -> str:
    conversation_id = conversation_id or "site-" + uuid.uuid4().hex
    issued = int(now if now is not None else time.time())
    payload = f"{conversation_id}.{issued}"
    signature = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{_b64(signature)}"


def conversation_of(secret: str, token: Optional[str], max_age: float, now: Optional[float] = None) -> Optional[str]:
    """The conversation id of a valid, unexpired token; None otherwise."""
    if not token or not isinstance(token, str) or not token.isascii() or token.count(".") != 2:
        return None
    conversation_id, issued, signature = token.split(".")
    expected = _b64(hmac.new(secret.encode(), f"{conversation_id}.{issued}".encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, signature):
        return None
    try:
        age = (now if now is not None else time.time()) - int(issued)
    except ValueError:
        return None
    if age < 0 or age > max_age:
        return None
    return conversation_id
