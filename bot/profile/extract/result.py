"""The result of an extraction: facts, where they were found, and open questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


@dataclass
class Span:
    """Where a fact was found; positions refer to the original text."""

    slot: str
    value: Any
    start: int
    end: int


@dataclass
class Extraction:
    facts: Dict[str, Any] = field(default_factory=dict)
    spans: List[Span] = field(default_factory=list)
    #: Words that need a follow-up question, e.g. {"vooropleiding": "master"}.
    unclear: Dict[str, str] = field(default_factory=dict)
    #: A message that is only a number ("12", "ongeveer 15").
    bare_number: Optional[int] = None
    #: Extra signals for the advice (leeftijd, twijfelt, inkomen_nodig, dagen_beschikbaar, academisch);
    #: not profile slots of the contract, so kept apart from ``facts``.
    signals: List[Span] = field(default_factory=list)

    def signal(self, name: str, value: Any, start: int = 0, end: int = 0) -> None:
        self.signals = [s for s in self.signals if s.slot != name]
        self.signals.append(Span(name, value, start, end))

    def drop(self, slot: str) -> None:
        self.facts.pop(slot, None)
        self.spans = [s for s in self.spans if s.slot != slot]

    def span(self, slot: str) -> Optional[Span]:
        return next((s for s in self.spans if s.slot == slot), None)

    def set(self, slot: str, value: Any, start: int = 0, end: int = 0) -> None:
        self.facts[slot] = value
        self.spans = [s for s in self.spans if s.slot != slot]
        self.spans.append(Span(slot, value, start, end))
