"""The advice engine's half of kb-check (bot/advice/coverage.py): the engine and the content's
condition keys agree, the steps and funding the engine names exist, every route is reachable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.advice import coverage, engine
from bot.advice.rules import Candidate
from bot.knowledge.content import CONTENT_DIR

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "inhoud"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_coverage_passes_on_the_repository_content():
    assert coverage.check() == []


def test_the_engine_implements_exactly_the_condition_keys_of_the_content(monkeypatch):
    assert coverage.engine_problems() == []
    monkeypatch.setitem(engine.CONDITIONS, "met-kat", lambda p, c: True)
    monkeypatch.delitem(engine.CONDITIONS, "tot-57")
    assert coverage.engine_problems() == [
        "voorwaarde 'tot-57' staat in bot/knowledge/conditions.py, maar de adviesmotor kent hem niet",
        "de adviesmotor kent voorwaarde 'met-kat', maar die staat niet in bot/knowledge/conditions.py",
    ]


def test_coverage_fails_on_an_unreachable_route(content):
    # Without its entry in the rules' reach (no sector), the DUO recognition becomes unreachable.
    _edit(
        content / "routes.yml",
        lambda d: next(r for r in d["routes"] if r["id"] == "duo-erkenning-buitenland").update(
            eisen=[
                {"soort": "niveau", "waarde": "wo-master", "tekst": "x", "bron": ["duo-buitenland"]},
                {"soort": "bevoegdheid", "waarde": "tweedegraads", "tekst": "y", "bron": ["duo-buitenland"]},
            ]
        ),
    )
    assert coverage.check(content) == [
        "route duo-erkenning-buitenland: het advies stelt deze route voor geen enkel profiel voor"
    ]


def test_coverage_wants_the_funding_the_engine_names(content):
    _edit(
        content / "financiering.yml",
        lambda d: d.update(financiering=[f for f in d["financiering"] if f["id"] != "halvering-collegegeld"]),
    )
    assert coverage.check(content) == [
        "financiering.yml: 'halvering-collegegeld' ontbreekt (de adviesregels gebruiken hem)"
    ]


def test_coverage_refuses_content_that_does_not_load(content):
    _edit(content / "stappen.yml", lambda d: d["stappen"][0].update(bron=["bestaat-niet"]))
    assert coverage.check(content) == [f"de inhoud in {content} is niet in orde; zie python -m bot.knowledge check"]


def test_the_rules_name_contract_routes_only():
    with pytest.raises(ValueError, match="onbekende route-id 'zib-basisonderwijs'"):
        Candidate("zib-basisonderwijs", 90, "", ("R5",))


def test_coverage_command_exit_codes(content):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "bot.advice.coverage"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert "kb-check (advies): elke route bereikbaar" in ok.stdout
    _edit(content / "stappen.yml", lambda d: d.update(stappen=[s for s in d["stappen"] if s["id"] != "hybride-docent"]))
    bad = subprocess.run(
        [sys.executable, "-m", "bot.advice.coverage", "--inhoud", str(content)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "FOUT: stappen.yml: stap 'hybride-docent' ontbreekt (de adviesregels gebruiken hem)" in bad.stderr
