"""Dutch numbers in digits and in words ("12", "twaalf", "vijfentwintig", "anderhalf")."""

from __future__ import annotations

import re
from typing import Optional

_UNITS = {
    "nul": 0,
    "geen": 0,
    "een": 1,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
}
_TEENS = {
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
}
_TENS = {
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
}
_SPECIAL = {"anderhalf": 1, "half": 0, "paar": 2, "enkele": 2, "halve": 0}


def _word_value(word: str) -> Optional[int]:
    word = word.replace("ë", "e").replace("é", "e")
    if word in _SPECIAL:
        return _SPECIAL[word]
    if word in _UNITS:
        return _UNITS[word]
    if word in _TEENS:
        return _TEENS[word]
    if word in _TENS:
        return _TENS[word]
    match = re.fullmatch(
        r"(een|twee|drie|vier|vijf|zes|zeven|acht|negen)en(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)",
        word,
    )
    if match:
        return _UNITS[match.group(1)] + _TENS[match.group(2)]
    return None


#: A regex alternative that matches one number in digits or words.
NUMBER_PATTERN = (
    r"\d{1,3}(?:[,.]5)?"
    r"|(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)en(?:twintig|dertig|veertig|vijftig|zestig)"
    r"|twintig|dertig|veertig|vijftig|zestig"
    r"|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien"
    r"|anderhalf|een paar|paar|enkele|een|één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|nul|geen"
)


def parse_number(text: str) -> Optional[int]:
    """The whole number in ``text`` ("12", "twaalf", "12,5" -> 12), or None."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(?:[,.]\d+)?", text):
        return int(float(text.replace(",", ".")))
    text = re.sub(r"^een\s+(?=paar$)", "", text)
    return _word_value(text)
