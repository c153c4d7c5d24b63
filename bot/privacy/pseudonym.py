"""Pseudonyms for conversation ids in exports: stable, not reversible without the secret."""

from __future__ import annotations

import hashlib
import hmac

from bot.geheim import pseudonym_secret


def _secret() -> bytes:
    """PSEUDONIEM_SECRET, or a random secret kept in var/."""
    return pseudonym_secret().encode()


def pseudonym(conversation_id: str) -> str:
    return "g-" + hmac.new(_secret(), conversation_id.encode(), hashlib.sha256).hexdigest()[:16]
