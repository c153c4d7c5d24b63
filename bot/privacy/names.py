"""Names in free text, for exports: "mijn naam is Sanne", "ik heet sanne de vries",
"ik ben Sanne", "groetjes Sanne".

``names_in(text)`` finds them; ``replace_names(text, names)`` replaces every whole-word
occurrence with "[naam]". "ik ben" is followed by many things that are no name ("ik ben
leraar", "ik ben 45"): after "ik ben" a word counts as a name when it is capitalised, or
when it stands alone (end of the message, a comma, "en") and is no word the bot's training
data uses.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, List

from bot.settings import ROOT

NAME_LABEL = "[naam]"
_PARTICLES = r"(?:van der|van den|van de|van|de|der|den|ter|ten|te|in 't|'t)"
_WORD = r"[^\W\d_][^\W\d_'\-]*(?:['\-][^\W\d_]+)*"
#: After these words comes a name, whatever its spelling.
_NAMED = re.compile(
    rf"\b(?:mijn naam is|mijn voornaam is|naam is|ik heet|noem me|je spreekt met)\s+"
    rf"(?P<name>{_WORD}(?:\s+{_PARTICLES})?(?:\s+{_WORD})?)",
    re.IGNORECASE,
)
_IK_BEN = re.compile(rf"\bik ben\s+(?P<name>{_WORD})(?P<after>\s*(?:$|[,.!?;:)(]|\s+en\b|\s+\d))", re.IGNORECASE)
_IK_BEN_CAPITAL = re.compile(
    rf"\b[Ii]k ben\s+(?P<name>[A-Z][^\W\d_]+(?:\s+{_PARTICLES}\s+[A-Z][^\W\d_]+|\s+[A-Z][^\W\d_]+)?)"
)
_GREETING = re.compile(r"\b(?:groetjes|groeten|groet|gr|mvg|vriendelijke groet)[,.]?\s+(?P<name>[A-Z][^\W\d_]+)")
#: Words that follow "mijn naam is"/"met" but are no name.
_NOT_NAMES = frozenset(
    """de het een een die dat dit is niet geen ook nog wel maar en of mijn je jij u hun ons
    onze zijn haar hem mij me ik we wij ze zij hij er hier daar wat wie hoe waar wanneer waarom graag even
    eigenlijk gewoon al alleen veel weinig meer minder ervaring werk kinderen leerlingen school studie
    opleiding diploma master bachelor hbo wo mbo havo vwo vmbo pabo lerarenopleiding ja nee oké ok benieuwd moe
    blij klaar zeker bang enthousiast geïnteresseerd werkloos student gepensioneerd getrouwd ziek thuis hier
    nieuw oud jong zelfstandig zzp'er ondernemer""".split()
)


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset:
    """Every word in the bot's training data and lookups: words that are no first name."""
    words = set()
    for path in (ROOT / "bot" / "data").rglob("*.yml"):
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")))
    for path in (ROOT / "bot" / "data").rglob("*.txt"):
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")))
    return frozenset(words)


def _clean(name: str) -> List[str]:
    """The name, and its first word on its own: "Sanne de Vries" is also "Sanne"."""
    name = " ".join(name.split())
    words = name.split()
    while words and words[-1][0].islower() and words[-1].lower() in _NOT_NAMES:
        words.pop()
    if not words or words[0].lower() in _NOT_NAMES or len(words[0]) < 2:
        return []
    found = [" ".join(words)]
    if len(words) > 1:
        found.append(words[0])
    return found


def names_in(text: str) -> List[str]:
    text = text or ""
    found: List[str] = []
    for match in _NAMED.finditer(text):
        found += _clean(match.group("name"))
    for match in _IK_BEN_CAPITAL.finditer(text):
        found += _clean(match.group("name"))
    for match in _IK_BEN.finditer(text):
        name = match.group("name")
        if name[0].isupper() or "-" not in name and name.lower() not in _vocabulary():
            found += _clean(name)
    for match in _GREETING.finditer(text):
        if match.group("name").lower() not in _vocabulary():
            found += _clean(match.group("name"))
    return list(dict.fromkeys(found))


def replace_names(text: str, names: Iterable[str]) -> str:
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names or not text:
        return text
    pattern = re.compile(r"(?<![\w\[])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w\]])", re.IGNORECASE)
    return pattern.sub(NAME_LABEL, text)
