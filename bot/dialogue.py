"""Conversation bookkeeping that does not depend on Rasa: counting misunderstandings."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

#: Texts (bot/texts.py) that mean "I did not understand you".
MISS_TEXTS = ("ongeldig_", "verduidelijk", "invoer_", "nodig_")
#: Metadata key of a bot message that names the text it was made from.
TEXT_KEY = "tekst"
#: After this many misunderstandings in a row the bot offers a human.
MISSES_BEFORE_HUMAN = 2


def slot_mappings_checked_outside_form(active_loop: Optional[str], paused: bool) -> bool:
    """Whether ``action_validate_slot_mappings`` has work to do for a message.

    While a form runs (and no intaker has taken over) the form's own validation handles the
    facts of a message, so the action returns no events; the Rasa server then skips the call
    (bot/remote_action.py). The action (bot/actions/profile_form.py) decides with this too.
    """
    return paused or not active_loop


def user_turns(events: Iterable[Mapping[str, Any]]) -> List[Tuple[Optional[str], List[str]]]:
    """(intent, texts the bot sent after it) per user message since the last restart."""
    turns: List[Tuple[Optional[str], List[str]]] = []
    for event in events:
        kind = event.get("event")
        if kind == "restart":
            turns = []
        elif kind == "user":
            turns.append((((event.get("parse_data") or {}).get("intent") or {}).get("name"), []))
        elif kind == "bot" and turns:
            name = (event.get("metadata") or {}).get(TEXT_KEY)
            if name:
                turns[-1][1].append(name)
    return turns


def is_miss(intent: Optional[str], responses: Sequence[str]) -> bool:
    return intent == "nlu_fallback" or any(r.startswith(MISS_TEXTS) for r in responses)


def trailing_misses(turns: Sequence[Tuple[Optional[str], Sequence[str]]]) -> int:
    """How many of the last user messages in a row were not understood."""
    count = 0
    for intent, responses in reversed(turns):
        if not is_miss(intent, responses):
            break
        count += 1
    return count


_PERSON = re.compile(
    r"\b(?:medewerkers?|adviseurs?|intakers?|mens|persoon|iemand|someone|person|human)\b[^.?!]{0,40}?"
    r"\b(?:spreken|praten|doorpraten|doorspreken|bespreken|doornemen|bellen|mailen|chatten|contact|aan\s+de\s+lijn|"
    r"gesprek|talk|speak)\b|"
    r"\b(?:spreken|praten|doorpraten|bespreken|doornemen|bellen|contact|gesprek|aan\s+de\s+lijn)\b[^.?!]{0,30}?"
    r"\b(?:met|van)\s+(?:een\s+|de\s+)?(?:(?:van\s+)?(?:jullie|je)\s+)?(?:medewerkers?|adviseurs?|intakers?|mens|persoon|iemand)\b|"
    r"\biemand\s+(?:aan\s+de\s+lijn|aan\s+de\s+telefoon)\b|"
    # "kan iemand met me meedenken?", "kan iemand mij helpen kiezen?", "kan iemand met mij meekijken?"
    r"\b(?:kan|kun|wil|zou)\s+iemand\b[^.?!]{0,15}\b(?:me|mij)\b[^.?!]{0,25}\b(?:meedenken|meekijken|helpen|adviseren|begeleiden)\b|\b(?:echt|echte)\s+(?:persoon|mens|gesprek)\b|"
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|a\s+real\s+)?(?:person|human|someone|somebody|advis[eo]r|"
    r"employee|staff)\b",
    re.IGNORECASE,
)


#: Words without which a message cannot ask for a person: "ja ze willen me aannemen als
#: het mag" is no request for a medewerker, whatever the classifier thinks.
_PERSON_WORD = re.compile(
    r"\b(?:medewerker\w*|adviseur\w*|intake\w*|mens|persoon|iemand|someone|person|human|bel\w*|\w*gebeld|terugbel\w*|"
    r"klantenservice|collega|menselijk\w*|doorgeschakeld|doorschakel\w*|spreken|praten|praat|"
    r"contact|gesprek|afspraak|telefo\w*|mail\w*|hulp|help|echt\w*|live|chat\w*|overdragen|doorverbinden)\b",
    re.IGNORECASE,
)


#: Somebody else who wants to talk: "ze willen wel met me praten" is news about a school.
_OTHER_PARTY = re.compile(
    r"\b(?:ze|zij|hij|die|school|schoolleider|directeur|directrice|rector|teamleider|werkgever)\s+(?:\w+\s+){0,2}?"
    r"(?:wil|willen|wilde|wilden|vroeg|vroegen|vraagt|vragen|zoekt|zoeken|biedt|bieden|gaat|gaan|komt|komen)\b",
    re.IGNORECASE,
)


#: Words that make a person word a request: "adviseur graag", "kan ik bellen".
_REQUEST = re.compile(
    r"\b(?:wil|wilde|graag|kan|kun|mag|zou|liever|aub|a\.?u\.?b|alsjeblieft|alstublieft|svp|please|geef|verbind\w*|"
    r"doorverbind\w*|doorgeschakeld|doorschakel\w*|terug\s*bel\w*|teruggebeld|bel\s+(?:me|mij)|praat\s+met|nodig|help|can|"
    r"could|want|like|i'd|plannen|krijgen|koppel\w*|"
    # "live chat met medewerker", "gesprek met een adviseur"
    r"met\s+(?:een\s+|de\s+)?(?:echte?\s+)?(?:medewerker|mens|persoon|adviseur|intaker|collega))\b",
    re.IGNORECASE,
)
#: A person word on its own: "medewerker", "een mens", "persoon!".
_BARE_PERSON = re.compile(
    r"\W*(?:een\s+|de\s+)?(?:echte?\s+)?(?:medewerker|mens|persoon|adviseur|intaker)\W*", re.IGNORECASE
)


def may_ask_for_person(text: str) -> bool:
    """False when the message cannot be a request for a person: it has none of the words
    such a request needs, it names a job ("HR-adviseur", "medewerker bij de Albert
    Heijn") without asking anything, or somebody else wants to talk ("de school wil met
    me praten")."""
    text = text or ""
    if asks_for_person(text):
        return True
    if not _PERSON_WORD.search(text) or _OTHER_PARTY.search(text):
        return False
    return bool(_REQUEST.search(text) or _BARE_PERSON.fullmatch(text.strip()))


#: Words a request to start over needs: "opnieuw", "reset", "van voren af aan", "wis alles".
_RESTART_WORD = re.compile(
    r"\b(?:opnie?u?w|overnieuw|overdoen|over\s+doen|reset\w*|restart|herstart\w*|van\s+vo(?:or|ren)\s*af|schone\s+lei|"
    r"wis(?:sen)?|vergeet|nieuw\s+gesprek|nieuwe\s+start|bij\s+vraag\s+1|terug\s+naar\s+(?:het\s+)?(?:begin|start)|"
    r"(?:nog\s+(?:eens|een\s+keer)|weer)\s+beginnen|begin\s+(?:nog\s+(?:eens|een\s+keer)|weer))\b",
    re.IGNORECASE,
)
#: "een nieuw gesprek" about a school ("ze willen nog een tweede gesprek") is no restart.
_TALK_AT_SCHOOL = re.compile(
    r"\b(?:tweede|volgend\w*|ander\w*)\s+gesprek|\bgesprek\s+(?:met|bij|op)\s+(?:de|een|die)\b"
)


#: A word without which a message cannot say no: "nee", "liever niet", "laat maar", "stop".
_DENY_WORD = re.compile(
    r"\b(?:n+e+[ehjw]*|welnee|neen|nope|no+|nah|nein|niet|geen|nooit|liever|laat\s+maar|stop|stoppen|hoeft|hoef|"
    r"cancel|annuleer|annuleren|never|not|nop|non|nvm|neuh|toch|fout|incorrect|negatief|verkeerd|onjuist|"
    r"ervan\s*af|red\s+me\s+wel|ik\s+pas)\b|👎|❌|🙅",
    re.IGNORECASE,
)


def may_deny(text: str) -> bool:
    """False when the message has no word that says no: "Noa Verhulst" given as a name is
    no "nee", and must not end the handoff."""
    return bool(_DENY_WORD.search(text or ""))


def may_restart(text: str) -> bool:
    """False when the message cannot ask to start over: starting over forgets everything,
    so "er is een gesprek geweest, ze willen nog een tweede gesprek" must not do it."""
    text = text or ""
    return bool(_RESTART_WORD.search(text)) and not _TALK_AT_SCHOOL.search(text)


def asks_for_person(text: str) -> bool:
    """True when the message asks to talk to a person ("kan ik iemand spreken die hier meer
    van weet?", "graag iemand aan de lijn"), whatever else it asks."""
    return bool(_PERSON.search(text or ""))


def offer_human(misses_in_a_row: int) -> bool:
    """Offer a human after the second miss in a row, and again after every second one."""
    return misses_in_a_row >= MISSES_BEFORE_HUMAN and misses_in_a_row % MISSES_BEFORE_HUMAN == 0


#: Texts that say back facts the bot took from the person's message.
NOTED_TEXTS = frozenset({"genoteerd", "aangepast"})


def noted_this_turn(events: Iterable[Mapping[str, Any]]) -> bool:
    """The bot already said back facts it took from the latest message ("Dit heb ik
    genoteerd: ..."): the message was understood, whatever its intent."""
    return bool(NOTED_TEXTS & set(texts_since_latest_message(events)))


def texts_since_latest_message(events: Iterable[Mapping[str, Any]]) -> List[str]:
    """The names of the texts (bot/texts.py) the bot sent after the latest user message."""
    turns = user_turns(events)
    return list(turns[-1][1]) if turns else []


def answered_since_latest_message(events: Iterable[Mapping[str, Any]], own: Iterable[str] = ()) -> bool:
    """True when the bot already said something after the latest user message (an FAQ
    answer, "daar help ik niet mee"), apart from the texts named in ``own``."""
    own = set(own)
    said = False
    for event in events:
        kind = event.get("event")
        if kind == "user":
            said = False
        elif kind == "bot" and (event.get("text") or event.get("data")):
            if (event.get("metadata") or {}).get(TEXT_KEY) not in own:
                said = True
    return said


def last_bot_response(events: Iterable[Mapping[str, Any]]) -> Optional[str]:
    """The response or text name of the bot's last message before the latest user message."""
    last: Optional[str] = None
    before_user: Optional[str] = None
    for event in events:
        if event.get("event") == "bot":
            metadata = event.get("metadata") or {}
            last = metadata.get("utter_action") or metadata.get(TEXT_KEY)
        elif event.get("event") == "user":
            before_user, last = last, None
    return before_user


def answer_before_follow_up(events: Iterable[Mapping[str, Any]], follow_up: str) -> Optional[str]:
    """The user message before the latest one, when the bot's last message before the latest
    one was the follow-up question ``follow_up`` about it ("Hoe oud ben je nu?" after
    "vanaf mijn zeventiende")."""
    if last_bot_response(events) != follow_up:
        return None
    texts: List[Optional[str]] = []
    for event in events:
        if event.get("event") == "restart":
            texts = []
        elif event.get("event") == "user":
            texts.append(event.get("text"))
    return texts[-2] if len(texts) >= 2 else None


def asked_in_a_row(events: Iterable[Mapping[str, Any]], slot: str) -> int:
    """How many of the last user messages in a row came while the bot asked for ``slot``
    (the form's ``requested_slot``), the latest message included."""
    requested: Optional[str] = None
    asked: List[Optional[str]] = []
    for event in events:
        kind = event.get("event")
        if kind in {"restart", "session_started"}:
            requested, asked = None, []
        elif kind == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif kind == "user":
            asked.append(requested)
    count = 0
    for value in reversed(asked):
        if value != slot:
            break
        count += 1
    return count


def slots_before_latest_message(events: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
    """Slot values as they were just before the latest user message."""
    events = list(events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    slots: Dict[str, Any] = {}
    for event in events[:last_user]:
        kind = event.get("event")
        if kind == "slot":
            slots[event.get("name")] = event.get("value")
        elif kind in {"restart", "session_started"}:
            slots = {}
        elif kind == "reset_slots":
            slots = {}
    return slots


#: The text that reads the whole profile back and asks "Klopt dit?".
READ_BACK = "profiel_voorlezen"
#: The read-back is shown at most this many times in a row; then the bot goes on.
MAX_READ_BACKS = 2


def read_backs_answered_in_a_row(events: Iterable[Mapping[str, Any]]) -> int:
    """How many of the last user messages in a row answered the read-back (the bot's last
    text before each of them was the read-back), the latest message included."""
    turns = user_turns(events)
    count = 0
    for index in range(len(turns) - 1, 0, -1):
        said_before = turns[index - 1][1]
        if not said_before or said_before[-1] != READ_BACK:
            break
        count += 1
    return count


_READ_BACK_NO = re.compile(
    r"^\W*(?:nee+|neen|nope|no)\b|\b(?:klopt|correct|juist|goed)\s+(?:dus\s+|toch\s+|helemaal\s+)?niet\b"
    r"|\bniet\s+(?:goed|juist|correct|waar)\b|\b(?:fout|verkeerd|onjuist)\b",
    re.IGNORECASE,
)
_READ_BACK_YES = re.compile(
    r"^\W*(?:ja+|jawel|jazeker|jep|jup|yes|yep|ok[eé]?|okay|prima|akkoord|correct|juist|precies|inderdaad|top|goed)\b"
    r"|\b(?:klopt|dat\s+is\s+(?:goed|juist|correct)|(?:de\s+)?rest\s+(?:is\s+)?goed|verder\s+(?:is\s+)?alles\s+goed|stimmt)\b",
    re.IGNORECASE,
)


def confirms_read_back(text: str) -> Optional[bool]:
    """True when a message says the read-back is right, also beside a correction ("ja, 4 jaar
    dus. klopt"); False when it says something is wrong ("nee", "klopt niet"); else None."""
    if _READ_BACK_NO.search(text or ""):
        return False
    if _READ_BACK_YES.search(text or ""):
        return True
    return None
