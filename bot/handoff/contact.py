"""Reading and checking the contact details a person gives for a handoff."""

from __future__ import annotations

import re
from typing import Optional

import phonenumbers
from email_validator import EmailNotValidError, validate_email

CONTACTVOORKEUR = ("email", "telefoon", "video")

_NAME_PREFIX = re.compile(
    r"^\s*(?:ik\s+heet|mijn\s+naam\s+is|ik\s+ben|naam\s*:|dit\s+is|je\s+spreekt\s+met|noem\s+me)\s+", re.IGNORECASE
)
_NAME = re.compile(r"^[^\W\d_][\w'’.\- ]*$", re.UNICODE)
_EMAIL_CANDIDATE = re.compile(r"[^\s<>(),;:\"']+@[^\s<>(),;:\"']+")
_PREFERENCE = (
    ("video", re.compile(r"\b(?:video\w*|beeldbel\w*|teams|zoom|videogesprek|online\s+gesprek)\b", re.I)),
    ("telefoon", re.compile(r"\b(?:telefo\w*|bel(?:len|t)?|opbellen|mobiel|gebeld)\b", re.I)),
    ("email", re.compile(r"\b(?:e-?mail\w*|mail\w*|mailen|per\s+mail)\b", re.I)),
)


_NOT_NAMES = frozenset(
    {
        "ja",
        "nee",
        "ok",
        "oke",
        "oké",
        "hoi",
        "hallo",
        "stop",
        "geen",
        "weet ik niet",
        "liever niet",
        "dank je",
        "bedankt",
        "nvt",
        "n.v.t.",
        "anoniem",
        "test",
    }
)


#: Stored when the person gave no name twice; the intaker asks for it.
NO_NAME = "(geen naam gegeven)"


def parse_name(text: str) -> Optional[str]:
    """A plausible name ("Jan de Vries"), or None."""
    candidate = _NAME_PREFIX.sub("", (text or "").strip()).strip(" .!,")
    if candidate.lower() in _NOT_NAMES:
        return None
    if not 2 <= len(candidate) <= 80 or len(candidate.split()) > 6:
        return None
    if not _NAME.match(candidate) or "@" in candidate:
        return None
    if candidate.islower():
        candidate = " ".join(
            w if w in {"van", "de", "der", "den", "het", "ter", "ten", "te", "el", "al"} else w.capitalize()
            for w in candidate.split()
        )
    return candidate


def parse_email(text: str) -> Optional[str]:
    """The e-mail address in ``text`` (normalised), or None when there is no valid one."""
    for candidate in _EMAIL_CANDIDATE.findall(text or ""):
        try:
            return validate_email(candidate.rstrip("."), check_deliverability=False).normalized
        except EmailNotValidError:
            continue
    return None


def parse_phone(text: str) -> Optional[str]:
    """A valid Dutch or international phone number in ``text``, as E.164 ("+31612345678")."""
    for match in phonenumbers.PhoneNumberMatcher(text or "", "NL"):
        if phonenumbers.is_valid_number(match.number):
            return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    try:
        number = phonenumbers.parse((text or "").strip(), "NL")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


_INDIFFERENT = re.compile(
    r"\b(?:maakt\s+(?:me\s+|mij\s+)?(?:niet|niks|geen\s+bal)\s+uit|boeit\s+(?:me\s+)?niet|alles\s+is\s+goed|"
    r"wat\s+(?:jullie|u|jij)\s+(?:wil|wilt|willen)|om\s+het\s+even|whatever|doe\s+maar\s+wat)\b",
    re.IGNORECASE,
)


def indifferent(text: str) -> bool:
    """ "maakt niet uit", "wat jullie willen": no preference for the way of contact."""
    return bool(_INDIFFERENT.search(text or ""))


def parse_preference(text: str) -> Optional[str]:
    value = (text or "").strip().lower()
    if value in CONTACTVOORKEUR:
        return value
    for preference, pattern in _PREFERENCE:
        if pattern.search(value):
            return preference
    return None


def readable_phone(e164: str) -> str:
    number = phonenumbers.parse(e164, None)
    region = "NL" if number.country_code == 31 else None
    fmt = phonenumbers.PhoneNumberFormat.NATIONAL if region else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, fmt)
