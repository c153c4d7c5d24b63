"""Jargon explained where it is used: "geschiktheidsonderzoek (een onderzoek of je geschikt
bent als leraar)". Plain Python; used for the advice texts and payload (bot/advice/render.py).

Each term is explained once per text (or once per set of texts sharing ``seen``), at its
first use, unless the text already explains it (the term is followed by "(" or the
explanation is already there).
"""

from __future__ import annotations

import re
from typing import Dict, Optional, Set

#: Term -> a short explanation in plain Dutch (B1).
TERMS: Dict[str, str] = {
    "geschiktheidsonderzoek": "een onderzoek of je geschikt bent als leraar",
    "geschiktheidsverklaring": "het bewijs dat je geschikt bent om als leraar te beginnen",
    "leeruitkomsten": "wat je aan het eind van een onderdeel moet kunnen",
    "EVC": "een bewijs van wat je al kunt door werk en ervaring",
    "instellingscollegegeld": "een hoger tarief dan het gewone collegegeld",
    "wettelijk collegegeld": "het gewone tarief dat de overheid elk jaar vaststelt",
    "bevoegdheid": "het bewijs dat je les mag geven",
    "PDG": "pedagogisch-didactisch getuigschrift, het bewijs dat je in het mbo les mag geven",
    "EC": "studiepunten",
    "VOG": "verklaring omtrent het gedrag",
    "kopopleiding": "een korte lerarenopleiding na je hbo-bachelor",
}
_PATTERNS = {
    term: re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", 0 if term.isupper() else re.IGNORECASE) for term in TERMS
}


def explain(text: str, seen: Optional[Set[str]] = None) -> str:
    """``text`` with each glossary term explained in brackets at its first use."""
    seen = set() if seen is None else seen
    for term, meaning in TERMS.items():
        if term in seen:
            continue
        match = _PATTERNS[term].search(text)
        if match is None:
            continue
        seen.add(term)
        after, before = text[match.end() : match.end() + 2], text[max(0, match.start() - 1) : match.start()]
        if after.startswith(" (") or after.startswith("(") or before == "(" or meaning.lower() in text.lower():
            continue
        text = f"{text[: match.end()]} ({meaning}){text[match.end() :]}"
    return text
