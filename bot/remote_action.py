"""Rasa's ``RemoteAction`` with the action server's response checked by a compiled validator.

Rasa 3.6 checks every response of the action server (custom actions and form validation)
with ``jsonschema.validate(result, schema)``. That call first checks the schema itself
against JSON Schema's metaschema and builds a new validator, on every call: with Rasa's
event schema that was a third of the time of a message (docs/latency.md). The schema never
changes, so ``CompiledRemoteAction`` checks it once, builds one validator per process and
validates each response with it. Accepted and rejected responses are exactly those of
Rasa's check: the same validator class (``validator_for`` the schema), the same error
(jsonschema's ``best_match``) with the same message appended.

It also skips one call that cannot change anything: ``action_validate_slot_mappings`` while a
form runs and no intaker has taken over. The action returns no events then (the form's own
validation handles the message; ``bot.dialogue.slot_mappings_checked_outside_form`` decides
on both sides), and Rasa keeps the extracted slots as they are when it gets no events. That
saves one action server round trip, with the whole tracker serialised, per form answer.

Rasa opens a new HTTP session, and so a new connection with a name lookup, for every call
to the action server. ``KeepAliveEndpoint`` keeps one session per event loop instead, whose
idle connections are closed by the client after two seconds, before the action server
(Sanic: five seconds) would close them under a request.

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

import asyncio
import threading
import weakref
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Text

import aiohttp
from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions import action as rasa_action
from rasa.core.actions import forms as rasa_forms
from rasa.core.actions.action import ActionExecutionRejection
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, ClientResponseError, EndpointConfig

from bot.dialogue import slot_mappings_checked_outside_form
from bot.geheim import ACTION_SECRET_HEADER, action_server_secret

if TYPE_CHECKING:
    from rasa.core.channels.channel import OutputChannel
    from rasa.core.nlg import NaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import Event
    from rasa.shared.core.trackers import DialogueStateTracker

#: Rasa's name for the validation of slots filled outside a form.
VALIDATE_SLOT_MAPPINGS = "action_validate_slot_mappings"

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


#: Seconds an idle connection to the action server stays open (below Sanic's keep-alive).
IDLE_SECONDS = 2.0


class _Borrowed:
    """``async with`` over a shared session that does not close it afterwards."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *exc: Any) -> None:
        return None


class KeepAliveEndpoint(EndpointConfig):
    """An ``EndpointConfig`` whose requests share one session (and its connections) per loop."""

    _sessions: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Dict[Any, aiohttp.ClientSession]] = (
        weakref.WeakKeyDictionary()
    )

    @classmethod
    def of(cls, endpoint: Optional[EndpointConfig]) -> Optional[EndpointConfig]:
        if endpoint is None or isinstance(endpoint, cls) or type(endpoint) is not EndpointConfig:
            return endpoint
        copy = cls(
            endpoint.url,
            endpoint.params,
            endpoint.headers,
            endpoint.basic_auth,
            endpoint.token,
            endpoint.token_name,
            endpoint.cafile,
            **endpoint.kwargs,
        )
        copy.type = endpoint.type
        return copy

    def session(self) -> Any:  # an async context manager, as Rasa's ``request`` uses it
        loop = asyncio.get_running_loop()
        key = (self.url, tuple(sorted(self.headers.items())), tuple(sorted(self.basic_auth.items())))
        sessions = self._sessions.setdefault(loop, {})
        session = sessions.get(key)
        if session is None or session.closed:
            auth = (
                aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
            )
            session = sessions[key] = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_SECONDS),
            )
        return _Borrowed(session)


def secret() -> str:
    """The action server's shared secret, read once per process."""
    global _secret
    if _secret is None:
        _secret = action_server_secret()
    return _secret


class CompiledRemoteAction(RasaRemoteAction):
    """A remote action whose response check uses the validator of ``response_validator``,
    that sends the shared secret and keeps the action server's error body out of the log."""

    def __init__(self, name: Text, action_endpoint: Optional[EndpointConfig]) -> None:
        if action_endpoint is not None and ACTION_SECRET_HEADER not in action_endpoint.headers:
            action_endpoint.headers[ACTION_SECRET_HEADER] = secret()
        super().__init__(name, KeepAliveEndpoint.of(action_endpoint))

    async def run(
        self,
        output_channel: OutputChannel,
        nlg: NaturalLanguageGenerator,
        tracker: DialogueStateTracker,
        domain: Domain,
    ) -> List[Event]:
        if self.name() == VALIDATE_SLOT_MAPPINGS and not slot_mappings_checked_outside_form(
            tracker.active_loop_name, tracker.is_paused()
        ):
            return []
        try:
            return await super().run(output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException as error:
            cause = error.__cause__
            if isinstance(cause, ClientResponseError):
                raise RasaException(
                    f"Failed to execute custom action '{self.name()}': the action server answered {cause.status}"
                ) from None
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


__all__ = ["CompiledRemoteAction", "KeepAliveEndpoint", "ValidationError", "install", "response_validator"]
