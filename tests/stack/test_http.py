"""HTTP tests against the running stack: REST channel in, tracker out."""

from __future__ import annotations

import re
import uuid

import pytest

from bot.texts import TEXTS

pytestmark = pytest.mark.stack

STORY = (
    "Ik ben 42, heb een wo-master scheikunde, werk 12 jaar als lab-analist en wil scheikunde "
    "geven op een middelbare school in Amersfoort"
)
QUESTIONS = {key[len("vraag_") :]: value["text"] for key, value in TEXTS.items() if key.startswith("vraag_")}
DUTCH = re.compile(r"\b(ik|je|jij|het|een|de|dat|niet|wil|kun|graag|sorry|dank)\b", re.IGNORECASE)


def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def texts(messages):
    return [m.get("text") or "" for m in messages]


def asked(messages):
    """The profile questions among the bot's messages."""
    return [slot for slot, question in QUESTIONS.items() for text in texts(messages) if text == question]


def test_greeting_is_dutch_says_it_is_a_bot_and_offers_a_human(stack):
    messages = stack.say("t1-" + uuid.uuid4().hex[:6], "hallo")
    greeting = messages[0]["text"]
    assert "digitale assistent van het Onderwijsloket" in greeting
    assert "geen mens" in greeting and "Privacy" in greeting
    assert {"title": "Praat met een medewerker", "payload": "/human_handoff"} in messages[0]["buttons"]


def test_life_story_fills_the_profile_and_only_missing_slots_are_asked(stack):
    person = sender()
    stack.say(person, "hoi")
    reply = stack.say(person, STORY)
    slots = stack.tracker(person)["slots"]
    assert {
        k: slots[k]
        for k in (
            "vooropleiding",
            "studierichting",
            "werkervaring_jaren",
            "huidig_beroep",
            "sector",
            "schoolvak",
            "provincie",
        )
    } == {
        "vooropleiding": "wo-master",
        "studierichting": "scheikunde",
        "werkervaring_jaren": 12,
        "huidig_beroep": "lab-analist",
        "sector": "vo",
        "schoolvak": "scheikunde",
        "provincie": "utrecht",
    }
    assert reply[0]["text"].startswith("Dank je! Dit heb ik genoteerd: wo-master")
    questions = asked(reply)
    for answer in ["nee", "ja", "ik heb nog geen bevoegdheid", "nee", "deeltijd"]:
        reply = stack.say(person, answer)
        questions += asked(reply)
    assert questions == ["diploma_buitenland", "moedertaal", "huidige_bevoegdheid", "baan_op_school", "studievorm"]
    assert reply[0]["text"].startswith("Dit heb ik van je genoteerd:")
    slots = stack.tracker(person)["slots"]
    assert slots["diploma_buitenland"] is False and slots["baan_op_school"] == "nee"
    assert slots["huidige_bevoegdheid"] == "geen" and slots["studievorm"] == "deeltijd"


def test_correction_after_read_back_updates_the_profile(stack):
    person = sender()
    stack.say(person, STORY)
    for answer in ["nee", "nog geen bevoegdheid", "nee", "voltijd"]:
        stack.say(person, answer)
    stack.say(person, "nee")
    reply = stack.say(person, "nee, ik heb hbo, geen wo")
    assert stack.tracker(person)["slots"]["vooropleiding"] == "hbo-bachelor"
    assert any(t.startswith("Ik heb het aangepast: hbo-bachelor") for t in texts(reply))
    assert any(t.startswith("Dit heb ik van je genoteerd:") for t in texts(reply))


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "x" * 5000,
        "Ik wil leraar worden. " * 250,
        "😀😀😀",
        "<script>alert('hoi')</script>",
        "Hello, can you help me become a teacher in the Netherlands?",
        "123456789",
    ],
)
def test_bad_input_gets_a_clear_dutch_reply(stack, message):
    person = sender()
    stack.say(person, "hallo")
    reply = stack.say(person, message)
    assert reply, "geen antwoord"
    for text in texts(reply):
        assert text and DUTCH.search(text), text
        assert "error" not in text.lower() and "<script" not in text


def test_bad_input_in_the_middle_of_the_form_keeps_the_question(stack):
    person = sender()
    before = asked(stack.say(person, "ik heb havo en werk als kok"))
    reply = stack.say(person, "123456782")
    assert texts(reply)[0] == TEXTS["invoer_persoonlijk_nummer"]["text"]
    assert asked(reply) == before == ["diploma_buitenland"]
    assert stack.tracker(person)["slots"]["diploma_buitenland"] is None


def test_two_misses_in_a_row_offer_a_human(stack):
    person = sender()
    first = stack.say(person, "😀")
    second = stack.say(person, "🙈🙈")
    assert TEXTS["aanbod_medewerker"]["text"] not in texts(first)
    assert TEXTS["aanbod_medewerker"]["text"] in texts(second)


def test_restart_starts_clean(stack):
    person = sender()
    stack.say(person, STORY)
    reply = stack.say(person, "opnieuw beginnen")
    assert texts(reply)[0].startswith("Prima, we beginnen opnieuw")
    slots = stack.tracker(person)["slots"]
    assert slots["vooropleiding"] is None and slots["provincie"] is None


def test_expired_session_starts_clean(stack):
    person = sender()
    stack.say(person, STORY)
    assert stack.tracker(person)["slots"]["vooropleiding"] == "wo-master"
    stack.age_conversation(person, 2 * 3600)
    stack.say(person, "hallo")
    tracker = stack.tracker(person)
    assert tracker["slots"]["vooropleiding"] is None
    assert [e["event"] for e in tracker["events"]].count("session_started") == 2


@pytest.mark.parametrize(
    "first, then",
    [
        ("wat is zij-instroom eigenlijk?", "ja"),
        ("hoi", "oké"),
        ("ben jij een robot?", "jajaja"),
        ("wat voor weer wordt het morgen?", "ok prima"),
    ],
)
def test_after_a_side_answer_the_intake_goes_on(stack, first, then):
    """No dead end: after a side answer, and after a bare "ja", the bot asks the next question."""
    person = sender()
    for message in (first, then):
        reply = stack.say(person, message)
        last = texts(reply)[-1] if texts(reply) else ""
        assert "?" in last or any(m.get("buttons") for m in reply), (message, texts(reply))
    assert stack.tracker(person)["slots"]["requested_slot"]


def _to_question(stack, person: str, slot: str, opening: str) -> None:
    stack.say(person, opening)
    for _ in range(12):
        requested = stack.tracker(person)["slots"].get("requested_slot")
        if requested == slot:
            return
        stack.say(
            person,
            {
                "diploma_buitenland": "nee",
                "nederlands_niveau": "moedertaal",
                "huidige_bevoegdheid": "geen",
                "werkervaring_jaren": "10",
            }.get(requested, "weet ik niet"),
        )
    pytest.fail(f"{slot} werd niet gevraagd")


def test_an_answer_that_opens_with_no_answers_the_yes_no_question(stack):
    """Class 2/3: "nee gewoon in tilburg gehaald" was not understood and asked forever."""
    person = sender()
    _to_question(stack, person, "diploma_buitenland", STORY)
    stack.say(person, "nee gewoon in tilburg gehaald")
    slots = stack.tracker(person)["slots"]
    assert slots["diploma_buitenland"] is False and slots["requested_slot"] != "diploma_buitenland"


def test_no_question_is_asked_a_third_time(stack):
    """Class 2: an answer the bot cannot use, twice: it goes on instead of asking again."""
    person = sender()
    _to_question(stack, person, "diploma_buitenland", STORY)
    stack.say(person, "paarse olifant")
    reply = stack.say(person, "paarse olifant")
    slots = stack.tracker(person)["slots"]
    assert slots["requested_slot"] != "diploma_buitenland"
    assert TEXTS["vraag_later"]["text"] in texts(reply)


def test_years_from_an_age_ask_the_age_and_count_from_it(stack):
    """Class 2: "vanaf mijn zeventiende" got the experience question again, twice, and then none."""
    person = sender()
    _to_question(
        stack, person, "werkervaring_jaren", "Ik heb mbo 4 bakker gedaan en wil lesgeven in het mbo in Utrecht."
    )
    reply = stack.say(person, "vanaf mijn zeventiende")
    assert TEXTS["vraag_leeftijd_werkervaring"]["text"] in texts(reply)
    stack.say(person, "34")  # an age, not 34 years of work
    slots = stack.tracker(person)["slots"]
    assert slots["werkervaring_jaren"] == 17 and slots["requested_slot"] != "werkervaring_jaren"


def test_classes_to_teach_are_no_new_diploma(stack):
    """Class 3: "bovenbouw havo/vwo" as the answer to the sector question changed a wo-master into vwo."""
    person = sender()
    _to_question(stack, person, "sector", "Ik heb een wo-master natuurkunde en werk 8 jaar als engineer in Delft.")
    stack.say(person, "vo, bovenbouw havo/vwo")
    slots = stack.tracker(person)["slots"]
    assert slots["vooropleiding"] == "wo-master" and slots["sector"] == "vo"


def test_a_question_in_the_opening_is_not_lost(stack):
    """Class 4: a question next to the life story was never answered nor kept."""
    person = sender()
    reply = stack.say(
        person, "Ik heb een hbo-bachelor bedrijfskunde en wil in Utrecht lesgeven. Krijg ik als leraar een leaseauto?"
    )
    kept = TEXTS["vraag_voor_medewerker_na_intake"]["text"] in texts(reply)
    answered = any((m.get("text") or "").startswith("Bron:") for m in reply)
    assert kept or answered, texts(reply)
