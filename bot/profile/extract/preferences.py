"""Facts named by a fixed vocabulary: study mode, Dutch level, current qualification."""

from __future__ import annotations

import re

from bot.profile.extract.result import Extraction
from bot.profile.extract.text import _WANT, clause_bounds, is_negated
from bot.profile.vocab import matcher

_RULED_OUT = re.compile(r"^[\s\w]{0,20}?\b(?:is\s+geen\s+optie|kan\s+(?:ik\s+)?niet|lukt\s+(?:me\s+)?niet|gaat\s+niet)\b")
_OPPOSITE = {"voltijd": "deeltijd", "deeltijd": "voltijd"}


def _extract_simple(folded: str, result: Extraction, slot: str, vocab: str, skip_wanted: bool = False) -> None:
    found = None
    for start, end, _text, value in matcher(vocab).finditer(folded):
        if is_negated(folded, start):
            continue
        if value in _OPPOSITE and _RULED_OUT.search(folded[end:end + 40]):
            found = (start, end, _OPPOSITE[value])
            continue
        if skip_wanted:
            left, right = clause_bounds(folded, start, end)
            if _WANT.search(folded[left:right]):
                continue
        found = (start, end, value)
    if found:
        result.set(slot, found[2], found[0], found[1])
