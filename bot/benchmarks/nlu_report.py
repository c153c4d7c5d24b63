"""Summarises Rasa's cross-validation output: intent macro-F1, weakest intents, FAQ."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def summary(out: Path) -> str:
    lines = []
    intents = json.loads((out / "intent_report.json").read_text())
    per_intent = {k: v for k, v in intents.items() if isinstance(v, dict) and "f1-score" in v
                  and k not in {"macro avg", "weighted avg", "micro avg"}}
    macro = intents["macro avg"]["f1-score"]
    lines.append(f"intent macro-F1: {macro:.3f} (weighted {intents['weighted avg']['f1-score']:.3f}, "
                 f"{len(per_intent)} intents)")
    weakest = sorted(per_intent.items(), key=lambda kv: kv[1]["f1-score"])[:5]
    lines.append("weakest intents: " + ", ".join(f"{k} {v['f1-score']:.3f}" for k, v in weakest))
    below = [k for k, v in per_intent.items() if v["f1-score"] < 0.85]
    lines.append(f"intents below 0.85: {below or 'none'}")
    responses = out / "response_selection_report.json"
    if responses.exists():
        report = json.loads(responses.read_text())
        lines.append(f"FAQ response selection macro-F1: {report['macro avg']['f1-score']:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(Path(sys.argv[1])))
