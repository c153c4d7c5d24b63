"""Inbox login throttling (per address and per account, HTTP 429 in Dutch), scrypt at
OWASP cost with rehash of old hashes, STARTTLS by default, and a webhook that refuses
http:// and does not follow redirects."""

from __future__ import annotations

import hashlib
import re
import secrets
from unittest import mock

import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.handoff import settings as handoff_settings
from connectors.delivery import DeliveryError, EmailConnector, WebhookConnector
from connectors.inbox import auth
from connectors.inbox.app import create_app
from connectors.inbox.tables import intaker
from tests.unit.test_inbox import PASSWORD, engine  # noqa: F401 - the inbox database fixture


async def _api_login(client, username, password, **headers):
    return await client.post("/api/login", json={"gebruikersnaam": username, "wachtwoord": password}, headers=headers)


async def test_five_wrong_passwords_lock_the_account_for_a_while(engine):
    async with TestClient(TestServer(create_app(engine))) as client:
        for _ in range(5):
            assert (await _api_login(client, "sanne", "fout-wachtwoord")).status == 401
        locked = await _api_login(client, "Sanne", PASSWORD)  # even the right password, any spelling
        assert locked.status == 429
        assert "Te veel mislukte pogingen" in (await locked.json())["fout"]
        assert int(locked.headers["Retry-After"]) > 60
        page = await client.get("/login")
        csrf = re.search(r"name='csrf' value='([^']+)'", await page.text()).group(1)
        form = await client.post(
            "/login", data={"gebruikersnaam": "sanne", "wachtwoord": PASSWORD, "csrf": csrf}, allow_redirects=False
        )
        assert form.status == 429 and "Wacht" in await form.text()


async def test_one_address_is_limited_across_accounts_and_forwarded_headers_are_not_trusted(engine):
    from connectors.inbox.app import LOGIN_PER_IP, LoginLimits

    assert LOGIN_PER_IP == 20
    async with TestClient(TestServer(create_app(engine, login_limits=LoginLimits(per_ip=3)))) as client:
        for number in range(3):
            response = await _api_login(client, f"gok{number}", "x", **{"X-Forwarded-For": f"10.0.0.{number}"})
            assert response.status == 401
        response = await _api_login(client, "sanne", PASSWORD, **{"X-Forwarded-For": "10.9.9.9"})
        assert response.status == 429


async def test_behind_a_trusted_proxy_the_forwarded_address_counts(engine):
    from connectors.inbox.app import LoginLimits

    async with TestClient(TestServer(create_app(engine, login_limits=LoginLimits(per_ip=2, proxies=1)))) as client:
        for _ in range(2):
            assert (await _api_login(client, "gok", "x", **{"X-Forwarded-For": "203.0.113.7"})).status == 401
        assert (await _api_login(client, "sanne", "x", **{"X-Forwarded-For": "203.0.113.7"})).status == 429
        assert (await _api_login(client, "sanne", PASSWORD, **{"X-Forwarded-For": "203.0.113.8"})).status == 200


def test_scrypt_at_owasp_cost_and_old_hashes_are_rehashed_on_login(engine):
    stored = auth.hash_password(PASSWORD)
    assert stored.startswith("scrypt$131072$8$1$")
    assert auth.check_password(PASSWORD, stored) and not auth.check_password("anders-wachtwoord", stored)
    salt = secrets.token_bytes(16)
    old = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    old_hash = f"scrypt${2**14}$8$1${salt.hex()}${old.hex()}"
    with engine.begin() as connection:
        connection.execute(intaker.update().where(intaker.c.gebruikersnaam == "sanne").values(wachtwoord_hash=old_hash))
    assert auth.authenticate(engine, "sanne", "fout-wachtwoord") is None
    with engine.connect() as connection:
        assert connection.execute(sa.select(intaker.c.wachtwoord_hash)).scalar() == old_hash
    assert auth.authenticate(engine, "sanne", PASSWORD) is not None
    with engine.connect() as connection:
        new_hash = connection.execute(sa.select(intaker.c.wachtwoord_hash)).scalar()
    assert new_hash.startswith("scrypt$131072$8$1$") and auth.check_password(PASSWORD, new_hash)


def test_starttls_is_on_by_default_and_checks_the_certificate():
    settings = handoff_settings.from_env({"HANDOFF_CONNECTORS": "email", "HANDOFF_SMTP_TO": "a@example.nl"})
    assert settings.smtp_starttls is True
    assert handoff_settings.from_env({"HANDOFF_SMTP_STARTTLS": "0"}).smtp_starttls is False
    with mock.patch("smtplib.SMTP") as smtp:
        EmailConnector(settings)._send(mock.MagicMock())
    client = smtp.return_value.__enter__.return_value
    context = client.starttls.call_args.kwargs["context"]
    assert context.check_hostname and context.verify_mode.name == "CERT_REQUIRED"


@pytest.mark.parametrize(
    "url, production, allowed",
    [
        ("https://intake.example.nl/x", True, True),
        ("http://intake.example.nl/x", False, False),
        ("http://127.0.0.1:9000/x", False, True),
        ("http://localhost:9000/x", False, True),
        ("http://127.0.0.1:9000/x", True, False),
        ("ftp://intake.example.nl/x", False, False),
    ],
)
def test_webhook_url_must_be_https(url, production, allowed):
    env = {
        "HANDOFF_CONNECTORS": "webhook",
        "HANDOFF_WEBHOOK_URL": url,
        "HANDOFF_WEBHOOK_SECRET": "x" * 40,
        "INTAKE_MODUS": "productie" if production else "lokaal",
    }
    problems = handoff_settings.from_env(env).problems()
    assert (not problems) == allowed, problems


async def test_webhook_does_not_follow_redirects():
    reached = []

    async def redirect(_request):
        raise web.HTTPTemporaryRedirect("/elders")

    async def elsewhere(request):
        reached.append(await request.read())
        return web.Response(text="ok")

    app = web.Application()
    app.add_routes([web.post("/overdracht", redirect), web.post("/elders", elsewhere)])
    async with TestServer(app) as server:
        connector = WebhookConnector(str(server.make_url("/overdracht")), "geheim" * 6)
        summary = {"conversation_id": "c1", "contact": {"naam": "Jan"}, "samenvatting": "x"}
        with pytest.raises(DeliveryError) as error:
            await connector.deliver("h1", summary)
        await connector.close()
    assert error.value.permanent and "doorverwijzing" in str(error.value)
    assert reached == []
