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
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Optional, Text

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions import action as rasa_action
from rasa.core.actions import forms as rasa_forms
from rasa.shared.constants import DOCS_BASE_URL

#: Rasa's own RemoteAction, kept before install() replaces the names.
RasaRemoteAction = rasa_action.RemoteAction

_validator: Optional[Any] = None
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


class CompiledRemoteAction(RasaRemoteAction):
    """A remote action whose response check uses the validator of ``response_validator``."""

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
