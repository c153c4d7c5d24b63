"""Live takeover: an intaker pauses the bot, talks to the person, and hands back.

Uses Rasa's HTTP API (``RASA_URL``, ``RASA_AUTH_TOKEN``): ``pause``/``resume`` events, and
bot events with ``output_channel=latest&execute_side_effects=true`` so the intaker's
messages reach the person's open chat in real time (the site channel's room).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, Dict, List
from urllib.parse import quote

import aiohttp

from bot.settings import current as settings

STATUS_TYPE = "medewerker_status"


class RasaUnavailable(Exception):
    pass


class RasaRefused(Exception):
    """The site channel refused a staff message (the conversation was not taken over)."""


class RasaClient:
    def __init__(self, url: str = None, token: str = None) -> None:
        rasa = settings().rasa
        self.url = (url or rasa.url).rstrip("/")
        self.token = token or rasa.token
        self._session: aiohttp.ClientSession = None

    async def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _path(self, conversation_id: str, tail: str) -> str:
        return f"{self.url}/conversations/{quote(conversation_id, safe='')}/{tail}"

    async def tracker(self, conversation_id: str) -> Dict[str, Any]:
        session = await self._http()
        try:
            async with session.get(self._path(conversation_id, "tracker"), params={"token": self.token}) as reply:
                if reply.status != 200:
                    raise RasaUnavailable(f"Rasa antwoordde {reply.status}")
                return await reply.json()
        except asyncio.TimeoutError as error:
            raise RasaUnavailable("Rasa antwoordde niet op tijd") from error
        except aiohttp.ClientError as error:
            raise RasaUnavailable(str(error)) from error

    async def staff(self, conversation_id: str, action: str, intaker: str, text: str = "") -> Dict[str, Any]:
        """``overnemen``, ``bericht`` or ``teruggeven``; returns ``{"verstuurd", "gepauzeerd"}``.
        Raises RasaRefused for a message before the takeover."""
        session = await self._http()
        body = {"conversation_id": conversation_id, "actie": action, "naam": intaker, "tekst": text}
        try:
            async with session.post(
                f"{self.url}/webhooks/site/medewerker", params={"token": self.token}, json=body
            ) as reply:
                data = await reply.json(content_type=None)
                if reply.status == 409:
                    raise RasaRefused(data.get("fout") or "neem het gesprek eerst over")
                if reply.status != 200:
                    raise RasaUnavailable(f"Rasa antwoordde {reply.status}: {str(data)[:200]}")
                return data
        except asyncio.TimeoutError as error:
            raise RasaUnavailable("Rasa antwoordde niet op tijd") from error
        except (aiohttp.ClientError, ValueError) as error:
            raise RasaUnavailable(str(error)) from error

    async def take_over(self, conversation_id: str, intaker: str) -> Dict[str, Any]:
        return await self.staff(conversation_id, "overnemen", intaker)

    async def say(self, conversation_id: str, intaker: str, text: str) -> Dict[str, Any]:
        return await self.staff(conversation_id, "bericht", intaker, text)

    async def hand_back(self, conversation_id: str, intaker: str) -> Dict[str, Any]:
        return await self.staff(conversation_id, "teruggeven", intaker)


def conversation(tracker: Dict[str, Any]) -> Dict[str, Any]:
    """The live view of a tracker: paused or not, and the messages of the current session."""
    messages: List[Dict[str, Any]] = []
    for event in tracker.get("events") or []:
        kind = event.get("event")
        if kind in {"session_started", "restart"}:
            messages = []
        elif kind == "user" and event.get("text") and not str(event["text"]).startswith("/"):
            messages.append({"van": "persoon", "tekst": event["text"], "tijd": _time(event)})
        elif kind == "bot" and event.get("text"):
            who = (event.get("metadata") or {}).get("medewerker")
            messages.append(
                {"van": "medewerker" if who else "bot", "naam": who, "tekst": event["text"], "tijd": _time(event)}
            )
    return {"gepauzeerd": bool(tracker.get("paused")), "berichten": messages[-200:]}


def _time(event: Dict[str, Any]) -> str:
    stamp = event.get("timestamp")
    if stamp is None:
        return ""
    return dt.datetime.fromtimestamp(float(stamp), tz=dt.timezone.utc).strftime("%H:%M")
