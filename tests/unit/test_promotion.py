"""The binding gate: make run serves the promoted model; a worse candidate is refused and
leaves it in place; development training never replaces it. Tiny files stand in for the
model archives (the gate and the promotion do not open them; tests/slow/test_retrain.py
evaluates real models)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from bot.maintenance import production, retrain
from bot.maintenance.gate import Metrics

ROOT = Path(__file__).resolve().parents[2]
SUPPORT = {"out_of_scope": 12, "faq": 40, "inform": 60}
TEXTS = [f"vraag {i} over iets anders" for i in range(12)]


def metrics(f1_out_of_scope: float, wrong: int, macro: float) -> Metrics:
    predictions = {text: ("out_of_scope", "faq" if i < wrong else "out_of_scope") for i, text in enumerate(TEXTS)}
    return Metrics(
        macro, macro, {"out_of_scope": f1_out_of_scope, "faq": 0.9, "inform": 0.9}, 1.0, SUPPORT, predictions
    )


def served_by_run_sh(production_dir: Path) -> Path:
    env = {**os.environ, "PRODUCTIE_DIR": str(production_dir)}
    env.pop("RASA_MODEL", None)
    env.pop("MODEL_DIR", None)
    result = subprocess.run(
        [str(ROOT / "scripts" / "run.sh"), "--welk-model"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def test_a_fresh_clone_serves_the_development_model(tmp_path):
    assert served_by_run_sh(tmp_path / "productie") == production.DEVELOPMENT


def test_a_worse_candidate_is_refused_and_make_run_keeps_serving_the_promoted_model(tmp_path, capsys):
    prod = tmp_path / "productie"
    good, worse = tmp_path / "goed.tar.gz", tmp_path / "slechter.tar.gz"
    good.write_bytes(b"het goede model")
    worse.write_bytes(b"een slechter model")
    production.promote(good, prod)
    promoted = prod / production.NAME
    before = production.fingerprint(promoted)
    assert served_by_run_sh(prod) == promoted

    out = tmp_path / "rapport"
    status = retrain.conclude(metrics(0.90, 1, 0.85), metrics(0.55, 6, 0.84), worse, promoted, prod, out)
    assert status == 3
    assert "Niet gepromoveerd" in capsys.readouterr().err
    assert production.fingerprint(promoted) == before == production.fingerprint(good)
    assert served_by_run_sh(prod) == promoted  # make run still serves the promoted model
    report = (out / "rapport.md").read_text()
    assert "Niet gepromoveerd: het huidige model blijft." in report
    assert "### out_of_scope: 0.90 -> 0.55 (blokkeert)" in report
    assert "12 apart gehouden voorbeeld(en); 5 bericht(en) anders voorspeld:" in report
    for text in TEXTS[1:6]:
        assert f'- "{text}" (hoort bij out_of_scope): out_of_scope -> faq' in report
    assert "| out_of_scope | 12 | 0.90 | 0.55 |" in report
    decision = json.loads((out / "besluit.json").read_text())
    assert decision["gepromoveerd"] is False and decision["dalingen"][0]["voorbeelden"] == 12
    assert decision["model_van_make_run"] == str(promoted)


def test_a_better_candidate_is_promoted_and_the_previous_one_kept(tmp_path):
    prod = tmp_path / "productie"
    good, better = tmp_path / "goed.tar.gz", tmp_path / "beter.tar.gz"
    good.write_bytes(b"het goede model")
    better.write_bytes(b"een beter model")
    production.promote(good, prod)
    out = tmp_path / "rapport"
    assert (
        retrain.conclude(metrics(0.90, 1, 0.85), metrics(0.92, 0, 0.87), better, prod / production.NAME, prod, out) == 0
    )
    assert production.fingerprint(served_by_run_sh(prod)) == production.fingerprint(better)
    assert (out / "vorige.tar.gz").read_bytes() == b"het goede model"
    assert "Gepromoveerd" in (out / "rapport.md").read_text()


def test_development_training_cannot_replace_the_promoted_model():
    """make train writes only the development model; only the promotion writes bot/models/productie."""
    makefile = (ROOT / "Makefile").read_text()
    assert "--out bot/models --fixed-model-name onderwijsloket" in makefile
    assert "models/productie" not in makefile  # run-productie starts the set; it writes no model
    writers = [
        path.relative_to(ROOT)
        for path in (ROOT / "bot").rglob("*.py")
        if "production_dir()" in path.read_text() or "PRODUCTION_DIR" in path.read_text()
    ]
    assert sorted(map(str, writers)) == ["bot/maintenance/production.py", "bot/maintenance/retrain.py"]


def test_a_model_is_evaluated_once_for_the_same_data_and_code(tmp_path, monkeypatch):
    """make retrain keeps each evaluation by model, held-out data, stories and code: evaluating
    the same model again reuses it (with its charts); another model is evaluated anew."""
    calls = []

    def evaluate(model, out, action_url, log):
        calls.append(model.name)
        (out / "nlu").mkdir(parents=True, exist_ok=True)
        (out / "nlu" / "intent_histogram.png").write_bytes(b"png " + model.read_bytes())
        return metrics(0.9, len(calls), 0.8)

    monkeypatch.setattr(retrain, "evaluate", evaluate)
    cache, first, second = tmp_path / "cache", tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    first.write_bytes(b"model a")
    second.write_bytes(b"model b")
    url = lambda: "http://localhost:1/webhook"  # noqa: E731
    one = retrain.evaluate_once(first, tmp_path / "1", url, tmp_path / "log", cache)
    again = retrain.evaluate_once(first, tmp_path / "2", url, tmp_path / "log", cache)
    other = retrain.evaluate_once(second, tmp_path / "3", url, tmp_path / "log", cache)
    assert calls == ["a.tar.gz", "b.tar.gz"]
    assert again == one and other != one
    assert (tmp_path / "2" / "nlu" / "intent_histogram.png").read_bytes() == b"png model a"
    first.write_bytes(b"model a, retrained")
    retrain.evaluate_once(first, tmp_path / "4", url, tmp_path / "log", cache)
    assert calls == ["a.tar.gz", "b.tar.gz", "a.tar.gz"]
