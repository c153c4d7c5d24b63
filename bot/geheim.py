"""Shared secrets: from an environment variable, or (locally) a random secret generated
once into var/, so every process started from this directory uses the same one. The
variables are in bot/settings.py (``Secrets``).

Plain Python: no Rasa imports.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Mapping, Optional

from bot.settings import ROOT, Secrets, current


def geheim(configured: Optional[str], filename: str, root: Path = ROOT) -> str:
    """``configured`` (the environment variable's value) when set, else the secret in
    ``var/<filename>`` (created with a random value the first time, readable only by its owner)."""
    if configured:
        return configured
    path = root / "var" / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # exclusive create: two processes starting together end up with the same secret
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(32))
    for _ in range(50):  # the other process may still be writing it
        secret = path.read_text().strip()
        if secret:
            return secret
        time.sleep(0.1)
    raise RuntimeError(f"{path} is leeg; verwijder het bestand en start opnieuw")


#: The header Rasa sends on every call to the action server, with ACTION_SERVER_SECRET.
ACTION_SECRET_HEADER = "X-Action-Server-Secret"


def _secrets(env: Optional[Mapping[str, str]]) -> Secrets:
    return current().secrets if env is None else Secrets.from_env(env)


def action_server_secret(env: Optional[Mapping[str, str]] = None) -> str:
    """ACTION_SERVER_SECRET, or the secret in var/action-server-secret.txt."""
    return geheim(_secrets(env).action_server, "action-server-secret.txt")


def site_token_secret(env: Optional[Mapping[str, str]] = None) -> str:
    """SITE_TOKEN_SECRET, or the secret in var/site-token-secret.txt (tokens survive a restart)."""
    return geheim(_secrets(env).site_token, "site-token-secret.txt")


def pseudonym_secret(env: Optional[Mapping[str, str]] = None) -> str:
    """PSEUDONIEM_SECRET, or the secret in var/pseudoniem-secret.txt."""
    return geheim(_secrets(env).pseudonym, "pseudoniem-secret.txt")
