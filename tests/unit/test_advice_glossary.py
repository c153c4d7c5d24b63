"""Jargon is explained where it is used, once; the steps fit the sector."""

from __future__ import annotations

from bot.advice.advice_profile import AdviceProfile
from bot.advice.engine import advise
from bot.advice.glossary import explain
from bot.advice.render import messages, payload


def test_a_term_is_explained_once_at_its_first_use():
    text = explain("Je begint met een geschiktheidsonderzoek. Na het geschiktheidsonderzoek volgt de opleiding.")
    assert text == (
        "Je begint met een geschiktheidsonderzoek (een onderzoek of je geschikt bent als leraar). "
        "Na het geschiktheidsonderzoek volgt de opleiding."
    )
    assert explain("Een ervaringscertificaat (EVC) helpt.") == "Een ervaringscertificaat (EVC) helpt."
    assert (
        explain("Je betaalt instellingscollegegeld.")
        == "Je betaalt instellingscollegegeld (een hoger tarief dan het gewone collegegeld)."
    )
    assert (
        explain("Werken met leeruitkomsten.")
        == "Werken met leeruitkomsten (wat je aan het eind van een onderdeel moet kunnen)."
    )


def test_the_advice_explains_its_jargon_once(catalog):
    profile = AdviceProfile(
        vooropleiding="hbo-bachelor",
        studierichting="bedrijfskunde",
        sector="po",
        baan_op_school="ja",
        studievorm="deeltijd",
        werkervaring_jaren=10,
        provincie="overijssel",
    )
    advice = advise(profile, catalog)
    text = "\n".join(m["text"] for m in messages(advice))
    assert text.count("(een onderzoek of je geschikt bent als leraar)") == 1
    body = payload(advice)
    everything = " ".join(
        [body["kort"]]
        + [r["waarom"] for r in body["routes"]]
        + [n["tekst"] for part in ("evc", "volgende_stappen", "financiering", "opmerkingen") for n in body[part]]
    )
    assert everything.count("(een onderzoek of je geschikt bent als leraar)") == 1
    assert body["kort"].endswith(body["routes"][0]["waarom"])  # the widget can leave it out of the first card


def test_vo_steps_do_not_mention_the_pabo(catalog):
    profile = AdviceProfile(
        vooropleiding="hbo-bachelor",
        studierichting="economie",
        sector="vo",
        schoolvak="economie",
        baan_op_school="nee",
        studievorm="deeltijd",
        werkervaring_jaren=8,
        provincie="limburg",
    )
    advice = advise(profile, catalog)
    assert all(r.route.id not in {"pabo-deeltijd", "pabo-verkort"} for r in advice.routes)
    steps = " ".join(n["tekst"] for n in payload(advice)["volgende_stappen"])
    assert "pabo" not in steps.lower(), steps
