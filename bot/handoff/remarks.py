"""What a person said in passing that fits no profile slot ("ik werk 4 dagen per week",
"bel na 17u", "ik wil blijven werken"), for the ``notities`` of the handoff summary.

Plain Python. Two sources: the signal slots the bot picks up without asking (docs/contract.md:
``twijfelt``, ``inkomen_nodig``, ``dagen_beschikbaar``, ``academisch``, ``leeftijd``), and
the clauses of the person's own messages that match a known kind of remark (working days,
times to call, wanting to keep working, care for children or family). The clauses are
redacted and kept in the person's words.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, List, Mapping

from bot.privacy.redact import redact

MAX_REMARKS = 6
MAX_LENGTH = 200
_NUMBER = r"(?:\d{1,2}|een|twee|drie|vier|vijf|zes)"
PATTERNS = (
    re.compile(rf"\b{_NUMBER}\s*(?:dag(?:en)?|ochtenden|middagen)\s+(?:per|in\s+de|p\.?\s?)\s*w(?:ee)?k\b", re.I),
    re.compile(r"\b(?:parttime|part-time|fulltime|full-time|\d{1,2}\s*uur\s+(?:per|in\s+de)\s+week)\b", re.I),
    re.compile(
        r"\b(?:bel|bellen|gebeld|bereikbaar)\b.*\b(?:na|voor|vanaf|tussen|rond|om)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:u|uur)?\b",
        re.I,
    ),
    re.compile(r"\b(?:na|vanaf|voor)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:u|uur)\b", re.I),
    re.compile(
        r"\b(?:'s\s+avonds|'s\s+ochtends|'s\s+middags|overdag|in\s+het\s+weekend)\b.*\b(?:bel|bereikbaar|contact)\w*",
        re.I,
    ),
    re.compile(
        r"\b(?:bel|bereikbaar|contact)\w*\b.*(?:'s\s+avonds|'s\s+ochtends|'s\s+middags|overdag|in\s+het\s+weekend)",
        re.I,
    ),
    re.compile(
        r"\b(?:blijven\s+werken|mijn\s+baan\s+(?:houden|behouden)|naast\s+mijn\s+(?:werk|baan)|"
        r"salaris\s+(?:nodig|houden)|inkomen\s+(?:nodig|houden))\b",
        re.I,
    ),
    re.compile(r"\b(?:kinderen|mantelzorg|alleenstaande?\s+(?:moeder|vader|ouder))\b", re.I),
)
_CLAUSES = re.compile(r"(?<=[.!?;])\s+|\s*,\s*(?=(?:en\s+)?(?:ik|mijn|bel|maar|want)\b)", re.I)

SIGNALS = (
    ("inkomen_nodig", lambda v: "Moet blijven verdienen tijdens de opleiding." if v is True else None),
    (
        "dagen_beschikbaar",
        lambda v: (
            f"Heeft {v} {'dag' if str(v) == '1' else 'dagen'} per week vrij voor lesgeven en studie."
            if v not in (None, "")
            else None
        ),
    ),
    ("twijfelt", lambda v: "Twijfelt nog of het leraarschap past." if v is True else None),
    ("academisch", lambda v: "Wil graag op universitair niveau studeren." if v is True else None),
    (
        "leeftijd",
        lambda v: f"Leeftijd: {v} jaar." if isinstance(v, int) or (isinstance(v, str) and v.isdigit()) else None,
    ),
)


def _clean(text: str) -> str:
    clause = redact(text).text.strip(" ,;")
    if len(clause) > MAX_LENGTH:
        clause = clause[: MAX_LENGTH - 1].rstrip() + "…"
    return clause[:1].upper() + clause[1:]


def from_messages(events: Iterable[Mapping[str, Any]]) -> List[str]:
    """Clauses of the person's messages (current session) that are remarks, without repeats."""
    found: List[str] = []
    for event in events:
        if event.get("event") in {"session_started", "restart"}:
            found = []
        if event.get("event") != "user":
            continue
        text = str(event.get("text") or "").strip()
        if not text or text.startswith("/"):
            continue
        for clause in _CLAUSES.split(text):
            if clause and any(p.search(clause) for p in PATTERNS):
                cleaned = _clean(clause)
                if cleaned and cleaned.lower() not in {f.lower() for f in found}:
                    found.append(cleaned)
    return found


def from_signals(slots: Mapping[str, Any]) -> List[str]:
    return [text for slot, render in SIGNALS for text in [render(slots.get(slot))] if text]


def remarks(slots: Mapping[str, Any], events: Iterable[Mapping[str, Any]]) -> List[str]:
    """The ``notities`` of a summary: signals first, then the person's remarks (at most 6)."""
    return (from_signals(slots) + from_messages(events))[:MAX_REMARKS]
