"""The promotion gate: is the candidate model at least as good as the current one?"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional


@dataclass(frozen=True)
class Metrics:
    intent_macro_f1: float
    intent_weighted_f1: float
    per_intent: Dict[str, float] = field(default_factory=dict)
    story_accuracy: Optional[float] = None


@dataclass(frozen=True)
class Decision:
    promote: bool
    reasons: List[str]


def decide(old: Metrics, new: Metrics, max_drop: float = 0.01, max_intent_drop: float = 0.10) -> Decision:
    """Promote unless macro-F1 drops more than ``max_drop``, any intent's F1 drops more than
    ``max_intent_drop``, or fewer test conversations pass."""
    reasons: List[str] = []
    blocked = False
    delta = new.intent_macro_f1 - old.intent_macro_f1
    if delta < -max_drop:
        blocked = True
        reasons.append(f"intent macro-F1 daalt van {old.intent_macro_f1:.3f} naar {new.intent_macro_f1:.3f} "
                       f"({delta:+.3f}; toegestaan: -{max_drop:.3f})")
    else:
        reasons.append(f"intent macro-F1 {old.intent_macro_f1:.3f} -> {new.intent_macro_f1:.3f} ({delta:+.3f})")
    worse = sorted((name, old.per_intent[name], new.per_intent.get(name, 0.0)) for name in old.per_intent
                   if old.per_intent[name] - new.per_intent.get(name, 0.0) > max_intent_drop)
    for name, before, after in worse:
        blocked = True
        reasons.append(f"intent '{name}' daalt van {before:.2f} naar {after:.2f} (meer dan {max_intent_drop:.2f})")
    if old.story_accuracy is not None and new.story_accuracy is not None:
        if new.story_accuracy < old.story_accuracy:
            blocked = True
            reasons.append(f"testgesprekken goed: {old.story_accuracy:.0%} -> {new.story_accuracy:.0%} (minder)")
        else:
            reasons.append(f"testgesprekken goed: {old.story_accuracy:.0%} -> {new.story_accuracy:.0%}")
    return Decision(not blocked, reasons)
