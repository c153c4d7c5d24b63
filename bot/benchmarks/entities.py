"""Precision, recall and F1 of the profile extractor on an annotated corpus.

Usage: python -m bot.benchmarks.entities tests/data/profiel_benchmark.yml
A fact counts as correct when slot and value are both right.

Two corpus formats are read: ``messages`` with ``text`` and ``facts`` (tests/data), and
``berichten`` with ``tekst``, ``entiteiten`` and ``context`` (tests/bench/nlu_*), where
``context`` is the slot the bot had just asked for; it is passed to the extractor as the
expected slot, as in a conversation.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from bot.profile.extract import extract


def _normal(value):
    return value.lower().strip() if isinstance(value, str) else value


def evaluate(items: List[Dict]) -> Tuple[Dict[str, Counter], List[str]]:
    counts: Dict[str, Counter] = {}
    errors = []
    for item in items:
        expected = {k: _normal(v) for k, v in (item.get("facts") or {}).items()}
        found = {k: _normal(v) for k, v in extract(item["text"], expected=item.get("expected")).facts.items()}
        for slot in set(expected) | set(found):
            c = counts.setdefault(slot, Counter())
            if slot in expected and slot in found and expected[slot] == found[slot]:
                c["tp"] += 1
                continue
            if slot in found:
                c["fp"] += 1
            if slot in expected:
                c["fn"] += 1
            errors.append(f"{slot}: verwacht {expected.get(slot)!r}, gevonden {found.get(slot)!r} | {item['text']}")
    return counts, errors


def f1(c: Counter) -> Tuple[float, float, float]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def load(path: str) -> List[Dict]:
    """The annotated messages of a corpus in either format, as ``text``, ``facts``, ``expected``."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if "messages" in data:
        return data["messages"]
    return [
        {"text": m["tekst"], "facts": m.get("entiteiten") or {}, "expected": m.get("context")}
        for m in data["berichten"]
    ]


def main(path: str) -> None:
    items = load(path)
    counts, errors = evaluate(items)
    total = sum(counts.values(), Counter())
    precision, recall, score = f1(total)
    print(
        f"profile entities on {len(items)} messages: precision {precision:.3f}, recall {recall:.3f}, "
        f"micro-F1 {score:.3f}"
    )
    for slot in sorted(counts):
        p, r, s = f1(counts[slot])
        print(f"  {slot:22} P {p:.2f}  R {r:.2f}  F1 {s:.2f}  (n={counts[slot]['tp'] + counts[slot]['fn']})")
    if "-v" in sys.argv:
        print("\n".join(errors))


if __name__ == "__main__":
    main(sys.argv[1])
