"""Dialogue invariants, checked on every turn of seeded random walks through the stack.

Each walk opens with a random story and then answers whatever the bot asks with a random
kind of answer: a valid one, a vague one, "weet ik niet", a side question, a question the
bot cannot answer, nonsense, an emoji. Whatever the person types:

- every bot turn says something;
- while the intake runs (no advice yet, no handoff), every turn ends with a question or
  buttons that move it on;
- no question is asked more than twice in a row;
- the advice comes within a bounded number of turns;
- every question the person asked is answered or listed as an open question.
"""

from __future__ import annotations

import random
import uuid
from typing import Any, Dict, List

import pytest

pytestmark = pytest.mark.stack

SEEDS = range(12)
MAX_TURNS = 40

OPENINGS = [
    "hoi",
    "Ik wil misschien leraar worden. Waar begin ik?",
    "Ik heb een hbo-bachelor bedrijfskunde en werk 8 jaar als accountant.",
    "ik ben 45 en wil iets anders, misschien het onderwijs in",
    "Goedemiddag, ik heb rechten gestudeerd en zoek een baan op een middelbare school in Utrecht. Kost dat veel?",
    "Kan ik met mijn mbo-diploma juf worden?",
]
VALID = {
    "vooropleiding": ["hbo", "wo-master", "mbo 4", "havo", "universiteit"],
    "studierichting": ["scheikunde", "bedrijfskunde", "installatietechniek", "pedagogiek"],
    "diploma_buitenland": ["nee", "ja, in België", "nee gewoon hier"],
    "nederlands_niveau": ["ja", "moedertaal", "C1", "nee"],
    "huidig_beroep": ["ik werk als kok", "accountant", "ik werk niet"],
    "werkervaring_jaren": ["tien jaar", "een jaar of vijf", "sinds 2012", "8"],
    "huidige_bevoegdheid": ["nee", "geen", "tweedegraads"],
    "sector": ["basisschool", "mbo", "middelbare school"],
    "schoolvak": ["wiskunde", "Engels", "zorg en welzijn"],
    "baan_op_school": ["nee", "ja, ik kan beginnen", "ik ben in gesprek"],
    "studievorm": ["deeltijd", "naast mijn werk", "voltijd"],
    "provincie": ["Utrecht", "in de buurt van Zwolle", "regio Eindhoven"],
}
OTHER = {
    "vaag": ["hmm", "dat weet ik niet zo goed", "misschien", "ligt eraan"],
    "weet_niet": ["weet ik niet", "geen idee", "maakt niet uit"],
    "zijvraag": ["wat is zij-instroom?", "hoe lang duurt de pabo?", "wat kost een lerarenopleiding?"],
    "open_vraag": ["Krijg ik een leaseauto als leraar?", "Wie betaalt mijn reiskosten dan?"],
    "onzin": ["asdfgh", "🙂", "...", "blablabla"],
}


def _question_or_buttons(reply: List[Dict[str, Any]]) -> bool:
    for message in reversed(reply):
        if message.get("buttons"):
            return True
        if (message.get("text") or "").strip():
            return "?" in message["text"]
    return False


def _answer(rng: random.Random, requested: str) -> str:
    kind = rng.choice(["valid", "valid", "valid", "vaag", "weet_niet", "zijvraag", "open_vraag", "onzin"])
    if kind == "valid" and requested in VALID:
        return rng.choice(VALID[requested])
    return rng.choice(OTHER[kind if kind != "valid" else "vaag"])


@pytest.mark.parametrize("seed", SEEDS)
def test_random_walk_keeps_the_invariants(stack, seed):
    rng = random.Random(seed)
    person = f"walk-{seed}-{uuid.uuid4().hex[:6]}"
    reply = stack.say(person, rng.choice(OPENINGS))
    requested_history: List[str] = []
    advice = False
    for turn in range(MAX_TURNS):
        assert reply, f"turn {turn}: the bot said nothing"
        slots = stack.tracker(person)["slots"]
        advice = advice or any((m.get("custom") or {}).get("type") == "route_suggestions" for m in reply)
        if advice or slots.get("overdracht_id"):
            break
        requested = slots.get("requested_slot")
        assert _question_or_buttons(reply), f"turn {turn}: dead end {[m.get('text') for m in reply]}"
        if requested:
            requested_history.append(requested)
            assert requested_history[-3:] != [requested] * 3, f"turn {turn}: {requested} asked a third time"
            reply = stack.say(person, _answer(rng, requested))
        else:
            # The read-back ("Klopt dit?") or another yes/no question.
            reply = stack.say(person, rng.choice(["ja", "ja klopt", "ja hoor"]))
    assert advice, f"no advice after {MAX_TURNS} turns"

    tracker = stack.tracker(person)
    asked = [e["text"] for e in tracker["events"] if e.get("event") == "user" and "?" in (e.get("text") or "")]
    events = tracker["events"]
    for question in asked:
        index = next(i for i, e in enumerate(events) if e.get("event") == "user" and e.get("text") == question)
        following = []
        for event in events[index + 1 :]:
            if event.get("event") == "user":
                break
            if event.get("event") == "bot":
                following.append(
                    (event.get("metadata") or {}).get("tekst")
                    or (event.get("metadata") or {}).get("utter_action")
                    or ""
                )
        answered = any(
            str(name).startswith(("utter_faq", "vraag_voor_medewerker", "advies_", "out_of_scope"))
            for name in following
        )
        assert answered, f"unanswered: {question!r} got {following}"
