"""Reading a yes or a no to "Mag ik dit delen met een medewerker?" from free text."""

from __future__ import annotations

import re
from typing import Optional

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
