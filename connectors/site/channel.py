"""The site channel: Socket.IO with server-issued conversation tokens.

Register in credentials.yml as ``connectors.site.channel.SiteChannel``. The server picks
the conversation id and signs it (tokens.py); the browser keeps the token (localStorage),
so a reload or a second tab continues the same conversation, and a client can never pick
another person's conversation. Socket.IO origins are limited to the configured site
origins; messages have a maximum length and a per-conversation rate limit, both answered
with a friendly Dutch message. The demo page and the widget are served under
``/webhooks/site/``. With SITE_REDIS_URL the rooms span all Rasa replicas (client_manager);
the rate limits stay per replica (docs/productie.md).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from socketio import AsyncServer

from bot.geheim import site_token_secret
from bot.input_check import MAX_MESSAGE_LENGTH
from bot.settings import ROOT, Site, current
from bot.texts import SITE_TOO_FAST as TOO_FAST
from bot.texts import SITE_TOO_LONG as TOO_LONG
from bot.texts import SITE_TOO_MANY_SESSIONS as TOO_MANY_SESSIONS
from connectors import limits
from connectors.site import tokens
from connectors.site.limits import RateLimiter

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = {  # browser libraries from npm (web/package.json), installed by scripts/setup.sh
    "socket.io.min.js": ROOT / "web" / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
}
SOCKET_PATH = "/webhooks/site/socket.io"
STATIC_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
#: Limits per client address and per connection (besides the limit per conversation).
IP_MESSAGES, IP_MESSAGES_SECONDS = 120, 60
SESSIONS_PER_CONNECTION, SESSIONS_SECONDS = 5, 60
NEW_PER_IP, NEW_PER_IP_SECONDS = 60, 600
#: Message keys passed on to the widget besides text, buttons and custom.
META_KEYS = ("medewerker", "tekst")
STAFF_STATUS = "medewerker_status"
STAFF_ACTIONS = ("overnemen", "bericht", "teruggeven")


def _secret() -> str:
    """SITE_TOKEN_SECRET, or a random secret kept in var/ so tokens survive a restart."""
    return site_token_secret()


def _origins(value: Any) -> List[str]:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return list(value or [])


class SiteOutput(OutputChannel):
    """Sends every bot message of a conversation to all its open tabs (the room)."""

    @classmethod
    def name(cls) -> Text:
        return "site"

    def __init__(self, sio: AsyncServer) -> None:
        self.sio = sio

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        payload = {key: message[key] for key in ("text", "buttons", "custom", "image") if message.get(key)}
        payload.update({key: message[key] for key in META_KEYS if message.get(key)})
        if payload:
            await self.sio.emit("bot_uttered", payload, room=recipient_id)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, **kwargs})


class SiteChannel(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "site"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        site = current().site

        def setting(configured: Any, key: str, default: Any) -> Any:
            """The environment (bot/settings.py) wins over the channel file."""
            return configured if configured is not None else credentials.get(key, default)

        return cls(
            origins=_origins(site.origins or credentials.get("origins")),
            max_length=int(setting(site.max_length, "max_length", MAX_MESSAGE_LENGTH)),
            rate_messages=int(setting(site.rate_messages, "rate_messages", 15)),
            rate_seconds=float(setting(site.rate_seconds, "rate_seconds", 30)),
            token_days=float(credentials.get("token_days", 30)),
            ip_messages=int(setting(site.ip_messages, "ip_messages", IP_MESSAGES)),
            new_per_ip=int(setting(site.new_per_ip, "new_per_ip", NEW_PER_IP)),
        )

    def __init__(
        self,
        origins: List[str],
        max_length: int = MAX_MESSAGE_LENGTH,
        rate_messages: int = 15,
        rate_seconds: float = 30,
        token_days: float = 30,
        ip_messages: int = IP_MESSAGES,
        sessions_per_connection: int = SESSIONS_PER_CONNECTION,
        new_per_ip: int = NEW_PER_IP,
        trusted_proxies: Optional[int] = None,
    ) -> None:
        self.origins = origins or ["http://localhost:5005"]
        self.max_length = max_length
        self.limiter = RateLimiter(rate_messages, rate_seconds)
        self.ip_limiter = RateLimiter(ip_messages, IP_MESSAGES_SECONDS)
        self.session_limiter = RateLimiter(sessions_per_connection, SESSIONS_SECONDS)
        self.new_limiter = RateLimiter(new_per_ip, NEW_PER_IP_SECONDS)
        #: How many proxies in front of Rasa add to X-Forwarded-For (scripts/run.sh: the front).
        self.proxies = current().site.trusted_proxies if trusted_proxies is None else trusted_proxies
        self.token_age = token_days * 86400
        self.secret = _secret()
        self.sio: Optional[AsyncServer] = None
        self.app: Optional[Sanic] = None
        #: Conversations an intaker has taken over (the tracker's pause follows a moment later).
        self.staffed: Dict[str, str] = {}
        self._background: set = set()

    def get_output_channel(self) -> Optional[OutputChannel]:
        return SiteOutput(self.sio) if self.sio is not None else None

    def _agent(self) -> Any:
        return getattr(getattr(self.app, "ctx", None), "agent", None)

    async def _paused(self, conversation_id: str) -> bool:
        if conversation_id in self.staffed:
            return True
        agent = self._agent()
        if agent is None or agent.tracker_store is None:
            return False
        tracker = await agent.tracker_store.retrieve(conversation_id)
        return bool(tracker is not None and tracker.is_paused())

    async def _record(self, conversation_id: str, events: List[Dict[str, Any]]) -> None:
        """Appends events to the tracker under the conversation's lock. Runs in the background:
        the lock may be held for seconds while the bot handles the person's last message."""
        from rasa.shared.core.events import Event

        agent = self._agent()
        if agent is None:
            return
        try:
            async with agent.lock_store.lock(conversation_id):
                tracker = await agent.processor.get_tracker(conversation_id)
                for data in events:
                    event = Event.from_parameters(data)
                    if event is not None:
                        tracker.update(event)
                await agent.tracker_store.save(tracker)
        except Exception:  # noqa: BLE001 - logged; the person already saw the message
            logger.exception("medewerker-gebeurtenis niet opgeslagen voor %s", conversation_id)

    async def staff(self, conversation_id: str, action: str, name: str, text: str = "") -> Dict[str, Any]:
        """An intaker takes over, says something or hands back. The person's open chat gets the
        message at once; the tracker is updated in the background (see _record)."""
        now = time.time()
        meta = {"medewerker": name}
        if action == "overnemen":
            self.staffed[conversation_id] = name
            status = {"type": STAFF_STATUS, "status": "aanwezig", "naam": name}
            await self.sio.emit("bot_uttered", {"custom": status, **meta}, room=conversation_id)
            events = [
                {"event": "pause", "timestamp": now},
                {"event": "bot", "text": None, "data": {"custom": status}, "metadata": meta, "timestamp": now},
            ]
        elif action == "bericht":
            await self.sio.emit("bot_uttered", {"text": text, **meta}, room=conversation_id)
            events = [{"event": "bot", "text": text, "metadata": meta, "timestamp": now}]
        else:
            self.staffed.pop(conversation_id, None)
            status = {"type": STAFF_STATUS, "status": "weg", "naam": name}
            await self.sio.emit("bot_uttered", {"custom": status, **meta}, room=conversation_id)
            events = [
                {"event": "bot", "text": None, "data": {"custom": status}, "metadata": meta, "timestamp": now},
                {"event": "resume", "timestamp": now},
            ]
        task = asyncio.ensure_future(self._record(conversation_id, events))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return {"verstuurd": True, "gepauzeerd": action != "teruggeven"}

    async def _history(self, conversation_id: str) -> Dict[str, Any]:
        """The messages of the current session, for a reloaded page or a new tab."""
        agent = getattr(getattr(self.app, "ctx", None), "agent", None)
        if agent is None or agent.tracker_store is None:
            return {"berichten": [], "gepauzeerd": False}
        tracker = await agent.tracker_store.retrieve(conversation_id)
        if tracker is None:
            return {"berichten": [], "gepauzeerd": False}
        if _expired(tracker, agent):  # the next person on this browser sees nothing of it
            return {"berichten": [], "gepauzeerd": False}
        messages: List[Dict[str, Any]] = []
        for event in tracker.events:
            data = event.as_dict()
            kind = data.get("event")
            if kind in {"session_started", "restart"}:
                messages = []
            elif kind == "user" and data.get("text"):
                messages.append({"van": "persoon", "text": data["text"]})
            elif kind == "bot":
                extra = data.get("data") or {}
                item = {
                    "van": "bot",
                    "text": data.get("text"),
                    "buttons": extra.get("buttons"),
                    "custom": extra.get("custom"),
                }
                item.update({k: (data.get("metadata") or {}).get(k) for k in META_KEYS})
                messages.append({k: v for k, v in item.items() if v})
        return {
            "berichten": messages[-200:],
            "gepauzeerd": tracker.is_paused() or conversation_id in self.staffed,
            "medewerker": self.staffed.get(conversation_id),
        }

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=self.origins,
            max_http_buffer_size=64 * 1024,
            client_manager=client_manager(),
        )
        self.sio = sio
        channel = self
        blueprint = _SiteBlueprint(sio, channel, "site_webhook", __name__)

        @blueprint.route("/", methods=["GET"])
        async def demo(_: Request) -> response.HTTPResponse:
            return await response.file(STATIC / "demo.html", headers=_page_headers())

        @blueprint.route("/static/<name>", methods=["GET"])
        async def static(_: Request, name: str) -> response.HTTPResponse:
            path = static_path(name)
            if path is None:
                return response.json({"fout": "niet gevonden"}, status=404)
            return await response.file(path, headers={"Cache-Control": "no-cache"})

        @blueprint.route("/medewerker", methods=["POST"])
        async def staff(request: Request) -> response.HTTPResponse:
            """For the intakers' inbox (connectors/inbox/live.py), with RASA_AUTH_TOKEN: JSON
            ``{"conversation_id", "actie": overnemen|bericht|teruggeven, "naam", "tekst"}``."""
            expected = current().rasa.auth_token
            sent = request.args.get("token") or ""
            if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
                return response.json({"fout": "token ontbreekt of klopt niet"}, status=401)
            data = request.json if isinstance(request.json, dict) else {}
            conversation_id, action = data.get("conversation_id"), data.get("actie")
            name, text = data.get("naam"), data.get("tekst") or ""
            if not (
                isinstance(conversation_id, str)
                and action in STAFF_ACTIONS
                and isinstance(name, str)
                and isinstance(text, str)
                and 0 < len(name) <= 200
                and len(text) <= MAX_MESSAGE_LENGTH
            ):
                return response.json({"fout": "conversation_id, actie, naam en tekst kloppen niet"}, status=400)
            if action == "bericht":
                if not text.strip():
                    return response.json({"fout": f"stuur 1 tot {MAX_MESSAGE_LENGTH} tekens in 'tekst'"}, status=400)
                if not await channel._paused(conversation_id):
                    return response.json({"fout": "neem het gesprek eerst over"}, status=409)
            return response.json(await channel.staff(conversation_id, action, name, text.strip()))

        @sio.on("connect")
        async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
            # origins are checked by the Socket.IO server itself; here the client's address
            request = environ.get("sanic.request") if isinstance(environ, dict) else None
            remote = getattr(request, "ip", None) or None
            forwarded = environ.get("HTTP_X_FORWARDED_FOR") if isinstance(environ, dict) else None
            await sio.save_session(sid, {"ip": limits.client_ip(remote, forwarded, channel.proxies)})
            return True

        @sio.on("disconnect")
        async def disconnect(sid: str, *_: Any) -> None:
            channel.session_limiter.forget(sid)

        async def refuse_session(sid: str) -> None:
            await sio.emit("fout", {"reden": "te_veel_sessies", "tekst": TOO_MANY_SESSIONS}, to=sid)
            await sio.emit("bot_uttered", {"text": TOO_MANY_SESSIONS, "systeem": True}, to=sid)

        @sio.on("session_request")
        async def session_request(sid: str, data: Optional[Dict]) -> None:
            if data is not None and not isinstance(data, dict):
                await sio.emit("fout", {"reden": "ongeldig_verzoek"}, to=sid)
                return
            if not channel.session_limiter.allow(sid):
                await refuse_session(sid)
                return
            session = dict(await sio.get_session(sid) or {})
            token = (data or {}).get("token")
            if not isinstance(token, str):
                token = None
            conversation_id = tokens.conversation_of(channel.secret, token, channel.token_age)
            new = conversation_id is None
            if new:
                if not channel.new_limiter.allow(session.get("ip") or "onbekend"):
                    await refuse_session(sid)
                    return
                token = tokens.issue(channel.secret)
                conversation_id = tokens.conversation_of(channel.secret, token, channel.token_age)
            session["conversation_id"] = conversation_id
            await sio.save_session(sid, session)
            await sio.enter_room(sid, conversation_id)
            await sio.emit(
                "session_confirm",
                {
                    "token": token,
                    "conversation_id": conversation_id,
                    "nieuw": new,
                    "token_geweigerd": bool((data or {}).get("token")) and new,
                },
                to=sid,
            )
            if not new:
                await sio.emit("history", await channel._history(conversation_id), to=sid)

        @sio.on("user_uttered")
        async def user_uttered(sid: str, data: Optional[Dict]) -> None:
            session = await sio.get_session(sid)
            conversation_id = session.get("conversation_id")
            text = data.get("message") if isinstance(data, dict) else None
            if not conversation_id:
                await sio.emit("fout", {"reden": "geen_sessie"}, to=sid)
                return
            if not isinstance(text, str) or not _readable(text):
                await sio.emit("fout", {"reden": "geen_tekst"}, to=sid)
                return
            if len(text) > channel.max_length:
                await sio.emit("afgewezen", {"reden": "te_lang", "message": text[: channel.max_length]}, to=sid)
                await sio.emit(
                    "bot_uttered", {"text": TOO_LONG.format(max=channel.max_length), "systeem": True}, to=sid
                )
                return
            if not channel.ip_limiter.allow(session.get("ip") or "onbekend") or not channel.limiter.allow(
                conversation_id
            ):
                await sio.emit("afgewezen", {"reden": "te_snel", "message": text}, to=sid)
                await sio.emit("bot_uttered", {"text": TOO_FAST, "systeem": True}, to=sid)
                return
            await sio.emit("user_echo", {"text": text}, room=conversation_id, skip_sid=sid)
            await sio.emit("typing", {"aan": True}, room=conversation_id)  # the widget ignores it during a takeover
            try:
                await on_new_message(
                    UserMessage(
                        text, SiteOutput(sio), conversation_id, input_channel="site", metadata={"kanaal": "site"}
                    )
                )
            finally:
                await sio.emit("typing", {"aan": False}, room=conversation_id)

        return blueprint


def client_manager(env: Optional[Dict[str, str]] = None) -> Any:
    """With SITE_REDIS_URL set (two or more Rasa replicas): python-socketio's Redis manager,
    so a message to a room (a conversation) reaches its sockets on every replica, e.g. an
    intaker's message sent through another replica. Without it: rooms in this process only.
    SITE_REDIS_CHANNEL names the Redis pub/sub channel (one per deployment)."""
    site = current().site if env is None else Site.from_env(env)
    if not site.redis_url:
        return None
    from socketio import AsyncRedisManager

    return AsyncRedisManager(site.redis_url, channel=site.redis_channel)


def _expired(tracker: Any, agent: Any, now: Optional[float] = None) -> bool:
    """True when the conversation's session has expired (domain ``session_config``): its
    messages belong to someone who left, and a new session starts with the next message."""
    config = getattr(getattr(agent, "domain", None), "session_config", None)
    minutes = getattr(config, "session_expiration_time", 0) or 0
    if minutes <= 0 or not tracker.events:
        return False
    last = tracker.events[-1].timestamp
    return ((time.time() if now is None else now) - last) > minutes * 60


def static_path(name: str) -> Optional[Path]:
    """The file for ``/webhooks/site/static/<name>``: a plain file name of ours, or None."""
    if not isinstance(name, str) or not STATIC_NAME.fullmatch(name):
        return None
    path = VENDOR.get(name) or STATIC / name
    try:
        return path if path.is_file() else None
    except (OSError, ValueError):
        return None


def _readable(text: str) -> bool:
    """Text that can be stored and shown: valid Unicode without NUL characters."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _page_headers() -> Dict[str, str]:
    return {
        "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


class _SiteBlueprint(Blueprint):
    def __init__(self, sio: AsyncServer, channel: SiteChannel, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx.sio = sio
        self.ctx.channel = channel

    def register(self, app: Sanic, options: Dict[Text, Any]) -> None:
        self.ctx.sio.attach(app, SOCKET_PATH)
        self.ctx.channel.app = app
        super().register(app, options)
