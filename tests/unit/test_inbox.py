"""The intaker inbox: login, CSRF, claiming and finishing, the JSON API, escaping."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.store import db
from connectors.delivery import InboxConnector
from connectors.inbox import auth
from connectors.inbox.app import create_app
from connectors.inbox.tables import inbox_item
from tests.services.test_handoff_delivery import store, summary

PASSWORD = "een-lang-wachtwoord"


@pytest.fixture
def engine(tmp_path):
    engine = db.new_engine(f"sqlite:///{tmp_path / 'inbox.db'}")
    db.upgrade(engine)
    auth.add_intaker(engine, "sanne", "Sanne Intaker", PASSWORD)
    auth.add_intaker(engine, "piet", "Piet Intaker", PASSWORD)
    yield engine
    engine.dispose()


async def delivered(engine, name="Jan de Vries") -> str:
    handoff_id = store(engine, ["inbox"], summary(name))
    await InboxConnector(engine).deliver(handoff_id, {})
    return handoff_id


@pytest.fixture
async def client(engine):
    async with TestClient(TestServer(create_app(engine))) as test_client:
        yield test_client


async def login(client, username="sanne", password=PASSWORD):
    page = await client.get("/login")
    csrf = re.search(r"name='csrf' value='([^']+)'", await page.text()).group(1)
    return await client.post(
        "/login", data={"gebruikersnaam": username, "wachtwoord": password, "csrf": csrf}, allow_redirects=False
    )


def csrf_of(html: str) -> str:
    return re.search(r"name='csrf' value='([^']+)'", html).group(1)


async def test_no_access_without_login(client, engine):
    handoff_id = await delivered(engine)
    for path in ("/", f"/overdracht/{handoff_id}"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 302 and response.headers["Location"] == "/login"
    assert (await client.get("/api/overdrachten")).status == 401
    assert (await client.post(f"/api/overdrachten/{handoff_id}/claim")).status == 401


async def test_a_cookie_header_python_cannot_read_is_bad_input_not_a_crash(client):
    for path in ("/api/overdrachten?status=", "/"):
        response = await client.get(path, headers={"Cookie": "<="})
        assert response.status == 400
        assert "cookie" in (await response.text()).lower()
    assert (await client.get("/api/overdrachten", headers={"Cookie": "a=b"})).status == 401


async def test_wrong_password_is_rejected(client):
    response = await login(client, password="fout-wachtwoord")
    assert response.status == 401 and "klopt niet" in await response.text()
    assert (await client.get("/", allow_redirects=False)).status == 302
    api = await client.post("/api/login", json={"gebruikersnaam": "sanne", "wachtwoord": "fout"})
    assert api.status == 401


async def test_login_form_needs_its_csrf_token(client):
    response = await client.post(
        "/login", data={"gebruikersnaam": "sanne", "wachtwoord": PASSWORD}, allow_redirects=False
    )
    assert response.status == 403


async def test_passwords_are_hashed(engine):
    import sqlalchemy as sa

    from connectors.inbox.tables import intaker

    with engine.connect() as connection:
        stored = connection.execute(sa.select(intaker.c.wachtwoord_hash)).scalars().all()
    assert all(h.startswith("scrypt$") and PASSWORD not in h for h in stored)
    with pytest.raises(auth.AccountError):
        auth.add_intaker(engine, "kort", "Kort", "kort")


async def test_claim_and_finish_through_the_pages(client, engine):
    handoff_id = await delivered(engine, "Jan <script>alert(1)</script>")
    assert (await login(client)).status == 302
    overview = await (await client.get("/")).text()
    assert "Jan &lt;script&gt;" in overview and "<script>alert" not in overview
    page = await (await client.get(f"/overdracht/{handoff_id}")).text()
    assert "Claim deze overdracht" in page and "Gesprek" in page
    no_token = await client.post(f"/overdracht/{handoff_id}/claim", data={}, allow_redirects=False)
    assert no_token.status == 403
    claimed = await client.post(f"/overdracht/{handoff_id}/claim", data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert claimed.status == 303
    page = await (await client.get(f"/overdracht/{handoff_id}")).text()
    assert "geclaimd door Sanne Intaker" in page and "Notities bij het afronden" in page
    asked = await client.post(
        f"/overdracht/{handoff_id}/afronden",
        data={"csrf": csrf_of(page), "notitie": "Gebeld op 24-11. Stuurt cv."},
        allow_redirects=False,
    )
    confirm = await asked.text()
    assert asked.status == 200 and "Weet je zeker dat je wilt afronden?" in confirm
    assert "Gebeld op 24-11. Stuurt cv." in confirm
    assert "geclaimd door" in await (await client.get(f"/overdracht/{handoff_id}")).text()  # not yet done
    done = await client.post(
        f"/overdracht/{handoff_id}/afronden",
        data={"csrf": csrf_of(confirm), "notitie": "Gebeld op 24-11. Stuurt cv.", "bevestigd": "ja"},
        allow_redirects=False,
    )
    assert done.status == 303
    page = await (await client.get(done.headers["Location"])).text()
    assert "Klaar: de overdracht is afgerond. Je notities zijn bewaard." in page
    assert "Gebeld op 24-11. Stuurt cv." in page and "Notities van de intaker" in page


async def test_one_intaker_cannot_change_anothers_claim(engine):
    handoff_id = await delivered(engine)
    async with TestClient(TestServer(create_app(engine))) as sanne, TestClient(TestServer(create_app(engine))) as piet:
        tokens = {}
        for client, name in ((sanne, "sanne"), (piet, "piet")):
            response = await client.post("/api/login", json={"gebruikersnaam": name, "wachtwoord": PASSWORD})
            assert response.status == 200
            tokens[name] = (await response.json())["csrf"]
        first = await sanne.post(f"/api/overdrachten/{handoff_id}/claim", headers={"X-CSRF-Token": tokens["sanne"]})
        assert first.status == 200 and (await first.json())["geclaimd_door"] == "Sanne Intaker"
        second = await piet.post(f"/api/overdrachten/{handoff_id}/claim", headers={"X-CSRF-Token": tokens["piet"]})
        assert second.status == 409 and "Sanne Intaker" in (await second.json())["fout"]
        finish = await piet.post(f"/api/overdrachten/{handoff_id}/afronden", headers={"X-CSRF-Token": tokens["piet"]})
        assert finish.status == 409
        wrong_token = await sanne.post(
            f"/api/overdrachten/{handoff_id}/afronden", headers={"X-CSRF-Token": tokens["piet"]}
        )
        assert wrong_token.status == 403
        ok = await sanne.post(f"/api/overdrachten/{handoff_id}/afronden", headers={"X-CSRF-Token": tokens["sanne"]})
        assert ok.status == 200 and (await ok.json())["status"] == "afgerond"


async def test_api_lists_and_opens_handoffs(client, engine):
    handoff_id = await delivered(engine)
    response = await client.post("/api/login", json={"gebruikersnaam": "sanne", "wachtwoord": PASSWORD})
    assert response.status == 200
    listing = await (await client.get("/api/overdrachten?status=nieuw")).json()
    assert [item["id"] for item in listing["overdrachten"]] == [handoff_id]
    item = await (await client.get(f"/api/overdrachten/{handoff_id}")).json()
    assert item["summary"]["contact"]["naam"] == "Jan de Vries" and item["status"] == "nieuw"
    assert (await client.get("/api/overdrachten?status=raar")).status == 400
    assert (await client.get("/api/overdrachten/bestaat-niet")).status == 404
    deliveries = await (await client.get("/api/afleveringen")).json()
    assert deliveries["aantallen"] == {"wachtend": 1}


async def test_security_headers_and_cookie_flags(client):
    response = await login(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = await client.get("/")
    assert page.headers["X-Frame-Options"] == "DENY" and "default-src 'none'" in page.headers["Content-Security-Policy"]


async def test_logout_ends_the_session(client):
    await login(client)
    page = await (await client.get("/")).text()
    response = await client.post("/logout", data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert response.status == 302
    assert (await client.get("/", allow_redirects=False)).status == 302


async def test_list_shows_reference_local_time_and_filters_on_status(client, engine):
    first = await delivered(engine, "Anna Jansen")
    second = await delivered(engine, "Bram de Wit")
    with engine.begin() as connection:  # received at 16:05 UTC on a winter day: 17:05 in Amsterdam
        connection.execute(
            inbox_item.update()
            .where(inbox_item.c.overdracht_id == first)
            .values(ontvangen_op=dt.datetime(2026, 11, 23, 16, 5))
        )
        connection.execute(
            inbox_item.update()
            .where(inbox_item.c.overdracht_id == second)
            .values(ontvangen_op=dt.datetime(2026, 7, 1, 10, 0))
        )  # summer time: 12:00
    await login(client)
    page = await (await client.get("/")).text()
    assert f"<code>{first[:8]}</code>" in page and f"<code>{second[:8]}</code>" in page
    assert "23-11-2026 17:05" in page and "01-07-2026 12:00" in page and "(UTC)" not in page
    assert "<th scope='col'>Kenmerk</th>" in page and "<select id='status' name='status'>" in page
    api = await client.post("/api/login", json={"gebruikersnaam": "sanne", "wachtwoord": PASSWORD})
    csrf = (await api.json())["csrf"]
    assert (await client.post(f"/api/overdrachten/{first}/claim", headers={"X-CSRF-Token": csrf})).status == 200
    claimed = await (await client.get("/?status=geclaimd")).text()
    assert "Anna Jansen" in claimed and "Bram de Wit" not in claimed
    assert "<option value='geclaimd' selected>" in claimed
    new = await (await client.get("/?status=nieuw")).text()
    assert "Bram de Wit" in new and "Anna Jansen" not in new
    assert "Er zijn geen overdrachten met deze status." in await (await client.get("/?status=afgerond")).text()
    everything = await (await client.get("/?status=onzin")).text()
    assert "Anna Jansen" in everything and "Bram de Wit" in everything
    finished = await client.post(
        f"/api/overdrachten/{first}/afronden", json={"notitie": "Mail gestuurd."}, headers={"X-CSRF-Token": csrf}
    )
    assert finished.status == 200 and (await finished.json())["notitie"] == "Mail gestuurd."
    assert (await (await client.get(f"/api/overdrachten/{first}")).json())["kenmerk"] == first[:8]


async def test_detail_shows_remarks_and_no_commands_in_the_transcript(client, engine):
    from tests.services.test_handoff_delivery import store as store_handoff
    from tests.services.test_handoff_delivery import summary as make_summary

    value = make_summary("Carla Smit")
    value["notities"] = ["Bel na 17u"]
    value["transcript"] = [
        {"van": "persoon", "tekst": '/inform{"contactvoorkeur":"telefoon"}', "tijd": None},
        {"van": "persoon", "tekst": "ik wil graag bellen", "tijd": "2026-11-23T16:05:00Z"},
    ]
    handoff_id = store_handoff(engine, ["inbox"], value)
    await InboxConnector(engine).deliver(handoff_id, {})
    await login(client)
    page = await (await client.get(f"/overdracht/{handoff_id}")).text()
    assert "Wat de persoon nog zei" in page and "<li>Bel na 17u</li>" in page
    assert "/inform" not in page and "Persoon (17:05):</span> ik wil graag bellen" in page


async def test_a_handoff_put_in_the_inbox_by_another_worker_meanwhile_is_no_error(engine, monkeypatch):
    handoff_id = await delivered(engine)
    connector = InboxConnector(engine)
    answers = [False]  # the first check sees nothing: the other worker inserts just after it
    real = connector._exists
    monkeypatch.setattr(connector, "_exists", lambda key: answers.pop() if answers else real(key))
    await connector.deliver(handoff_id, {})
    assert not answers  # the race was played
    with engine.connect() as connection:
        rows = connection.execute(inbox_item.select().where(inbox_item.c.overdracht_id == handoff_id)).fetchall()
    assert len(rows) == 1
