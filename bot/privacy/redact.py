"""Redaction of personal numbers in what people type: BSN (11-proef), IBAN (mod 97 and
the country's format) and card numbers (Luhn), found by their structure.

``redact(text)`` replaces them with a label ("[BSN]", "[IBAN]", "[kaartnummer]") and
counts what it found. A number is recognised in any common spelling: grouped as people
write it (BSN 123456782, 123 456 782, 1234 56 782, 12 34 56 782; cards in blocks of four)
with one kind of separator between the groups (spaces, one or more, also no-break and thin
spaces; dots, hyphens, commas,
underscores or slashes, with or without spaces around them), without separators, and
glued to a word ("bsn123456782").
The checksums come from python-stdnum.

What has a structure of its own is never touched: URLs, e-mail addresses, UUIDs and
other hexadecimal ids, ISO and Dutch dates and times, phone numbers, postcodes. Other
numbers (years, amounts, reference numbers) stay as they are: only a checksum-valid
number of the right length counts as personal.

Only text a person typed goes through here; ids, timestamps and the bot's own texts
never do (bot/privacy/events.py decides what is user text).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from stdnum import iban as _iban
from stdnum import luhn as _luhn
from stdnum.nl import bsn as _bsn

IBAN_LABEL, BSN_LABEL, CARD_LABEL = "[IBAN]", "[BSN]", "[kaartnummer]"
LABELS = (IBAN_LABEL, BSN_LABEL, CARD_LABEL)

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
#: Spans with a structure of their own: their digits are never a personal number. Ids
#: first (an IBAN is never inside one), then formats whose digits could look like a BSN
#: or card number (an IBAN may hold a group that looks like a phone number).
#: An e-mail address and a phone number (international, or Dutch with 10 digits, not inside
#: a longer run of digits). Personal numbers are never inside them; exports replace them
#: (``redact_contact_details``).
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
PHONE = "|".join(
    [
        r"(?<![\w+])(?<!\d[ .\-])(?:\+|00)[1-9]\d{0,2}[ .\-]?(?:\(0\)[ .\-]?)?\d(?:[ .\-]?\d){6,11}(?!\d)",
        r"(?<![\d\w])(?<!\d[ .\-/])0[1-9](?:[ .\-/]?\d){8}(?![\d]|[ .\-]\d)",
    ]
)
_IDS = re.compile(
    "|".join(
        [
            r"(?:https?://|www\.)[^\s<>\"']+",  # URL
            EMAIL,  # e-mail address
            r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])",  # UUID
            # hex id, with letters after its first two characters (a lower-case IBAN has none there)
            r"(?<![0-9A-Za-z])(?=[0-9a-f]{2}[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{12,}(?![0-9A-Za-z])",
        ]
    )
)
_FORMATS = re.compile(
    "|".join(
        [
            rf"(?<![\d.\-/])(?:19|20)\d{{2}}-{_MONTH}-{_DAY}{_TIME}(?![\d])",  # ISO date (and time)
            rf"(?<![\d.\-/]){_DAY}([-./]){_MONTH}\1(?:19|20)?\d{{2}}(?![\d]|[-./]\d)",  # Dutch date
            r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])",  # time
            PHONE,  # phone numbers
            r"(?<!\d)[1-9]\d{3} ?[A-Z]{2}(?![A-Za-z])",  # postcode
        ]
    )
)
#: Groups of digits joined by one kind of separator: spaces, or . - _ , / with optional spaces.
#: A space is any horizontal white space (also a no-break or thin space).
_SPACE = r"[^\S\r\n]"
_SEP = rf"(?:{_SPACE}*[.\-_,/]{_SPACE}*|{_SPACE}+)"
_RUN = re.compile(rf"\d+(?:{_SEP}\d+)*")
_GROUP = re.compile(r"\d+")
#: An IBAN starts with a country code and two check digits, also glued to a word.
_IBAN_START = re.compile(r"(?<![A-Za-z])[A-Za-z]{2}\d{2}|(?<=[a-z])[A-Z]{2}\d{2}")
_IBAN_CHUNK = re.compile(r"[A-Za-z0-9]+")
_IBAN_SEP = re.compile(r"[^\S\r\n]|[.\-_]")
#: Where a word starts after digits inside a chunk: a possible end of an IBAN.
_GLUED = re.compile(r"(?<=\d)[A-Za-z]")


def is_bsn(digits: str) -> bool:
    """Nine digits that pass the 11-proef (not 000000000)."""
    return len(digits) == 9 and digits.isdigit() and digits != "000000000" and _bsn.is_valid(digits)


def is_iban(text: str) -> bool:
    """An IBAN in any spacing: mod 97 and the country's own length and format."""
    return _iban.is_valid(re.sub(r"[\s.\-_]", "", text or ""))


def passes_luhn(digits: str) -> bool:
    """13 to 19 digits that pass the Luhn check: the length of card numbers."""
    return digits.isdigit() and 13 <= len(digits) <= 19 and len(set(digits)) > 1 and _luhn.is_valid(digits)


@dataclass
class Redaction:
    text: str
    found: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.found)


def _masked(text: str, pattern: re.Pattern) -> str:
    """``text`` with every span of ``pattern`` blanked out (same length, so offsets still fit)."""
    return pattern.sub(lambda m: "#" * len(m.group(0)), text)


def _iban_spans(text: str, masked: str) -> List[Tuple[int, int, str]]:
    """IBANs: a country code and check digits, then chunks of letters and digits joined by
    single separators; the longest prefix that is a valid IBAN. A chunk may be cut where a
    word is glued to its end ("NL91ABNA0417164300graag")."""
    spans, position = [], 0
    for start in _IBAN_START.finditer(masked):
        if start.start() < position:
            continue
        ends, index = [], start.start()
        chunk = _IBAN_CHUNK.match(masked, index)
        while chunk and len(ends) < 40:
            ends.extend(m.start() + chunk.start() for m in _GLUED.finditer(chunk.group(0)))
            ends.append(chunk.end())
            index = chunk.end()
            if index < len(masked) and _IBAN_SEP.match(masked, index):
                chunk = _IBAN_CHUNK.match(masked, index + 1)
            else:
                break
        for end in sorted(set(ends), reverse=True):
            if end - start.start() <= 50 and is_iban(text[start.start() : end]):
                spans.append((start.start(), end, IBAN_LABEL))
                position = end
                break
    return spans


def _number_spans(text: str, masked: str, taken: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
    """BSNs and card numbers: consecutive groups of one run whose digits pass a checksum."""
    spans = []
    for run in _RUN.finditer(masked):
        if any(s < run.end() and run.start() < e for s, e, _ in taken):
            continue
        groups = [(g.start() + run.start(), g.end() + run.start()) for g in _GROUP.finditer(run.group(0))]
        index = 0
        while index < len(groups):
            hit = _longest_from(text, groups, index)
            if hit is None:
                index += 1
                continue
            last, label = hit
            spans.append((groups[index][0], groups[last][1], label))
            index = last + 1
    return spans


#: How people group the nine digits of a BSN ("123456782", "123 456 782", "1234.56.782",
#: "12 34 56 782"). Other groupings are reference numbers and the like ("OL-2026-00002").
BSN_GROUPINGS = frozenset({(9,), (3, 3, 3), (4, 2, 3), (2, 2, 2, 3)})


def _card_grouping(sizes: Tuple[int, ...]) -> bool:
    """One block, blocks of four (the last may be shorter), or 4-6-5 / 4-6-4 (Amex, Diners)."""
    return (
        len(sizes) == 1
        or all(size == 4 for size in sizes[:-1])
        and 1 <= sizes[-1] <= 4
        or sizes in {(4, 6, 5), (4, 6, 4)}
    )


def _longest_from(text: str, groups: List[Tuple[int, int]], first: int) -> Optional[Tuple[int, str]]:
    """The longest run of groups starting at ``first``, joined by one kind of separator and
    grouped as people write them, that is a card number or a BSN."""
    best = None
    digits, sizes, separators = "", (), set()
    for last in range(first, len(groups)):
        if last > first:
            separators.add(text[groups[last - 1][1] : groups[last][0]].strip() or " ")
            if len(separators) > 1:
                break
        group = text[groups[last][0] : groups[last][1]]
        digits, sizes = digits + group, sizes + (len(group),)
        if len(digits) > 19:
            break
        if sizes in BSN_GROUPINGS and is_bsn(digits):
            best = (last, BSN_LABEL)
        elif _card_grouping(sizes) and passes_luhn(digits) and not _years(text, groups[first : last + 1]):
            best = (last, CARD_LABEL)
    return best


def _years(text: str, groups: List[Tuple[int, int]]) -> bool:
    """A list of years ("2012, 2015, 2018, 2021") is not a card number."""
    return len(groups) > 1 and all(re.fullmatch(r"(?:19|20)\d\d", text[s:e]) for s, e in groups)


def redact(text: str) -> Redaction:
    """``text`` without BSNs, IBANs and card numbers."""
    text = text or ""
    if not any(ch.isdigit() for ch in text):
        return Redaction(text)
    masked = _masked(text, _IDS)
    spans = _iban_spans(text, masked)
    spans += _number_spans(text, _masked(masked, _FORMATS), spans)
    if not spans:
        return Redaction(text)
    found: Counter = Counter()
    out, position = [], 0
    for start, end, label in sorted(spans):
        out.append(text[position:start] + label)
        position = end
        found[{BSN_LABEL: "bsn", IBAN_LABEL: "iban", CARD_LABEL: "kaart"}[label]] += 1
    out.append(text[position:])
    return Redaction("".join(out), found)


EMAIL_LABEL, PHONE_LABEL = "[e-mail]", "[telefoonnummer]"
_EMAIL = re.compile(EMAIL)
_PHONE = re.compile(PHONE)


def redact_contact_details(text: str) -> str:
    """``text`` without personal numbers, e-mail addresses and phone numbers: what leaves
    the store for review (exports, test stories). The store itself keeps phone numbers in
    the bot's own texts."""
    text = redact(text or "").text
    return _PHONE.sub(PHONE_LABEL, _EMAIL.sub(EMAIL_LABEL, text))
