"""Reading follow-up questions: topic and route."""

from __future__ import annotations

import pytest

from bot.advice.followup import route_of, topic_of
from bot.profile.extract import extract


@pytest.mark.parametrize(
    "text, topic",
    [
        ("waarom?", "waarom"),
        ("hoe kom je daarbij", "waarom"),
        ("wat kost dat?", "kosten"),
        ("is dat duur?", "kosten"),
        ("wie betaalt de opleiding", "kosten"),
        ("hoe lang duurt het?", "duur"),
        ("hoeveel uur per week is dat", "duur"),
        ("kan het ook in deeltijd?", "deeltijd"),
        ("kan ik dat naast mijn werk doen", "deeltijd"),
        ("welke opleidingen zijn er in mijn buurt?", "buurt"),
        ("waar kan ik dat doen", "buurt"),
        ("en als ik geen baan op een school heb?", "zonder_baan"),
        ("wat als ik geen school vind", "zonder_baan"),
        ("waar staat dat?", "bron"),
        ("heb je een link", "bron"),
        ("wat moet ik nu doen?", "stappen"),
        ("hoe begin ik", "stappen"),
        ("krijg ik vrijstellingen?", "vrijstellingen"),
        ("telt mijn ervaring mee?", "vrijstellingen"),
        ("vertel meer over de tweede optie", "meer"),
    ],
)
def test_topic_of(text, topic):
    assert topic_of(text) == topic


def test_route_of(catalog):
    ids = ("zib-po", "pabo-verkort", "empo")
    assert route_of("vertel meer over de tweede optie", ids, catalog) == "pabo-verkort"
    assert route_of("en optie 3?", ids, catalog) == "empo"
    assert route_of("wat kost de laatste", ids, catalog) == "empo"
    assert route_of("en de kopopleiding?", ids, catalog) == "kopopleiding"
    assert route_of("hoe lang duurt de verkorte pabo", ids, catalog) == "pabo-verkort"  # longest name wins
    assert route_of("wat kost dat?", ids, catalog) is None
    assert route_of("en de vierde optie?", ids, catalog) is None


@pytest.mark.parametrize(
    "text, signals",
    [
        ("Ik ben 38, heb hbo bedrijfskunde", {"leeftijd": 38}),
        ("ik ben 45 jaar oud en heb twee dagen per week tijd", {"leeftijd": 45, "dagen_beschikbaar": 2}),
        ("ik twijfel nog of lesgeven bij me past", {"twijfelt": True}),
        ("ik weet niet zeker of het onderwijs iets voor me is", {"twijfelt": True}),
        ("ik moet wel blijven verdienen", {"inkomen_nodig": True}),
        ("ik heb maar één dag per week", {"dagen_beschikbaar": 1}),
        ("ik wil voltijd studeren op academisch niveau", {"academisch": True}),
        ("ik zou graag aan de universiteit studeren", {"academisch": True}),
        ("ik heb aan de universiteit gestudeerd", {}),
        ("ik wil geen universitair niveau, liever praktisch", {}),
        ("ik werk 12 jaar als lab-analist", {}),
        ("10 jaar geleden ben ik gestopt", {}),
    ],
)
def test_advice_signals(text, signals):
    assert {s.slot: s.value for s in extract(text).signals} == signals
