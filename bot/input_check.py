"""Recognises messages the language model should not try to classify.

Empty messages, messages without words (only emoji or punctuation), markup, long
personal numbers (a BSN, an IBAN, a card number) and messages in English get a fixed
intent, so the bot can answer them clearly in Dutch.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Optional

from bot.privacy.redact import redact

MAX_MESSAGE_LENGTH = 2000


class InputKind(str, Enum):
    EMPTY = "leeg"
    NO_WORDS = "geen_woorden"
    MARKUP = "opmaak"
    PERSONAL_NUMBER = "persoonlijk_nummer"
    TOO_LONG = "te_lang"
    ENGLISH = "engels"


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_SCRIPT_OR_STYLE = re.compile(r"<\s*(script|style)[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_LETTER = re.compile(r"[^\W\d_]")

_ENGLISH = frozenset(
    "the and you your is are i'm i am to want would like can could how what do does have has my me "
    "hello hi please become teacher teaching with for this that it speak english thank thanks yes no "
    "which where when who why netherlands dutch degree school job work help need".split()
)
_DUTCH = frozenset(
    "de het een ik je jij en van wil kan hoe wat heb hebt mijn op te niet graag leraar worden met voor zijn "
    "dat die dit ben er maar ook al nog wel naar bij over geen juf docent lesgeven werk school".split()
)


def strip_markup(text: str) -> str:
    """The text without script/style blocks and tags."""
    return _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", text))


def has_personal_number(text: str) -> bool:
    """True for a BSN, an IBAN or a card number, found by its structure (bot/privacy/redact.py)."""
    return redact(text).changed


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower())
    if len(words) < 2:
        return False
    english = sum(1 for w in words if w in _ENGLISH and w not in _DUTCH)
    dutch = sum(1 for w in words if w in _DUTCH and w not in _ENGLISH)
    return english >= 2 and english > 2 * dutch


def classify(text: Optional[str]) -> Optional[InputKind]:
    """The kind of unusable input, or None for an ordinary message."""
    if text is None or not text.strip():
        return InputKind.EMPTY
    if len(text) > MAX_MESSAGE_LENGTH:
        return InputKind.TOO_LONG
    visible = strip_markup(text)
    if visible != text and not _LETTER.search(visible):
        return InputKind.MARKUP
    if has_personal_number(visible) and len(_LETTER.findall(visible)) < 20:
        return InputKind.PERSONAL_NUMBER
    if not _LETTER.search(visible):
        if re.fullmatch(r"\s*\d{1,4}\s*[.!]?\s*", visible):
            return None
        return InputKind.NO_WORDS
    if looks_english(visible):
        return InputKind.ENGLISH
    return None
