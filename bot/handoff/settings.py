"""Settings of the handoff delivery (HANDOFF_*), from the environment (see .env.example).

The section of bot/settings.py for the delivery worker, kept next to the outbox it
configures; the other environment variables are in bot/settings.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import List, Mapping, Optional, Tuple

from bot.handoff.outbox import RetryPolicy
from bot.settings import Mode

KNOWN = ("inbox", "webhook", "email")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    connectors: Tuple[str, ...] = ("inbox",)
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_timeout: float = 10.0
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_from: str = "intake@onderwijsloket.local"
    smtp_to: Tuple[str, ...] = ()
    smtp_starttls: bool = False
    smtp_user: Optional[str] = None
    smtp_password: Optional[str] = None
    smtp_timeout: float = 20.0
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    poll_seconds: float = 2.0
    #: Production mode (INTAKE_MODUS=productie): a webhook over http:// is never allowed.
    production: bool = False

    def problems(self) -> List[str]:
        found = [
            f"onbekende connector '{name}' (kies uit {', '.join(KNOWN)})"
            for name in self.connectors
            if name not in KNOWN
        ]
        if not self.connectors:
            found.append("HANDOFF_CONNECTORS is leeg")
        if "webhook" in self.connectors and not (self.webhook_url and self.webhook_secret):
            found.append("webhook: zet HANDOFF_WEBHOOK_URL en HANDOFF_WEBHOOK_SECRET")
        elif "webhook" in self.connectors and not webhook_url_allowed(self.webhook_url, self.production):
            found.append(
                "webhook: HANDOFF_WEBHOOK_URL moet met https:// beginnen (http:// alleen naar localhost, "
                "en niet in productie)"
            )
        if "email" in self.connectors and not self.smtp_to:
            found.append("email: zet HANDOFF_SMTP_TO (een of meer adressen, met komma's)")
        return found


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def webhook_url_allowed(url: Optional[str], production: bool) -> bool:
    """https:// always; http:// only to this machine, and only outside production."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url or "")
    except ValueError:
        return False
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and not production and (parts.hostname or "") in LOCAL_HOSTS


def _list(value: Optional[str]) -> Tuple[str, ...]:
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())


def from_env(env: Mapping[str, str] = os.environ) -> Settings:
    def number(name: str, default: float) -> float:
        try:
            return float(env.get(name, default))
        except ValueError:
            raise ConfigError(f"{name} moet een getal zijn, niet '{env.get(name)}'") from None

    settings = Settings(
        connectors=_list(env.get("HANDOFF_CONNECTORS", "inbox")),
        webhook_url=env.get("HANDOFF_WEBHOOK_URL") or None,
        webhook_secret=env.get("HANDOFF_WEBHOOK_SECRET") or None,
        webhook_timeout=number("HANDOFF_WEBHOOK_TIMEOUT", 10.0),
        smtp_host=env.get("HANDOFF_SMTP_HOST", "localhost"),
        smtp_port=int(number("HANDOFF_SMTP_PORT", 25)),
        smtp_from=env.get("HANDOFF_SMTP_FROM", "intake@onderwijsloket.local"),
        smtp_to=_list(env.get("HANDOFF_SMTP_TO")),
        # STARTTLS unless switched off explicitly (a local test server without TLS).
        smtp_starttls=env.get("HANDOFF_SMTP_STARTTLS", "1").strip().lower() not in {"0", "false", "nee", "no", "uit"},
        smtp_user=env.get("HANDOFF_SMTP_USER") or None,
        smtp_password=env.get("HANDOFF_SMTP_PASSWORD") or None,
        smtp_timeout=number("HANDOFF_SMTP_TIMEOUT", 20.0),
        policy=RetryPolicy(
            max_attempts=int(number("HANDOFF_MAX_POGINGEN", 12)),
            base_seconds=number("HANDOFF_BACKOFF_BASIS", 30.0),
            cap_seconds=number("HANDOFF_BACKOFF_MAX", 3600.0),
            lease_seconds=number("HANDOFF_LEASE", 120.0),
        ),
        poll_seconds=number("HANDOFF_POLL", 2.0),
        production=Mode.from_env(env).production,
    )
    return settings
