"""Counting misunderstandings and reading slot history from tracker events."""

import pytest

from bot import dialogue
from bot.dialogue import slots_before_latest_message, trailing_misses, user_turns


def user(intent):
    return {"event": "user", "parse_data": {"intent": {"name": intent}}}


def bot(text_key):
    return {"event": "bot", "metadata": {"tekst": text_key}}


def test_two_fallbacks_in_a_row():
    events = [user("greet"), user("nlu_fallback"), bot("verduidelijk"), user("nlu_fallback")]
    assert trailing_misses(user_turns(events)) == 2


def test_understood_message_resets_the_count():
    events = [user("nlu_fallback"), bot("verduidelijk"), user("inform"), user("nlu_fallback")]
    assert trailing_misses(user_turns(events)) == 1


def test_invalid_form_answer_counts_as_a_miss():
    events = [user("inform"), bot("ongeldig_provincie"), user("inform")]
    assert trailing_misses(user_turns(events)[:-1]) == 1


def test_restart_forgets_earlier_misses():
    events = [user("nlu_fallback"), {"event": "restart"}, user("nlu_fallback")]
    assert trailing_misses(user_turns(events)) == 1


def test_slots_before_latest_message():
    events = [
        {"event": "slot", "name": "sector", "value": "vo"},
        user("correct"),
        {"event": "slot", "name": "sector", "value": "po"},
    ]
    assert slots_before_latest_message(events) == {"sector": "vo"}


def test_human_is_offered_at_the_second_miss_and_every_second_after():
    from bot.dialogue import offer_human

    assert [offer_human(n) for n in range(1, 7)] == [False, True, False, True, False, True]


def test_asked_in_a_row_counts_the_messages_that_answered_one_question():
    events = [
        {"event": "slot", "name": "requested_slot", "value": "vooropleiding"},
        {"event": "user", "text": "hbo"},
        {"event": "slot", "name": "requested_slot", "value": "provincie"},
        {"event": "user", "text": "tja"},
        {"event": "user", "text": "geen idee"},
    ]
    assert dialogue.asked_in_a_row(events, "provincie") == 2
    assert dialogue.asked_in_a_row(events, "vooropleiding") == 0
    assert dialogue.asked_in_a_row(events + [{"event": "restart"}, {"event": "user", "text": "hoi"}], "provincie") == 0


def test_the_answer_before_a_follow_up_question_is_the_message_it_asked_about():
    def bot(name):
        return {"event": "bot", "metadata": {dialogue.TEXT_KEY: name}}

    events = [
        bot("vraag_werkervaring_jaren"),
        {"event": "user", "text": "vanaf mijn zeventiende"},
        bot("werkervaring_leeftijd_onbekend"),
        bot("vraag_leeftijd_werkervaring"),
        {"event": "user", "text": "62"},
    ]
    assert dialogue.answer_before_follow_up(events, "vraag_leeftijd_werkervaring") == "vanaf mijn zeventiende"
    assert dialogue.answer_before_follow_up(events[:2], "vraag_leeftijd_werkervaring") is None
    assert dialogue.answer_before_follow_up(events, "vraag_werkervaring_jaren") is None


@pytest.mark.parametrize(
    "text",
    [
        "Kan ik hier nog even iemand over spreken?",
        "zou ik dit met iemand kunnen bespreken, een echt gesprek?",
        "Graag iemand aan de lijn, kan dat?",
        "kan ik iemand spreken van het onderwijsloket?",
        "Can I talk to a person? Iemand van jullie?",
        "Kan ik hier met een van jullie adviseurs over doorpraten?",
        "Kan iemand met me meedenken over hoe ik dit combineer met mijn werk?",
        "Kan iemand met mij meekijken naar het contract en de opleiding? Ik wil geen fouten maken.",
    ],
)
def test_a_request_for_a_person_is_recognised(text):
    assert dialogue.asks_for_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "wat kost de pabo?",
        "ik heb met iemand van de school gesproken",
        "moet ik met de school praten?",
        "ik wil met kinderen werken",
        "ik wil iemand helpen met huiswerk",
    ],
)
def test_other_messages_are_no_request_for_a_person(text):
    assert not dialogue.asks_for_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "live chat met medewerker",
        "mag ik doorgeschakeld worden naar een collega van je",
        "koppel me aan een mens alsjeblieft",
    ],
)
def test_short_requests_for_a_person_stay_requests(text):
    assert dialogue.may_ask_for_person(text)


def training_examples(intent, files=("gesprek.yml",)):
    """The training examples of ``intent`` in the given files of bot/data/nlu."""
    from pathlib import Path

    import yaml

    texts = []
    for name in files:
        nlu = yaml.safe_load((Path(__file__).parents[2] / "bot/data/nlu" / name).read_text(encoding="utf-8"))["nlu"]
        for block in nlu:
            if block.get("intent") == intent:
                texts += [line[2:].strip() for line in block["examples"].splitlines() if line.strip().startswith("- ")]
    return texts


def test_every_training_example_of_a_request_for_a_person_may_ask_for_one():
    texts = training_examples("human_handoff")
    assert len(texts) > 40
    assert [t for t in texts if not dialogue.may_ask_for_person(t)] == []


@pytest.mark.parametrize(
    "text",
    [
        "nog niet echt, ze willen wel met me praten",
        "de school wil me spreken",
        "HR-adviseur",
        "medewerker bij de albert heijn",
        "financieel adviseur bij een bank",
    ],
)
def test_somebody_else_who_wants_to_talk_is_no_request_for_a_person(text):
    assert not dialogue.may_ask_for_person(text)


def test_answered_since_latest_message_ignores_the_bots_own_acknowledgements():
    events = [
        {"event": "user", "text": "ik heb hbo, kost dat veel?"},
        {"event": "bot", "text": "Dank je! ...", "metadata": {"tekst": "genoteerd"}},
    ]
    assert not dialogue.answered_since_latest_message(events, {"genoteerd"})
    events.append({"event": "bot", "text": "De pabo kost ...", "metadata": {"utter_action": "utter_faq/kosten"}})
    assert dialogue.answered_since_latest_message(events, {"genoteerd"})
    assert not dialogue.answered_since_latest_message(events + [{"event": "user", "text": "ok"}])


def test_read_backs_answered_in_a_row():
    events = [user("inform"), bot("genoteerd"), bot(dialogue.READ_BACK)]
    assert dialogue.read_backs_answered_in_a_row(events) == 0
    events += [user("inform"), bot("aangepast"), bot(dialogue.READ_BACK)]
    assert dialogue.read_backs_answered_in_a_row(events) == 1
    events += [user("inform")]
    assert dialogue.read_backs_answered_in_a_row(events) == 2
    assert dialogue.read_backs_answered_in_a_row(events + [bot("vraag_naam"), user("inform")]) == 0


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("ja, 4 jaar werkervaring dus. klopt", True),
        ("Ja, met de correctie dat ik dus al op school werk. Dan klopt het.", True),
        ("Ja, dat klopt, alleen die studievorm weet ik dus nog niet.", True),
        ("ja, das stimmt, klopt", True),
        ("nee, ik heb hbo", False),
        ("de provincie klopt niet", False),
        ("ik heb een hbo-bachelor, geen wo", None),
    ],
)
def test_confirms_read_back(text, verdict):
    assert dialogue.confirms_read_back(text) is verdict


def test_every_training_example_of_a_restart_may_restart():
    texts = training_examples("restart", ("gesprek.yml", "gesprek_varianten.yml"))
    assert len(texts) > 40
    assert [t for t in texts if not dialogue.may_restart(t)] == []


def test_every_training_example_of_a_denial_may_deny():
    texts = training_examples("deny", ("gesprek.yml", "gesprek_varianten.yml"))
    assert len(texts) > 40
    assert [t for t in texts if not dialogue.may_deny(t)] == []


@pytest.mark.parametrize(
    "text", ["Noa Verhulst", "Nora de Wit", "Noor", "ja graag", "06-12345678", "Karin Hoefnagel", "Anouk de Laat"]
)
def test_a_name_or_a_yes_is_no_denial(text):
    assert not dialogue.may_deny(text)


@pytest.mark.parametrize(
    "text",
    [
        "er is een gesprek geweest, ze willen nog een tweede gesprek",
        "ik heb volgende week een gesprek met de directeur",
        "nieuw-west",
        "ik heb een nieuwe baan",
    ],
)
def test_talk_of_a_school_interview_is_no_restart(text):
    assert not dialogue.may_restart(text)
