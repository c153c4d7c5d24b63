"""Redaction of personal numbers: BSN (11-proef), IBAN (mod 97), card numbers (Luhn) and
other long numbers nobody asked for.

``redact(text)`` replaces them with a label ("[BSN]", "[IBAN]", "[kaartnummer]",
"[nummer]") and says what it found. Numbers given on purpose (a phone number asked for
the handoff) can be kept with ``keep``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

IBAN_LABEL, BSN_LABEL, CARD_LABEL, NUMBER_LABEL = "[IBAN]", "[BSN]", "[kaartnummer]", "[nummer]"

_IBAN_START = re.compile(r"\b[A-Za-z]{2}\d{2}")
_IBAN_BODY = re.compile(r"(?:[ ]?[A-Za-z0-9]){10,30}")
#: Runs of digits, also written with spaces, dots or dashes ("123 456 782", "1234.56.782"),
#: optionally with a leading "+" (phone numbers).
_DIGITS = re.compile(r"(?<![\w+])\+?\d(?:[ .\-/]?\d){6,}(?!\w)")
#: "2019-2023", "1998 - 2004": a range of years, not a personal number.
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*[-/]\s*(?:19|20)\d\d$")


def is_bsn(digits: str) -> bool:
    """Nine digits (or eight with an implied leading zero) that pass the 11-proef."""
    if not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    if digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def is_iban(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def passes_luhn(digits: str) -> bool:
    if not digits.isdigit() or not 13 <= len(digits) <= 19:
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


@dataclass
class Redaction:
    text: str
    found: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.found)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _redact_ibans(text: str, found: Counter) -> str:
    """IBANs, also written in groups ("NL91 ABNA 0417 1643 00"): the longest checksum-valid
    prefix after a country code and check digits."""
    out, position = [], 0
    for start in _IBAN_START.finditer(text):
        if start.start() < position:
            continue
        body = _IBAN_BODY.match(text, start.end())
        if not body:
            continue
        for end in range(body.end(), start.end() + 9, -1):
            candidate = text[start.start():end]
            if (end == len(text) or not text[end].isalnum()) and is_iban(candidate):
                out.append(text[position:start.start()] + IBAN_LABEL)
                position = end
                found["iban"] += 1
                break
    out.append(text[position:])
    return "".join(out)


def redact(text: str, keep: Iterable[str] = ()) -> Redaction:
    """``text`` without personal numbers; ``keep`` lists numbers (any spelling) to leave."""
    kept = {_digits(k) for k in keep if k and _digits(k)}
    found: Counter = Counter()

    def number(match: re.Match) -> str:
        raw = match.group(0)
        digits = _digits(raw)
        if _YEAR_RANGE.match(raw.strip()):
            return raw
        if digits in kept or (digits.startswith("31") and "0" + digits[2:] in kept) or ("31" + digits[1:]) in kept:
            return raw
        if is_bsn(digits):
            found["bsn"] += 1
            return BSN_LABEL
        if passes_luhn(digits):
            found["kaart"] += 1
            return CARD_LABEL
        found["nummer"] += 1
        return NUMBER_LABEL

    text = _redact_ibans(text or "", found)
    text = _DIGITS.sub(number, text)
    return Redaction(text, found)
