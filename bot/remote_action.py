"""Rasa's ``RemoteAction`` with the action server's response checked by a compiled validator.

Rasa 3.6 checks every response of the action server (custom actions and form validation)
with ``jsonschema.validate(result, schema)``. That call first checks the schema itself
against JSON Schema's metaschema and builds a new validator, on every call: with Rasa's
event schema that was a third of the time of a message (docs/latency.md). The schema never
changes, so ``CompiledRemoteAction`` checks it once, builds one validator per process and
validates each response with it. Accepted and rejected responses are exactly those of
Rasa's check: the same validator class (``validator_for`` the schema), the same error
(jsonschema's ``best_match``) with the same message appended.

``install()`` makes Rasa use this class wherever it creates a remote action (the action
lookup in ``rasa.core.actions.action`` and form validation in ``rasa.core.actions.forms``).
It is called when bot/privacy/tracker_store.py is imported, which Rasa does for every
server through endpoints.yml (development and production); calling it again does nothing.

Every call carries the shared secret of the action server in the header
``X-Action-Server-Secret`` (ACTION_SERVER_SECRET, or locally the random secret in var/; read
once per process); the action server refuses a call without it (rasa_sdk_plugins/). When
the action server answers with an error, the error Rasa raises and logs names the action
and the HTTP status only: never the response body, which may hold the tracker.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Optional, Text

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions import action as rasa_action
from rasa.core.actions import forms as rasa_forms
from rasa.core.actions.action import ActionExecutionRejection
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import ClientResponseError

from bot.geheim import ACTION_SECRET_HEADER, action_server_secret

#: Rasa's own RemoteAction, kept before install() replaces the names.
RasaRemoteAction = rasa_action.RemoteAction

_validator: Optional[Any] = None
_secret: Optional[str] = None
_lock = threading.Lock()
#: How often the schema was checked and a validator built in this process (tests read it).
compilations = 0


def response_validator() -> Any:
    """The validator for Rasa's action response schema, checked and built once per process."""
    global _validator, compilations
    if _validator is None:
        with _lock:
            if _validator is None:
                schema = RasaRemoteAction.action_response_format_spec()
                cls = validator_for(schema)
                cls.check_schema(schema)
                _validator = cls(schema)
                compilations += 1
    return _validator


def secret() -> str:
    """The action server's shared secret, read once per process."""
    global _secret
    if _secret is None:
        _secret = action_server_secret()
    return _secret


class CompiledRemoteAction(RasaRemoteAction):
    """A remote action whose response check uses the validator of ``response_validator``,
    that sends the shared secret and keeps the action server's error body out of the log."""

    def __init__(self, name: Text, action_endpoint: Any) -> None:
        super().__init__(name, action_endpoint)
        if action_endpoint is not None and ACTION_SECRET_HEADER not in action_endpoint.headers:
            action_endpoint.headers[ACTION_SECRET_HEADER] = secret()

    async def run(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().run(*args, **kwargs)
        except ActionExecutionRejection:
            raise
        except RasaException as error:
            cause = error.__cause__
            if isinstance(cause, ClientResponseError):
                raise RasaException(f"Failed to execute custom action '{self.name()}': the action server "
                                    f"answered {cause.status}") from None
            raise

    def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
        error = best_match(response_validator().iter_errors(result))
        if error is None:
            return True
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def install() -> None:
    """Rasa creates ``CompiledRemoteAction`` from now on (idempotent)."""
    rasa_action.RemoteAction = CompiledRemoteAction
    rasa_forms.RemoteAction = CompiledRemoteAction


__all__ = ["CompiledRemoteAction", "ValidationError", "install", "response_validator"]
