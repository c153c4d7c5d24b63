"""The site channel over a real Socket.IO connection: tokens, origins, limits, sessions,
and the live takeover by an intaker from the inbox."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar

import pytest
import socketio

from bot.store import db
from connectors.inbox import auth
from connectors.site import tokens
from tests.site_client import Person

pytestmark = pytest.mark.stack
PASSWORD = "wachtwoord-voor-de-test"


def test_a_new_conversation_gets_a_signed_token_and_a_greeting(stack):
    person = Person(stack.rasa).connect()
    try:
        assert person.session["nieuw"] is True and person.session["conversation_id"].startswith("site-")
        person.reply_to("/greet")
        assert "digitale assistent van het Onderwijsloket" in person.texts()[0]
    finally:
        person.close()


def test_a_forged_or_foreign_token_is_rejected(stack):
    first = Person(stack.rasa).connect()
    try:
        victim = first.session["conversation_id"]
        forged = tokens.issue("niet-het-geheim-maar-wel-lang-genoeg", victim)
        intruder = Person(stack.rasa).connect(forged)
        try:
            assert intruder.session["token_geweigerd"] is True
            assert intruder.session["conversation_id"] != victim
            assert intruder.of("history") == []
        finally:
            intruder.close()
        garbage = Person(stack.rasa).connect("site-abc.123.xyz")
        try:
            assert garbage.session["token_geweigerd"] is True and garbage.session["conversation_id"] != victim
        finally:
            garbage.close()
    finally:
        first.close()


def test_foreign_origin_is_refused(stack):
    outsider = Person(stack.rasa, origin="https://evil.example")
    with pytest.raises(socketio.exceptions.ConnectionError):
        outsider.connect()
    assert outsider.session == {}
    allowed = Person(stack.rasa, origin=stack.rasa).connect()  # the same way, from the site's origin: accepted
    try:
        assert allowed.session["nieuw"] is True
    finally:
        allowed.close()


def test_reload_and_second_tab_continue_the_same_conversation(stack):
    person = Person(stack.rasa).connect()
    token = person.session["token"]
    person.reply_to("/greet")
    person.reply_to("ik heb havo en werk als kok")
    second = Person(stack.rasa).connect(token)  # a second tab, or the page after a reload
    try:
        assert second.session["nieuw"] is False
        assert second.session["conversation_id"] == person.session["conversation_id"]
        [history] = second.wait_for("history")
        said = [m["text"] for m in history["berichten"] if m["van"] == "persoon"]
        assert said == ["/greet", "ik heb havo en werk als kok"]
        before = len(second.texts())
        person.reply_to("nee")
        second.wait_for("user_echo", where=lambda d: d["text"] == "nee")
        assert len(second.texts()) > before  # the bot's answer reaches every tab
    finally:
        person.close()
        second.close()


def test_oversize_message_is_refused_with_a_reply_and_kept(stack):
    person = Person(stack.rasa).connect()
    try:
        person.say("a" * 2001)
        [refused] = person.wait_for("afgewezen")
        assert refused["reden"] == "te_lang" and len(refused["message"]) == 2000
        assert "Je bericht is te lang" in (person.wait_for("bot_uttered"))[0]["text"]
        tracker = stack.tracker(person.session["conversation_id"])
        assert not [e for e in tracker["events"] if e["event"] == "user"]
    finally:
        person.close()


def test_rate_limit_per_conversation(stack):
    person = Person(stack.rasa).connect()
    try:
        for number in range(20):
            person.say(f"bericht {number}")
        [refused, *_] = person.wait_for("afgewezen", where=lambda d: d["reden"] == "te_snel")
        assert refused["message"].startswith("bericht ")
        person.wait_for("bot_uttered", where=lambda d: "veel berichten snel achter elkaar" in (d.get("text") or ""))
    finally:
        person.close()


def _inbox(stack):
    engine = db.get_engine(stack.app_db)
    try:
        auth.add_intaker(engine, "live", "Lotte Live", PASSWORD)
    except auth.AccountError:
        pass
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    reply = opener.open(
        urllib.request.Request(
            f"{stack.inbox}/api/login",
            data=json.dumps({"gebruikersnaam": "live", "wachtwoord": PASSWORD}).encode(),
            headers={"Content-Type": "application/json"},
        )
    )
    csrf = json.loads(reply.read())["csrf"]

    def call(method, path, body=None):
        request = urllib.request.Request(
            f"{stack.inbox}{path}",
            method=method,
            headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"},
            data=json.dumps(body).encode() if body is not None else None,
        )
        return json.loads(opener.open(request, timeout=20).read())

    return call


def test_live_takeover_from_the_inbox(stack):
    person = Person(stack.rasa).connect()
    try:
        person.reply_to("/greet")
        person.reply_to("ik wil een mens spreken")
        person.reply_to("Mila Jansen")
        person.reply_to('/inform{"contactvoorkeur":"email"}')
        person.reply_to("mila@voorbeeld.nl")
        texts = person.reply_to("ja")
        assert any("Je gegevens zijn goed opgeslagen" in t for t in texts)
        conversation_id = person.session["conversation_id"]
        call = _inbox(stack)
        for _ in range(100):
            items = [
                i
                for i in call("GET", "/api/overdrachten")["overdrachten"]
                if i["summary"]["conversation_id"] == conversation_id
            ]
            if items:
                break
            time.sleep(0.1)
        handoff = items[0]["id"]
        call("POST", f"/api/overdrachten/{handoff}/claim")

        state = call("POST", f"/api/overdrachten/{handoff}/live/overnemen")
        assert state["gepauzeerd"] is True
        person.wait_for("bot_uttered", where=lambda d: (d.get("custom") or {}).get("status") == "aanwezig")

        call(
            "POST",
            f"/api/overdrachten/{handoff}/live/bericht",
            {"tekst": "Hoi Mila, ik ben Lotte. Waar kan ik je mee helpen?"},
        )
        [staff] = person.wait_for("bot_uttered", where=lambda d: d.get("medewerker") == "Lotte Live" and d.get("text"))
        assert staff["text"].startswith("Hoi Mila")

        before = len(person.texts())
        person.reply_to("ik wil weten of mijn diploma telt")
        assert len(person.texts()) == before, person.texts()[before:]  # the bot is paused: no answer
        state = call("GET", f"/api/overdrachten/{handoff}/live")
        assert state["berichten"][-1] == {
            "van": "persoon",
            "tekst": "ik wil weten of mijn diploma telt",
            "tijd": state["berichten"][-1]["tijd"],
        }

        state = call("POST", f"/api/overdrachten/{handoff}/live/teruggeven")
        assert state["gepauzeerd"] is False
        person.wait_for("bot_uttered", where=lambda d: (d.get("custom") or {}).get("status") == "weg")
        before = len(person.texts())
        person.reply_to("wat is een vog?")
        assert len(person.texts()) > before  # the bot answers again
    finally:
        person.close()


def test_takeover_needs_a_claim(stack):
    from bot.handoff.outbox import store_handoff
    from connectors.delivery import InboxConnector
    from tests.services.test_handoff_delivery import summary

    engine = db.get_engine(stack.app_db)
    with engine.begin() as connection:
        handoff = store_handoff(connection, summary("Niet Geclaimd"), ["inbox"])
    asyncio.run(InboxConnector(engine).deliver(handoff, {}))
    call = _inbox(stack)
    with pytest.raises(urllib.error.HTTPError) as refused:
        call("POST", f"/api/overdrachten/{handoff}/live/overnemen")
    assert refused.value.code == 409
    assert "Claim deze overdracht eerst" in json.loads(refused.value.read())["fout"]
