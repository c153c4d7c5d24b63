"""Summary building, redaction, contact details and the JSON Schema (plain Python)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.handoff import contact
from bot.handoff.schema import SCHEMA_PATH, InvalidSummary, problems, validate
from bot.handoff.summary import build_summary, open_questions, readable
from bot.privacy.redact import is_bsn, is_iban, passes_luhn, redact

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone.utc)


def user(text, intent="inform", t=1763892000.0, entities=()):
    return {
        "event": "user",
        "text": text,
        "timestamp": t,
        "parse_data": {"intent": {"name": intent}, "entities": list(entities)},
    }


def bot(text, t=1763892001.0):
    return {"event": "bot", "text": text, "timestamp": t}


SLOTS = {
    "vooropleiding": "wo-master",
    "studierichting": "scheikunde",
    "werkervaring_jaren": 12,
    "huidig_beroep": "lab-analist",
    "sector": "vo",
    "schoolvak": "scheikunde",
    "provincie": "utrecht",
    "naam": "Sanne de Vries",
    "email": None,
    "telefoon": "+31612345678",
    "contactvoorkeur": "telefoon",
    "advies": {
        "type": "route_suggestions",
        "routes": [
            {
                "id": "ulo-1jr",
                "titel": "Universitaire lerarenopleiding",
                "waarom": "x",
                "duur": "1 jaar",
                "kosten": "collegegeld",
                "bron": "https://www.onderwijsloket.com",
            }
        ],
    },
}
EVENTS = [
    bot("Hoi!"),
    user("ik heb een wo-master scheikunde, mijn bsn is 111222333"),
    user("kun je mijn hypotheek uitrekenen?", "out_of_scope"),
    bot("Daar kan ik je niet mee helpen."),
    user(
        "mijn rekening is NL91 ABNA 0417 1643 00",
        "nlu_fallback",
        entities=[{"entity": "invoer_soort", "value": "persoonlijk_nummer"}],
    ),
    user("bel me op 06 12345678"),
]


def test_summary_has_every_contract_field_and_validates():
    summary = build_summary("gesprek-7", SLOTS, EVENTS, NOW)
    validate(summary)
    assert set(summary) == {
        "conversation_id",
        "created_at",
        "profiel",
        "contact",
        "advies",
        "vragen_open",
        "samenvatting",
        "notities",
        "transcript",
    }
    assert summary["created_at"] == "2026-11-23T10:00:00Z"
    assert "naam" not in summary["profiel"] and summary["profiel"]["schoolvak"] == "scheikunde"
    assert summary["contact"] == {
        "naam": "Sanne de Vries",
        "email": None,
        "telefoon": "+31612345678",
        "contactvoorkeur": "telefoon",
    }
    assert summary["advies"]["routes"][0]["id"] == "ulo-1jr"


def test_summary_text_is_three_to_six_dutch_sentences():
    text = build_summary("g", SLOTS, EVENTS, NOW)["samenvatting"]
    sentences = [s for s in re.split(r"(?<=\.)\s+", text) if s]
    assert 3 <= len(sentences) <= 6
    assert text.startswith("Sanne de Vries wil leraar worden in het voortgezet onderwijs in de provincie Utrecht.")
    assert "De bot adviseerde: Universitaire lerarenopleiding." in text and "telefonisch" in text
    minimal = build_summary("g", {"naam": "Jo", "email": "jo@voorbeeld.nl", "contactvoorkeur": "email"}, [], NOW)
    assert 3 <= len(re.split(r"(?<=\.)\s+", minimal["samenvatting"])) <= 6


def test_transcript_and_open_questions_are_redacted():
    summary = build_summary("g", SLOTS, EVENTS, NOW)
    everything = json.dumps(summary)
    assert "111222333" not in everything and "0417" not in everything
    assert "[BSN]" in everything and "[IBAN]" in everything
    assert summary["transcript"][-1]["tekst"] == "bel me op 06 12345678"  # the number asked for stays
    assert summary["vragen_open"] == ["kun je mijn hypotheek uitrekenen?"]  # not the blocked number message
    assert summary["transcript"][0] == {"van": "bot", "tekst": "Hoi!", "tijd": "2025-11-23T10:00:01Z"}


def test_readable_lines_show_what_is_shared():
    lines = readable(build_summary("g", SLOTS, EVENTS, NOW))
    assert lines[:3] == ["Naam: Sanne de Vries", "Telefoon: 06 12345678", "Contact: telefonisch"]
    assert "Advies: Universitaire lerarenopleiding" in lines


@pytest.mark.parametrize(
    "change, path",
    [
        (lambda s: s["contact"].update(telefoon=None), "contact"),
        (lambda s: s["contact"].update(telefoon="0612345678"), "contact/telefoon"),
        (lambda s: s["profiel"].update(sector="hbo"), "profiel/sector"),
        (lambda s: s.pop("samenvatting"), "(root)"),
        (lambda s: s["advies"]["routes"][0].update(id="eerst-de-klas"), "advies"),
        (lambda s: s.update(extra=1), "(root)"),
    ],
)
def test_schema_rejects_broken_summaries(change, path):
    summary = build_summary("g", SLOTS, EVENTS, NOW)
    change(summary)
    found = problems(summary)
    assert found and any(p.startswith(path) for p in found), found
    with pytest.raises(InvalidSummary):
        validate(summary)


def test_schema_file_is_valid_json_schema():
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mijn bsn is 111222333", "mijn bsn is [BSN]"),
        ("BSN: 1112.22.333", "BSN: [BSN]"),
        ("bsn 111 222 333.", "bsn [BSN]."),
        ("iban NL91ABNA0417164300", "iban [IBAN]"),
        ("NL91 ABNA 0417 1643 00 graag", "[IBAN] graag"),
        ("kaart 4111 1111 1111 1111", "kaart [kaartnummer]"),
        ("ordernummer 123456789", "ordernummer 123456789"),  # fails the 11-proef: not a BSN
        ("ik werkte van 2015-2023 als kok", "ik werkte van 2015-2023 als kok"),
        ("12 jaar ervaring, 3 kinderen", "12 jaar ervaring, 3 kinderen"),
        ("bel 020-1234567", "bel 020-1234567"),  # a phone number is no personal number to hide
    ],
)
def test_redact(text, expected):
    assert redact(text).text == expected


def test_checksums():
    assert is_bsn("111222333") and is_bsn("123456782") and not is_bsn("123456789") and not is_bsn("000000000")
    assert is_iban("NL91 ABNA 0417 1643 00") and not is_iban("NL92ABNA0417164300")
    assert passes_luhn("4111111111111111") and not passes_luhn("4111111111111112")


def _valid_bsn(draw_digits):
    digits = list(draw_digits)
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1)))
    last = total % 11
    return None if last == 10 else "".join(map(str, digits)) + str(last)


@settings(max_examples=500, deadline=None)
@given(
    digits=st.lists(st.integers(0, 9), min_size=8, max_size=8),
    style=st.sampled_from(["plain", "spaces", "dots"]),
    before=st.sampled_from(["mijn bsn is ", "BSN: ", "burgerservicenummer ", "", "nummer "]),
)
def test_no_valid_bsn_survives(digits, style, before):
    bsn = _valid_bsn(digits)
    if bsn is None or not is_bsn(bsn):
        return
    written = {"plain": bsn, "spaces": f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}", "dots": f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}"}[
        style
    ]
    result = redact(f"{before}{written} en verder niets").text
    assert re.sub(r"\D", "", result) == "" and "[BSN]" in result


@pytest.mark.parametrize(
    "text, name",
    [
        ("Sanne de Vries", "Sanne de Vries"),
        ("ik heet sanne de vries", "Sanne de Vries"),
        ("Mijn naam is Özlem Yılmaz", "Özlem Yılmaz"),
        ("nee", None),
        ("sanne@voorbeeld.nl", None),
        ("06 12345678", None),
        ("wat is een vog?", None),
        ("x", None),
    ],
)
def test_names(text, name):
    assert contact.parse_name(text) == name


@pytest.mark.parametrize(
    "text, address",
    [
        ("sanne@voorbeeld.nl", "sanne@voorbeeld.nl"),
        ("mail: Sanne.de.Vries@Voorbeeld.NL.", "Sanne.de.Vries@voorbeeld.nl"),
        ("sanne@voorbeeld", None),
        ("sanne@@voorbeeld.nl", None),
        ("sanne voorbeeld.nl", None),
    ],
)
def test_email_addresses(text, address):
    assert contact.parse_email(text) == address


@pytest.mark.parametrize(
    "text, number",
    [
        ("0612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("bel me op 06 1234 5678", "+31612345678"),
        ("020 123 4567", "+31201234567"),
        ("+32 470 12 34 56", "+32470123456"),
        ("+49 30 12345678", "+493012345678"),
        ("0031 6 12345678", "+31612345678"),
        ("12345", None),
        ("06-1234", None),
    ],
)
def test_phone_numbers(text, number):
    assert contact.parse_phone(text) == number


@pytest.mark.parametrize(
    "text, preference",
    [
        ("email", "email"),
        ("mail mij maar", "email"),
        ("bel me", "telefoon"),
        ("telefonisch", "telefoon"),
        ("via teams", "video"),
        ("een videogesprek", "video"),
        ("maakt niet uit", None),
    ],
)
def test_contact_preference(text, preference):
    assert contact.parse_preference(text) == preference


def test_a_question_the_bot_passed_on_is_an_open_question():
    events = [
        {
            "event": "user",
            "text": "Kan ik daar STAP-budget voor gebruiken?",
            "parse_data": {"intent": {"name": "advies_vraag"}},
        },
        {"event": "bot", "text": "...", "metadata": {"tekst": "advies_nog_niet_vraag"}},
        {"event": "user", "text": "Wie betaalt de opleiding?", "parse_data": {"intent": {"name": "inform"}}},
        {"event": "bot", "text": "...", "metadata": {"tekst": "vraag_voor_medewerker"}},
        {"event": "user", "text": "hbo", "parse_data": {"intent": {"name": "inform"}}},
        {"event": "bot", "text": "...", "metadata": {"tekst": "vraag_studierichting"}},
    ]
    assert open_questions(events) == ["Kan ik daar STAP-budget voor gebruiken?", "Wie betaalt de opleiding?"]


def test_summary_carries_province_and_the_persons_remarks_in_notities():
    slots = {
        **SLOTS,
        "advies": None,
        "provincie": "limburg",
        "huidig_beroep": "in een kantoorbaan",
        "werkervaring_jaren": 8,
        "inkomen_nodig": True,
    }
    events = [
        user("ik werk 4 dagen per week als boekhouder, bel na 17u"),
        user("ik wil blijven werken"),
        user('/inform{"contactvoorkeur":"telefoon"}'),
        user("/greet"),
    ]
    summary = build_summary("g", slots, events, NOW)
    validate(summary)
    assert summary["notities"] == [
        "Moet blijven verdienen tijdens de opleiding.",
        "Ik werk 4 dagen per week als boekhouder",
        "Bel na 17u",
        "Ik wil blijven werken",
    ]
    text = summary["samenvatting"]
    assert "in de provincie Limburg" in text
    assert "\u201cBel na 17u\u201d" in text and "\u201cIk werk 4 dagen per week als boekhouder\u201d" in text
    assert "werkt in een kantoorbaan (8 jaar ervaring)" in text and "werkt als in" not in text
    assert 3 <= len([s for s in re.split(r"(?<=\.)\s+", text) if s]) <= 6
    assert [line["tekst"] for line in summary["transcript"]] == [
        "ik werk 4 dagen per week als boekhouder, bel na 17u",
        "ik wil blijven werken",
    ]
    assert any(line.startswith("Je zei ook: ") for line in readable(summary))


def test_no_job_and_no_experience_read_naturally():
    slots = {**SLOTS, "huidig_beroep": "geen", "werkervaring_jaren": 0}
    text = build_summary("g", slots, [], NOW)["samenvatting"]
    assert "werkt nu niet" in text and "werkt als geen" not in text and "0 jaar" not in text


def test_older_summaries_without_notities_still_validate():
    summary = build_summary("g", {**SLOTS, "advies": None}, EVENTS, NOW)
    del summary["notities"]
    validate(summary)
