"""Retrain, evaluate, promote.

  python -m bot.maintenance.retrain [--config config.yml] [--kandidaat MODEL] [--huidig MODEL]
                                    [--productie DIR] [--drempel 0.01] [--niet-promoveren]

Trains a candidate on bot/data (unless --kandidaat names one) into the report folder,
evaluates the candidate and the current model (the one make run serves) on the same
held-out data (tests/data/nlu_heldout.yml: never used for training; the conversations of
tests/test_gesprekken.yml with the action server), writes a Markdown report with plots to
var/rapporten/retrain-<tijd>/ and promotes the candidate to bot/models/productie/ only when
the gate (bot/maintenance/gate.py) allows it (bot/maintenance/production.py). Nothing else
writes there. Exit code 0: promoted (or allowed with --niet-promoveren), 3: refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Optional

from bot.maintenance.gate import Decision, Metrics, decide
from bot.maintenance.production import fingerprint, production_dir, promote, served_model
from bot.settings import ROOT

RASA = ROOT / ".venv" / "bin" / "rasa"
HELDOUT = ROOT / "tests" / "data" / "nlu_heldout.yml"
STORIES = ROOT / "tests" / "test_gesprekken.yml"
REPORTS = ROOT / "var" / "rapporten"
#: Evaluations kept by what decides their outcome (model, test data, the code the actions run).
EVALUATIONS = REPORTS / "evaluaties"
CHARTS = ("intent_confusion_matrix.png", "intent_histogram.png")
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}


def _run(args, log: Path, env=None) -> None:
    with log.open("a") as handle:
        result = subprocess.run(
            [str(a) for a in args], cwd=ROOT, env=env or ENV, stdout=handle, stderr=subprocess.STDOUT
        )
    if result.returncode != 0:
        raise RuntimeError(f"mislukt: {' '.join(str(a) for a in args[:3])} ... (zie {log})")


def train(config: Path, out: Path, log: Path) -> Path:
    _run(
        [
            RASA,
            "train",
            "--data",
            "bot/data",
            "--domain",
            "domain.yml",
            "--config",
            config,
            "--out",
            out,
            "--fixed-model-name",
            "kandidaat",
        ],
        log,
    )
    return out / "kandidaat.tar.gz"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def evaluate(model: Path, out: Path, action_url: str, log: Path) -> Metrics:
    out.mkdir(parents=True, exist_ok=True)
    _run([RASA, "test", "nlu", "--nlu", HELDOUT, "--model", model, "--out", out / "nlu", "--successes"], log)
    report = json.loads((out / "nlu" / "intent_report.json").read_text())
    intents = {
        name: value
        for name, value in report.items()
        if isinstance(value, dict) and "f1-score" in value and name not in {"macro avg", "weighted avg", "micro avg"}
    }
    per_intent = {name: value["f1-score"] for name, value in intents.items()}
    support = {name: int(value.get("support") or 0) for name, value in intents.items()}
    predictions = {}
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out / "nlu" / name
        for item in json.loads(path.read_text()) if path.exists() else []:
            predictions[item["text"]] = (item["intent"], (item.get("intent_prediction") or {}).get("name") or "")
    env = {**ENV, "ACTION_ENDPOINT_URL": action_url, "TRACKER_DB": str(out / "tracker.db")}
    core = subprocess.run(
        [
            str(RASA),
            "test",
            "core",
            "--model",
            str(model),
            "--stories",
            str(STORIES),
            "--endpoints",
            "endpoints.yml",
            "--out",
            str(out / "core"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    with log.open("a") as handle:
        handle.write(core.stdout[-5000:] + core.stderr[-5000:])
    total = sum(1 for line in STORIES.read_text().splitlines() if line.startswith("- story:"))
    failed_file = out / "core" / "failed_test_stories.yml"
    failed = (
        sum(1 for line in failed_file.read_text().splitlines() if line.startswith("- story:"))
        if failed_file.exists()
        else 0
    )
    story_accuracy = (total - failed) / total if total and core.returncode == 0 else (0.0 if total else None)
    return Metrics(
        report["macro avg"]["f1-score"],
        report["weighted avg"]["f1-score"],
        per_intent,
        story_accuracy,
        support,
        predictions,
    )


def evaluation_key(model: Path) -> str:
    """What an evaluation's outcome depends on: the model's bytes, the held-out data, the test
    stories and the bot's Python code (the actions run during the stories)."""
    digest = hashlib.sha256(fingerprint(model).encode())
    for path in [HELDOUT, STORIES, *sorted((ROOT / "bot").rglob("*.py"))]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def evaluate_once(
    model: Path, out: Path, action_url: Callable[[], str], log: Path, cache: Path = EVALUATIONS
) -> Metrics:
    """``evaluate``, or the kept result of an evaluation of the same model on the same data and code."""
    key = evaluation_key(model)
    kept = cache / f"{key}.json"
    if kept.exists():
        data = json.loads(kept.read_text())
        data["predictions"] = {text: tuple(pair) for text, pair in data["predictions"].items()}
        (out / "nlu").mkdir(parents=True, exist_ok=True)
        for chart in CHARTS:
            if (cache / f"{key}_{chart}").exists():
                shutil.copy(cache / f"{key}_{chart}", out / "nlu" / chart)
        print(f"  {model.name}: dezelfde evaluatie als eerder (model, testdata en code gelijk): {kept}", flush=True)
        return Metrics(**data)
    metrics = evaluate(model, out, action_url(), log)
    cache.mkdir(parents=True, exist_ok=True)
    for chart in CHARTS:
        if (out / "nlu" / chart).exists():
            shutil.copy(out / "nlu" / chart, cache / f"{key}_{chart}")
    partial = kept.with_suffix(".tmp")
    partial.write_text(json.dumps(asdict(metrics), ensure_ascii=False))
    partial.replace(kept)
    return metrics


class ActionServer:
    def __init__(self, log: Path) -> None:
        self.port, self.log = _free_port(), log
        self.process = None

    def __enter__(self) -> ActionServer:
        return self

    def url(self) -> str:
        """Starts the action server the first time it is needed; its webhook URL."""
        if self.process is not None:
            return f"http://localhost:{self.port}/webhook"
        self.process = subprocess.Popen(
            [str(RASA), "run", "actions", "--actions", "bot.actions", "--port", str(self.port)],
            cwd=ROOT,
            env=ENV,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )
        from bot.readiness import actions_ready

        deadline = time.monotonic() + 120
        while not actions_ready(f"http://localhost:{self.port}"):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"de actieserver start niet (zie {self.log})")
            time.sleep(0.5)
        return f"http://localhost:{self.port}/webhook"

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(30)


def _plot_per_intent(old: Metrics, new: Metrics, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = sorted(set(old.per_intent) | set(new.per_intent))
    figure, axis = plt.subplots(figsize=(8, 0.6 + 0.32 * len(names)))
    positions = range(len(names))
    before = axis.barh(
        [p - 0.2 for p in positions],
        [old.per_intent.get(n, 0) for n in names],
        height=0.4,
        label="huidig",
        color="#8a96a3",
    )
    after = axis.barh(
        [p + 0.2 for p in positions],
        [new.per_intent.get(n, 0) for n in names],
        height=0.4,
        label="kandidaat",
        color="#00437a",
    )
    for bars in (before, after):
        axis.bar_label(bars, fmt="%.2f", padding=2, fontsize=7)
    axis.set_yticks(list(positions))
    axis.set_yticklabels([f"{n} (n={old.support.get(n, new.support.get(n, 0))})" for n in names])
    axis.invert_yaxis()
    axis.set_xlim(0, 1.12)
    axis.set_xlabel("F1 op de apart gehouden testset")
    axis.legend(loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write_report(
    out: Path,
    old: Metrics,
    new: Metrics,
    decision: Decision,
    candidate: Path,
    current: Path,
    promoted: bool,
    served: Optional[Path] = None,
) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    _plot_per_intent(old, new, out / "f1_per_intent.png")
    for label in ("huidig", "kandidaat"):
        for chart in CHARTS:
            source = out / label / "nlu" / chart
            if source.exists():
                shutil.copy(source, out / f"{label}_{chart}")
    verdict = (
        "Gepromoveerd: de kandidaat is nu het model van de bot."
        if promoted
        else "Niet gepromoveerd: het huidige model blijft."
        if not decision.promote
        else "De kandidaat mag door, maar promoveren stond uit (--niet-promoveren)."
    )
    drops = []
    for drop in decision.drops:
        drops += [
            "",
            f"### {drop.intent}: {drop.before:.2f} -> {drop.after:.2f} "
            f"({'blokkeert' if drop.blocks else 'geen oordeel: te weinig steun'})",
            "",
            f"{drop.support} apart gehouden voorbeeld(en); {len(drop.changes)} bericht(en) anders voorspeld:",
            "",
        ]
        drops += [f"- {change}" for change in drop.changes] or ["- (geen)"]
    names = sorted(set(old.per_intent) | set(new.per_intent))
    per_intent = ["| intent | voorbeelden | F1 huidig | F1 kandidaat |", "|---|---|---|---|"] + [
        f"| {n} | {old.support.get(n, new.support.get(n, 0))} | {old.per_intent.get(n, 0):.2f} | "
        f"{new.per_intent.get(n, 0):.2f} |"
        for n in names
    ]
    story = lambda m: "n.v.t." if m.story_accuracy is None else f"{m.story_accuracy:.0%}"  # noqa: E731
    lines = [
        f"# Hertrainen: {out.name}",
        "",
        f"**{verdict}**",
        "",
        "## Redenen",
        "",
        *[f"- {reason}" for reason in decision.reasons],
        *drops,
        "",
        f"Model dat make run nu gebruikt: `{served}`"
        + (f" (vingerafdruk {fingerprint(served)})" if served and served.exists() else ""),
        "",
        "## Cijfers (zelfde apart gehouden data)",
        "",
        "| maat | huidig | kandidaat |",
        "|---|---|---|",
        f"| intent macro-F1 | {old.intent_macro_f1:.3f} | {new.intent_macro_f1:.3f} |",
        f"| intent gewogen F1 | {old.intent_weighted_f1:.3f} | {new.intent_weighted_f1:.3f} |",
        f"| testgesprekken goed | {story(old)} | {story(new)} |",
        "",
        f"Huidig model: `{current}`; kandidaat: `{candidate}`. Testset: `{HELDOUT.relative_to(ROOT)}` (nooit gebruikt "
        f"om te trainen) en `{STORIES.relative_to(ROOT)}`. Entiteiten komen uit de regelgebaseerde extractor en zijn "
        "voor beide modellen gelijk: zie `make bench-nlu`.",
        "",
        "## F1 per intentie",
        "",
        *per_intent,
        "",
        "![F1 per intentie](f1_per_intent.png)",
        "",
        "## Verwarringsmatrix",
        "",
        "Huidig:",
        "",
        "![huidig](huidig_intent_confusion_matrix.png)",
        "",
        "Kandidaat:",
        "",
        "![kandidaat](kandidaat_intent_confusion_matrix.png)",
        "",
        "## Zekerheid van de voorspellingen",
        "",
        "![huidig](huidig_intent_histogram.png)",
        "![kandidaat](kandidaat_intent_histogram.png)",
        "",
    ]
    path = out / "rapport.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    (out / "besluit.json").write_text(
        json.dumps(
            {
                "gepromoveerd": promoted,
                "mag_door": decision.promote,
                "redenen": decision.reasons,
                "dalingen": [
                    {
                        "intent": d.intent,
                        "voor": d.before,
                        "na": d.after,
                        "voorbeelden": d.support,
                        "blokkeert": d.blocks,
                        "veranderd": [c.__dict__ for c in d.changes],
                    }
                    for d in decision.drops
                ],
                "model_van_make_run": str(served) if served else None,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.maintenance.retrain",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--kandidaat", type=Path, default=None, help="een al getraind model in plaats van trainen")
    parser.add_argument(
        "--huidig",
        type=Path,
        default=None,
        help="model om mee te vergelijken (standaard: het model dat make run gebruikt)",
    )
    parser.add_argument(
        "--productie", type=Path, default=None, help="map van het gepromoveerde model (standaard bot/models/productie)"
    )
    parser.add_argument("--drempel", type=float, default=0.01, help="toegestane daling van de macro-F1")
    parser.add_argument("--niet-promoveren", action="store_true")
    parser.add_argument("--uit", type=Path, default=None)
    args = parser.parse_args(argv)
    production = args.productie or production_dir()
    args.huidig = args.huidig or served_model(production)
    if not args.huidig.exists():
        print(f"Geen huidig model op {args.huidig}; train eerst (make train).", file=sys.stderr)
        return 2
    if not HELDOUT.exists():
        print(f"De apart gehouden testset ontbreekt: {HELDOUT}", file=sys.stderr)
        return 2
    out = args.uit or REPORTS / f"retrain-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"
    out.mkdir(parents=True, exist_ok=True)
    log = out / "log.txt"
    try:
        candidate = args.kandidaat or train(args.config, out / "model", log)
        print(f"Kandidaat: {candidate}. Evalueren ...", flush=True)
        with ActionServer(log) as server:
            old = evaluate_once(args.huidig, out / "huidig", server.url, log)
            new = evaluate_once(candidate, out / "kandidaat", server.url, log)
    except RuntimeError as error:
        print(f"Hertrainen mislukt: {error}", file=sys.stderr)
        return 1
    return conclude(old, new, candidate, args.huidig, production, out, args.drempel, args.niet_promoveren)


def conclude(
    old: Metrics,
    new: Metrics,
    candidate: Path,
    current: Path,
    production: Path,
    out: Path,
    max_drop: float = 0.01,
    dry_run: bool = False,
) -> int:
    """The gate's decision on two evaluated models, the promotion it allows, the report."""
    decision = decide(old, new, max_drop=max_drop)
    promoted = False
    if decision.promote and not dry_run:
        promote(candidate, production, keep_previous_in=out, report=out / "rapport.md")
        promoted = True
    served = served_model(production)
    path = write_report(out, old, new, decision, candidate, current, promoted, served)
    print(f"Rapport: {path}")
    for reason in decision.reasons:
        print(f"  - {reason}")
    for drop in decision.drops:
        for change in drop.changes:
            print(f"      {drop.intent}: {change}")
    if promoted:
        print(f"Gepromoveerd. make run gebruikt nu {served} (vingerafdruk {fingerprint(served)}).")
    elif not decision.promote:
        print(f"Niet gepromoveerd: de kandidaat is slechter. make run blijft {served} gebruiken.", file=sys.stderr)
    else:
        print("Mag door (niet gepromoveerd: --niet-promoveren).")
    return 0 if decision.promote else 3


if __name__ == "__main__":
    sys.exit(main())
