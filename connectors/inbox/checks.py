"""Reading client input of the inbox: JSON objects, forms and text fields, checked for shape.

Anything a client can get wrong raises ``BadInput`` with a short Dutch message; the app
answers that with HTTP 400 (JSON for the API, a page for people). No client input may
reach a handler as something other than the expected type.
"""

from __future__ import annotations

import hmac
import json
from typing import Any, Dict, Mapping, Optional

from aiohttp import web


class BadInput(ValueError):
    """Malformed client input; the message is Dutch and shown to the client."""


async def json_object(request: web.Request, expected: str) -> Dict[str, Any]:
    """The body as a JSON object; ``expected`` says in Dutch what the client should send."""
    raw = await request.read()  # a body over client_max_size is answered with 413 by aiohttp
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # also bad UTF-8 and nesting too deep
        raise BadInput(f"Dit is geen geldige JSON. Stuur {expected}.") from None
    if not isinstance(data, dict):
        raise BadInput(f"Stuur een JSON-object met {expected}.")
    return data


async def form(request: web.Request) -> Mapping[str, Any]:
    """The submitted form fields; a broken or cut-off body is BadInput."""
    try:
        return await request.post()
    except web.HTTPException:
        raise  # e.g. 413: already a client error
    except Exception:  # noqa: BLE001 - the multipart and urlencoded parsers raise many kinds on broken bodies
        raise BadInput("Het formulier kwam niet goed aan. Probeer het opnieuw.") from None


def text(data: Mapping[str, Any], name: str, max_length: int, required: bool = False) -> str:
    """Field ``name`` as text: a string, valid Unicode, no NUL, at most ``max_length`` characters."""
    value = data.get(name)
    if value is None:
        if required:
            raise BadInput(f"'{name}' ontbreekt.")
        return ""
    if not isinstance(value, str):
        raise BadInput(f"'{name}' moet tekst zijn.")
    if len(value) > max_length:
        raise BadInput(f"'{name}' is te lang: maximaal {max_length} tekens.")
    if "\x00" in value:
        raise BadInput(f"'{name}' bevat een ongeldig teken.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(f"'{name}' bevat een ongeldig teken.") from None
    return value


def same(given: Optional[str], expected: Optional[str]) -> bool:
    """Constant-time comparison of two tokens; any text (also non-ASCII) is safe to pass."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace"))
