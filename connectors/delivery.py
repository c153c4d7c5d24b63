"""Connectors that deliver a handoff: webhook (HMAC-signed JSON), e-mail (SMTP), inbox.

Each ``deliver`` returns on success and raises ``DeliveryError`` otherwise; ``permanent``
errors (a receiver that rejects the request itself) go to the dead letters at once,
others are retried. Every delivery carries the handoff id as idempotency key, so a
receiver can drop a repeat after a worker crash between sending and recording.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import json
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Dict, Mapping, Protocol

import aiohttp
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.handoff.settings import Settings
from bot.handoff.summary import readable
from bot.store.db import utcnow
from connectors.inbox.tables import inbox_item

SIGNATURE_HEADER = "X-Onderwijsloket-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class DeliveryError(Exception):
    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Connector(Protocol):
    name: str

    async def deliver(self, handoff_id: str, summary: Mapping[str, Any]) -> None: ...

    async def close(self) -> None: ...


def body(handoff_id: str, summary: Mapping[str, Any]) -> bytes:
    payload = {"type": "handoff_summary", "handoff_id": handoff_id, "summary": summary}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(secret: str, timestamp: int, data: bytes) -> str:
    """The signature header value: ``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>``."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + data, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: str, header: str, data: bytes, tolerance: int = 300, now: float = None) -> bool:
    """How a receiver checks a delivery (also used in the tests)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, data).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


class WebhookConnector:
    name = "webhook"

    def __init__(self, url: str, secret: str, timeout: float = 10.0) -> None:
        self.url, self.secret, self.timeout = url, secret, timeout
        self._session: aiohttp.ClientSession = None  # created once, on first use

    async def deliver(self, handoff_id: str, summary: Mapping[str, Any]) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        data = body(handoff_id, summary)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            SIGNATURE_HEADER: sign(self.secret, int(time.time()), data),
            IDEMPOTENCY_HEADER: handoff_id,
            "User-Agent": "onderwijsloket-intake",
        }
        try:
            # A redirect is not followed: the summary goes only to the configured address.
            async with self._session.post(self.url, data=data, headers=headers, allow_redirects=False) as response:
                if 200 <= response.status < 300:
                    return
                if 300 <= response.status < 400:
                    raise DeliveryError(
                        f"webhook antwoordde {response.status} (doorverwijzing naar "
                        f"{response.headers.get('Location', '?')[:200]}); ik volg geen "
                        "doorverwijzingen: pas HANDOFF_WEBHOOK_URL aan",
                        permanent=True,
                    )
                text = (await response.text())[:300]
                permanent = 400 <= response.status < 500 and response.status not in {408, 409, 425, 429}
                raise DeliveryError(f"webhook antwoordde {response.status}: {text}", permanent=permanent)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise DeliveryError(f"webhook niet bereikbaar: {type(error).__name__}: {error}") from error

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def email_message(handoff_id: str, summary: Mapping[str, Any], sender: str, recipients) -> EmailMessage:
    lines = readable(summary)
    name = summary["contact"].get("naam") or "onbekend"
    message = EmailMessage()
    message["Subject"] = f"Nieuwe overdracht: {name}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = f"<{handoff_id}@onderwijsloket-intake>"
    message["X-Idempotency-Key"] = handoff_id
    text = (
        [summary["samenvatting"], ""]
        + lines
        + ["", "Gesprek:"]
        + [
            f"{'Persoon' if line['van'] == 'persoon' else 'Bot'}: {line['tekst']}"
            for line in summary.get("transcript", [])
        ]
        + ["", f"Overdracht {handoff_id}, gesprek {summary['conversation_id']}"]
    )
    message.set_content("\n".join(text))
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    talk = "".join(
        f"<tr><th scope='row'>{'Persoon' if line['van'] == 'persoon' else 'Bot'}</th>"
        f"<td>{html.escape(line['tekst']).replace(chr(10), '<br>')}</td></tr>"
        for line in summary.get("transcript", [])
    )
    message.add_alternative(
        "<!doctype html><html lang='nl'><body style='font-family:sans-serif;max-width:40em'>"
        f"<h1 style='font-size:1.3em'>Nieuwe overdracht: {html.escape(name)}</h1>"
        f"<p>{html.escape(summary['samenvatting'])}</p><ul>{items}</ul>"
        f"<h2 style='font-size:1.1em'>Gesprek</h2><table>{talk}</table>"
        f"<p style='color:#555'>Overdracht {html.escape(handoff_id)}</p></body></html>",
        subtype="html",
    )
    return message


class EmailConnector:
    name = "email"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _send(self, message: EmailMessage) -> None:
        s = self.settings
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout) as client:
            if s.smtp_starttls:  # with certificate and host name checks
                client.starttls(context=ssl.create_default_context())
            if s.smtp_user:
                client.login(s.smtp_user, s.smtp_password or "")
            client.send_message(message)

    async def deliver(self, handoff_id: str, summary: Mapping[str, Any]) -> None:
        message = email_message(handoff_id, summary, self.settings.smtp_from, self.settings.smtp_to)
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._send, message)
        except smtplib.SMTPResponseException as error:
            raise DeliveryError(
                f"SMTP {error.smtp_code}: {error.smtp_error!r}",
                permanent=500 <= error.smtp_code < 600 and error.smtp_code not in {550, 552},
            ) from error
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(f"SMTP niet bereikbaar: {type(error).__name__}: {error}") from error

    async def close(self) -> None:
        return None


class InboxConnector:
    """Puts the handoff in the built-in intaker inbox (same database)."""

    name = "inbox"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _exists(self, handoff_id: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(
                sa.select(inbox_item.c.overdracht_id).where(inbox_item.c.overdracht_id == handoff_id)
            ).first()
        return found is not None

    def _insert(self, handoff_id: str) -> None:
        """The handoff id is the idempotency key: a repeat changes nothing, also when another
        worker puts the same handoff in the inbox between the check and the insert."""
        if self._exists(handoff_id):
            return
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    inbox_item.insert().values(
                        overdracht_id=handoff_id, ontvangen_op=utcnow(), status="nieuw", versie=0
                    )
                )
        except sa.exc.IntegrityError:
            if not self._exists(handoff_id):
                raise

    async def deliver(self, handoff_id: str, summary: Mapping[str, Any]) -> None:
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._insert, handoff_id)
        except sa.exc.SQLAlchemyError as error:
            raise DeliveryError(f"inbox: {type(error).__name__}: {error}") from error

    async def close(self) -> None:
        return None


def build(settings: Settings, engine: Engine) -> Dict[str, Connector]:
    available = {
        "inbox": lambda: InboxConnector(engine),
        "webhook": lambda: WebhookConnector(settings.webhook_url, settings.webhook_secret, settings.webhook_timeout),
        "email": lambda: EmailConnector(settings),
    }
    return {name: available[name]() for name in settings.connectors}
