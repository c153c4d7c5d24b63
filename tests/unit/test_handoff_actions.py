"""The handoff actions with tracker fixtures: what is asked, shown, stored and forgotten."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import handoff as actions
from bot.handoff.tables import aflevering, overdracht
from bot.store import db

SLOTS = {
    "vooropleiding": "hbo-bachelor",
    "sector": "po",
    "naam": "Sanne de Vries",
    "email": "sanne@voorbeeld.nl",
    "telefoon": None,
    "contactvoorkeur": "email",
    "toestemming_overdracht": False,
    "overdracht_id": None,
}
EVENTS = [
    {
        "event": "user",
        "text": "ik wil een mens spreken",
        "timestamp": 1763892000.0,
        "parse_data": {"intent": {"name": "human_handoff"}},
    }
]


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    engine = db.new_engine(f"sqlite:///{tmp_path / 'app.db'}")
    db.upgrade(engine)
    monkeypatch.setattr(actions, "_engine", engine)
    monkeypatch.setenv("HANDOFF_CONNECTORS", "inbox")
    return engine


def tracker(slots, events=EVENTS, text="ja"):
    return Tracker(
        "gesprek-9",
        slots,
        {"text": text, "intent": {"name": "affirm"}, "entities": []},
        events,
        False,
        None,
        {},
        "action_listen",
    )


async def run(action, slots, events=EVENTS):
    dispatcher = CollectingDispatcher()
    result = await action.run(dispatcher, tracker(slots, events), {})
    return dispatcher.messages, {e["name"]: e["value"] for e in result if e["event"] == "slot"}


def count(engine, table):
    with engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_only_the_needed_contact_details_are_asked():
    assert actions.needed_slots(None) == ["naam", "contactvoorkeur"]
    assert actions.needed_slots("email") == ["naam", "contactvoorkeur", "email"]
    assert actions.needed_slots("video") == ["naam", "contactvoorkeur", "email"]
    assert actions.needed_slots("telefoon") == ["naam", "contactvoorkeur", "telefoon"]


async def test_show_summary_asks_consent_and_stores_nothing(database):
    messages, slots = await run(actions.ActionToonOverdracht(), SLOTS)
    assert messages[0]["custom"]["type"] == "handoff_summary"
    assert messages[1]["text"].startswith("Dit geef ik door aan een medewerker:")
    assert [b["payload"] for b in messages[1]["buttons"]] == ["/affirm", "/deny"]
    assert slots == {"toestemming_overdracht": False, "overdracht_id": None, "toestemming_gevraagd": True}
    assert count(database, overdracht) == 0


async def test_consent_stores_once_then_forgets_the_contact_details(database):
    messages, slots = await run(actions.ActionOverdrachtOpslaan(), SLOTS)
    assert "Je gegevens zijn goed opgeslagen" in messages[0]["text"]
    assert slots["toestemming_overdracht"] is True and slots["overdracht_id"]
    assert all(slots[s] is None for s in ("naam", "email", "telefoon", "contactvoorkeur"))
    assert count(database, overdracht) == 1 and count(database, aflevering) == 1
    again, _ = await run(actions.ActionOverdrachtOpslaan(), {**SLOTS, **slots})
    assert again[0]["text"].startswith("Je gegevens zijn al doorgegeven")
    assert count(database, overdracht) == 1


async def test_storing_fails_cleanly_when_delivery_is_misconfigured(database, monkeypatch):
    monkeypatch.setenv("HANDOFF_CONNECTORS", "fax")
    messages, slots = await run(actions.ActionOverdrachtOpslaan(), SLOTS)
    assert messages[0]["text"].startswith("Sorry, het opslaan is niet gelukt. Er is nog niets gedeeld.")
    assert slots == {} and count(database, overdracht) == 0


async def test_no_consent_shares_nothing_and_forgets(database):
    messages, slots = await run(actions.ActionGeenToestemming(), SLOTS)
    assert messages[0]["text"].startswith("Prima, ik deel niets.")
    assert slots["toestemming_overdracht"] is False and slots["naam"] is None and slots["email"] is None
    assert count(database, overdracht) == 0


async def test_name_question_introduces_itself_only_once():
    first = tracker(
        {"requested_slot": "naam"},
        events=[{"event": "user", "text": "mens"}, {"event": "slot", "name": "requested_slot", "value": "naam"}],
    )
    assert actions.ActionAskNaam().key(first) == "vraag_naam"
    again = tracker(
        {"requested_slot": "naam"},
        events=[{"event": "slot", "name": "requested_slot", "value": "naam"}, {"event": "user", "text": "123"}],
    )
    assert actions.ActionAskNaam().key(again) == "vraag_naam_opnieuw"


@pytest.mark.parametrize(
    "slot, answer, value, error",
    [
        ("naam", "ik heet sanne de vries", "Sanne de Vries", None),
        ("naam", "06 12345678", None, "Dat lijkt geen naam."),
        ("contactvoorkeur", "bel me maar", "telefoon", None),
        ("contactvoorkeur", "maakt niet uit", "email", "Prima. Dan neemt de medewerker per e-mail contact met je op."),
        ("contactvoorkeur", "eh", None, "Kies e-mail, telefoon of videogesprek."),
        ("email", "sanne@voorbeeld.nl", "sanne@voorbeeld.nl", None),
        ("email", "sanne@@voorbeeld", None, "Dat e-mailadres klopt niet."),
        ("telefoon", "+32 470 12 34 56", "+32470123456", None),
        ("telefoon", "12345", None, "Dat telefoonnummer klopt niet."),
    ],
)
async def test_contact_answers_are_checked(slot, answer, value, error):
    dispatcher = CollectingDispatcher()
    validate = getattr(actions.ValidateOverdrachtForm(), f"validate_{slot}")
    assert await validate(answer, dispatcher, tracker({}), {}) == {slot: value}
    assert [m["text"].split(" ")[:3] for m in dispatcher.messages] == ([error.split(" ")[:3]] if error else [])


async def test_a_question_beside_a_contact_answer_goes_to_the_intaker():
    dispatcher = CollectingDispatcher()
    text = "Video is prima, teams of zo?"
    validate = actions.ValidateOverdrachtForm().validate_contactvoorkeur
    assert (await validate(text, dispatcher, tracker({}, text=text), {}))["contactvoorkeur"] == "video"
    assert [m["tekst"] for m in dispatcher.messages] == ["vraag_mee_naar_medewerker"]


async def test_twice_no_way_of_contact_gives_email_instead_of_a_third_question():
    events = [
        {"event": "slot", "name": "requested_slot", "value": "contactvoorkeur"},
        {"event": "user", "text": "eh", "parse_data": {"intent": {"name": "nlu_fallback"}}},
        {"event": "user", "text": "hmm", "parse_data": {"intent": {"name": "nlu_fallback"}}},
    ]
    dispatcher = CollectingDispatcher()
    validate = actions.ValidateOverdrachtForm().validate_contactvoorkeur
    assert await validate("hmm", dispatcher, tracker({}, events=events, text="hmm"), {}) == {"contactvoorkeur": "email"}
    assert [m["tekst"] for m in dispatcher.messages] == ["contactvoorkeur_email"]


@pytest.mark.parametrize(
    "text, follow, said",
    [
        ("Ja, akkoord. Hoe snel hoor ik iets?", "action_overdracht_opslaan", ["vraag_mee_naar_medewerker"]),
        ("Nee, liever niet. Kan het ook anoniem?", "action_geen_toestemming", ["vraag_mee_naar_medewerker"]),
        # the question first, then the yes
        (
            "Wat gebeurt er met mijn gegevens? Nou goed, ja, dat mag.",
            "action_overdracht_opslaan",
            ["vraag_mee_naar_medewerker"],
        ),
    ],
)
@pytest.mark.parametrize("intent", ["faq", "affirm"])
async def test_a_consent_answer_beside_a_question_counts_and_the_question_goes_along(text, follow, said, intent):
    dispatcher = CollectingDispatcher()
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    t = Tracker("gesprek-9", SLOTS, message, EVENTS, False, None, {}, "action_listen")
    events = await actions.ActionToestemmingVraag().run(dispatcher, t, {})
    assert events[0]["event"] == "followup" and events[0]["name"] == follow
    assert [m["tekst"] for m in dispatcher.messages] == said


async def test_a_question_taken_for_a_yes_on_the_consent_screen_is_not_lost():
    dispatcher = CollectingDispatcher()
    message = {"text": "prima, wie leest dit allemaal?", "intent": {"name": "affirm"}, "entities": []}
    t = Tracker("gesprek-9", SLOTS, message, EVENTS, False, None, {}, "action_listen")
    await actions.ActionToestemmingVraag().run(dispatcher, t, {})
    assert "vraag_mee_naar_medewerker" in [m.get("tekst") for m in dispatcher.messages]


async def test_a_yes_with_but_and_a_question_is_no_consent_yet():
    dispatcher = CollectingDispatcher()
    message = {"text": "Ja, maar wie ziet dit?", "intent": {"name": "faq"}, "entities": []}
    t = Tracker("gesprek-9", SLOTS, message, EVENTS, False, None, {}, "action_listen")
    events = await actions.ActionToestemmingVraag().run(dispatcher, t, {})
    assert not any(e.get("event") == "followup" for e in events)


async def test_twice_no_name_goes_on_without_one_instead_of_a_third_question():
    events = [
        {"event": "slot", "name": "requested_slot", "value": "naam"},
        {"event": "user", "text": "liever niet", "parse_data": {"intent": {"name": "deny"}}},
        {"event": "user", "text": "nee", "parse_data": {"intent": {"name": "deny"}}},
    ]
    dispatcher = CollectingDispatcher()
    validate = actions.ValidateOverdrachtForm().validate_naam
    result = await validate("nee", dispatcher, tracker({}, events=events, text="nee"), {})
    assert result == {"naam": "(geen naam gegeven)"}
    assert [m["tekst"] for m in dispatcher.messages] == ["naam_overgeslagen"]
    summary_slots = {**SLOTS, "naam": result["naam"]}
    from bot.handoff.schema import validate as validate_summary
    from bot.handoff.summary import build_summary

    validate_summary(build_summary("gesprek-9", summary_slots, EVENTS))


async def test_a_fact_in_the_request_that_starts_the_handoff_is_checked_like_any_other():
    text = "Ja, graag een adviseur, dan weet ik waar ik aan toe ben voor het gesprek met mijn directeur."
    events = [
        {"event": "slot", "name": "baan_op_school", "value": "ja", "timestamp": 1763891990.0},
        {"event": "user", "text": text, "timestamp": 1763892000.0, "parse_data": {"intent": {"name": "affirm"}}},
        {"event": "slot", "name": "baan_op_school", "value": "in-gesprek", "timestamp": 1763892001.0},
    ]
    slots = {**SLOTS, "baan_op_school": "in-gesprek", "naam": None, "requested_slot": "naam"}
    dispatcher = CollectingDispatcher()
    domain = {"forms": {"overdracht_form": {"required_slots": ["naam", "contactvoorkeur"]}}}
    result = await actions.ValidateOverdrachtForm().run(dispatcher, tracker(slots, events, text), domain)
    changed = {e["name"]: e["value"] for e in result if e["event"] == "slot"}
    assert changed["baan_op_school"] == "ja"  # the talk is about the job offered, no correction
