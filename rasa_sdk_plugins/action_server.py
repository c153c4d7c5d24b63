"""The action server's shared-secret check and error handler (see the package docstring)."""

from __future__ import annotations

import hmac
import logging
from typing import Any, Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request

from bot.geheim import ACTION_SECRET_HEADER, action_server_secret
from bot.modus import weiger_onveilig

hookimpl = pluggy.HookimplMarker("rasa_sdk")
logger = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})


def _action_name(request: Request) -> str:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - a body that is not JSON
        return "?"
    name = body.get("next_action") if isinstance(body, dict) else None
    return name if isinstance(name, str) and len(name) <= 100 else "?"


def secure(app: Sanic, secret: Optional[str] = None) -> None:
    """Adds the secret check and the error handler to an action server app."""
    expected = (secret or action_server_secret()).encode()

    @app.on_request
    async def check_secret(request: Request) -> Any:
        if request.path in OPEN_PATHS or request.method == "OPTIONS":
            return None
        sent = (request.headers.get(ACTION_SECRET_HEADER) or "").encode()
        if not hmac.compare_digest(sent, expected):
            logger.warning("Aanroep van %s geweigerd: geheim ontbreekt of klopt niet", request.path)
            return response.json({"error": "geheim ontbreekt of klopt niet"}, status=401)
        return None

    async def action_failed(request: Request, exception: Exception) -> Any:
        status = getattr(exception, "status_code", 500) or 500
        if status < 500:  # Sanic's own errors (404, 405, a malformed body)
            return response.json({"error": type(exception).__name__}, status=status)
        logger.error("Actie %s mislukt: %s", _action_name(request), type(exception).__name__)
        return response.json({"error": type(exception).__name__, "action_name": _action_name(request)}, status=500)

    app.error_handler.add(Exception, action_failed)


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    weiger_onveilig("De actieserver")
    secure(app)
