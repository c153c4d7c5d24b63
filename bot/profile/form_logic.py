"""What one user message does to the profile while the bot collects it.

Input: the profile so far, the slot values Rasa extracted from the message, the slot
the bot asked for, the message text and intent. Output: the slot values to store
(``None`` rejects a value), the responses to send, skipped questions and the hint for
an unclear education answer. No Rasa imports, so it is unit-tested directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot import dialogue
from bot.profile import describe, values
from bot.profile.extract import (
    YES_NO_ANSWERS,
    clean_free_text,
    extract,
    leading_yes_no,
    stated_age,
    university_field,
)
from bot.profile.extract.text import INTERJECTION, OTHER_PERSON, is_acknowledgement, statements, without_reaction
from bot.profile.vocab import fold, synonyms

#: Slots whose value is free text: a raw answer is always cleaned up by the extractor.
#: For the other slots a raw answer is interpreted only when it is not a valid value
#: already (a button or ``from_intent`` mapping may give "nee" for baan_op_school).
FREE_TEXT_SLOTS = frozenset({"studierichting", "huidig_beroep", "schoolvak"})

Response = Tuple[str, Dict[str, Any]]
#: An unclear education answer the person cannot settle: the level that opens the fewest
#: doors, so the advice never suggests a route the person cannot enter.
ASSUMED_LEVEL = {"master": "hbo-master", "bachelor": "hbo-bachelor", "wo": "wo-bachelor", "mbo": "mbo-3"}


@dataclass
class Turn:
    slots: Dict[str, Any] = field(default_factory=dict)
    responses: List[Response] = field(default_factory=list)
    skipped: List[str] = field(default_factory=list)
    hint: Optional[str] = None
    #: True when the person's message changed something the bot should mention.
    acknowledged: bool = False
    #: The FAQ topic that explains the question asked ("wat is dat?" to the question about a
    #: qualification), to send before the question comes again.
    explain: Optional[str] = None


#: Intents the bot answers on their own (a side question, a remark outside the topic). Their
#: text still fills the slot asked for when it holds a valid answer ("sociaal pedagogische
#: hulpverlening" taken for an FAQ question), and is otherwise no failed answer.
SIDE_INTENTS = frozenset({"faq", "advies_vraag", "out_of_scope", "other_language"})
#: Of those, the ones a rule answers during the form (an FAQ answer, "daar help ik niet mee").
ANSWERED_ELSEWHERE = frozenset({"faq", "out_of_scope"})
#: "oké", "ja", "hoi" while the bot waits for an answer: their text still fills the slot
#: when it holds an answer ("kok, horeca" taken for a yes); otherwise the bot says it goes on.
ACKNOWLEDGING_INTENTS = frozenset({"affirm", "deny", "continue", "greet"})
#: Outside the form, intents whose own action answers later in the turn.
ANSWERED_LATER = ANSWERED_ELSEWHERE | {"advies_vraag", "human_handoff", "bot_challenge", "restart"}
#: Intents whose own action follows the form's turn (a person, "ben jij een bot?", start over).
HANDLED_BY_OWN_ACTION = frozenset({"human_handoff", "bot_challenge", "restart"})


def answers(slot: str, text: str, hint: Optional[str] = None) -> bool:
    """True when ``text`` (not a question) is a valid answer to the question for ``slot``."""
    if "?" in (text or ""):
        return False
    return _from_text(slot, text, hint)[0] is not None or (
        slot == "studierichting" and free_field_answer(text) is not None
    )


#: A goodbye the NLU is unsure of: an answer intent scores within this margin of it.
UNSURE_GOODBYE_MARGIN = 0.2
#: Words of leaving: a message with them is a goodbye, whatever it could answer ("nee, ik stop").
_LEAVING = re.compile(
    r"\b(?:doei\w*|dag|daag|bye|ciao|tot\s+(?:ziens|snel|later|morgen|kijk|zo)|later|laters|stop\w*|"
    r"afsluiten|sluit|log\s+uit|uitloggen|haak\s+af|weg|vandoor|gaan|houdoe|ajuu?s?|mazzel|voor\s+gezien)\b",
    re.IGNORECASE,
)


def answer_taken_for_goodbye(slot: str, text: str, ranking: Sequence[Mapping[str, Any]]) -> bool:
    """True for an answer read as goodbye: the text answers the question for ``slot``, and
    either the slot takes only values no goodbye names (a study form, a province: "ik ga
    stoppen met werken" to "voltijd of deeltijd?"), or the slot takes free text or a yes or
    no, the text has no words of leaving and inform or correct scores within
    ``UNSURE_GOODBYE_MARGIN`` of goodbye in the intent ``ranking`` ("ik sta achter de
    kassa"). "doei", "tot snel" and "nee, ik stop" stay a goodbye."""
    if not answers(slot, text):
        return False
    if slot not in FREE_TEXT_SLOTS and slot not in YES_NO_ANSWERS:
        return True
    if _LEAVING.search(text):
        return False
    scores = {item.get("name"): float(item.get("confidence") or 0.0) for item in ranking}
    runner_up = max(scores.get("inform", 0.0), scores.get("correct", 0.0))
    return scores.get("goodbye", 0.0) - runner_up < UNSURE_GOODBYE_MARGIN


#: "weet ik eigenlijk nog niet", "geen idee eerlijk gezegd", "maakt me niet uit": no name of anything.
_DONT_KNOW = re.compile(
    r"^\W*(?:(?:dat\s+)?weet\s+(?:ik\s+)?(?:het\s+)?(?:\w+\s+){0,3}?niet|geen\s+(?:idee|flauw\s+idee|benul)|"
    r"maakt\s+(?:me\s+|mij\s+)?(?:\w+\s+)?niet\s+(?:uit|zoveel\s+uit)|nog\s+geen\s+idee|twijfel\w*|idk|geen\s+idee|"
    r"weet\s+niet|no\s+idea|i\s+don'?t\s+know|hangt\s+(?:er\s*)?(?:van\s+)?af)\b",
    re.IGNORECASE,
)


def free_field_answer(text: str, field: bool = True) -> Optional[str]:
    """The answer to "welke studie heb je gedaan?" when the lists do not know the field:
    the first part of a short statement ("pedagogisch werk, ik ben pm'er" -> "pedagogisch
    werk"); None for a question or a long message. ``field=False``: the same for a job."""
    text = without_doubtful_asides(text)
    if "?" in text or not re.search(r"[^\W\d_]{3}", text) or is_acknowledgement(text) or _DONT_KNOW.match(text):
        return None
    text = without_reaction(text)
    # "koken / horeca": the first of two names
    first = re.split(r"[,;.!\n]|\s/|/\s|\s(?:en ik|maar|want|dus)\s", text, maxsplit=1)[0]
    first = re.sub(
        r"^(?:ik\s+(?:heb|deed)\s+|de\s+opleiding\s+|de\s+studie\s+|opleiding\s+|studie\s+)",
        "",
        first.strip(),
        flags=re.IGNORECASE,
    )
    # "Spaanse filologie (taal en literatuur)", "mbo verpleegkunde niveau 4": the field itself
    first = re.sub(r"\s*\([^()]*\)\s*$", "", first)
    first = re.sub(
        r"^(?:(?:mbo|hbo|wo|ad|bachelor|master|msc|bsc|ba|ma|in|van)\b[\s-]*)+|\s*\bniveau\s*[1-4]\s*$",
        "",
        first,
        flags=re.IGNORECASE,
    ).strip()
    first = re.split(r"\s(?:aan|bij|op|at|in|gedaan|gehaald|gestudeerd)\b", first, maxsplit=1, flags=re.IGNORECASE)[0]
    words = first.split()
    if not 1 <= len(words) <= 6 or "provincie" in extract(first).facts:
        return None  # too long, or a place ("Amersfoort")
    if not field:
        return clean_free_text(first)  # a job: "verpleegkundige" stays
    return re.sub(r"kundige$", "kunde", clean_free_text(first))  # "verpleegkundige": the field verpleegkunde


_NOT_A_FIELD = re.compile(
    r"^\W*(?:sorry|excuus|goedemiddag|goedemorgen|goedenavond|goeiedag|hallo|hoi|hey|hee|dag|even\s+kijken|"
    r"goede\s+vraag|geen|nee|ja|oke|oké|ok|tja|nou|uhm|eh|" + INTERJECTION + r")\W*$",
    re.IGNORECASE,
)
_PRONOUN_START = re.compile(r"^\W*(?:ik|het|dat|die|dit|er|ze|zij|we|wij|je|jij|u|mijn|m'n|mn)\b", re.IGNORECASE)


def _field_before_question(text: str) -> Optional[str]:
    """ "pep, pedagogisch educatief professional. o wacht, is dat ook hbo?": a field that the
    lists do not know, named in a first sentence of its own before a question; None when the
    first sentence asks or tells something else ("Ik las iets over een toets. Geldt dat?")."""
    first = re.match(r"\s*([^.!?]+)[.!]\s+\S", text or "")
    if not first or _PRONOUN_START.match(first.group(1)) or _QUESTION_START.match(first.group(1)):
        return None
    if _NOT_A_FIELD.match(first.group(1)) or is_acknowledgement(first.group(1)):
        return None  # "Sorry. Wat bedoel je?", "Goedemiddag. ...", "Geen. Moet dat?"
    value = free_field_answer(first.group(1))
    return value if value and len(value.split()) <= 4 else None


def _in_context(
    candidates: Mapping[str, Any],
    requested: Optional[str],
    text: str,
    previous: Mapping[str, Any],
    hint: Optional[str] = None,
) -> Mapping[str, Any]:
    """The message read as the answer to the question asked: a new fact for another slot
    that this reading does not find is left out ("MA, Leiden" to the diploma question names
    where the diploma comes from, not where the person lives). The entities come from the
    message alone; the question asked is known only here."""
    if not requested or not text.strip() or is_question(text):
        return candidates
    informed = extract(text, expected=requested, pending=hint if requested == "vooropleiding" else None).facts
    answered = requested in informed
    if not answered:
        # No answer to the question at all ("voltijd" to "heb je al een baan op een school?"):
        # a fact for another slot, read as a message of its own. Not a place: next to another
        # question it names where a diploma or a job is, not where the person lives.
        alone = {slot: value for slot, value in extract(text).facts.items() if slot != "provincie"}
        informed = {**alone, **informed}
    kept = {
        slot: value
        for slot, value in candidates.items()
        if slot == requested
        or slot not in values.PROFILE_SLOTS
        or value is None
        or slot in informed
        # a change of a known fact beside no answer ("nee wacht, ik woon in Utrecht"); read as
        # the answer, the message may name it otherwise ("wo bachelor, Eindhoven": the study's place)
        or previous.get(slot) is not None
        and not answered
    }
    if informed.get(requested) is not None and requested not in FREE_TEXT_SLOTS:
        # Read as the answer, the message may say more than alone: "kappersschool niveau 3,
        # mavo daarvoor" is mbo-3 to the diploma question, though "mavo" is all it names alone.
        kept[requested] = informed[requested]
    if answered:
        # "Hogeschool Rotterdam, pedagogiek" to the diploma question: the study too, which
        # only this reading finds; a fact the profile already has is not changed this way.
        for slot, value in informed.items():
            if slot in values.PROFILE_SLOTS and slot not in kept and previous.get(slot) is None:
                kept[slot] = value
            elif slot == "vooropleiding" and value == "associate-degree" and previous.get(slot) == "hbo-bachelor":
                kept[slot] = value  # "bedrijfskunde, de Ad dus": the hbo diploma is an Ad (said back)
    return kept


def _stated_answer(slot: str, text: str, hint: Optional[str], age: Optional[int]) -> Any:
    """The answer to ``slot`` in the statements of a message that also asks something
    ("Ik heb B1. Moet ik B2 halen?" -> B1), or None."""
    stated = statements(text)
    value = _from_text(slot, stated, hint, age)[0] if stated.strip() else None
    # "economie, maybe also bedrijfseconomie?", "deeltijd (kan dat?)": the answer, then a question
    for head in (re.split(r"[,;]", text, maxsplit=1)[0], re.sub(r"\([^()]*\)", " ", text)):
        short = len(head.split()) <= 5  # a short answer first, not a long question's first half
        if value is None and short and head != text and "?" not in head and not _QUESTION_START.match(head):
            value = _from_text(slot, head, hint, age)[0]
    return value


#: The conclusion at the end of a message: "..., dus geen denk ik"; the answer after a doubt:
#: "geen idee, volgens mij niks".
_CONCLUSION = re.compile(
    rf"\bdus\s+(?!ook\b)(\S.*)$|(?:{_DONT_KNOW.pattern})(?:\s+(?:eigenlijk|hoor|precies|echt))*\s*[,;.]\s*(\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _from_text(slot: str, text: str, hint: Optional[str], age: Optional[int] = None) -> Tuple[Any, Optional[str]]:
    """Interprets ``text`` as the answer to ``slot``; returns (value, unclear-kind)."""
    found = extract(text, expected=slot, pending=hint if slot == "vooropleiding" else None, age=age)
    if slot in found.facts:
        return found.facts[slot], None
    conclusion = _CONCLUSION.search(text)
    if conclusion:
        # "geen idee wat dat is, dus nee denk ik": the conclusion answers the question
        value, _ = _from_text(slot, conclusion.group(1) or conclusion.group(2), hint, age)
        if value is not None:
            return value, None
    return None, found.unclear.get(slot)


def process_turn(
    profile: Mapping[str, Any],
    candidates: Mapping[str, Any],
    requested: Optional[str],
    text: str,
    intent: Optional[str],
    skipped: Sequence[str] = (),
    hint: Optional[str] = None,
    previous: Optional[Mapping[str, Any]] = None,
    input_kind: Optional[str] = None,
    prior_misses: int = 0,
    asked_in_a_row: int = 1,
    side_answered: bool = False,
    advice_given: bool = False,
    age: Optional[int] = None,
    age_asked_for: Optional[str] = None,
) -> Turn:
    """Validates ``candidates`` and decides what to say.

    ``previous`` is the profile before this message (for "aangepast" replies); it
    defaults to ``profile``. ``asked_in_a_row`` counts how often the person has now been
    asked for ``requested`` in a row, this time included: after the second time the bot
    goes on without the answer (see ``_go_on_without``) instead of asking a third time.
    ``side_answered``: the bot already answered this message in this turn (an FAQ answer).
    A question nobody answers goes to the intaker's list ("vraag_voor_medewerker"; in the
    opening "vraag_voor_medewerker_na_intake", which says the questions and the advice come first).
    ``age``: the person's age, said earlier ("sinds mijn zestiende" to the experience question).
    ``age_asked_for``: the earlier answer to the experience question that made the bot ask
    the person's age ("vanaf mijn zeventiende"); an age now counts its years.
    """
    previous = previous if previous is not None else profile
    turn = Turn(skipped=list(skipped), hint=hint)
    said = text or ""
    # "deeltijd ofzo?": an answer with doubt; "geen flauw idee, maatschappijleer misschien? weet niet": none
    text = (
        checked_answer(without_hedge_mark(said), requested, hint) if requested and not _DONT_KNOW.match(said) else said
    )
    if intent in {None, "nlu_fallback", "out_of_scope", "inform", "other_language"} and says_dont_know(text):
        intent = "dont_know"  # "idk", "geen flauw idee": whatever the classifier made of it
    if requested in EXPLANATIONS and _WHAT_IS_MEANT.match(text) and asked_in_a_row < MAX_ASKS:
        # "wat is dat?" to "Heb je al een bevoegdheid?": the word explained, then the question
        # once more (a second "wat is dat?" goes on without the answer, as any second miss)
        turn.explain = EXPLANATIONS[requested]
        turn.slots = {slot: previous.get(slot) for slot in candidates}
        return turn
    kept = _in_context(candidates, requested, text, previous, hint)
    for slot in set(candidates) - set(kept):
        turn.slots[slot] = previous.get(slot)  # undo what the slot mapping already set
    candidates = kept
    told_age = stated_age(text) if requested == "werkervaring_jaren" and age_asked_for else None
    if told_age is not None:
        # "26" to "Hoe oud ben je nu?" after "sinds m'n achttiende": the years since then, not 26 years
        years = extract(age_asked_for, expected="werkervaring_jaren", age=told_age).facts.get("werkervaring_jaren")
        if years is not None:
            candidates = {**candidates, "werkervaring_jaren": years}

    for slot, value in candidates.items():
        if slot not in values.PROFILE_SLOTS or value is None:
            continue  # None: an earlier step of this turn already set the slot aside
        if not _may_change(slot, previous.get(slot), value, requested, text, intent):
            turn.slots[slot] = previous.get(slot)  # undo what the slot mapping already set
            continue
        raw = isinstance(value, str) and value.strip() in (text.strip(), said.strip())
        if not raw and slot == requested and slot not in FREE_TEXT_SLOTS and is_question(text):
            # "Moet ik eerst B2 halen?" to the question about Dutch names a level, but as a
            # requirement: an answer to the question asked comes from the statements only.
            value = _stated_answer(slot, text, hint, age)
            if value is None:
                turn.slots[slot] = None
                continue
        if raw and (slot in FREE_TEXT_SLOTS or not values.is_valid(slot, value)):
            value, unclear = _from_text(slot, text, hint, age)
            if is_question(text) and value is not None:
                # "Telt mijn ervaring bij Defensie mee?" is no job title, and "Krijg ik een
                # leaseauto?" no year of experience; "een jaar of tien, twaalf?" is an answer. A
                # free-text field takes nothing from such a message: "Ik las iets over 2000 euro.
                # Geldt dat voor mij?" names no job.
                # A school subject comes from its list: "elektrotechniek. of moet ik een vak kiezen?";
                # "weet ik nog niet.. aardrijkskunde of geschiedenis, allebei leuk. wat is makkelijker?" names none
                # A field in a first sentence of its own stays: "Scheikunde. Is dat een tekortvak?"
                if slot == "studierichting":
                    value = _field_before_question(text)
                elif slot in FREE_TEXT_SLOTS - {"schoolvak"} or (slot == "schoolvak" and _UNDECIDED_WORDS.search(text)):
                    value = None
                else:
                    value = _stated_answer(slot, text, hint, age)
            elif (
                value is None
                and slot == requested
                and slot not in FREE_TEXT_SLOTS - {"schoolvak"}
                and is_question(text)
            ):
                # "deeltijd (kan dat?)", "economie, maybe also bedrijfseconomie?": a known value
                # before the question (a school subject is read from its list, never as free text)
                value = _stated_answer(slot, text, hint, age)
            elif value is None and slot == requested == "studierichting":
                value = free_field_answer(text) or (_field_before_question(text) if is_question(text) else None)
            elif slot == requested == "studierichting":
                # "English language and literature": the whole name as given, not the known word in it
                whole = free_field_answer(text)
                if whole and value in whole and len(whole) > len(value):
                    value = whole
            elif value is None and slot == requested == "huidig_beroep":
                # "gis-specialist bij de gemeente den haag": a job the lists do not know
                value = free_field_answer(text, field=False)
            elif value is None and slot == requested == "schoolvak" and (profile.get("sector") == "mbo"):
                # mbo has hundreds of courses; its name as the person gives it is the answer.
                value = free_field_answer(text)
            if value is None and intent == "dont_know" and slot == requested:
                # "geen idee": no failed answer; settled below (skipped, assumed or asked once more)
                turn.slots[slot] = None
                continue
            if value is None and intent in SIDE_INTENTS:
                # A question or remark the bot answers separately: no answer to the form.
                turn.slots[slot] = None
                continue
            if value is None and intent in ACKNOWLEDGING_INTENTS and slot == requested != "nederlands_niveau":
                turn.responses.append(("oke_verder", {}))
                turn.slots[slot] = None
                continue
            if value is None:
                if slot == "vooropleiding" and unclear:
                    # action_ask_vooropleiding asks the follow-up question for the hint.
                    turn.hint = unclear
                elif slot == "werkervaring_jaren" and unclear == "te_hoog":
                    turn.responses.append(("ongeldig_werkervaring_jaren", {}))
                elif slot == "werkervaring_jaren" and unclear == "sinds_leeftijd":
                    turn.responses.append(("werkervaring_leeftijd_onbekend", {}))
                elif slot == requested:
                    turn.responses.append((f"ongeldig_{slot}", {}))
                turn.slots[slot] = None
                continue
        if slot == "werkervaring_jaren" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = int(value)
        if slot in DUTCH_NAMES and isinstance(value, str):
            value = synonyms(DUTCH_NAMES[slot]).get(fold(value).strip(), value)  # "chemistry": scheikunde
        if not values.is_valid(slot, value):
            if slot == requested:
                turn.responses.append((f"ongeldig_{slot}", {}))
            turn.slots[slot] = None
            continue
        turn.slots[slot] = value
        if slot in turn.skipped:
            turn.skipped.remove(slot)
        if slot == "vooropleiding":
            turn.hint = None

    answered = requested is not None and turn.slots.get(requested) is not None
    if requested and not answered and intent == "dont_know":
        if requested == "sector":
            turn.slots["sector"] = "onbekend"
        elif requested == "huidige_bevoegdheid" and not _from_abroad(profile, turn):
            _assume_no_qualification(turn)
        elif requested in values.SKIPPABLE:
            turn.skipped.append(requested)
            turn.responses.append(("vraag_overgeslagen", {}))
        elif requested == "vooropleiding" and turn.hint in ASSUMED_LEVEL:
            # "weet ik niet" to "universiteit of hogeschool?": the safe assumption, said
            # out loud and easy to correct, instead of asking the same question again.
            level = ASSUMED_LEVEL[turn.hint]
            turn.slots["vooropleiding"], turn.hint = level, None
            turn.responses.append(("aanname_vooropleiding", {"niveau": describe.VOOROPLEIDING_TEKST[level]}))
        elif requested == "vooropleiding" and prior_misses >= 1:
            # Asked twice and still unknown: go on without it, and say what that means.
            turn.skipped.append(requested)
            turn.responses.append(("vooropleiding_onbekend", {}))
        else:
            turn.responses.append((f"nodig_{requested}", {}))
            turn.slots[requested] = None

    if turn.slots.get("sector") in {"po", "so"} and (profile.get("schoolvak") or turn.slots.get("schoolvak")):
        turn.slots["schoolvak"] = None

    _school_profile(turn, profile, requested, text)
    _kind_of_level_corrected(turn, previous, requested, text)
    _acknowledge(turn, previous, requested)
    _level_settled_by_field(turn, profile, previous)
    settled = requested is not None and (turn.slots.get(requested) is not None or requested in turn.skipped)
    if requested == "nederlands_niveau" and not settled and leading_yes_no(text) is False and asked_in_a_row < MAX_ASKS:
        # "nee" to "Is Nederlands je moedertaal?": then the level, without "snap ik niet".
        turn.responses = [r for r in turn.responses if not r[0].startswith("ongeldig_")]
        turn.responses.append(("vraag_nederlands_niveau", {}))
    if not requested and not advice_given and not side_answered and is_question(text) and intent not in ANSWERED_LATER:
        # "Ik heb rechten gestudeerd ... Kan ik leraar worden?": the facts are kept, the question
        # too; the advice after the questions often answers it, and the intaker sees it.
        questions_left = values.missing_slots({**profile, **turn.slots}, turn.skipped)
        turn.responses.append(("vraag_voor_medewerker_na_intake" if questions_left else "vraag_voor_medewerker", {}))
    if requested and settled and is_question(said) and not side_answered and intent not in HANDLED_BY_OWN_ACTION:
        # "vmbo. Ben ik op mijn leeftijd nog interessant voor een school?": the answer is
        # kept and the question goes to the intaker, so no question is lost; so is the doubt
        # of "deeltijd ofzo?" and the check of "zo'n vijftien jaar in totaal?".
        turn.responses.append((_passed_on(requested, text) if is_question(text) else "twijfel_voor_medewerker", {}))
    if requested and not settled:
        if is_question(text) and not side_answered:
            # A question the bot has no answer for is no failed answer: it goes to the intaker.
            turn.responses = [r for r in turn.responses if not r[0].startswith(("ongeldig_", "nodig_"))]
            turn.responses.append((_passed_on(requested, text), {}))
        if asked_in_a_row >= MAX_ASKS:
            _go_on_without(turn, requested, abroad=_from_abroad(profile, turn))
            return turn
    _explain_misses(turn, input_kind, prior_misses)
    return turn


#: Questions with a word people may not know, and the FAQ topic that explains it.
EXPLANATIONS = {"huidige_bevoegdheid": "bevoegdheden", "nederlands_niveau": "nt2"}
_WHAT_IS_MEANT = re.compile(
    rf"^\W*(?:{INTERJECTION}\W+)?(?:wat\s+(?:is|betekent|bedoel\s+je\s+met)\s+(?:dat|dit|het|dat\s+precies|een\s+\w+|\w+)|"
    r"wat\s+bedoel\s+je(?:\s+precies)?|hoe\s+bedoel\s+je|geen\s+idee\s+wat\s+je\s+bedoelt|what\s+is\s+that|huh)\W*$",
    re.IGNORECASE,
)
#: Free-text slots whose English names ("chemistry", "researcher") are noted in Dutch: the
#: synonyms in these vocabulary files.
DUTCH_NAMES = {"studierichting": "studierichting", "huidig_beroep": "beroep"}

#: A question is asked at most this many times in a row; then the bot goes on without it.
MAX_ASKS = 2
_QUESTION_START = re.compile(
    r"^\W*(?:wat|wie|waar|wanneer|waarom|hoe|hoeveel|hoelang|welke?|(?:kan|kun|kunnen|mag|moet|moeten|krijg|telt|"
    r"geldt|betaalt|bestaat|klopt|zou|is|zijn|heb|word|wordt)\s+(?:ik|je|jij|u|er|het|dat|dit|de|een|mijn|men|we|wij|jullie|die)"
    r")\b",
    re.IGNORECASE,
)


#: An answer said with doubt: "deeltijd ofzo? moet wel geld blijven verdienen".
_HEDGED_ANSWER = re.compile(
    r"^(?P<head>[^?]{1,40}?\s+(?:ofzo|of\s+zo|of\s+zoiets|denk\s+ik|geloof\s+ik|misschien|wss|waarschijnlijk))\s*\?",
    re.IGNORECASE,
)


def without_hedge_mark(text: str) -> str:
    """ "deeltijd ofzo? ..." read as an answer with doubt: without its question mark ("kan ik
    deeltijd studeren of zo?" stays a question). The intaker still sees the doubt."""
    hedged = _HEDGED_ANSWER.match(text)
    if not hedged or _QUESTION_START.match(hedged.group("head")):
        return text
    return hedged.group("head") + "." + text[hedged.end() :]


_SENTENCE = re.compile(r"[^.!?]*[.!?]+|[^.!?]+$")
#: Words that make a short sentence a question of its own ("vmbo, dat is toch vo?", "deeltijd of voltijd?").
_ASKING_WORD = re.compile(
    r"\b(?:is|zijn|kan|kun|mag|moet|telt|geldt|klopt|toch|of|genoeg|wat|wie|waar|hoe|welke?|waarom|wanneer|"
    r"hoeveel|heb|hebben|wil|zou|ook|or|also|can|should)\b",
    re.IGNORECASE,
)


def checked_answer(text: str, requested: Optional[str], hint: Optional[str] = None) -> str:
    """ "2010 tot 2018 ..., sinds 2024 weer les. Zo'n vijftien jaar in totaal?": a sentence that
    only checks an answer to the question asked, without its question mark. A sentence that
    starts as a question ("Is vijftien jaar genoeg?") stays one."""
    if not requested or "?" not in text or requested in FREE_TEXT_SLOTS - {"schoolvak"}:
        return text  # a study or job named with a question mark keeps its own reading
    parts = []
    for sentence in _SENTENCE.findall(text):
        head = sentence.rstrip("?! ")
        if (
            sentence.rstrip().endswith("?")
            and not _QUESTION_START.match(head)
            and not _ASKING_WORD.search(head)
            and len(head.split()) <= 6
            and _from_text(requested, head, hint)[0] is not None
        ):
            sentence = sentence.replace("?", ".")
        parts.append(sentence)
    return "".join(parts)


def is_question(text: str) -> bool:
    """True for a message that asks something ("Wie betaalt de opleiding?", "kan dat
    ook in deeltijd")."""
    return "?" in (text or "") or bool(_QUESTION_START.match(text or ""))


#: An aside that doubts the answer: "chemical engineering (scheikundige technologie?)" leaves
#: the answer an answer, unlike "(kan dat?)" (the intaker sees both as questions).
_DOUBTFUL_ASIDE = re.compile(r"\(([^()?]*)\?\s*\)")


def without_doubtful_asides(text: str) -> str:
    """``text`` without asides that only doubt the answer."""
    return _DOUBTFUL_ASIDE.sub(lambda m: m.group(0) if _QUESTION_START.match(m.group(1)) else "", text or "")


#: Words that mark a change of a known fact as meant. A bare "nee" or "niet" does not: "nee,
#: ik ben geen leraar in Spanje" answers the question asked and corrects nothing.
_CORRECTION = re.compile(
    r"\b(?:toch|eigenlijk|bedoel(?:de)?|sorry|correctie|fout|verkeerd|moet\s+zijn|ipv|niet\s+\w+(?:\s+\w+)?\s+maar|"
    r"in\s+plaats\s+van|vergist|wacht|oeps|excuus|klopt\s+niet|het\s+is\s+(?:een|geen)|"
    r"vergeten|verbetering)\b",
    re.IGNORECASE,
)


def says_dont_know(text: str) -> bool:
    """A short message that only says the person does not know ("idk", "weet niet hoor"), or
    one whose first sentence says so before the reason ("Dat weet ik eerlijk gezegd nog niet.
    Hangt ervan af wat het kost.")."""
    first = re.split(r"(?<=[.!;])\s+", (text or "").strip(), maxsplit=1)
    if len(first) == 2 and _DONT_KNOW.match(first[0]) and len(first[0].split()) <= 8 and "?" not in first[0]:
        return True
    return bool(_DONT_KNOW.match(text)) and len(text.split()) <= 5 and "?" not in text


#: Where the person works now, not a wish: "ik werk op een school, maar basisonderwijs".
_WORKS_THERE_NOW = re.compile(
    r"\b(?:werk|werkzaam|sta)\b(?:\s+(?:ik|nu|dus|wel|al|er|ook))*\s+(?:op|bij|in|voor)\b"
    r"|\b(?:op|bij|in)\s+(?:een|de|het)\s+(?:\w+\s+)?\w*school\s+(?:werk|werkzaam\s+ben|sta)\b",
    re.IGNORECASE,
)
_WISH = re.compile(
    r"\b(?:wil|wilde|zou)\b(?!\s+(?:\w+\s+){0,4}?(?:zeggen|vertellen|melden|noemen|weten|vragen)\b)"
    r"|\b(?:graag|liefst|liever|worden)\b",
    re.IGNORECASE,
)


def _may_change(slot: str, old: Any, new: Any, requested: Optional[str], text: str, intent: Optional[str]) -> bool:
    """While the bot waits for one answer, a fact it already has changes only when the
    person says it is a correction ("nee, toch deeltijd"): "bovenbouw havo/vwo" as the
    answer to the sector question is no new diploma, and a question ("telt mijn bachelor
    mee?") states nothing about the person. Outside a question (the read-back) every
    stated fact counts, except in a question or a request for a person."""
    if old is None or new is None or slot == requested:
        return True
    if (slot, old, new) == ("vooropleiding", "hbo-bachelor", "associate-degree"):
        return True  # "bedrijfskunde, de Ad dus": the hbo diploma is an Ad, a narrower fact
    if (slot, old, new) == ("baan_op_school", "ja", "in-gesprek"):
        # "voor het gesprek met mijn directeur" about the job offered: a talk, not less than the offer
        return bool(_CORRECTION.search(text or ""))
    if requested is None:
        # "kan ik met een medewerker praten over vmbo vs mbo?" names school types, it states
        # no new diploma: a question or a request for a person changes a known fact only
        # with words of correction ("ik heb toch mbo 4, kan dat?").
        if is_question(text) or intent == "human_handoff" or dialogue.asks_for_person(text):
            return bool(_CORRECTION.search(_without_tag_toch(text or "")))
        if (
            slot == "sector"
            and _WORKS_THERE_NOW.search(text or "")
            and not _WISH.search(text or "")
            and not re.match(r"^\W*(?:nee|klopt\s+niet|fout)\b", text or "", re.IGNORECASE)
        ):
            # "ja, alleen werk ik nu dus wel op een school, maar basisonderwijs hè" says where the
            # person works, not where the person wants to teach
            return False
        return True
    if is_question(text) or _DONT_KNOW.match(text or ""):
        return False  # "weet ik eigenlijk nog niet, iets richting pedagogiek" corrects nothing
    # The classifier's "correct" alone is not enough: "ja, in Polen ben ik bevoegd lerares"
    # answers the question about a qualification and changes no job. A leading "nee" is.
    # "nee, geen baan" answers a yes/no question: no correction of the job.
    return bool(_CORRECTION.search(text or "")) or (
        intent == "correct" and leading_yes_no(text) is False and requested not in YES_NO_ANSWERS
    )


def _from_abroad(profile: Mapping[str, Any], turn: Turn) -> bool:
    return {**profile, **turn.slots}.get("diploma_buitenland") is True


def _assume_no_qualification(turn: Turn) -> None:
    """ "geen idee" to "Heb je al een bevoegdheid?": a Dutch teaching qualification comes with
    a teacher training, which the person would know of. So none, said out loud and easy to
    correct. Not for a diploma from abroad: whether a teacher's diploma from there counts is
    what the person may truly not know."""
    turn.slots["huidige_bevoegdheid"] = "geen"
    turn.responses.append(("aanname_geen_bevoegdheid", {}))


def _without_tag_toch(text: str) -> str:
    """ "toch" in the clause of a question asks for confirmation ("al is mijn Ad toch ook hbo?"),
    it corrects nothing; elsewhere it does ("ik heb toch mbo 4, kan dat?")."""
    return re.sub(r"[^,.;!?]*\?", lambda clause: re.sub(r"\btoch\b", "", clause.group(0)), text)


def _go_on_without(turn: Turn, slot: str, abroad: bool = False) -> None:
    """The second answer to the same question was still no answer: go on without it,
    and say so, instead of asking a third time. ``abroad``: the diploma is from abroad."""
    turn.responses = [
        r for r in turn.responses if not r[0].startswith(("ongeldig_", "nodig_", "invoer_", "aanbod_medewerker"))
    ]
    if slot == "vooropleiding" and turn.hint in ASSUMED_LEVEL:
        level = ASSUMED_LEVEL[turn.hint]
        turn.slots["vooropleiding"], turn.hint = level, None
        turn.responses.append(("aanname_vooropleiding", {"niveau": describe.VOOROPLEIDING_TEKST[level]}))
        return
    if slot == "sector":
        turn.slots["sector"] = "onbekend"
        turn.responses.append(("sector_nog_open", {}))
        return
    if slot == "huidige_bevoegdheid" and not abroad:
        _assume_no_qualification(turn)
        return
    turn.slots[slot] = None
    if slot not in turn.skipped:
        turn.skipped.append(slot)
    turn.responses.append(("vooropleiding_onbekend" if slot == "vooropleiding" else "vraag_later", {}))


#: "waarom vraag je dat?", "Waarom wil je dat weten?": why the bot asks what it asks.
_WHY_ASKED = re.compile(
    r"\b(?:waarom\s+(?:vraag|wil)\s+(?:je|jij|u)\s+(?:dat|dit|het|daar\s*naar|ernaar)(?:\s+weten)?|"
    r"waarom\s+(?:is\s+)?(?:dat|dit)\s+(?:belangrijk|nodig|van\s+belang)|wat\s+(?:heb|doe)\s+je\s+(?:daar|er)\s*(?:mee|aan)|"
    r"waarom)\s*\?",
    re.IGNORECASE,
)


_UNDECIDED_WORDS = re.compile(
    r"\b(?:weet\s+(?:ik\s+)?(?:\w+\s+){0,2}?niet|allebei|alle\s+twee|twijfel\w*)\b", re.IGNORECASE
)


def _passed_on(requested: str, text: str) -> str:
    """The reply to a question beside the form's question: why the bot asks ("Waarom wil je
    dat weten?" as the only question), else the question goes to the intaker."""
    if text.count("?") == 1 and _WHY_ASKED.search(text):
        return f"uitleg_waarom_{requested}"
    return "vraag_voor_medewerker"


def _explain_misses(turn: Turn, input_kind: Optional[str], prior_misses: int) -> None:
    """Says why input could not be used; offers a human after repeated misses.

    A message that answered something else ("ik woon in Utrecht" when asked about
    the diploma) is not a miss: the facts are acknowledged and the question repeated.
    """
    if turn.acknowledged:
        turn.responses = [r for r in turn.responses if not r[0].startswith("ongeldig_")]
    missed = any(name.startswith("ongeldig_") for name, _ in turn.responses)
    if input_kind and missed:
        turn.responses = [r for r in turn.responses if not r[0].startswith("ongeldig_")]
        turn.responses.append((f"invoer_{input_kind}", {}))
    if missed and dialogue.offer_human(prior_misses + 1):
        turn.responses.append(("aanbod_medewerker", {}))


#: The profiles of havo, vwo and vmbo ("havo had ik e&m", "zorg en welzijn was mn profiel").
_SCHOOL_PROFILES = {
    "e&m": "economie en maatschappij",
    "c&m": "cultuur en maatschappij",
    "n&g": "natuur en gezondheid",
    "n&t": "natuur en techniek",
}
_SCHOOL_PROFILE = re.compile(
    r"\b(?:(?:cultuur|economie|natuur)\s+en\s+(?:maatschappij|gezondheid|techniek)|[ecn]\s*&\s*[mgt]|"
    r"zorg\s+en\s+welzijn|economie\s+en\s+ondernemen|bouwen,?\s+wonen\s+en\s+interieur|"
    r"produceren,?\s+installeren\s+en\s+energie|mobiliteit\s+en\s+transport|media,?\s+vormgeving\s+en\s+ict|"
    r"dienstverlening\s+en\s+producten)\b",
    re.IGNORECASE,
)


def _school_profile(turn: Turn, profile: Mapping[str, Any], requested: Optional[str], text: str) -> None:
    """With a school diploma as the highest (havo, vwo, vmbo), the answer to "welke studie
    heb je gedaan?" that names the school's profile ("havo had ik e&m, die hbo was sport maar
    niet afgemaakt") gives that profile as the field."""
    level = turn.slots.get("vooropleiding") or profile.get("vooropleiding")
    found = _SCHOOL_PROFILE.search(text)
    if requested != "studierichting" or level not in {"havo", "vwo", "vmbo"} or not found:
        return
    named = re.sub(r"\s+", " ", found.group(0).lower().replace(" & ", "&").replace(",", ""))
    turn.slots["studierichting"] = _SCHOOL_PROFILES.get(named.replace(" ", ""), named)


#: A degree at the other kind of school: "wo" after an hbo-bachelor makes it a wo-bachelor.
_OTHER_KIND = {
    ("hbo-bachelor", "wo"): "wo-bachelor",
    ("hbo-master", "wo"): "wo-master",
    ("wo-bachelor", "hbo"): "hbo-bachelor",
    ("wo-master", "hbo"): "hbo-master",
}


#: The kind of school said as a fact of its own: "wo dus", "ja klopt, het was wo", "oh wacht, hbo eigenlijk".
_KIND_SAID = re.compile(
    r"(?:^|[,.!;:]|\b(?:was|is|eigenlijk|maar|wacht|sorry|oeps|dus))\s*(?:het\s+|dat\s+)?(?:was\s+|is\s+)?"
    r"(?:eigenlijk\s+|gewoon\s+)?(?:wo|hbo)(?:\s+(?:dus|eigenlijk|hoor|trouwens|geweest|bachelor|master|toch))*"
    r"\s*(?:[,.!;]|$)",
    re.IGNORECASE,
)


def _kind_of_level_corrected(turn: Turn, previous: Mapping[str, Any], requested: Optional[str], text: str) -> None:
    """ "ja klopt, wo dus" to the read-back of an hbo-bachelor, "oh wacht, het was hbo" later
    on: the same degree at the other kind of school. Only the kind is said, so it changes
    only a bachelor or master already known; a question ("is dat wo?") changes nothing."""
    level = previous.get("vooropleiding")
    if requested == "vooropleiding" or is_question(text) or not any(key[0] == level for key in _OTHER_KIND):
        return
    if OTHER_PERSON.search(text.lower()) or not _KIND_SAID.search(text):
        return  # "mijn vrouw is wo"; without the kind said as a fact of its own, nothing to read
    bare_hbo = re.search(r"\bhbo\b", text, re.IGNORECASE) and not re.search(
        r"\b(?:bachelor|pabo|lerarenopleiding|kweekschool|ad)\b", text, re.IGNORECASE
    )
    if turn.slots.get("vooropleiding") == "hbo-bachelor" and bare_hbo:
        kind = "hbo"  # a bare "hbo" reads as an hbo-bachelor; after a wo-master it is an hbo-master
    elif "vooropleiding" in turn.slots:
        return
    else:
        kind = extract(text).unclear.get("vooropleiding")
    if (level, kind) in _OTHER_KIND:
        turn.slots["vooropleiding"] = _OTHER_KIND[(level, kind)]
        turn.hint = None


#: Programmes that exist only as an associate degree.
_AD_PROGRAMME = re.compile(r"\b(?:pep|pedagogisch\s+educatief\s+professional)\b")
#: A field that settles a level taken for granted: (level assumed, level it is, field test, text).
_LEVEL_BY_FIELD = (
    # "kunstgeschiedenis" after an hbo-master: taught only at universities
    ("hbo-master", "wo-master", university_field, "master_aan_universiteit"),
    # PEP after "ik heb hbo": a programme that exists only as an associate degree
    ("hbo-bachelor", "associate-degree", lambda field: bool(_AD_PROGRAMME.search(field.lower())), "ad_opleiding"),
)


def _level_settled_by_field(turn: Turn, profile: Mapping[str, Any], previous: Mapping[str, Any]) -> None:
    """A field named after the diploma was taken for a level (assumed, or said) that the field
    rules out: the level it is (``_LEVEL_BY_FIELD``). Said back with the reason, so it can be
    corrected. ``previous``: the profile before this message (``profile`` may already hold the
    field the slot mapping took from it)."""
    field = turn.slots.get("studierichting")
    if not isinstance(field, str) or field == previous.get("studierichting"):
        return
    for assumed, settled, fits, text in _LEVEL_BY_FIELD:
        if (
            profile.get("vooropleiding") == assumed
            and turn.slots.get("vooropleiding") in (None, assumed)
            and fits(field)
        ):
            turn.slots["vooropleiding"] = settled
            turn.responses.append((text, {"studie": field.upper() if len(field) <= 4 else field}))
            turn.acknowledged = True
            return


def _acknowledge(turn: Turn, previous: Mapping[str, Any], requested: Optional[str]) -> None:
    changed = {
        slot: value
        for slot, value in turn.slots.items()
        if value is not None and previous.get(slot) is not None and previous.get(slot) != value
    }
    new = {
        slot: value
        for slot, value in turn.slots.items()
        if value is not None and previous.get(slot) is None and slot != requested
    }
    if changed:
        turn.responses.insert(0, ("aangepast", {"feiten": describe.facts_sentence(changed, values.PROFILE_SLOTS)}))
        turn.acknowledged = True
    if new:
        turn.responses.insert(
            len(changed) and 1, ("genoteerd", {"feiten": describe.facts_sentence(new, values.PROFILE_SLOTS)})
        )
        turn.acknowledged = True
