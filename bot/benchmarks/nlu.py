"""NLU benchmark: intents, FAQ topics, profile entities, parse time, model size.

Usage: python -m bot.benchmarks.nlu --model bot/models/onderwijsloket.tar.gz [--out var/bench/nlu]

- 5-fold cross-validation of the intent model of config.yml on bot/data/nlu (intent
  macro-F1 and per intent, FAQ topic accuracy), with the training texts' embeddings from
  the disk cache;
- the trained model, in process, on the held-out sets: tests/data/nlu_heldout_onafhankelijk/
  (written by authors who never saw bot/data; never used for tuning) and the older
  tests/data/nlu_heldout.yml (development data);
- profile entities on the independent set: the extractor as the form uses it (the slot
  asked for, when a message answers a question);
- parse time per message (p50/p95) and the model's size;
- the fallback threshold's precision/coverage trade-off on the development set, as a PNG.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np
import yaml
from rasa.utils.log_utils import configure_structlog
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from bot.nlu import encoders
from bot.nlu.classifier import embedding_cache_dir
from bot.nlu.intent_model import IntentModel, IntentModelConfig, intent_of
from bot.profile import values
from bot.profile.extract import extract
from bot.settings import ROOT

INDEPENDENT = ROOT / "tests/data/nlu_heldout_onafhankelijk"
DEVELOPMENT = ROOT / "tests/data/nlu_heldout.yml"
THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 19)]


def independent_set(directory: Path = INDEPENDENT) -> List[Dict[str, Any]]:
    items = []
    for path in sorted(directory.glob("*.yml")):
        items += yaml.safe_load(path.read_text(encoding="utf-8"))["berichten"]
    return items


def rasa_examples(path: Path) -> List[Tuple[str, str]]:
    """(text, full label) of a Rasa NLU file or folder: "faq/vog" for FAQ questions."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent_response_key") or m.get("intent")) for m in data.intent_examples]


def classifier_config(config_path: Path = ROOT / "config.yml") -> Tuple[IntentModelConfig, str]:
    pipeline = yaml.safe_load(config_path.read_text())["pipeline"]
    options = next((c for c in pipeline if c["name"].endswith("IntentClassifier")), {})
    encoder = next(
        (
            c.get("encoder", encoders.DEFAULT_ENCODER)
            for c in pipeline
            if c["name"].endswith("SentenceEncoderFeaturizer")
        ),
        None,
    )
    return IntentModelConfig(C=float(options.get("C", 20)), dense_weight=float(options.get("dense_weight", 1))), encoder


def per_intent_f1(truth: Sequence[str], predicted: Sequence[str]) -> Dict[str, float]:
    labels = sorted(set(truth))
    scores = f1_score(truth, predicted, labels=labels, average=None, zero_division=0)
    return dict(zip(labels, (float(s) for s in scores)))


def cross_validation(folds: int = 5) -> Dict[str, Any]:
    config, encoder_name = classifier_config()
    examples = rasa_examples(ROOT / "bot/data/nlu")
    texts, labels = [t for t, _ in examples], [label for _, label in examples]
    encoder = encoders.load(encoder_name) if encoder_name else None
    dense = encoders.encode_all(encoder, texts, embedding_cache_dir()) if encoder else None
    intents = np.array([intent_of(label) for label in labels])
    truth, predicted = [], []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=17).split(texts, intents):
        model = IntentModel(config).fit(
            [texts[i] for i in train], [labels[i] for i in train], dense[train] if dense is not None else None
        )
        predicted += model.predict([texts[i] for i in test], dense[test] if dense is not None else None)
        truth += [labels[i] for i in test]
    return _intent_scores(truth, predicted)


def _intent_scores(truth: Sequence[str], predicted: Sequence[str]) -> Dict[str, Any]:
    true_intents, predicted_intents = [intent_of(t) for t in truth], [intent_of(p) for p in predicted]
    faq = [(t, p) for t, p in zip(truth, predicted) if t.startswith("faq/")]
    return {
        "macro_f1": float(f1_score(true_intents, predicted_intents, average="macro", zero_division=0)),
        "per_intent": per_intent_f1(true_intents, predicted_intents),
        "faq_topic_accuracy": float(np.mean([t == p for t, p in faq])) if faq else None,
        "n": len(truth),
    }


async def _parse_all(model_path: Path, texts: Sequence[str]) -> Tuple[List[Dict[str, Any]], List[float]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))
    await agent.parse_message("hallo")  # the first parse loads lazily initialised parts
    results, times = [], []
    for text in texts:
        start = time.perf_counter()
        results.append(await agent.parse_message(text))
        times.append((time.perf_counter() - start) * 1000)
    return results, times


def _topic(parse: Dict[str, Any]) -> str:
    selected = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    return (selected.get("intent_response_key") or "").split("/", 1)[-1]


def heldout_scores(items: List[Dict[str, Any]], parses: List[Dict[str, Any]]) -> Dict[str, Any]:
    truth = [item["intent"] for item in items]
    predicted = [(p.get("intent") or {}).get("name") or "none" for p in parses]
    faq = [(item["faq"], _topic(p)) for item, p in zip(items, parses) if item["intent"] == "faq" and item.get("faq")]
    return {
        "macro_f1": float(f1_score(truth, predicted, average="macro", labels=sorted(set(truth)), zero_division=0)),
        "per_intent": per_intent_f1(truth, predicted),
        "faq_topic_accuracy": float(np.mean([t == p for t, p in faq])) if faq else None,
        "confusions": Counter((t, p) for t, p in zip(truth, predicted) if t != p).most_common(12),
        "n": len(items),
    }


def _normal(value: Any) -> Any:
    return " ".join(value.lower().replace("-", " ").split()) if isinstance(value, str) else value


def entity_scores(items: List[Dict[str, Any]]) -> Dict[str, Any]:
    counts: Dict[str, Counter] = {}
    for item in items:
        context = item.get("context") if item.get("context") in values.PROFILE_SLOTS else None
        expected = {k: _normal(v) for k, v in (item.get("entiteiten") or {}).items() if k in values.PROFILE_SLOTS}
        found = {
            k: _normal(v)
            for k, v in extract(item["tekst"], expected=context).facts.items()
            if k in values.PROFILE_SLOTS
        }
        for slot in set(expected) | set(found):
            count = counts.setdefault(slot, Counter())
            if expected.get(slot) == found.get(slot):
                count["tp"] += 1
                continue
            count["fp"] += slot in found
            count["fn"] += slot in expected
    total = sum(counts.values(), Counter())

    def f1(c: Counter) -> float:
        return 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"]) if c["tp"] else 0.0

    return {
        "micro_f1": f1(total),
        "per_slot": {slot: f1(c) for slot, c in sorted(counts.items())},
        "precision": total["tp"] / max(1, total["tp"] + total["fp"]),
        "recall": total["tp"] / max(1, total["tp"] + total["fn"]),
    }


def _classifier_top(parse: Dict[str, Any]) -> Tuple[str, float, float]:
    """The classifier's own best intent, its confidence and its margin over the second
    (the ranking without the nlu_fallback the FallbackClassifier puts first)."""
    ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    if not ranking:
        return "none", 0.0, 0.0
    second = float(ranking[1]["confidence"]) if len(ranking) > 1 else 0.0
    return ranking[0]["name"], float(ranking[0]["confidence"]), float(ranking[0]["confidence"]) - second


def fallback_tradeoff(truth: Sequence[str], parses: List[Dict[str, Any]]) -> List[Dict[str, float]]:
    """Coverage (share of messages whose best intent reaches the threshold) and the
    precision among them."""
    tops = [_classifier_top(p) for p in parses]
    top, confidence = [t[0] for t in tops], [t[1] for t in tops]
    rows = []
    for threshold in THRESHOLDS:
        covered = [t == p for t, p, c in zip(truth, top, confidence) if c >= threshold]
        rows.append(
            {
                "threshold": threshold,
                "coverage": len(covered) / len(truth),
                "precision": float(np.mean(covered)) if covered else 1.0,
            }
        )
    return rows


def plot_tradeoff(rows: List[Dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6, 4))
    axis.plot([r["coverage"] for r in rows], [r["precision"] for r in rows], marker="o")
    for row in rows[::2]:
        axis.annotate(f"{row['threshold']:.2f}", (row["coverage"], row["precision"]), fontsize=7)
    axis.set_xlabel("dekking (aandeel berichten boven de drempel)")
    axis.set_ylabel("precisie van de intent boven de drempel")
    axis.set_title("FallbackClassifier-drempel (ontwikkelset)")
    axis.grid(True, alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def _lines(name: str, scores: Dict[str, Any]) -> List[str]:
    weakest = sorted(scores["per_intent"].items(), key=lambda kv: kv[1])[:5]
    lines = [
        f"{name}: intent macro-F1 {scores['macro_f1']:.3f} (n={scores['n']}); weakest: "
        + ", ".join(f"{k} {v:.2f}" for k, v in weakest)
    ]
    below = [k for k, v in scores["per_intent"].items() if v < 0.85]
    lines.append(f"  intents below 0.85: {', '.join(below) or 'none'}")
    if scores.get("faq_topic_accuracy") is not None:
        lines.append(f"  FAQ topic accuracy {scores['faq_topic_accuracy']:.3f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "bot/models/onderwijsloket.tar.gz"))
    parser.add_argument("--out", default=str(ROOT / "var/bench/nlu"))
    parser.add_argument("--folds", type=int, default=5, help="0: no cross-validation")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    # Rasa's structured log, at the level `rasa run` uses (INFO): without this every parse
    # also prints its debug line, inside the time measured.
    configure_structlog(logging.INFO)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = Path(args.model)

    start = time.perf_counter()
    report: Dict[str, Any] = {"cross_validation": cross_validation(args.folds) if args.folds else None}
    report["cross_validation_seconds"] = time.perf_counter() - start
    independent = independent_set()
    development = [
        {"tekst": t, "intent": intent_of(label), "faq": label.split("/", 1)[1] if "/" in label else None}
        for t, label in rasa_examples(DEVELOPMENT)
    ]
    parses, times = asyncio.run(_parse_all(model, [i["tekst"] for i in independent + development]))
    report["independent"] = heldout_scores(independent, parses[: len(independent)])
    report["development"] = heldout_scores(development, parses[len(independent) :])
    report["entities"] = entity_scores(independent)
    report["parse_ms"] = {
        "p50": float(np.percentile(times, 50)),
        "p95": float(np.percentile(times, 95)),
        "max": float(max(times)),
    }
    report["model_mb"] = model.stat().st_size / 2**20
    tradeoff = fallback_tradeoff([i["intent"] for i in development], parses[len(independent) :])
    report["without_fallback"] = {
        name: heldout_scores(items, [{**p, "intent": {"name": _classifier_top(p)[0]}} for p in part])["macro_f1"]
        for name, items, part in (
            ("independent", independent, parses[: len(independent)]),
            ("development", development, parses[len(independent) :]),
        )
    }
    report["fallback_tradeoff"] = tradeoff
    plot_tradeoff(tradeoff, out / "fallback_drempel.png")
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))

    lines = (
        _lines(
            f"{args.folds}-fold cross-validation ({report['cross_validation_seconds']:.0f} s)",
            report["cross_validation"],
        )
        if args.folds
        else []
    )
    lines += _lines("independent held-out set", report["independent"])
    lines += _lines("development held-out set", report["development"])
    entities = report["entities"]
    lines.append(
        f"profile entities (independent set): micro-F1 {entities['micro_f1']:.3f} "
        f"(P {entities['precision']:.3f}, R {entities['recall']:.3f}); weakest: "
        + ", ".join(f"{k} {v:.2f}" for k, v in sorted(entities["per_slot"].items(), key=lambda kv: kv[1])[:4])
    )
    lines.append(
        f"parse time per message: p50 {report['parse_ms']['p50']:.1f} ms, p95 {report['parse_ms']['p95']:.1f} ms"
    )
    lines.append(f"model size: {report['model_mb']:.1f} MiB")
    lines.append(
        "fallback threshold (development set): "
        + ", ".join(
            f"{r['threshold']:.2f}: {r['coverage']:.0%} covered, {r['precision']:.3f} precise" for r in tradeoff[4:12:2]
        )
    )
    lines.append(
        "intent macro-F1 without the fallback: "
        + ", ".join(f"{k} {v:.3f}" for k, v in report["without_fallback"].items())
    )
    lines.append(f"written: {out / 'report.json'}, {out / 'fallback_drempel.png'}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
