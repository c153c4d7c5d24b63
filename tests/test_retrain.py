"""make retrain: a deliberately weak candidate is kept out; a better one is promoted.
Both evaluated on the held-out set with the real action server; the report has plots."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CURRENT = ROOT / "bot" / "models" / "onderwijsloket.tar.gz"
PNG = b"\x89PNG\r\n\x1a\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def retrain(*args: str):
    return subprocess.run([sys.executable, "-m", "bot.maintenance.retrain", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=1500, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def weak_run(tmp_path_factory):
    assert CURRENT.exists(), "make test traint eerst het model"
    before = digest(CURRENT)
    out = tmp_path_factory.mktemp("retrain") / "zwak"
    result = retrain("--config", "tests/data/config_zwak.yml", "--uit", str(out))
    assert digest(CURRENT) == before  # a blocked candidate never replaces the model
    return result, out


def test_a_deliberately_weak_candidate_is_blocked_with_reasons_and_plots(weak_run):
    result, out = weak_run
    assert result.returncode == 3, result.stdout + result.stderr
    decision = json.loads((out / "besluit.json").read_text())
    assert decision["gepromoveerd"] is False and decision["mag_door"] is False
    assert any("daalt" in reason for reason in decision["redenen"])
    report = (out / "rapport.md").read_text()
    assert "Niet gepromoveerd: het huidige model blijft." in report
    for chart in ("f1_per_intent.png", "huidig_intent_confusion_matrix.png", "kandidaat_intent_histogram.png"):
        assert (out / chart).read_bytes()[:8] == PNG, chart


def test_a_better_candidate_is_promoted(weak_run, tmp_path):
    _, out = weak_run
    weak_model = tmp_path / "zwak.tar.gz"
    shutil.copy(out / "model" / "kandidaat.tar.gz", weak_model)  # play "current" with the weak model
    result = retrain("--kandidaat", str(CURRENT), "--huidig", str(weak_model), "--uit", str(tmp_path / "beter"))
    assert result.returncode == 0, result.stdout + result.stderr
    decision = json.loads((tmp_path / "beter" / "besluit.json").read_text())
    assert decision["gepromoveerd"] is True
    assert digest(weak_model) == digest(CURRENT)  # the better model took its place
    assert (tmp_path / "beter" / "vorige.tar.gz").exists()  # and the old one is kept
