"""Vocabulary of the profile: synonyms and lookup tables from ``bot/data/lookups``.

The files use Rasa's NLU YAML format, so Rasa uses them as training data (synonyms,
lookup tables) and this module reads the very same files to build the matchers of
the extractor. They are read once per process.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Tuple

import yaml

LOOKUP_DIR = Path(__file__).resolve().parent.parent / "data" / "lookups"


class VocabularyError(ValueError):
    """A lookup file is malformed or contradicts itself."""


def fold(text: str) -> str:
    """Lower-cases and strips accents, so "Fryslân" and "fryslan" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _examples(block: str) -> List[str]:
    items = []
    for line in (block or "").splitlines():
        line = line.strip()
        if line.startswith("- "):
            items.append(line[2:].strip())
    return items


def _read(name: str) -> list:
    path = LOOKUP_DIR / f"{name}.yml"
    with path.open(encoding="utf-8") as handle:
        content = yaml.safe_load(handle) or {}
    return content.get("nlu") or []


def load_synonyms(name: str) -> Dict[str, str]:
    """Maps every folded variant in ``<name>.yml`` to its canonical value.

    Raises :class:`VocabularyError` when one text is given two different values.
    """
    mapping: Dict[str, str] = {}
    for item in _read(name):
        if "synonym" not in item:
            continue
        value = str(item["synonym"])
        for text in _examples(item.get("examples", "")):
            key = fold(text)
            if key in mapping and mapping[key] != value:
                raise VocabularyError(f"{name}.yml: '{text}' hoort bij '{mapping[key]}' en bij '{value}'")
            mapping[key] = value
    return mapping


def load_lookup(name: str, table: str) -> List[str]:
    """The folded entries of lookup table ``table`` in ``<name>.yml``."""
    for item in _read(name):
        if item.get("lookup") == table:
            return [fold(text) for text in _examples(item.get("examples", ""))]
    raise VocabularyError(f"{name}.yml heeft geen lookup '{table}'")


def variant_pattern(text: str) -> str:
    """A regex for ``text`` that accepts spaces, hyphens or nothing between parts.

    "wo-master" also matches "wo master" and "womaster"; apostrophes are optional.
    """
    parts = re.split(r"[\s\-]+", fold(text).strip())
    escaped = []
    for part in parts:
        escaped.append(re.escape(part).replace("'", "'?"))
    return r"[\s\-]?".join(escaped)


@dataclass(frozen=True)
class Matcher:
    """Finds the longest non-overlapping vocabulary entries in folded text."""

    regex: re.Pattern[str]
    values: Mapping[str, str]
    #: The variants as one regex alternation, for patterns built on top of it.
    alternatives: str

    def finditer(self, folded: str) -> Iterable[Tuple[int, int, str, str]]:
        """Yields (start, end, matched text, canonical value)."""
        for match in self.regex.finditer(folded):
            text = match.group(1)
            key = _normalise_key(text)
            yield match.start(1), match.end(1), text, self.values[key]


def _normalise_key(text: str) -> str:
    return re.sub(r"[\s\-']+", "", text)


def build_matcher(mapping: Mapping[str, str]) -> Matcher:
    """Builds a whole-word matcher over the variants of ``mapping``."""
    values: Dict[str, str] = {}
    patterns = []
    for text in sorted(mapping, key=len, reverse=True):
        patterns.append(variant_pattern(text))
        values.setdefault(_normalise_key(text), mapping[text])
    alternatives = "|".join(patterns)
    regex = re.compile(r"(?<![\w&])(" + alternatives + r")(?![\w&])")
    return Matcher(regex=regex, values=values, alternatives=alternatives)


@functools.cache
def synonyms(name: str) -> Dict[str, str]:
    return load_synonyms(name)


@functools.cache
def matcher(name: str) -> Matcher:
    return build_matcher(synonyms(name))


@functools.cache
def lookup_matcher(name: str, table: str) -> Matcher:
    entries = load_lookup(name, table)
    return build_matcher({entry: entry for entry in entries})


#: The vocational profiles of the vmbo in ``schoolvak.yml``. Their lists also hold the trades
#: taught in them ("logistiek", "elektrotechniek", "koken"); see :func:`subject_as_named`.
VOCATIONAL_PROFILES = frozenset(
    {
        "bouwen-wonen-interieur",
        "produceren-installeren-energie",
        "mobiliteit-transport",
        "horeca-bakkerij-recreatie",
        "media-vormgeving-ict",
        "economie-en-ondernemen",
        "dienstverlening-en-producten",
        "groen",
        "maritiem-en-techniek",
    }
)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z&]", "", re.sub(r"\ben\b", " ", fold(text).replace("-", " ")))


def subject_as_named(text: str, value: str) -> str:
    """The school subject to record for ``text`` that the vocabulary maps to ``value``.

    A trade is kept as the person names it ("logistiek", "elektrotechniek", "koken"): on
    the mbo that is the subject itself, and the vmbo profile it belongs to is a wider
    thing. The profile is recorded only when the person names the profile itself
    ("bouwen, wonen en interieur") or its abbreviation ("BWI", "PIE", "M&T").
    """
    if value not in VOCATIONAL_PROFILES:
        return value
    named = _letters(text)
    if named == _letters(value) or len(named) <= 4:
        return value
    return re.sub(r"\s+", " ", fold(text)).strip()


def vocational_profile(subject: str) -> str:
    """The vmbo profile a trade belongs to ("logistiek" -> "mobiliteit-transport"); the
    subject itself when it is no trade."""
    value = matcher("schoolvak").values.get(_normalise_key(fold(subject or "")))
    return value if value in VOCATIONAL_PROFILES else subject
