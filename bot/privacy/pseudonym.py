"""Pseudonyms for conversation ids in exports: stable, not reversible without the secret."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _secret() -> bytes:
    configured = os.environ.get("PSEUDONIEM_SECRET")
    if configured:
        return configured.encode()
    path = ROOT / "var" / "pseudoniem-secret.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip().encode()


def pseudonym(conversation_id: str) -> str:
    return "g-" + hmac.new(_secret(), conversation_id.encode(), hashlib.sha256).hexdigest()[:16]
