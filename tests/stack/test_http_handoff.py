"""The handoff end to end: REST conversation -> consent -> webhook, SMTP and the inbox API."""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest
import sqlalchemy as sa

from bot.handoff.schema import validate
from bot.handoff.tables import aflevering, overdracht
from bot.store import db
from connectors.inbox import auth
from tests.receivers import wait_until
from tests.stack.test_http import texts

pytestmark = pytest.mark.stack

PASSWORD = "wachtwoord-voor-de-test"


def sender() -> str:
    return f"overdracht-{uuid.uuid4().hex[:10]}"


def custom(messages):
    return [m["custom"] for m in messages if "custom" in m]


def app_engine(stack):
    return db.get_engine(stack.app_db)


def handoffs_of(stack, conversation_id):
    with app_engine(stack).connect() as connection:
        return (
            connection.execute(sa.select(overdracht.c.id).where(overdracht.c.conversation_id == conversation_id))
            .scalars()
            .all()
        )


def to_consent(stack, person):
    stack.say(person, "hallo")
    stack.say(person, "ik heb een wo-master scheikunde en werk 12 jaar als lab-analist")
    reply = stack.say(person, "ik wil een mens spreken")
    assert any("Wat is je naam?" in t for t in texts(reply)), texts(reply)
    assert "Vraag mijn bsn" not in " ".join(texts(reply))
    reply = stack.say(person, "ik heet sanne de vries")
    assert any("Hoe wil je dat de medewerker contact" in t for t in texts(reply)), texts(reply)
    reply = stack.say(person, '/inform{"contactvoorkeur":"email"}')
    assert any("Wat is je e-mailadres?" in t for t in texts(reply)), texts(reply)
    reply = stack.say(person, "sanne@@voorbeeld")
    assert any("Dat e-mailadres klopt niet" in t for t in texts(reply)), texts(reply)
    return stack.say(person, "sanne@voorbeeld.nl")


def test_handoff_with_consent_arrives_at_webhook_smtp_and_inbox(stack):
    person = sender()
    reply = to_consent(stack, person)
    shown = "\n".join(texts(reply))
    assert "Dit geef ik door aan een medewerker:" in shown and "Naam: Sanne de Vries" in shown
    assert "E-mail: sanne@voorbeeld.nl" in shown and "Mag ik dit delen" in shown
    [payload] = custom(reply)
    assert payload["type"] == "handoff_summary"
    validate(payload["summary"])
    assert handoffs_of(stack, person) == []  # nothing stored before consent

    reply = stack.say(person, "ja")
    confirmation = "\n".join(texts(reply))
    assert "Je gegevens zijn goed opgeslagen" in confirmation and "binnen 2 werkdagen per e-mail" in confirmation
    [handoff_id] = handoffs_of(stack, person)
    assert handoff_id[:8] in confirmation

    engine = app_engine(stack)

    def delivered():
        with engine.connect() as connection:
            states = connection.execute(
                sa.select(aflevering.c.connector, aflevering.c.status).where(aflevering.c.overdracht_id == handoff_id)
            ).all()
        return {c: s for c, s in states} == {"inbox": "afgeleverd", "webhook": "afgeleverd", "email": "afgeleverd"}

    wait_until(delivered, timeout=60, what="afgeleverd bij alle connectoren")
    received = [r for r in stack.webhook.requests if r.key == handoff_id]
    assert len(received) == 1 and received[0].signature_ok
    summary = stack.webhook.processed[handoff_id]["summary"]
    validate(summary)
    assert summary["conversation_id"] == person and summary["contact"]["email"] == "sanne@voorbeeld.nl"
    assert summary["profiel"]["vooropleiding"] == "wo-master"
    assert [m for m in stack.mail.messages if m["Message-ID"] == f"<{handoff_id}@onderwijsloket-intake>"]

    try:
        auth.add_intaker(engine, "intaker", "Test Intaker", PASSWORD)
    except auth.AccountError:
        pass  # made by an earlier test in this session
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    login = urllib.request.Request(
        f"{stack.inbox}/api/login",
        data=json.dumps({"gebruikersnaam": "intaker", "wachtwoord": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert opener.open(login, timeout=10).status == 200
    item = json.loads(opener.open(f"{stack.inbox}/api/overdrachten/{handoff_id}", timeout=10).read())
    assert item["status"] == "nieuw" and item["naam"] == "Sanne de Vries"
    slots = stack.tracker(person)["slots"]
    assert slots["toestemming_overdracht"] is True and slots["overdracht_id"] == handoff_id
    assert slots["email"] is None and slots["naam"] is None  # kept only in the handoff record


def test_without_consent_nothing_leaves_the_bot(stack):
    person = sender()
    to_consent(stack, person)
    before = (len(stack.webhook.requests), len(stack.mail.messages))
    reply = stack.say(person, "nee")
    assert any("ik deel niets" in t for t in texts(reply)), texts(reply)
    time.sleep(1.5)  # several worker rounds
    assert handoffs_of(stack, person) == []
    assert (len(stack.webhook.requests), len(stack.mail.messages)) == before
    slots = stack.tracker(person)["slots"]
    assert slots["toestemming_overdracht"] is False and slots["naam"] is None and slots["email"] is None


def test_handoff_can_be_stopped_and_asks_only_what_is_needed(stack):
    person = sender()
    stack.say(person, "hallo")
    stack.say(person, "ik wil met een medewerker praten")
    stack.say(person, "Piet Jansen")
    reply = stack.say(person, "bel me maar")
    assert any("Op welk telefoonnummer" in t for t in texts(reply)), texts(reply)
    reply = stack.say(person, "12345")
    assert any("Dat telefoonnummer klopt niet" in t for t in texts(reply)), texts(reply)
    reply = stack.say(person, "+32 470 12 34 56")
    assert "Telefoon: +32 470 12 34 56" in "\n".join(texts(reply))
    assert custom(reply)[0]["summary"]["contact"] == {
        "naam": "Piet Jansen",
        "email": None,
        "telefoon": "+32470123456",
        "contactvoorkeur": "telefoon",
    }
    other = sender()
    stack.say(other, "hallo")
    stack.say(other, "kan ik een medewerker spreken")
    reply = stack.say(other, "nee")
    assert any("Er is niets gedeeld" in t for t in texts(reply)), texts(reply)
    assert handoffs_of(stack, other) == []


@pytest.mark.parametrize(
    "first, second, stored",
    [
        ("Akkoord, ga je gang", None, True),
        ("hmm even denken", "prima, geef maar door", True),
        ("hmm even denken", "laat maar", False),
    ],
)
def test_consent_in_the_persons_own_words(stack, first, second, stored):
    """Class 4: consent given in other words than "ja" was lost, and the screen not asked again."""
    person = sender()
    to_consent(stack, person)
    reply = stack.say(person, first)
    if second is not None:
        assert any("Mag ik dit doorgeven" in t for t in texts(reply)), texts(reply)
        assert any(m.get("buttons") for m in reply)
        reply = stack.say(person, second)
    assert bool(handoffs_of(stack, person)) is stored, texts(reply)


def test_a_number_typed_with_the_choice_to_be_called_is_kept(stack):
    person = sender()
    stack.say(person, "hallo")
    stack.say(person, "ik wil met een medewerker praten")
    stack.say(person, "Piet Jansen")
    reply = stack.say(person, "bellen graag, mijn nummer is 06 12345678")
    said = "\n".join(texts(reply))
    assert "Op welk telefoonnummer" not in said, said
    assert custom(reply)[0]["summary"]["contact"] == {
        "naam": "Piet Jansen",
        "email": None,
        "telefoon": "+31612345678",
        "contactvoorkeur": "telefoon",
    }
