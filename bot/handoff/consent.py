"""Reading a yes or a no to "Mag ik dit delen met een medewerker?" from free text."""

from __future__ import annotations

import re
from typing import Optional

from bot.profile.extract.text import INTERJECTION

_NO = re.compile(
    r"^\W*(?:nee+|neen|no|nope|niet\s+doen|liever\s+niet|laat\s+maar|toch\s+maar\s+niet|stop|ik\s+wil\s+(?:het\s+)?niet|"
    r"niet\s+delen|nee\s+dank\s+je)\b|\b(?:niet\s+(?:delen|doorgeven|doorsturen)|geen\s+toestemming)\b",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^\W*(?:ja+|jawel|jazeker|jep|yes|yep|ok[eéi]?|okay|oke|prima|goed|is\s+goed|akkoord|mag|dat\s+mag|"
    r"ga\s+je\s+gang|doe\s+maar|geef\s+(?:het\s+)?(?:maar\s+)?door|deel\s+(?:het\s+)?maar|graag|zeker|natuurlijk|"
    r"klopt|prima\s+zo|top|akkoord\s+hoor|yes\s+please|sure|fine)\b|\b(?:toestemming\s+gegeven|ik\s+geef\s+toestemming|"
    r"geef\s+(?:het\s+)?maar\s+door|dat\s+mag|mag\s+gedeeld)\b",
    re.IGNORECASE,
)


_FILLER = re.compile(rf"^\W*(?:{INTERJECTION}\b\W*)+", re.IGNORECASE)


def answer_to_offer(text: str) -> Optional[bool]:
    """The answer to "Wil je je advies met een medewerker bespreken?": like :func:`answer`,
    but a question may follow the yes ("Ja, graag. Kan dat voor volgende week nog?"), and
    after a doubt the last part counts ("Dat hoeft niet... nou ja, doe maar wel")."""
    if not text:
        return None
    statement = re.split(r"[^.!?]*\?", text, maxsplit=1)[0] if "?" in text else text
    parts = [p for p in re.split(r"\.{2,}|[.!;]|,\s*(?:nou|maar|of)\b", statement) if p.strip()]
    for part in (statement, parts[-1] if parts else ""):
        part = _FILLER.sub("", part)
        reading = answer(part) if part.strip() else None
        if reading is not None:
            return reading
    return None


def answer_beside_question(text: str) -> Optional[bool]:
    """A yes or no said in a sentence of its own next to a question: "Ja, akkoord. Hoe snel
    hoor ik iets?" is a yes, and so is "Wat gebeurt er met mijn gegevens? Nou goed, ja, dat
    mag."; "Ja, maar wie ziet dit?" is no answer (the yes waits for the question)."""
    statements = [s for s in re.split(r"(?<=[.!?])\s+", text or "") if s.strip() and "?" not in s]
    return answer(" ".join(statements)) if statements and "?" in (text or "") else None


def answer(text: str) -> Optional[bool]:
    """True for a yes ("Akkoord, ga je gang"), False for a no ("liever niet"), None otherwise.
    A no wins when both appear ("ja nee, liever niet")."""
    if not text or "?" in text:
        return None
    if _NO.search(text):
        return False
    if _YES.search(text):
        return True
    return None
