"""make retrain: a deliberately weak candidate is kept out and make run keeps serving the
promoted model; a better one is promoted. Both evaluated on the held-out set with the real
action server; the report has plots, support per intent and the changed messages."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_promotion import served_by_run_sh

ROOT = Path(__file__).resolve().parents[2]
CURRENT = ROOT / "bot" / "models" / "onderwijsloket.tar.gz"
PNG = b"\x89PNG\r\n\x1a\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def retrain(*args: str):
    return subprocess.run(
        [sys.executable, "-m", "bot.maintenance.retrain", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1500,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture(scope="module")
def weak_run(tmp_path_factory):
    assert CURRENT.exists(), "make test traint eerst het model"
    work = tmp_path_factory.mktemp("retrain")
    production = work / "productie"
    production.mkdir()
    shutil.copy(CURRENT, production / "onderwijsloket.tar.gz")  # the promoted model
    before = digest(production / "onderwijsloket.tar.gz"), digest(CURRENT)
    out = work / "zwak"
    result = retrain("--config", "tests/data/config_zwak.yml", "--uit", str(out), "--productie", str(production))
    # a blocked candidate replaces nothing, and make run keeps serving the promoted model
    assert (digest(production / "onderwijsloket.tar.gz"), digest(CURRENT)) == before
    assert served_by_run_sh(production) == production / "onderwijsloket.tar.gz"
    return result, out


def test_a_deliberately_weak_candidate_is_blocked_with_reasons_and_plots(weak_run):
    result, out = weak_run
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Niet gepromoveerd" in result.stderr
    decision = json.loads((out / "besluit.json").read_text())
    assert decision["gepromoveerd"] is False and decision["mag_door"] is False
    assert any("daalt" in reason for reason in decision["redenen"])
    report = (out / "rapport.md").read_text()
    assert "Niet gepromoveerd: het huidige model blijft." in report
    assert "| intent | voorbeelden | F1 huidig | F1 kandidaat |" in report
    for drop in decision["dalingen"]:
        assert drop["voorbeelden"] > 0 and f"{drop['voorbeelden']} apart gehouden voorbeeld(en)" in report
        for change in drop["veranderd"]:
            assert change["text"] in report
    for chart in ("f1_per_intent.png", "huidig_intent_confusion_matrix.png", "kandidaat_intent_histogram.png"):
        assert (out / chart).read_bytes()[:8] == PNG, chart


def test_a_better_candidate_is_promoted(weak_run, tmp_path):
    _, out = weak_run
    weak_model = tmp_path / "zwak.tar.gz"
    shutil.copy(out / "model" / "kandidaat.tar.gz", weak_model)  # play "current" with the weak model
    production = tmp_path / "productie"
    production.mkdir()
    shutil.copy(weak_model, production / "onderwijsloket.tar.gz")  # the weak model was promoted before
    result = retrain("--kandidaat", str(CURRENT), "--productie", str(production), "--uit", str(tmp_path / "beter"))
    assert result.returncode == 0, result.stdout + result.stderr
    decision = json.loads((tmp_path / "beter" / "besluit.json").read_text())
    assert decision["gepromoveerd"] is True
    assert digest(served_by_run_sh(production)) == digest(CURRENT)  # the better model took its place
    assert digest(tmp_path / "beter" / "vorige.tar.gz") == digest(weak_model)  # and the old one is kept
