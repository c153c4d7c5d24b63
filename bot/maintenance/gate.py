"""The promotion gate: is the candidate model at least as good as the current one?

Both models are evaluated on the same held-out messages. A candidate is refused when the
intent macro-F1 drops more than ``max_drop``, when fewer test conversations pass, or when
one intent's F1 drops more than ``max_intent_drop`` with enough support: at least
``min_support`` held-out examples of that intent and at least ``min_changed`` messages
whose prediction changed. A drop on less support is reported, without a verdict. A
block names the intent, its number of held-out examples and the messages that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

#: held-out text -> (expected intent, predicted intent)
Predictions = Dict[str, Tuple[str, str]]


@dataclass(frozen=True)
class Metrics:
    intent_macro_f1: float
    intent_weighted_f1: float
    per_intent: Dict[str, float] = field(default_factory=dict)
    story_accuracy: Optional[float] = None
    support: Dict[str, int] = field(default_factory=dict)
    predictions: Predictions = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    text: str
    expected: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"\"{self.text}\" (hoort bij {self.expected}): {self.before} -> {self.after}"


@dataclass(frozen=True)
class IntentDrop:
    intent: str
    before: float
    after: float
    support: int
    changes: List[Change]
    blocks: bool


@dataclass(frozen=True)
class Decision:
    promote: bool
    reasons: List[str]
    drops: List[IntentDrop] = field(default_factory=list)


def changed_messages(old: Metrics, new: Metrics, intent: str) -> List[Change]:
    """Held-out messages of ``intent`` (expected or predicted by either model) whose prediction changed."""
    changes = []
    for text in sorted(set(old.predictions) & set(new.predictions)):
        expected, before = old.predictions[text]
        after = new.predictions[text][1]
        if before != after and intent in {expected, before, after}:
            changes.append(Change(text, expected, before, after))
    return changes


def decide(
    old: Metrics,
    new: Metrics,
    max_drop: float = 0.01,
    max_intent_drop: float = 0.10,
    min_support: int = 10,
    min_changed: int = 2,
) -> Decision:
    reasons: List[str] = []
    blocked = False
    delta = new.intent_macro_f1 - old.intent_macro_f1
    if delta < -max_drop:
        blocked = True
        reasons.append(
            f"intent macro-F1 daalt van {old.intent_macro_f1:.3f} naar {new.intent_macro_f1:.3f} "
            f"({delta:+.3f}; toegestaan: -{max_drop:.3f})"
        )
    else:
        reasons.append(f"intent macro-F1 {old.intent_macro_f1:.3f} -> {new.intent_macro_f1:.3f} ({delta:+.3f})")
    drops: List[IntentDrop] = []
    for name in sorted(old.per_intent):
        before, after = old.per_intent[name], new.per_intent.get(name, 0.0)
        if before - after <= max_intent_drop:
            continue
        support = old.support.get(name, new.support.get(name, 0))
        changes = changed_messages(old, new, name)
        enough = support >= min_support and (len(changes) >= min_changed or not (old.predictions and new.predictions))
        drops.append(IntentDrop(name, before, after, support, changes, enough))
        what = (
            f"intent '{name}' daalt van {before:.2f} naar {after:.2f} (meer dan {max_intent_drop:.2f}); "
            f"{support} apart gehouden voorbeeld(en), {len(changes)} bericht(en) anders voorspeld"
        )
        if enough:
            blocked = True
            reasons.append(what)
        else:
            reasons.append(
                what + f": geen oordeel, te weinig steun (nodig: {min_support} voorbeelden en "
                f"{min_changed} veranderde berichten)"
            )
    if old.story_accuracy is not None and new.story_accuracy is not None:
        if new.story_accuracy < old.story_accuracy:
            blocked = True
            reasons.append(f"testgesprekken goed: {old.story_accuracy:.0%} -> {new.story_accuracy:.0%} (minder)")
        else:
            reasons.append(f"testgesprekken goed: {old.story_accuracy:.0%} -> {new.story_accuracy:.0%}")
    return Decision(not blocked, reasons, drops)
