"""Institutions "bij mij in de buurt": sorted by distance from the person's province (the
coordinates table in bot/knowledge/geo.py), and only known loket domains (kb-check)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.advice import followup
from bot.advice.advice_profile import AdviceProfile
from bot.advice.engine import advise
from bot.knowledge import geo
from bot.knowledge.check import check
from bot.knowledge.content import CONTENT_DIR

LIMBURG_VO = AdviceProfile(
    vooropleiding="hbo-bachelor",
    studierichting="economie",
    sector="vo",
    schoolvak="economie",
    baan_op_school="nee",
    studievorm="deeltijd",
    provincie="limburg",
    nederlands_niveau="moedertaal",
    diploma_buitenland=False,
    werkervaring_jaren=8,
    huidig_beroep="accountmanager",
    huidige_bevoegdheid="geen",
)
LIMBURG_PO = AdviceProfile(**{**LIMBURG_VO.__dict__, "sector": "po", "schoolvak": None})


def _listed(text: str):
    """The institution names of the "- Naam (Plaats): url" lines."""
    return [line[2:].rsplit(": ", 1)[0].rsplit(" (", 1)[0] for line in text.splitlines() if line.startswith("- ")]


def test_limburg_lists_limburg_institutions_first(catalog):
    advice = advise(LIMBURG_VO, catalog)
    for suggestion in advice.routes:
        text = followup.answer("buurt", suggestion.route.id, LIMBURG_VO, advice, catalog)[0]
        in_limburg = [i.naam for i in catalog.institutions_for("limburg", suggestion.route.id)]
        names = _listed(text)
        if in_limburg:
            assert text.startswith(f"Hier kun je {suggestion.route.titel} volgen in Limburg:"), text
            assert names[: len(in_limburg)] and set(names[: len(in_limburg)]) == set(in_limburg), text
        assert "Leeuwarden" not in text and "NHL Stenden" not in text, text
        assert "ou.nl" not in text and "https://www.onderwijsloket.com" in text, text
    deeltijd = followup.answer("buurt", "pabo-deeltijd", LIMBURG_PO, advise(LIMBURG_PO, catalog), catalog)[0]
    assert _listed(deeltijd)[0] == "De Nieuwste Pabo (Zuyd Hogeschool en Fontys)", deeltijd


def test_without_a_limburg_institution_the_nearest_come_first(catalog):
    advice = advise(LIMBURG_PO, catalog)
    text = followup.answer("buurt", "pabo-verkort", LIMBURG_PO, advice, catalog)[0]
    assert "Het dichtst bij Limburg:" in text
    offering = [i for i in catalog.institutions if "pabo-verkort" in i.routes]
    origin = geo.PROVINCIES["limburg"]
    nearest = sorted(offering, key=lambda i: geo.distance_km(origin, geo.PLAATSEN[i.plaats]))[:3]
    assert _listed(text) == [i.naam for i in nearest]
    distances = [geo.distance_km(origin, geo.PLAATSEN[i.plaats]) for i in nearest]
    assert distances == sorted(distances) and distances[0] < 120


def test_distances_are_plausible():
    assert 240 < geo.distance_km(geo.PLAATSEN["Maastricht"], geo.PLAATSEN["Groningen"]) < 300
    assert geo.distance_km(geo.PROVINCIES["limburg"], geo.PLAATSEN["Sittard"]) < 40
    for province, point in geo.PROVINCIES.items():
        assert 50.7 < point[0] < 53.6 and 3.3 < point[1] < 7.3, province


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def test_kb_check_accepts_only_known_loket_domains(content):
    assert check(CONTENT_DIR) == []
    path = content / "loketten.yml"
    path.write_text(path.read_text().replace("url: https://www.lesgeveninzeeland.nl", "url: https://www.ou.nl"))
    assert check(content) == [
        "loket lesgeven-in-zeeland: https://www.ou.nl is geen bekend loketdomein (zie 'domeinen' in loketten.yml)"
    ]


def test_kb_check_wants_coordinates_for_every_institution_city(content):
    path = content / "instellingen.yml"
    path.write_text(path.read_text().replace("plaats: Sittard", "plaats: Sittardd", 1))
    assert any("plaats 'Sittardd' staat niet in bot/knowledge/geo.py" in p for p in check(content))
