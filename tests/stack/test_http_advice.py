"""The advice over the REST channel: text plus the route_suggestions payload, follow-ups, re-advice."""

from __future__ import annotations

import uuid
from typing import Dict, List

import pytest

from tests.stack.test_http import asked, texts

pytestmark = pytest.mark.stack

ANSWERS = {
    "vooropleiding": "hbo",
    "studierichting": "bedrijfskunde",
    "diploma_buitenland": "nee",
    "nederlands_niveau": "moedertaal",
    "moedertaal": "ja",
    "huidig_beroep": "ik werk als projectleider",
    "werkervaring_jaren": "10 jaar",
    "huidige_bevoegdheid": "nog geen bevoegdheid",
    "sector": "basisschool",
    "schoolvak": "economie",
    "baan_op_school": "nee",
    "studievorm": "deeltijd",
    "provincie": "Utrecht",
}
#: Routes whose entry needs a hbo/wo bachelor or more (see bot/knowledge/content/routes.yml).
NEEDS_BACHELOR = {
    "zib-po",
    "zib-vo-2e",
    "zib-vo-1e",
    "pabo-verkort",
    "empo",
    "kopopleiding",
    "educatieve-module",
    "ulo-1jr",
    "educatieve-master-2jr",
    "beta4all",
    "alfa4all",
    "trainees-in-onderwijs",
}


ZWOLLE = "Ik ben 38, heb hbo bedrijfskunde en een basisschool in Zwolle wil me per augustus aannemen."


def sender() -> str:
    return f"advies-{uuid.uuid4().hex[:10]}"


def custom(messages: List[Dict]) -> List[Dict]:
    return [m["custom"] for m in messages if "custom" in m]


def until_read_back(stack, person: str, story: str) -> List[Dict]:
    reply = stack.say(person, story)
    for _ in range(12):
        if any(t.startswith("Dit heb ik van je genoteerd:") for t in texts(reply)):
            return reply
        questions = asked(reply)
        assert questions, texts(reply)
        reply = stack.say(person, ANSWERS[questions[-1]])
    pytest.fail("het profiel werd niet compleet")


def advised(stack, story: str = ZWOLLE):
    """A new conversation from greeting to confirmed profile; returns the person and the advice turn."""
    person = sender()
    stack.say(person, "hallo")
    until_read_back(stack, person, story)
    return person, stack.say(person, "ja klopt")


def test_life_story_to_advice_text_and_payload(stack):
    person, reply = advised(stack)
    body = "\n".join(texts(reply))
    assert "Dit is mijn advies voor jou:" in body
    assert "1. Zij-instroom in het beroep, basisonderwijs" in body
    assert "(bijgewerkt: " in body and "Hulp bij jou in de regio: Oost Werkt" in body
    payloads = custom(reply)
    assert len(payloads) == 1 and payloads[0]["type"] == "route_suggestions"
    advice = payloads[0]
    assert advice["routes"][0]["id"] == "zib-po"
    assert "pabo-verkort" in [r["id"] for r in advice["routes"]]
    for route in advice["routes"]:
        assert route["titel"] and route["waarom"] and route["duur"] and route["kosten"]
        assert route["bron"].startswith("https://")
    assert advice["loket"]["naam"] == "Oost Werkt"
    slots = stack.tracker(person)["slots"]
    assert slots["advies_gegeven"] is True and slots["leeftijd"] == 38
    assert slots["advies"]["routes"][0]["id"] == "zib-po"
    # The text is sent before the payload, both in the same turn.
    assert "custom" in reply[-1] and all("text" in m for m in reply[:-1])


def test_follow_up_questions_answer_from_the_knowledge_base(stack):
    person, _ = advised(stack)
    expectations = {
        "waarom?": "Waarom Zij-instroom in het beroep, basisonderwijs?",
        "wat kost dat?": "De school betaalt",
        "hoe lang duurt het?": "Maximaal 2 jaar.",
        "kan het ook in deeltijd?": "je werkt en leert tegelijk",
        "welke opleidingen zijn er bij mij in de buurt?": "in Overijssel:",
        "en als ik geen baan op een school heb?": "Zonder baan past dit het best: Verkorte pabo",
        "waar staat dat?": "Bronnen over Zij-instroom in het beroep, basisonderwijs:",
    }
    for question, expected in expectations.items():
        answer = "\n".join(texts(stack.say(person, question)))
        assert expected in answer, (question, answer)
    reply = stack.say(person, "vertel meer over de tweede optie")
    answer = "\n".join(texts(reply))
    assert answer.startswith("Verkorte pabo:"), (answer, stack.tracker(person)["latest_message"])
    answer = "\n".join(texts(stack.say(person, "hoe lang duurt die?")))
    assert "2 tot 2,5 jaar" in answer  # still about the route under discussion


def test_changed_fact_reruns_the_advice(stack):
    person, _ = advised(stack)
    reply = stack.say(person, "eigenlijk wil ik toch naar het mbo")
    assert "schoolvak" in asked(reply)
    reply = stack.say(person, "economie")
    body = "\n".join(texts(reply))
    assert "Ik heb je advies aangepast." in body
    first = custom(reply)[0]["routes"][0]["id"]
    assert first in {"pdg-mbo", "zib-mbo"}
    assert stack.tracker(person)["slots"]["sector"] == "mbo"


def test_havo_only_gets_no_bachelor_route_and_hears_why(stack):
    _, reply = advised(stack, "Ik heb alleen havo en werk als onderwijsassistent op een basisschool.")
    ids = [r["id"] for r in custom(reply)[0]["routes"]]
    assert ids[0] == "pabo-deeltijd" and not set(ids) & NEEDS_BACHELOR
    body = "\n".join(texts(reply))
    assert "kan nu nog niet" in body and "hbo- of wo-bachelor" in body
    assert custom(reply)[0]["niet_mogelijk"][0]["id"] == "zib-po"


def test_question_about_advice_before_there_is_one(stack):
    person = sender()
    stack.say(person, "hallo")
    reply = stack.say(person, "waarom?")
    assert any("nog geen advies" in t for t in texts(reply)) or asked(reply), texts(reply)


def test_yes_beside_a_correction_at_the_read_back_gives_the_advice(stack):
    person = sender()
    stack.say(person, "hallo")
    until_read_back(stack, person, ZWOLLE)
    reply = stack.say(person, "ja, 12 jaar werkervaring dus. klopt")
    body = "\n".join(texts(reply))
    assert "Ik heb het aangepast" in body and "Dit is mijn advies voor jou:" in body
    assert stack.tracker(person)["slots"]["werkervaring_jaren"] == 12


def test_the_read_back_is_not_asked_a_third_time(stack):
    person = sender()
    stack.say(person, "hallo")
    until_read_back(stack, person, ZWOLLE)
    first = stack.say(person, "hmm even kijken, ik twijfel over het een en ander")
    second = stack.say(person, "tsja lastig om te zeggen allemaal")
    read_backs = [t for t in texts(first) + texts(second) if t.startswith("Dit heb ik van je genoteerd:")]
    assert len(read_backs) <= 1, texts(first) + texts(second)
    assert custom(first) or custom(second), "na twee keer voorlezen volgt het advies"


def test_a_second_job_interview_is_no_restart(stack):
    person = sender()
    stack.say(person, "hallo")
    stack.say(person, "ik heb een hbo-bachelor bedrijfskunde en wil op de basisschool lesgeven")
    stack.say(person, "er is een gesprek geweest, ze willen nog een tweede gesprek")
    slots = stack.tracker(person)["slots"]
    assert slots["vooropleiding"] == "hbo-bachelor" and slots["sector"] == "po"


def _handoff_started(stack, person: str) -> bool:
    tracker = stack.tracker(person)
    return (tracker.get("active_loop") or {}).get("name") == "overdracht_form"


@pytest.mark.parametrize("yes", ["ja graag", "Yes please", "Ja, graag. Kan dat nog voor de zomer?"])
def test_a_yes_after_the_advice_starts_the_handoff(stack, yes):
    person, advice = advised(stack)
    assert [t for t in texts(advice) if t][-1].endswith("Wil je je advies met een medewerker bespreken? Zeg dan 'ja'.")
    reply = stack.say(person, yes)
    assert _handoff_started(stack, person), texts(reply)
    assert stack.tracker(person)["slots"]["requested_slot"] == "naam", texts(reply)


def test_after_an_advice_given_at_the_read_back_a_yes_starts_the_handoff(stack):
    person = sender()
    stack.say(person, "hallo")
    until_read_back(stack, person, ZWOLLE)
    advice = stack.say(person, "ja, 12 jaar werkervaring dus. klopt")
    assert custom(advice), texts(advice)
    reply = stack.say(person, "ja prima")
    assert not custom(reply) and _handoff_started(stack, person), texts(reply)


def test_a_no_after_the_advice_given_at_the_read_back_rounds_off(stack):
    person = sender()
    stack.say(person, "hallo")
    until_read_back(stack, person, ZWOLLE)
    assert custom(stack.say(person, "ja, 12 jaar werkervaring dus. klopt"))
    reply = stack.say(person, "nee hoor")
    assert not any("aanpassen" in t for t in texts(reply)) and not custom(reply), texts(reply)
    assert any("Je advies blijft hier staan" in t for t in texts(reply)), texts(reply)
    assert not _handoff_started(stack, person)


def test_after_an_faq_answer_that_follows_the_advice_the_offer_comes_back(stack):
    person, _ = advised(stack)
    reply = stack.say(person, "wat is een VOG?")
    assert texts(reply)[-1].endswith("Of wil je je advies met een medewerker bespreken?"), texts(reply)
