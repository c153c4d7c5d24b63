"""Rasa's `rest` channel with its input checked first.

Register in credentials.yml as ``connectors.rest.RestInput``; the address stays
``/webhooks/rest/webhook``. Rasa's own channel answers a body that is not a JSON object
(``[]``, ``"x"``, ``42``) with a server error; this one answers every malformed body with
HTTP 400 and a Dutch message in ``{"fout": ...}`` before Rasa sees it.
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels import rest
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request

SENDER_MAX = 255  # the tracker store's sender_id column
MESSAGE_MAX = 20_000


def _text_problem(value: Any, name: str, max_length: int) -> Optional[str]:
    if not isinstance(value, str):
        return f"'{name}' moet tekst zijn."
    if len(value) > max_length:
        return f"'{name}' is te lang: maximaal {max_length} tekens."
    if "\x00" in value:
        return f"'{name}' bevat een ongeldig teken."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"'{name}' bevat een ongeldig teken."
    return None


def problem(body: bytes) -> Optional[str]:
    """What is wrong with a webhook body, in Dutch; None when it can be passed on."""
    expected = "Stuur een JSON-object met 'sender' en 'message' (tekst)."
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return "Dit is geen geldige JSON. " + expected
    if not isinstance(data, dict):
        return expected
    if "message" not in data:
        return "'message' ontbreekt. " + expected
    found = _text_problem(data["message"], "message", MESSAGE_MAX)
    if found is None and data.get("sender") is not None:
        found = _text_problem(data["sender"], "sender", SENDER_MAX) or (
            "'sender' mag niet leeg zijn." if not data["sender"] else None
        )
    if found is None and data.get("input_channel") is not None:
        found = _text_problem(data["input_channel"], "input_channel", 100)
    if found is None and data.get("metadata") is not None and not isinstance(data["metadata"], dict):
        found = "'metadata' moet een JSON-object zijn."
    return found


class RestInput(rest.RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check(request: Request) -> Optional[response.HTTPResponse]:
            if request.method == "POST" and request.path.rstrip("/").endswith("/webhook"):
                found = problem(request.body or b"")
                if found:
                    return response.json({"fout": found}, status=400)
            return None

        return blueprint
