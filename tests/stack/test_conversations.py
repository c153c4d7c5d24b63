"""End-to-end conversation stories (tests/test_*.yml) with `rasa test core`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]


def test_conversation_stories_pass(stack, tmp_path):
    out = tmp_path / "results"
    env = {**os.environ, "ACTION_ENDPOINT_URL": f"{stack.actions}/webhook", "TRACKER_DB": str(tmp_path / "t.db")}
    result = subprocess.run(
        [
            str(ROOT / ".venv/bin/rasa"),
            "test",
            "core",
            "--model",
            "bot/models",
            "--stories",
            *sorted(str(p) for p in (ROOT / "tests").glob("test_*.yml")),
            "--endpoints",
            "endpoints.yml",
            "--fail-on-prediction-errors",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = out / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, f"{details}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert (out / "story_report.json").exists()
