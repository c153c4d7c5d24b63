"""The inbox web app (HTML for people, JSON API for systems), on aiohttp.

Authentication: a server-side session (HttpOnly, SameSite=Strict cookie); every POST needs
the session's CSRF token (form field ``csrf`` or header ``X-CSRF-Token``). The login form
uses a double-submit CSRF cookie. Claiming is first come, first served; finishing is only
for the intaker who claimed.

Client input is checked for shape (checks.py): anything malformed gets HTTP 400 with a
Dutch message, as JSON for the API and as a page for people.
"""

from __future__ import annotations

import asyncio
import functools
import re
import secrets
import time
from http.cookies import CookieError
from typing import Any, Awaitable, Callable, Optional

from aiohttp import web
from sqlalchemy.engine import Engine

from bot.handoff import outbox
from bot.input_check import MAX_MESSAGE_LENGTH
from bot.settings import current as settings
from connectors.inbox import auth, checks, pages, store
from connectors.inbox.live import RasaClient, RasaRefused, RasaUnavailable, conversation
from connectors.limits import SlidingWindow, client_ip

COOKIE = "inbox_sessie"
LOGIN_CSRF_COOKIE = "inbox_login_csrf"
ENGINE = web.AppKey("engine", Engine)
SECURE_COOKIES = web.AppKey("secure_cookies", bool)
RASA = web.AppKey("rasa", RasaClient)
LOGIN_LIMITS = web.AppKey("login_limits", object)
#: Failed logins allowed in LOGIN_WINDOW seconds: per client address and per account.
LOGIN_PER_IP, LOGIN_PER_ACCOUNT, LOGIN_WINDOW = 20, 5, 15 * 60
TOO_MANY_LOGINS = (
    "Te veel mislukte pogingen om in te loggen. Wacht {minuten} minuten en probeer het dan "
    "opnieuw. Weet je je wachtwoord niet meer? Vraag de beheerder om een nieuw wachtwoord."
)
STATIC = __import__("pathlib").Path(__file__).resolve().parent / "static"
STATIC_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
USERNAME_MAX, PASSWORD_MAX = 200, 1000
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


async def _db(request: web.Request, function: Callable, *args: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(function, request.app[ENGINE], *args)
    )


def _is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def authenticated(handler: Callable[..., Awaitable[web.StreamResponse]]):
    @functools.wraps(handler)
    async def wrapper(request: web.Request) -> web.StreamResponse:
        current = await _db(request, auth.session, request.cookies.get(COOKIE))
        if current is None:
            if _is_api(request):
                return web.json_response({"fout": "niet ingelogd"}, status=401)
            raise web.HTTPFound("/login")
        if request.method == "POST":
            sent = request.headers.get("X-CSRF-Token")
            if sent is None and not _is_api(request):
                sent = (await checks.form(request)).get("csrf")
            if not isinstance(sent, str) or not checks.same(sent, current.csrf):
                if _is_api(request):
                    return web.json_response({"fout": "CSRF-token ontbreekt of klopt niet"}, status=403)
                return _html(
                    pages.message("Geweigerd", "Het formulier is verlopen. Ga terug en probeer het opnieuw."),
                    status=403,
                )
        request["session"] = current
        return await handler(request)

    return wrapper


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.update(HEADERS)
    return response


@web.middleware
async def bad_input(request: web.Request, handler):
    """Malformed client input: 400 with a Dutch message (JSON for the API, a page otherwise)."""
    try:
        try:
            request.cookies  # noqa: B018 - parsed once; a Cookie header Python cannot read is bad input
        except CookieError:
            raise checks.BadInput("De cookie van dit verzoek is ongeldig. Log opnieuw in.") from None
        return await handler(request)
    except checks.BadInput as error:
        if _is_api(request):
            return web.json_response({"fout": str(error)}, status=400)
        return _html(pages.message("Ongeldig verzoek", str(error)), status=400)


def _set_session_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="Strict",
        secure=request.app[SECURE_COOKIES],
        max_age=auth.SESSION_HOURS * 3600,
        path="/",
    )


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def login_page(request: web.Request) -> web.Response:
    token = secrets.token_urlsafe(24)
    response = _html(pages.login(csrf=token))
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="Strict", secure=request.app[SECURE_COOKIES], path="/login"
    )
    return response


class LoginLimits:
    """Failed logins per client address and per account, in bounded memory."""

    def __init__(
        self,
        per_ip: int = LOGIN_PER_IP,
        per_account: int = LOGIN_PER_ACCOUNT,
        seconds: float = LOGIN_WINDOW,
        proxies: Optional[int] = None,
    ) -> None:
        self.ip = SlidingWindow(per_ip, seconds, max_keys=10_000)
        self.account = SlidingWindow(per_account, seconds, max_keys=10_000)
        self.proxies = settings().inbox.trusted_proxies if proxies is None else proxies

    def keys(self, request: web.Request, username: Optional[str]) -> tuple:
        ip = client_ip(request.remote, request.headers.get("X-Forwarded-For"), self.proxies)
        return ip, (username or "").strip().lower()

    def wait(self, ip: str, account: str) -> float:
        """Seconds to wait before trying again; 0 when a login may be tried now."""
        return max(self.ip.retry_after(ip), self.account.retry_after(account) if account else 0.0)

    def failed(self, ip: str, account: str) -> None:
        self.ip.allow(ip)
        if account:
            self.account.allow(account)

    def succeeded(self, account: str) -> None:
        self.account.forget(account)


def _too_many(seconds: float) -> str:
    return TOO_MANY_LOGINS.format(minuten=max(1, int(seconds // 60) + 1))


async def _login(request: web.Request, username: Optional[str], password: Optional[str]):
    """(intaker or None, seconds to wait): no password is checked while a limit is reached."""
    limits: LoginLimits = request.app[LOGIN_LIMITS]
    ip, account = limits.keys(request, username)
    wait = limits.wait(ip, account)
    if wait > 0:
        return None, wait
    person = await _db(request, auth.authenticate, username, password)
    if person is None:
        limits.failed(ip, account)
    else:
        limits.succeeded(account)
    return person, 0.0


async def login_submit(request: web.Request) -> web.Response:
    form = await checks.form(request)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not checks.same(cookie, checks.text(form, "csrf", 200)):
        return _html(pages.login("Het formulier is verlopen. Probeer het opnieuw."), status=403)
    username, password = (
        checks.text(form, "gebruikersnaam", USERNAME_MAX),
        checks.text(form, "wachtwoord", PASSWORD_MAX),
    )
    person, wait = await _login(request, username, password)
    if wait:
        response = _html(pages.login(_too_many(wait), csrf=cookie), status=429)
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    if person is None:
        await asyncio.sleep(0.5)
        response = _html(pages.login("Gebruikersnaam of wachtwoord klopt niet.", csrf=cookie), status=401)
        return response
    token, _csrf = await _db(request, auth.start_session, person)
    response = web.HTTPFound("/")
    _set_session_cookie(request, response, token)
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/login")
    raise response


@authenticated
async def logout(request: web.Request) -> web.Response:
    await _db(request, auth.end_session, request.cookies.get(COOKIE))
    response = web.HTTPFound("/login")
    response.del_cookie(COOKIE, path="/")
    raise response


@authenticated
async def overview(request: web.Request) -> web.Response:
    current = request["session"]
    status = request.query.get("status") or None
    if status not in (None, *store.STATUSES):
        status = None  # an unknown filter shows everything
    items = await _db(request, store.list_items, status)
    dead = await _db(request, outbox.deliveries, outbox.DEAD)
    return _html(pages.overview(items, dead, current.intaker.naam, current.csrf, request.query.get("melding"), status))


@authenticated
async def detail(request: web.Request) -> web.Response:
    current = request["session"]
    try:
        item = await _db(request, store.get_item, request.match_info["id"])
    except store.NotFound:
        return _html(
            pages.message("Niet gevonden", "Deze overdracht bestaat niet.", current.intaker.naam, current.csrf),
            status=404,
        )
    return _html(
        pages.detail(item, current.intaker.id, current.intaker.naam, current.csrf, request.query.get("melding"))
    )


def _change(function: Callable, done: str):
    @authenticated
    async def handler(request: web.Request) -> web.StreamResponse:
        current = request["session"]
        handoff_id = request.match_info["id"]
        try:
            item = await _db(request, function, handoff_id, current.intaker.id)
        except store.NotFound:
            if _is_api(request):
                return web.json_response({"fout": "niet gevonden"}, status=404)
            raise web.HTTPNotFound() from None
        except store.Conflict as conflict:
            if _is_api(request):
                return web.json_response({"fout": str(conflict)}, status=409)
            item = await _db(request, store.get_item, handoff_id)
            return _html(
                pages.detail(item, current.intaker.id, current.intaker.naam, current.csrf, str(conflict)), status=409
            )
        if _is_api(request):
            return web.json_response(_public(item))
        raise web.HTTPSeeOther(f"/overdracht/{handoff_id}?melding={done}")

    return handler


@authenticated
async def finish_page(request: web.Request) -> web.StreamResponse:
    """Finishing from the page: the notes, then a confirmation ("Weet je het zeker?"), then done."""
    current = request["session"]
    handoff_id = request.match_info["id"]
    form = await checks.form(request)
    note = checks.text(form, "notitie", store.NOTE_MAX)
    try:
        item = await _db(request, store.get_item, handoff_id)
    except store.NotFound:
        raise web.HTTPNotFound() from None
    if checks.text(form, "bevestigd", 10) != "ja":
        return _html(pages.confirm_finish(item, note, current.intaker.naam, current.csrf))
    try:
        await _db(request, store.finish, handoff_id, current.intaker.id, note)
    except store.Conflict as conflict:
        item = await _db(request, store.get_item, handoff_id)
        return _html(
            pages.detail(item, current.intaker.id, current.intaker.naam, current.csrf, str(conflict)), status=409
        )
    raise web.HTTPSeeOther(f"/overdracht/{handoff_id}?melding=afgerond")


@authenticated
async def api_finish(request: web.Request) -> web.Response:
    """API: optional JSON body ``{"notitie": "..."}``."""
    current = request["session"]
    note = ""
    if await request.read():
        note = checks.text(await checks.json_object(request, "'notitie' (tekst, mag leeg)"), "notitie", store.NOTE_MAX)
    try:
        item = await _db(request, store.finish, request.match_info["id"], current.intaker.id, note)
    except store.NotFound:
        return web.json_response({"fout": "niet gevonden"}, status=404)
    except store.Conflict as conflict:
        return web.json_response({"fout": str(conflict)}, status=409)
    return web.json_response(_public(item))


def _public(item: dict) -> dict:
    return {k: v for k, v in item.items() if k != "geclaimd_door_id"}


async def api_login(request: web.Request) -> web.Response:
    data = await checks.json_object(request, "'gebruikersnaam' en 'wachtwoord' (tekst)")
    username = checks.text(data, "gebruikersnaam", USERNAME_MAX, required=True)
    password = checks.text(data, "wachtwoord", PASSWORD_MAX, required=True)
    person, wait = await _login(request, username, password)
    if wait:
        return web.json_response({"fout": _too_many(wait)}, status=429, headers={"Retry-After": str(int(wait) + 1)})
    if person is None:
        await asyncio.sleep(0.5)
        return web.json_response({"fout": "gebruikersnaam of wachtwoord klopt niet"}, status=401)
    token, csrf = await _db(request, auth.start_session, person)
    response = web.json_response({"csrf": csrf, "intaker": person.naam})
    _set_session_cookie(request, response, token)
    return response


@authenticated
async def api_list(request: web.Request) -> web.Response:
    status: Optional[str] = request.query.get("status")
    if status not in {None, store.NEW, store.CLAIMED, store.DONE}:
        return web.json_response({"fout": "status is nieuw, geclaimd of afgerond"}, status=400)
    items = await _db(request, store.list_items, status)
    return web.json_response({"overdrachten": [_public(i) for i in items]})


@authenticated
async def api_item(request: web.Request) -> web.Response:
    try:
        return web.json_response(_public(await _db(request, store.get_item, request.match_info["id"])))
    except store.NotFound:
        return web.json_response({"fout": "niet gevonden"}, status=404)


@authenticated
async def api_deliveries(request: web.Request) -> web.Response:
    status: Optional[str] = request.query.get("status")
    if status not in {None, outbox.WAITING, outbox.BUSY, outbox.DELIVERED, outbox.DEAD}:
        return web.json_response({"fout": "status is wachtend, bezig, afgeleverd of dood"}, status=400)
    rows = await _db(request, outbox.deliveries, status)
    for row in rows:
        for key, value in list(row.items()):
            if hasattr(value, "isoformat"):
                row[key] = value.isoformat(timespec="seconds") + "Z"
    return web.json_response({"afleveringen": rows, "aantallen": await _db(request, outbox.counts)})


async def _mine(request: web.Request) -> dict:
    """The inbox item, when the logged-in intaker has claimed it (live takeover needs that)."""
    current = request["session"]
    try:
        item = await _db(request, store.get_item, request.match_info["id"])
    except store.NotFound:
        raise web.HTTPNotFound() from None
    if item["status"] != store.CLAIMED or item["geclaimd_door_id"] != current.intaker.id:
        raise store.Conflict("Claim deze overdracht eerst. Alleen wie hem geclaimd heeft, kan het gesprek overnemen.")
    return item


@authenticated
async def live_page(request: web.Request) -> web.Response:
    current = request["session"]
    try:
        item = await _mine(request)
    except store.Conflict as conflict:
        return _html(
            pages.message("Live gesprek", str(conflict), current.intaker.naam, current.csrf, css="melding"), status=409
        )
    return _html(pages.live(item, current.intaker.naam, current.csrf))


def _live(action: str):
    @authenticated
    async def handler(request: web.Request) -> web.Response:
        current = request["session"]
        try:
            item = await _mine(request)
        except store.Conflict as conflict:
            return web.json_response({"fout": str(conflict)}, status=409)
        conversation_id = item["summary"]["conversation_id"]
        rasa = request.app[RASA]
        try:
            if action == "bekijken":
                return web.json_response(conversation(await rasa.tracker(conversation_id)))
            text = ""
            if action == "bericht":
                text = checks.text(
                    await checks.json_object(request, f"'tekst' (1 tot {MAX_MESSAGE_LENGTH} tekens)"),
                    "tekst",
                    MAX_MESSAGE_LENGTH,
                ).strip()
                if not text:
                    return web.json_response(
                        {"fout": f"stuur 1 tot {MAX_MESSAGE_LENGTH} tekens in 'tekst'"}, status=400
                    )
            # Answers as soon as the person's chat has the message; the bot's reply is not awaited.
            started = time.monotonic()
            result = await rasa.staff(conversation_id, action, current.intaker.naam, text)
            spent = (time.monotonic() - started) * 1000
            return web.json_response(
                {"gepauzeerd": bool(result.get("gepauzeerd")), "verstuurd": True},
                headers={"Server-Timing": f"kanaal;dur={spent:.0f};desc=\"site-kanaal\""},
            )
        except RasaRefused as refused:
            return web.json_response({"fout": str(refused)}, status=409)
        except RasaUnavailable as error:
            return web.json_response({"fout": f"de assistent is niet bereikbaar: {error}"}, status=502)

    return handler


async def static_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if not STATIC_NAME.fullmatch(name):
        raise web.HTTPNotFound()
    path = STATIC / name
    if path.parent != STATIC or not path.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(path)


def create_app(
    engine: Engine, secure_cookies: bool = False, rasa: RasaClient = None, login_limits: Optional[LoginLimits] = None
) -> web.Application:
    app = web.Application(middlewares=[security_headers, bad_input], client_max_size=64 * 1024)
    app[ENGINE] = engine
    app[LOGIN_LIMITS] = login_limits or LoginLimits()
    app[SECURE_COOKIES] = secure_cookies
    app[RASA] = rasa or RasaClient()

    async def close_rasa(app_: web.Application) -> None:
        await app_[RASA].close()

    app.on_cleanup.append(close_rasa)
    app.add_routes(
        [
            web.get("/health", health),
            web.get("/login", login_page),
            web.post("/login", login_submit),
            web.post("/logout", logout),
            web.get("/", overview),
            web.get("/overdracht/{id}", detail),
            web.post("/overdracht/{id}/claim", _change(store.claim, "geclaimd")),
            web.post("/overdracht/{id}/afronden", finish_page),
            web.post("/api/login", api_login),
            web.get("/api/overdrachten", api_list),
            web.get("/api/overdrachten/{id}", api_item),
            web.post("/api/overdrachten/{id}/claim", _change(store.claim, "geclaimd")),
            web.post("/api/overdrachten/{id}/afronden", api_finish),
            web.get("/api/afleveringen", api_deliveries),
            web.get("/overdracht/{id}/live", live_page),
            web.get("/api/overdrachten/{id}/live", _live("bekijken")),
            web.post("/api/overdrachten/{id}/live/overnemen", _live("overnemen")),
            web.post("/api/overdrachten/{id}/live/bericht", _live("bericht")),
            web.post("/api/overdrachten/{id}/live/teruggeven", _live("teruggeven")),
            web.get("/static/{name}", static_file),
        ]
    )
    return app
