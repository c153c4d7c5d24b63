"""The advice engine against the profile table (tests/data/advies_profielen.yml) and its invariants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.advice import AdviceProfile, advise
from bot.advice.eligibility import Status, evaluate
from bot.advice.render import messages, payload
from bot.knowledge.slugs import CONTRACT_ROUTE_IDS
from bot.profile import values

TABLE = yaml.safe_load((Path(__file__).parents[1] / "data" / "advies_profielen.yml").read_text(encoding="utf-8"))[
    "profielen"
]
RULES = {f"R{n}" for n in range(1, 15)}
BACHELOR_LEVELS = {"bachelor", "wo-bachelor", "wo-master"}


def test_the_table_has_at_least_40_profiles_and_covers_every_rule():
    assert len(TABLE) >= 40
    covered = {rule for case in TABLE for rule in case["regels"]}
    assert covered >= RULES, RULES - covered
    assert len({case["naam"] for case in TABLE}) == len(TABLE)


@pytest.mark.parametrize("case", TABLE, ids=[case["naam"] for case in TABLE])
def test_profile_table(case, catalog):
    advice = advise(AdviceProfile.from_mapping(case["profiel"]), catalog)
    ids = advice.route_ids
    assert 1 <= len(ids) <= 3
    assert ids[0] in case["eerste"], advice.explain()
    for route_id in case.get("ook", []):
        assert route_id in ids, advice.explain()
    for route_id in case.get("nooit", []):
        assert route_id not in ids, advice.explain()


def test_the_engine_applies_every_rule_on_the_table(catalog):
    fired = set()
    for case in TABLE:
        advice = advise(AdviceProfile.from_mapping(case["profiel"]), catalog)
        fired |= {rule for item in advice.routes for rule in item.regels}
        fired |= {rule for gap in advice.gaten for rule in gap.regels}
        fired |= {note.regel for note in advice.stappen + advice.notities + advice.financiering if note.regel}
    assert fired >= RULES, RULES - fired


def test_brief_example_hbo_with_a_school_in_zwolle(catalog):
    profile = AdviceProfile(
        vooropleiding="hbo-bachelor",
        studierichting="bedrijfskunde",
        sector="po",
        baan_op_school="ja",
        provincie="overijssel",
        leeftijd=38,
    )
    advice = advise(profile, catalog)
    assert advice.route_ids[0] == "zib-po"
    assert "pabo-verkort" in advice.route_ids
    assert advice.loket.naam == "Oost Werkt"


@pytest.mark.parametrize("sector", ["po", "vo", "mbo", "so", "onbekend", None])
@pytest.mark.parametrize("job", ["ja", "nee", "in-gesprek", None])
def test_havo_only_never_gets_a_route_that_needs_a_bachelor_and_hears_why(sector, job, catalog):
    advice = advise(AdviceProfile(vooropleiding="havo", sector=sector, baan_op_school=job), catalog)
    for item in advice.routes:
        levels = {e.waarde for e in item.route.eisen if e.soort == "niveau"}
        assert not levels & BACHELOR_LEVELS, item.route.id
    text = "\n".join(m["text"] for m in messages(advice))
    if sector in {"po", "so", "vo"}:
        assert "kan nu nog niet" in text and "hbo- of wo-" in text


def test_an_associate_degree_is_not_a_bachelor(catalog):
    advice = advise(AdviceProfile(vooropleiding="associate-degree", sector="po", baan_op_school="ja"), catalog)
    assert "zib-po" not in advice.route_ids and advice.route_ids[0] == "pabo-deeltijd"
    assert any("associate degree telt niet" in m for gap in advice.gaten for m in gap.mist)


def test_historical_schemes_are_never_suggested(catalog):
    assert {"eerst-de-klas", "stap-budget", "aan-de-slag-voor-de-klas"} <= set(catalog.historic)
    assert not set(catalog.historic) & set(catalog.routes)


def test_every_suggestion_explains_its_rules_and_facts(catalog):
    advice = advise(
        AdviceProfile(
            vooropleiding="wo-master",
            studierichting="scheikunde",
            sector="vo",
            schoolvak="scheikunde",
            baan_op_school="nee",
        ),
        catalog,
    )
    explanation = advice.explain()
    assert explanation.startswith("1. ulo-1jr")
    assert "R7" in explanation and "vooropleiding='wo-master'" in explanation
    assert re.search(r"- niet: zib-vo-(1e|2e) .*: mist een school die je wil aannemen", explanation)


profiles = st.builds(
    AdviceProfile,
    vooropleiding=st.none() | st.sampled_from(values.VOOROPLEIDING),
    studierichting=st.none()
    | st.sampled_from(
        [
            "scheikunde",
            "bedrijfskunde",
            "psychologie",
            "rechten",
            "bouwkunde",
            "verpleegkunde",
            "engels",
            "pabo",
            "geschiedenis",
        ]
    ),
    diploma_buitenland=st.none() | st.booleans(),
    werkervaring_jaren=st.none() | st.integers(0, 40),
    huidig_beroep=st.none() | st.sampled_from(["student", "instructeur", "accountant", "onderwijsassistent"]),
    sector=st.none() | st.sampled_from(values.SECTOR),
    schoolvak=st.none()
    | st.sampled_from(
        ["wiskunde", "scheikunde", "engels", "economie", "bouwen-wonen-interieur", "klassieke-talen", "zorg-en-welzijn"]
    ),
    baan_op_school=st.none() | st.sampled_from(values.BAAN_OP_SCHOOL),
    studievorm=st.none() | st.sampled_from(values.STUDIEVORM),
    provincie=st.none() | st.sampled_from(values.PROVINCIE),
    nederlands_niveau=st.none() | st.sampled_from(values.NEDERLANDS_NIVEAU),
    huidige_bevoegdheid=st.none() | st.sampled_from(values.HUIDIGE_BEVOEGDHEID),
    leeftijd=st.none() | st.integers(16, 70),
    twijfelt=st.none() | st.booleans(),
    inkomen_nodig=st.none() | st.booleans(),
    academisch=st.none() | st.booleans(),
    dagen_beschikbaar=st.none() | st.integers(0, 5),
)


@settings(max_examples=400, deadline=None)
@given(profile=profiles)
def test_invariants_for_any_profile(profile, catalog):
    advice = advise(profile, catalog)
    assert advise(profile, catalog) == advice  # deterministic
    assert 1 <= len(advice.routes) <= 3
    assert len(set(advice.route_ids)) == len(advice.route_ids)
    for item in advice.routes:
        assert item.route.id in CONTRACT_ROUTE_IDS
        checks = evaluate(item.route, profile, catalog).checks
        assert all(c.status != Status.MISSING for c in checks), (item.route.id, advice.explain())
        assert item.waarom
    for gap in advice.gaten:
        assert gap.route.id not in advice.route_ids and gap.mist and gap.bronnen
    body = payload(advice)
    assert [r["id"] for r in body["routes"]] == list(advice.route_ids)
    for route in body["routes"]:
        assert route["bron"].startswith("https://") and re.match(r"\d{4}-\d{2}-\d{2}$", route["bijgewerkt"])


def test_payload_follows_the_contract(catalog):
    advice = advise(
        AdviceProfile(
            vooropleiding="hbo-bachelor",
            studierichting="verpleegkunde",
            sector="mbo",
            baan_op_school="ja",
            werkervaring_jaren=10,
            provincie="utrecht",
        ),
        catalog,
    )
    body = payload(advice)
    assert body["type"] == "route_suggestions"
    assert [r["id"] for r in body["routes"]][:2] in (["pdg-mbo", "zib-mbo"], ["zib-mbo", "pdg-mbo"])
    for route in body["routes"]:
        assert set(route) >= {"id", "titel", "waarom", "duur", "kosten", "bron"}
    assert body["loket"] == {"naam": "UtrechtLeert", "url": "https://www.utrechtleert.nl"}
    assert isinstance(body["evc"], list) and isinstance(body["volgende_stappen"], list)
    assert all(step["bron"] for step in body["volgende_stappen"])


def test_text_names_sources_with_dates_and_flags_uncertain_facts(catalog):
    advice = advise(
        AdviceProfile(
            vooropleiding="hbo-bachelor",
            studierichting="verpleegkunde",
            sector="mbo",
            baan_op_school="ja",
            werkervaring_jaren=10,
        ),
        catalog,
    )
    text = "\n".join(m["text"] for m in messages(advice))
    assert re.search(r"Bron: https://\S+ \(bijgewerkt: \d{2}-\d{2}-\d{4}\)", text)
    assert "Vraag dit na bij de opleiding." in text  # PDG costs are uncertain
    assert messages(advice)[-1]["buttons"][-1]["payload"] == "/human_handoff"


def test_payload_starts_with_a_short_answer(catalog):
    advice = advise(
        AdviceProfile(
            vooropleiding="hbo-bachelor",
            studierichting="verpleegkunde",
            sector="mbo",
            baan_op_school="ja",
            werkervaring_jaren=10,
            provincie="utrecht",
        ),
        catalog,
    )
    body = payload(advice)
    best = body["routes"][0]
    assert body["kort"] == f"Mijn advies: {best['titel']}. {best['waarom']}"
    assert len([s for s in re.split(r"(?<=[.!?])\s+", body["kort"]) if s]) <= 5


def _ids(catalog, **profile):
    return advise(AdviceProfile.from_mapping(profile), catalog).route_ids


def test_a_teacher_from_abroad_with_a_degree_gets_no_bachelors_programme_from_the_start(catalog):
    ids = _ids(
        catalog,
        vooropleiding="wo-master",
        studierichting="duits",
        diploma_buitenland=True,
        huidige_bevoegdheid="buitenlands",
        sector="vo",
        schoolvak="duits",
        studievorm="deeltijd",
        baan_op_school="nee",
        nederlands_niveau="c1",
    )
    assert ids[0] == "duo-erkenning-buitenland"
    assert "tweedegraads-deeltijd" not in ids and "pabo-deeltijd" not in ids


def test_dutch_at_b1_keeps_selection_routes_out_of_the_advice(catalog):
    profile = dict(
        vooropleiding="wo-master",
        studierichting="scheikunde",
        diploma_buitenland=True,
        huidige_bevoegdheid="geen",
        sector="vo",
        schoolvak="scheikunde",
        studievorm="deeltijd",
        baan_op_school="nee",
    )
    assert "trainees-in-onderwijs" in _ids(catalog, **profile, nederlands_niveau="c1")
    ids = _ids(catalog, **profile, nederlands_niveau="b1-of-lager")
    assert ids[0] == "ulo-1jr"
    assert not {"trainees-in-onderwijs", "zib-vo-1e"} & set(ids)


def test_without_hbo_entry_a_full_programme_comes_after_a_look_around(catalog):
    # mbo-3 needs the 21+ test before a bachelor's programme (R3).
    ids = _ids(
        catalog,
        vooropleiding="mbo-3",
        studierichting="bakker",
        sector="onbekend",
        schoolvak="brood en banket",
        studievorm="deeltijd",
        baan_op_school="nee",
        huidige_bevoegdheid="geen",
    )
    assert ids[0] == "orientatie"
    assert "pabo-deeltijd" not in ids
