"""Plugins of the action server (rasa-sdk loads this package by name at start-up and calls
``init_hooks``; see rasa_sdk/plugin.py).

- Every call except ``/health`` must carry the shared secret in ``X-Action-Server-Secret``
  (ACTION_SERVER_SECRET, or locally the random secret in var/ that Rasa reads too); without
  it, or with a wrong one, the answer is 401 and no action runs.
- An unhandled error in an action is logged with the action name and the error class only,
  and answered without the request body (rasa-sdk's own handler returns the tracker, and
  Rasa would log it).
- In production mode the action server does not start with an unsafe configuration
  (bot/modus.py).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk_plugins import action_server


def init_hooks(manager: Any) -> None:
    manager.register(action_server)
