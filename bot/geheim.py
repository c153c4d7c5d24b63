"""Shared secrets: from an environment variable, or (locally) a random secret generated
once into var/, so every process started from this directory uses the same one.

Plain Python: no Rasa imports.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Mapping, Optional

ROOT = Path(__file__).resolve().parents[1]


def geheim(name: str, filename: str, env: Optional[Mapping[str, str]] = None, root: Path = ROOT) -> str:
    """The value of environment variable ``name``, else the secret in ``var/<filename>``
    (created with a random value the first time, readable only by its owner)."""
    configured = (os.environ if env is None else env).get(name)
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


def action_server_secret(env: Optional[Mapping[str, str]] = None) -> str:
    return geheim("ACTION_SERVER_SECRET", "action-server-secret.txt", env)
