"""The profile extractor on hundreds of real-looking Dutch messages."""

from __future__ import annotations

import datetime as _dt
import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.profile import values
from bot.profile.extract import extract
from bot.profile.vocab import LOOKUP_DIR

# ----------------------------------------------------------------- the promise


def test_life_story_from_the_contract():
    found = extract(
        "Ik ben 42, heb een wo-master scheikunde, werk 12 jaar als lab-analist en wil "
        "scheikunde geven op een middelbare school in Amersfoort"
    )
    assert found.facts == {
        "vooropleiding": "wo-master",
        "studierichting": "scheikunde",
        "werkervaring_jaren": 12,
        "huidig_beroep": "lab-analist",
        "sector": "vo",
        "schoolvak": "scheikunde",
        "provincie": "utrecht",
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "ik ben 38, heb hbo bedrijfskunde en een basisschool in Zwolle wil me per augustus aannemen",
            {
                "vooropleiding": "hbo-bachelor",
                "studierichting": "bedrijfskunde",
                "sector": "po",
                "baan_op_school": "ja",
                "provincie": "overijssel",
            },
        ),
        (
            "Ik heb alleen havo en werk als onderwijsassistent.",
            {"vooropleiding": "havo", "huidig_beroep": "onderwijsassistent"},
        ),
        (
            "Hbo-verpleegkundige, 10 jaar ervaring; een ROC biedt me 0,6 fte.",
            {"vooropleiding": "hbo-bachelor", "werkervaring_jaren": 10, "sector": "mbo", "baan_op_school": "ja"},
        ),
        (
            "Ik heb een Duits Lehramt Mathe/Englisch en woon in Enschede.",
            {"diploma_buitenland": True, "huidige_bevoegdheid": "buitenlands", "provincie": "overijssel"},
        ),
        (
            "ik heb een msc econometrie aan de uva en wil wiskundedocent worden",
            {"vooropleiding": "wo-master", "studierichting": "econometrie", "schoolvak": "wiskunde"},
        ),
        (
            "mbo 4 timmerman, 15 jaar in de bouw gewerkt, wil op het vmbo bwi geven",
            {"vooropleiding": "mbo-4", "werkervaring_jaren": 15, "sector": "vo", "schoolvak": "bouwen-wonen-interieur"},
        ),
        ("ik ben verpleegkundige en wil op het mbo lesgeven", {"huidig_beroep": "verpleegkundige", "sector": "mbo"}),
        (
            "heb in syrie gestudeerd, master farmacie, mijn nederlands is b2",
            {"diploma_buitenland": True, "nederlands_niveau": "b2", "studierichting": "farmacie"},
        ),
        (
            "ik heb nog geen bevoegdheid en wil deeltijd studeren naast mijn werk",
            {"huidige_bevoegdheid": "geen", "studievorm": "deeltijd"},
        ),
        (
            "ik ben in gesprek met een school in Tilburg voor een baan als docent engels",
            {"baan_op_school": "in-gesprek", "provincie": "noord-brabant", "schoolvak": "engels"},
        ),
    ],
)
def test_mixed_messages(text, expected):
    facts = extract(text).facts
    for slot, value in expected.items():
        assert facts.get(slot) == value, (slot, facts)


# ------------------------------------------------------------ education level

SPELLINGS = {
    "vmbo": ["vmbo", "VMBO", "vmbo-tl", "mavo", "vmbo kb"],
    "havo": ["havo", "HAVO", "havo diploma"],
    "vwo": ["vwo", "VWO", "atheneum"],
    "mbo-1": ["mbo 1", "mbo niveau 1", "entreeopleiding"],
    "mbo-2": ["mbo 2", "mbo-2", "mbo niveau 2", "mbo2"],
    "mbo-3": ["mbo 3", "mbo-3", "mbo niveau 3"],
    "mbo-4": ["mbo 4", "mbo-4", "MBO 4", "mbo niveau 4", "mbo4", "niveau 4 mbo"],
    "associate-degree": ["associate degree", "Associate Degree"],
    "hbo-bachelor": ["hbo", "HBO", "hbo bachelor", "hbo-bachelor", "hbo diploma", "hbo'er", "hboer"],
    "hbo-master": ["hbo master", "hbo-master", "HBO-master"],
    "wo-bachelor": ["wo bachelor", "wo-bachelor", "universitaire bachelor", "bachelor aan de universiteit"],
    "wo-master": [
        "wo master",
        "wo-master",
        "WO-master",
        "womaster",
        "universitaire master",
        "master aan de uni",
        "doctoraal",
        "drs",
    ],
    "doctoraat": ["phd", "PhD", "doctoraat", "promotie"],
}
TEMPLATES = ["ik heb {x}", "{x}", "mijn hoogste diploma is {x}", "ik heb {x} gedaan", "{x} afgerond", "ik heb een {x}"]


@pytest.mark.parametrize(
    "text, level",
    [
        (t.format(x=s), level)
        for level, spellings in SPELLINGS.items()
        for s in spellings
        for t in TEMPLATES
        if not (t == "ik heb een {x}" and level in {"vmbo", "havo", "vwo", "hbo-bachelor"})
    ],
)
def test_education_spellings(text, level):
    assert extract(text, expected="vooropleiding").facts.get("vooropleiding") == level


@pytest.mark.parametrize(
    "text, level",
    [
        ("ik heb geen diploma", "geen"),
        ("nee, ik heb hbo, geen wo", "hbo-bachelor"),
        ("niet wo maar hbo", "hbo-bachelor"),
        ("ik heb havo en daarna een hbo opleiding gedaan", "hbo-bachelor"),
        ("vwo en toen een wo master rechten", "wo-master"),
        ("gepromoveerd in de natuurkunde", "doctoraat"),
        ("master social work aan de hogeschool", "hbo-master"),
        ("bachelor psychologie aan de universiteit", "wo-bachelor"),
        ("msc chemistry at Utrecht university", "wo-master"),
    ],
)
def test_education_in_context(text, level):
    assert extract(text).facts.get("vooropleiding") == level


@pytest.mark.parametrize(
    "text, unclear",
    [
        ("ik heb een master bedrijfskunde", "master"),
        ("ik heb een bachelor", "bachelor"),
        ("ik heb wo", "wo"),
        ("ik heb mbo", "mbo"),
        ("ik ben afgestudeerd aan de universiteit", "wo"),
    ],
)
def test_unclear_education_asks_back(text, unclear):
    found = extract(text)
    assert "vooropleiding" not in found.facts
    assert found.unclear["vooropleiding"] == unclear


@pytest.mark.parametrize(
    "pending, answer, level",
    [
        ("master", "hbo", "hbo-master"),
        ("master", "universiteit", "wo-master"),
        ("master", "wo", "wo-master"),
        ("bachelor", "hogeschool", "hbo-bachelor"),
        ("bachelor", "aan de uni", "wo-bachelor"),
        ("wo", "master", "wo-master"),
        ("wo", "een bachelor", "wo-bachelor"),
        ("mbo", "niveau 3", "mbo-3"),
        ("mbo", "4", "mbo-4"),
        ("mbo", "twee", "mbo-2"),
    ],
)
def test_follow_up_answer_settles_unclear_level(pending, answer, level):
    assert extract(answer, expected="vooropleiding", pending=pending).facts["vooropleiding"] == level


# ------------------------------------------------------------ work experience

NUMBERS = [
    ("1", 1),
    ("twee", 2),
    ("3", 3),
    ("vijf", 5),
    ("8", 8),
    ("tien", 10),
    ("twaalf", 12),
    ("12", 12),
    ("vijftien", 15),
    ("20", 20),
    ("vijfentwintig", 25),
    ("30", 30),
    ("drieëntwintig", 23),
]
EXPERIENCE_TEMPLATES = [
    "ik werk al {n} jaar als kok",
    "{n} jaar werkervaring",
    "ruim {n} jr ervaring",
    "ik heb {n} jaar gewerkt",
    "bijna {n} jaar werkzaam in de zorg",
    "ik zit {n} jaar in de ict",
    "werkervaring: {n} jaar",
    "ik werk inmiddels zo'n {n} jaar bij een bank",
]


@pytest.mark.parametrize(
    "text, years",
    [
        (t.format(n=word), value - (value > 1 and t.startswith("bijna")))
        for word, value in NUMBERS
        for t in EXPERIENCE_TEMPLATES
    ],
)
def test_experience_in_digits_and_words(text, years):
    """ "bijna tien jaar" is nine."""
    assert extract(text).facts.get("werkervaring_jaren") == years


@pytest.mark.parametrize(
    "text, expected, years",
    [
        ("Ik ben al tien jaar thuis met de kinderen en wil weer aan het werk.", None, None),
        ("Ik woon al 9 jaar in Den Haag en geef nu bijles wiskunde.", None, None),
        ("7 jaar in Nederland en daarvoor 3 jaar in Polen, dus 10", "werkervaring_jaren", 10),
        ("al vanaf mijn achttiende, ben nu 41", "werkervaring_jaren", 23),
        ("geen idee precies, zes of zeven jaar denk ik", "werkervaring_jaren", 6),
        ("sinds 2011 ongeveer", "werkervaring_jaren", 2026 - 2011),
    ],
)
def test_experience_as_people_tell_it(text, expected, years):
    found = extract(text, expected=expected, today=_dt.date(2026, 12, 2))
    assert found.facts.get("werkervaring_jaren") == years


@pytest.mark.parametrize(
    "text, years",
    [
        ("12", 12),
        ("ongeveer 15", 15),
        ("een jaar of tien", 10),
        ("twaalf jaar", 12),
        ("geen", 0),
        ("net begonnen, minder dan een jaar", 0),
        ("anderhalf jaar", 1),
        ("ruim 10 jr", 10),
        ("0", 0),
    ],
)
def test_experience_as_short_answer(text, years):
    assert extract(text, expected="werkervaring_jaren").facts.get("werkervaring_jaren") == years


def test_experience_since_a_year_counts_from_today():
    found = extract("ik werk sinds 2015 als monteur", today=dt.date(2026, 11, 22))
    assert found.facts["werkervaring_jaren"] == 11


@pytest.mark.parametrize("text", ["ik ben 42", "ik ben 42 jaar oud", "ik ben 35 en heb hbo", "42 jaar oud, vwo"])
def test_age_is_not_experience(text):
    assert "werkervaring_jaren" not in extract(text).facts


@pytest.mark.parametrize("text", ["123456789", "200"])
def test_impossible_experience_is_rejected(text):
    found = extract(text, expected="werkervaring_jaren")
    assert "werkervaring_jaren" not in found.facts


# ---------------------------------------------------------------- places


def _municipalities():
    content = yaml.safe_load((LOOKUP_DIR / "provincie.yml").read_text(encoding="utf-8"))
    cases = []
    for item in content["nlu"]:
        for line in item["examples"].splitlines():
            name = line.strip()[2:].strip()
            if name and "(" not in name:
                cases.append((name, item["synonym"]))
    return cases


MUNICIPALITIES = _municipalities()


def test_every_province_has_many_places():
    counts = {}
    for _, province in MUNICIPALITIES:
        counts[province] = counts.get(province, 0) + 1
    assert set(counts) == set(values.PROVINCIE)
    assert sum(counts.values()) >= 342


@pytest.mark.parametrize("name, province", MUNICIPALITIES)
def test_every_place_maps_to_its_province(name, province):
    assert extract(f"ik woon in {name}").facts.get("provincie") == province
    assert extract(name.lower(), expected="provincie").facts.get("provincie") == province


@pytest.mark.parametrize("text", ["ik vind het best", "de buren zijn aardig", "ik wil wel een goede baan"])
def test_place_names_that_are_common_words_need_context(text):
    assert "provincie" not in extract(text).facts


def test_negated_place_is_ignored():
    assert extract("ik woon niet in Utrecht maar in Arnhem").facts["provincie"] == "gelderland"


# ------------------------------------------------------- sector and subject

SECTOR_PHRASES = {
    "po": [
        "op een basisschool",
        "in het basisonderwijs",
        "voor groep 3",
        "met kleuters",
        "op de basisschool",
        "in het primair onderwijs",
    ],
    "vo": [
        "op een middelbare school",
        "in de brugklas",
        "op het vmbo",
        "op de havo",
        "aan vwo-leerlingen",
        "in het voortgezet onderwijs",
        "op een lyceum",
    ],
    "mbo": ["op het mbo", "bij een roc", "op een ROC", "in het beroepsonderwijs", "op een mbo-school"],
    "so": ["in het speciaal onderwijs", "op een speciale school", "in het vso"],
}


@pytest.mark.parametrize(
    "text, sector",
    [(f"ik wil lesgeven {p}", s) for s, phrases in SECTOR_PHRASES.items() for p in phrases]
    + [(f"ik zou graag {p} werken", s) for s, phrases in SECTOR_PHRASES.items() for p in phrases],
)
def test_sector_phrases(text, sector):
    assert extract(text).facts.get("sector") == sector


@pytest.mark.parametrize(
    "text, sector",
    [
        ("basisschool", "po"),
        ("middelbare school", "vo"),
        ("mbo", "mbo"),
        ("vmbo", "vo"),
        ("havo", "vo"),
        ("speciaal onderwijs", "so"),
        ("het ROC", "mbo"),
        ("groep 8", "po"),
    ],
)
def test_sector_as_short_answer(text, sector):
    assert extract(text, expected="sector").facts.get("sector") == sector


SUBJECTS = [
    ("wiskunde", "wiskunde"),
    ("wis", "wiskunde"),
    ("gym", "lichamelijke-opvoeding"),
    ("lo", "lichamelijke-opvoeding"),
    ("natuurkunde", "natuurkunde"),
    ("engels", "engels"),
    ("Engels", "engels"),
    ("ak", "aardrijkskunde"),
    ("bio", "biologie"),
    ("economie", "economie"),
    ("latijn", "klassieke-talen"),
    ("informatica", "informatica"),
    ("nask", "nask"),
    ("zorg en welzijn", "zorg-en-welzijn"),
    ("duits", "duits"),
    ("geschiedenis", "geschiedenis"),
]
SUBJECT_TEMPLATES = ["ik wil {v} geven", "docent {v} worden", "lesgeven in {v}", "ik wil graag {v} doceren"]


@pytest.mark.parametrize("text, subject", [(t.format(v=v), s) for v, s in SUBJECTS for t in SUBJECT_TEMPLATES])
def test_subject_to_teach(text, subject):
    facts = extract(text).facts
    assert facts.get("schoolvak") == subject
    assert "studierichting" not in facts


@pytest.mark.parametrize(
    "text, subject",
    [
        ("wiskundedocent", "wiskunde"),
        ("gymleraar", "lichamelijke-opvoeding"),
        ("biologiedocent", "biologie"),
        ("engelsdocent", "engels"),
        ("geschiedenisleraar", "geschiedenis"),
    ],
)
def test_subject_in_compound_words(text, subject):
    assert extract(f"ik wil {text} worden").facts.get("schoolvak") == subject


def test_subject_is_dropped_for_primary_school():
    assert "schoolvak" not in extract("ik wil gym geven op de basisschool").facts


# ------------------------------------------------------- field and job


@pytest.mark.parametrize(
    "text, field",
    [
        ("ik heb psychologie gestudeerd", "psychologie"),
        ("hbo bedrijfskunde", "bedrijfskunde"),
        ("master in de archeologie", "archeologie"),
        ("bachelor rechten", "rechten"),
        ("hbo-master social work", "social work"),
        ("mbo 4 verzorgende ig", "verzorgende ig"),
        ("wo-master kunstmatige intelligentie", "kunstmatige intelligentie"),
    ],
)
def test_field_of_study(text, field):
    assert extract(text).facts.get("studierichting") == field


@pytest.mark.parametrize(
    "text, job",
    [
        ("ik werk als accountant", "accountant"),
        ("ik werk al 10 jaar als kok in een restaurant", "kok"),
        ("ik ben verpleegkundige", "verpleegkundige"),
        ("ik ben timmerman van beroep", "timmerman"),
        ("werkzaam als beleidsmedewerker bij de gemeente", "beleidsmedewerker"),
        ("ik ben werkloos", "werkloos"),
        ("ik ben nog student", "student"),
        ("mijn beroep is jurist", "jurist"),
    ],
)
def test_current_job(text, job):
    assert extract(text).facts.get("huidig_beroep") == job


@pytest.mark.parametrize(
    "text, job",
    [
        ("accountant", "accountant"),
        ("Ik werk als IT-consultant.", "it-consultant"),
        ("nu momenteel kok", "kok"),
        ("ik werk niet", "werkloos"),
        ("Projectleider", "projectleider"),
    ],
)
def test_job_as_short_answer(text, job):
    assert extract(text, expected="huidig_beroep").facts.get("huidig_beroep") == job


# --------------------------------------------------- the remaining slots


@pytest.mark.parametrize(
    "text, value",
    [
        ("mijn diploma komt uit Polen", True),
        ("ik heb in het buitenland gestudeerd", True),
        ("een marokkaans diploma", True),
        ("ik heb in nederland gestudeerd", False),
        ("ik heb geen buitenlands diploma", False),
        ("mijn bachelor is Belgisch, Vlaamse universiteit", True),
    ],
)
def test_diploma_from_abroad(text, value):
    assert extract(text).facts.get("diploma_buitenland") is value


@pytest.mark.parametrize(
    "text, value",
    [
        ("een school wil me aannemen", "ja"),
        ("ik heb al een baan op een basisschool", "ja"),
        ("ik ben in gesprek met een school", "in-gesprek"),
        ("ik heb gesolliciteerd bij een roc", "in-gesprek"),
        ("nog geen school", "nee"),
        ("ik heb nog geen baan op een school", "nee"),
    ],
)
def test_job_at_school(text, value):
    assert extract(text).facts.get("baan_op_school") == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("deeltijd", "deeltijd"),
        ("parttime", "deeltijd"),
        ("naast mijn werk", "deeltijd"),
        ("voltijd", "voltijd"),
        ("fulltime", "voltijd"),
        ("ik wil in deeltijd studeren", "deeltijd"),
    ],
)
def test_study_mode(text, value):
    assert extract(text).facts.get("studievorm") == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("nederlands is mijn moedertaal", "moedertaal"),
        ("ik heb niveau B2", "b2"),
        ("C1", "c1"),
        ("staatsexamen nt2 programma II", "b2"),
        ("b1", "b1-of-lager"),
    ],
)
def test_dutch_level(text, value):
    assert extract(text).facts.get("nederlands_niveau") == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("ik heb een tweedegraads bevoegdheid", "tweedegraads"),
        ("ik ben al juf", "po"),
        ("eerstegraads bevoegd", "eerstegraads"),
        ("ik heb een pdg", "pdg"),
        ("nog geen bevoegdheid", "geen"),
    ],
)
def test_current_qualification(text, value):
    assert extract(text).facts.get("huidige_bevoegdheid") == value


def test_wanted_qualification_is_not_current():
    assert "huidige_bevoegdheid" not in extract("ik wil mijn tweedegraads bevoegdheid halen").facts


# ------------------------------------------------------------- robustness


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_only_valid_values(text):
    found = extract(text)
    for slot, value in found.facts.items():
        assert values.is_valid(slot, value), (slot, value)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(values.PROFILE_SLOTS), st.text(max_size=80))
def test_short_answers_give_only_valid_values(slot, text):
    for fact_slot, value in extract(text, expected=slot).facts.items():
        assert values.is_valid(fact_slot, value), (fact_slot, value)


@pytest.mark.parametrize(
    "text, years",
    [
        ("ik doe dit werk nu 7 jaar", 7),
        ("na 12 jaar in de ict wil ik iets anders", 12),
        ("heb twintig jaar gevlogen als piloot", 20),
        ("al 10 jaar een eigen bedrijf", 10),
        ("ik ben 5 jaar geleden begonnen als kok", 5),
        ("15 jr in de zorg gewerkt", 15),
    ],
)
def test_experience_in_free_phrasings(text, years):
    assert extract(text).facts.get("werkervaring_jaren") == years


@pytest.mark.parametrize(
    "text",
    [
        "de opleiding duurt 4 jaar",
        "mijn kinderen van 8 jaar",
        "over 2 jaar wil ik lesgeven",
        "ik heb 3 jaar gestudeerd",
        "ik woon 10 jaar in nederland",
    ],
)
def test_durations_that_are_not_experience(text):
    assert "werkervaring_jaren" not in extract(text).facts


@pytest.mark.parametrize(
    "text, subject",
    [
        ("lijkt me leuk om wiskunde te geven", "wiskunde"),
        ("ik wil lesgeven, bij voorkeur natuurkunde", "natuurkunde"),
        ("vak: biologie", "biologie"),
        ("ik wil graag lessen economie geven", "economie"),
        ("ik zie mezelf wel voor de klas staan met geschiedenis", "geschiedenis"),
    ],
)
def test_subject_in_free_phrasings(text, subject):
    assert extract(text).facts.get("schoolvak") == subject


@pytest.mark.parametrize(
    "text",
    [
        "mijn diploma is Pools",
        "mijn diploma is erkend door DUO",
        "ik heb een marokkaanse bachelor",
        "ik kom uit Syrië en heb daar een master gehaald",
    ],
)
def test_foreign_diploma_in_free_phrasings(text):
    assert extract(text).facts.get("diploma_buitenland") is True


@pytest.mark.parametrize(
    "text, slot",
    [
        ("wat is een pdg?", "huidige_bevoegdheid"),
        ("verdien je als leraar genoeg?", "huidig_beroep"),
        ("wat is het verschil tussen een eerstegraads en tweedegraads bevoegdheid?", "huidige_bevoegdheid"),
    ],
)
def test_general_questions_state_no_facts(text, slot):
    assert slot not in extract(text).facts


def test_question_about_oneself_keeps_its_facts():
    assert extract("kan ik met mijn hbo-diploma zij-instromen?").facts["vooropleiding"] == "hbo-bachelor"


@pytest.mark.parametrize(
    "text, value",
    [
        ("ik ben nog nergens in gesprek met een school", "nee"),
        ("ik heb een sollicitatiegesprek op een school", "in-gesprek"),
        ("ik ben leerkracht op een basisschool in Gouda", "ja"),
        ("ik werk vast op een school in Middelburg", "ja"),
    ],
)
def test_job_at_school_in_free_phrasings(text, value):
    assert extract(text).facts.get("baan_op_school") == value


def test_place_of_study_is_not_where_to_teach():
    assert "provincie" not in extract("ik heb een master rechten gehaald aan de universiteit van Tilburg").facts
    assert extract("ik heb in Leiden gestudeerd en woon nu in Zwolle").facts["provincie"] == "overijssel"


def test_study_in_progress_is_not_a_completed_level():
    assert "vooropleiding" not in extract("ik ben student hbo verpleegkunde, laatste jaar").facts


@pytest.mark.parametrize(
    "text, expected, facts",
    [
        ("sinds 2012", "werkervaring_jaren", {"werkervaring_jaren": dt.date.today().year - 2012}),
        ("werktuigbouwkundig ingenieur (MSc TU Delft)", None, {"vooropleiding": "wo-master"}),
        ("ik heb een master aan de HAN gedaan", None, {"vooropleiding": "hbo-master"}),
        ("master rechten", "vooropleiding", {"vooropleiding": "wo-master", "studierichting": "rechten"}),
        ("ik heb een master in de franse taal en cultuur", None, {"vooropleiding": "wo-master"}),
        ("ja ik heb een school die me wil aannemen", None, {"baan_op_school": "ja"}),
    ],
)
def test_answers_as_people_give_them(text, expected, facts):
    assert facts.items() <= extract(text, expected=expected).facts.items()


@pytest.mark.parametrize(
    "text, slot",
    [
        ("werktuigbouwkundig ingenieur (MSc TU Delft)", "studierichting"),  # the school is no field of study
        ("werktuigbouwkundig ingenieur (MSc TU Delft)", "provincie"),  # nor where the person lives
        ("leeuwarden is wel erg ver", "provincie"),
        ("ik wil graag een gesprek met een medewerker", "baan_op_school"),
    ],
)
def test_words_that_state_no_fact(text, slot):
    assert slot not in extract(text, expected=slot if slot == "baan_op_school" else None).facts


@pytest.mark.parametrize(
    "text, subject",
    [
        ("Ik wil graag natuurkunde leraar worden maar mijn Nederlands is nog niet zo goed", "natuurkunde"),
        ("ik wil scheikunde geven, mijn engels is ook prima", "scheikunde"),
    ],
)
def test_a_subject_named_for_teaching_wins_over_a_language_the_person_speaks(text, subject):
    assert extract(text).facts.get("schoolvak") == subject


@pytest.mark.parametrize("text", ["ik weet niet zo goed of ik leraar wil worden", "dat gaat niet zo goed op mijn werk"])
def test_vague_words_without_a_language_say_nothing_about_dutch(text):
    assert "nederlands_niveau" not in extract(text).facts


@pytest.mark.parametrize("text", ["nederlands gewoon", "gewoon Nederlands hoor", "Nederlands."])
def test_dutch_as_the_whole_answer_is_the_mother_tongue(text):
    assert extract(text, expected="nederlands_niveau").facts.get("nederlands_niveau") == "moedertaal"


@pytest.mark.parametrize(
    "text",
    [
        "voortgezet onderwijs denk ik, maar ik weet eerlijk gezegd niet eens zeker of lesgeven iets voor mij is",
        "ik ben er niet helemaal zeker of het onderwijs iets voor mij is",
        "ik weet nog niet of lesgeven bij me past",
        "iedereen zegt 'ga toch lesgeven' maar ik weet echt niet of ik dat wel kan of leuk vind haha",
        "natuurkunde geven, maar ik weet eerlijk gezegd niet of ik het kan met die pubers",
        "weet ook niet of ik geduld heb met pubers haha",
        "Ik zit na een burn-out thuis en vraag me af of het onderwijs iets voor mij zou zijn.",
        "ik vraag me af of lesgeven wel wat voor me is",
    ],
)
def test_doubt_in_free_phrasings(text):
    assert any(s.slot == "twijfelt" for s in extract(text).signals)


def test_doubt_about_money_is_no_doubt_about_teaching():
    assert not any(s.slot == "twijfelt" for s in extract("ik weet niet of ik het kan betalen").signals)


def test_hours_of_work_in_another_answer_are_no_study_form():
    facts = extract("sinds 2018 fulltime bij deze garage", expected="werkervaring_jaren").facts
    assert "studievorm" not in facts and facts["werkervaring_jaren"] >= 8
    assert extract("voltijd, dan ben ik sneller klaar", expected="studievorm").facts["studievorm"] == "voltijd"


@pytest.mark.parametrize(
    "text", ["nog niet echt, ze willen wel met me praten", "de directeur wil me volgende week spreken"]
)
def test_a_school_that_wants_to_talk_is_a_job_in_conversation(text):
    assert extract(text, expected="baan_op_school").facts.get("baan_op_school") == "in-gesprek"


@pytest.mark.parametrize(
    "text, level",
    [
        ("bachelor en master filosofie, Radboud Universiteit", "wo-master"),
        ("grado en máster filología hispánica, Universidad de Salamanca", "wo-master"),
        ("master degree, Uniwersytet Jagiellonski", "wo-master"),
    ],
)
def test_the_highest_degree_named_and_universities_abroad(text, level):
    assert extract(text, expected="vooropleiding").facts.get("vooropleiding") == level


def test_a_master_not_finished_is_not_the_highest_diploma():
    found = extract("ik heb mijn bachelor gedaan maar mijn master niet afgemaakt", expected="vooropleiding")
    assert found.unclear.get("vooropleiding") == "bachelor" and "studierichting" not in found.facts


def test_an_mtech_asks_whether_it_is_wo_or_hbo():
    assert extract("M.Tech computer science", expected="vooropleiding").unclear.get("vooropleiding") == "master"


@pytest.mark.parametrize(
    "text", ["nog niet echt, alleen bijbaantjes", "nog niks eigenlijk, alleen een bijbaantje in een café"]
)
def test_no_real_work_yet_is_no_experience(text):
    assert extract(text, expected="werkervaring_jaren").facts.get("werkervaring_jaren") == 0


@pytest.mark.parametrize("text", ["ja in Oekraïne wel, hier weet ik niet", "ja, in mijn eigen land"])
def test_yes_with_a_country_abroad_is_a_foreign_qualification(text):
    assert extract(text, expected="huidige_bevoegdheid").facts.get("huidige_bevoegdheid") == "buitenlands"


def test_the_level_a_few_words_after_mbo():
    assert extract("mbo-v, niveau 4", expected="vooropleiding").facts.get("vooropleiding") == "mbo-4"


def test_no_job_at_a_school_is_no_job_at_all():
    facts = extract("nee geen baan, alleen een paar gastlessen als vrijwilliger", expected="baan_op_school").facts
    assert facts == {"baan_op_school": "nee"}


def test_a_master_in_law_by_its_title():
    text = "Nederlands recht gestudeerd in Rotterdam, meester in de rechten dus"
    assert extract(text, expected="vooropleiding").facts.get("vooropleiding") == "wo-master"


def test_a_teacher_who_wants_the_next_qualification():
    text = (
        "Ik ben tweedegraads docent Engels (Fontys lerarenopleiding) en geef nu 10 jaar les op een school in "
        "Tilburg, vooral vmbo-t en onderbouw havo. Hoe haal ik mijn eerstegraads?"
    )
    facts = extract(text).facts
    assert facts.get("huidige_bevoegdheid") == "tweedegraads"
    assert "vooropleiding" not in facts  # vmbo-t and havo are the classes taught, not a diploma
    assert extract("ik heb vmbo gedaan en geef nu les").facts.get("vooropleiding") == "vmbo"


def test_a_teacher_from_abroad_is_asked_about_the_job_now():
    text = "Ik ben lerares Engels uit Oekraïne, ik heb diploma van universiteit. Kan ik hier ook lerares worden?"
    assert "huidig_beroep" not in extract(text).facts
    assert extract("ik heb 12 jaar gewerkt als lab-analist").facts.get("huidig_beroep") == "lab-analist"


@pytest.mark.parametrize(
    "text, expected, subject",
    [
        ("metaaltechniek", "schoolvak", "metaaltechniek"),
        ("ik zou graag autotechniek geven aan een roc", None, "autotechniek"),
        ("bakkerij, brood en banket dus", "schoolvak", "bakkerij"),
        ("het vak detailhandel", "schoolvak", "detailhandel"),
        ("het profiel produceren, installeren en energie", "schoolvak", "produceren-installeren-energie"),
        ("PIE", "schoolvak", "produceren-installeren-energie"),
        ("m&t op het vmbo", "schoolvak", "mobiliteit-transport"),
    ],
)
def test_a_trade_is_kept_as_named_and_a_profile_only_when_named(text, expected, subject):
    assert extract(text, expected=expected).facts.get("schoolvak") == subject


@pytest.mark.parametrize(
    "text, expected, level",
    [
        ("ik heb destijds de HTS werktuigbouw gedaan", None, "hbo-bachelor"),
        ("heao bedrijfseconomie", "vooropleiding", "hbo-bachelor"),
        ("hbo-v in Groningen", "vooropleiding", "hbo-bachelor"),
        ("de MTS, afdeling elektro", "vooropleiding", "mbo-4"),
        ("meao handel, lang geleden", "vooropleiding", "mbo-4"),
        ("een LL.M. in Leiden", "vooropleiding", "wo-master"),
        ("ba, uva", "vooropleiding", "wo-bachelor"),
        # a tag question checks the person's own statement: its facts count
        ("mbo-v, dat telt toch als niveau 4?", "vooropleiding", "mbo-4"),
        ("hts, dat was hbo toch?", "vooropleiding", "hbo-bachelor"),
    ],
)
def test_old_and_short_diploma_names(text, expected, level):
    assert extract(text, expected=expected).facts.get("vooropleiding") == level


@pytest.mark.parametrize(
    "text",
    [
        "master in vergelijkende literatuurwetenschap",
        "master Italiaanse taal- en letterkunde",
        "magister filologii polskiej",
        "ik heb een master gehaald in Brazilië, richting biologie",
        "master engineering aan een universiteit in Nigeria",
    ],
)
def test_a_master_in_a_university_field_or_from_abroad_is_a_university_master(text):
    assert extract(text, expected="vooropleiding").facts.get("vooropleiding") == "wo-master"


def test_a_dutch_master_in_a_field_of_both_kinds_stays_unclear():
    found = extract("master bedrijfskunde", expected="vooropleiding")
    assert "vooropleiding" not in found.facts and found.unclear["vooropleiding"] == "master"


@pytest.mark.parametrize("text", ["mijn ma vindt het een goed idee", "ba ik weet het niet"])
def test_ma_and_ba_outside_the_diploma_question_are_no_degree(text):
    found = extract(text)
    assert "vooropleiding" not in found.facts and "vooropleiding" not in found.unclear


def test_a_diploma_begun_but_not_finished_in_the_next_clause_does_not_count():
    found = extract("mbo 4 gehaald, daarna twee jaar hbo gedaan maar niet afgemaakt", expected="vooropleiding")
    assert found.facts.get("vooropleiding") == "mbo-4"
    assert "werkervaring_jaren" not in found.facts  # years of study, no work


@pytest.mark.parametrize(
    "text",
    [
        "havo, daarna de mts. dat is nu mbo 4 geloof ik",
        "hbo-v, de hbo versie dus",
        "heao, dat is hbo toch",
        "bachelor plus master, allebei in Gent",
    ],
)
def test_filler_words_after_a_level_are_no_field_of_study(text):
    assert extract(text, expected="vooropleiding").facts.get("studierichting") is None


def test_an_engineer_by_job_says_nothing_about_the_level():
    found = extract("ik ben chemisch ingenieur uit Iran")
    assert found.facts.get("vooropleiding") is None


@pytest.mark.parametrize(
    "text, expected, years",
    [
        ("ik ben 47 en werk sinds mijn vijfentwintigste bij de bank", None, 22),
        ("al vanaf m'n negentiende in de bouw, inmiddels 40", "werkervaring_jaren", 21),
        ("ruim een kwart eeuw", "werkervaring_jaren", 25),
        ("zo'n anderhalf decennium", "werkervaring_jaren", 15),
        # the age is no number of years of work, in whatever place it stands
        ("ik ben nu 51 jaar en ik doe dit werk, ongeveer twaalf jaar", "werkervaring_jaren", 12),
        ("ik ben 36, werk al een flinke tijd, 9 denk ik", "werkervaring_jaren", 9),
        ("8 jaar als tandartsassistent, en nu dus een paar weken invaller", "werkervaring_jaren", 8),
    ],
)
def test_years_of_work_from_the_number_tied_to_work(text, expected, years):
    assert extract(text, expected=expected, today=_dt.date(2026, 12, 3)).facts.get("werkervaring_jaren") == years


def test_a_few_years_in_passing_is_too_vague_to_keep():
    assert "werkervaring_jaren" not in extract("ik heb enkele jaren les gegeven en ben toen gestopt").facts
    assert extract("een paar jaar", expected="werkervaring_jaren").facts["werkervaring_jaren"] == 2


def test_the_named_level_of_dutch_wins_over_the_exam():
    found = extract("B2 ongeveer, ik heb het staatsexamen NT2 programma I gedaan", expected="nederlands_niveau")
    assert found.facts["nederlands_niveau"] == "b2"


@pytest.mark.parametrize(
    "text, job",
    [
        ("glazenwasser bij woningcorporaties", "glazenwasser"),
        ("vrachtwagenchauffeur in de regio", "vrachtwagenchauffeur"),
        ("kapster in een salon", "kapster"),
        ("docent biologie op het lyceum", "docent biologie"),
        # a generic word needs its place to say anything
        ("medewerker bij de Action", "medewerker bij de action"),
    ],
)
def test_a_job_answer_is_the_job_not_where_it_is_done(text, job):
    assert extract(text, expected="huidig_beroep").facts.get("huidig_beroep") == job


@pytest.mark.parametrize(
    "text, job",
    [
        ("op dit moment zonder werk", "werkloos"),
        ("monteur, maar sinds januari werkloos", "werkloos"),
        ("ik ben werkzoekende", "werkzoekend"),
    ],
)
def test_without_a_job_in_the_persons_own_word(text, job):
    assert extract(text, expected="huidig_beroep").facts.get("huidig_beroep") == job


@pytest.mark.parametrize(
    "text, expected, province",
    [
        ("Winterswijk, vlak tegen de grens met Overijssel", "provincie", "gelderland"),
        ("een dorpje aan de Brabantse kant van Gorinchem", "provincie", "noord-brabant"),
        ("aan de Drentse kant van Emmen", None, "drenthe"),
        ("ik woon in Enschede en wil misschien in Groningen gaan studeren", None, "overijssel"),
    ],
)
def test_the_province_one_lives_in_not_the_one_one_names_for_reference(text, expected, province):
    assert extract(text, expected=expected).facts.get("provincie") == province


@pytest.mark.parametrize(
    "text, expected", [("MSc, Delft", "vooropleiding"), ("bedrijfskunde in Rotterdam", "studierichting")]
)
def test_a_place_in_the_answer_about_the_diploma_is_where_it_comes_from(text, expected):
    assert "provincie" not in extract(text, expected=expected).facts


@pytest.mark.parametrize(
    "text, form",
    [
        ("deeltijd, want met mijn hypotheek is voltijd echt niet haalbaar", "deeltijd"),
        ("parttime graag, ik werk nu fulltime bij de gemeente", "deeltijd"),
        ("naast mn baan zou fijn zijn", "deeltijd"),
    ],
)
def test_the_study_form_wanted_not_the_one_ruled_out_or_the_hours_of_work(text, form):
    assert extract(text, expected="studievorm").facts.get("studievorm") == form


@pytest.mark.parametrize(
    "text, expected, job",
    [
        ("ik heb vorige week gesproken met de rector en ze willen me na de zomer aannemen", None, "ja"),
        ("de directeur heeft het me mondeling toegezegd", "baan_op_school", "ja"),
        ("ik heb vrijdag een kennismaking", "baan_op_school", "in-gesprek"),
        ("we zijn nog aan het onderhandelen over de uren", "baan_op_school", "in-gesprek"),
        ("ik ben in gesprek met een school, misschien willen ze me aannemen", None, "in-gesprek"),
    ],
)
def test_a_promised_job_and_a_talk_with_a_school(text, expected, job):
    assert extract(text, expected=expected).facts.get("baan_op_school") == job


def test_a_talk_with_ones_manager_is_no_talk_with_a_school_unless_asked():
    assert "baan_op_school" not in extract("ik heb morgen een gesprek over mijn rooster").facts


@pytest.mark.parametrize(
    "text", ["nederlands gwn", "nederlands, en thuis ook papiaments", "Nederlands, maar ook Turks"]
)
def test_dutch_and_another_home_language_is_a_mother_tongue(text):
    assert extract(text, expected="nederlands_niveau").facts.get("nederlands_niveau") == "moedertaal"


def test_a_teacher_abroad_holds_a_foreign_qualification():
    found = extract("Ik was meester in Roemenië, vijftien jaar lang. Nu woon ik in Breda.")
    assert found.facts.get("huidige_bevoegdheid") == "buitenlands"
    assert extract("none, geen", expected="huidige_bevoegdheid").facts.get("huidige_bevoegdheid") == "geen"


@pytest.mark.parametrize(
    "text, field",
    [
        ("bachelor Italian studies", "italian studies"),
        ("MSc in environmental sciences", "environmental sciences"),
        ("master Duitse literatuur", "duitse literatuur"),
    ],
)
def test_the_word_that_continues_a_field_name_is_kept(text, field):
    assert extract(text, expected="vooropleiding").facts.get("studierichting") == field


@pytest.mark.parametrize(
    "text, expected, slot, value",
    [
        ("voltijd liefst, mag dat ook als ik 50 ben?", "studievorm", "studievorm", "voltijd"),
        ("jazeker, uit Kenia, geldt dat dan nog?", "diploma_buitenland", "diploma_buitenland", True),
    ],
)
def test_an_answer_followed_by_a_question_keeps_the_answer(text, expected, slot, value):
    assert extract(text, expected=expected).facts.get(slot) == value


@pytest.mark.parametrize(
    "text", ["het vo klinkt me goed", "of mijn hbo telt weet ik niet", "mijn diploma komt uit Ghana"]
)
def test_a_verb_after_a_level_is_no_field_of_study(text):
    assert "studierichting" not in extract(text).facts


def test_the_field_after_the_level_in_the_diploma_answer():
    assert extract("hbo, bedrijfseconomie", expected="vooropleiding").facts.get("studierichting") == "bedrijfseconomie"
    assert "studierichting" not in extract("MSc, Groningen", expected="vooropleiding").facts


def test_the_job_after_years_and_a_comma():
    assert (
        extract("twintig jaar, steeds als magazijnchef", expected="werkervaring_jaren").facts.get("huidig_beroep")
        == "magazijnchef"
    )


def test_seeking_work_named_anywhere_in_the_message():
    found = extract("ik werk niet meer in de zorg, ik ben nu werkzoekend", expected="huidig_beroep")
    assert found.facts.get("huidig_beroep") == "werkzoekend"


def test_the_person_of_a_trade_after_a_level_names_the_field():
    assert (
        extract("ik ben hbo verpleegkundige", expected="vooropleiding").facts.get("studierichting") == "verpleegkunde"
    )


def test_a_little_year_of_work():
    assert extract("een jaartje, bij de bakker", expected="werkervaring_jaren").facts.get("werkervaring_jaren") == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("deeltijd, of kan zo'n opleiding ook in de avond?", {"studievorm": "deeltijd"}),
        ("deeltijd graag, kan dat ook in de avond?", {"studievorm": "deeltijd"}),
        ("voltijd, maar is dat wel te betalen?", {"studievorm": "voltijd"}),
        ("Is een PDG hetzelfde als een tweedegraads bevoegdheid, of is dat iets anders?", {}),
    ],
)
def test_an_answer_then_a_question_after_of_or_maar_keeps_the_answer(text, expected):
    assert extract(text).facts == expected


@pytest.mark.parametrize(
    "text, expected, facts",
    [
        ("nee nog niet, moet ik dat eerst regelen dan?", "baan_op_school", {"baan_op_school": "nee"}),
        ("nederlands ja. kan dit sneller?", "nederlands_niveau", {"nederlands_niveau": "moedertaal"}),
        (
            "ja, mijn pabo-bevoegdheid",
            "huidige_bevoegdheid",
            {"huidige_bevoegdheid": "po", "vooropleiding": "hbo-bachelor"},
        ),
        ("middelbaar, secundair dus", "sector", {"sector": "vo"}),
        (
            "Ja ik heb al een paar keer gepraat met de directeur van een so school, ze willen me wel maar het is nog niet rond",
            "baan_op_school",
            {"sector": "so", "baan_op_school": "in-gesprek"},
        ),
        ("Ja klopt! Alleen weet ik dus echt nog niet of het deeltijd wordt", None, {}),
        (
            "Ik wil naar het mbo om onderwijsassistenten op te leiden.",
            None,
            {"sector": "mbo"},
        ),
        (
            "begonnen als timmerman op mijn 17e, later voorman en nu uitvoerder bij een aannemer",
            None,
            {"huidig_beroep": "uitvoerder"},
        ),
        ("ik wil leraar worden, ik werk als accountant", None, {"huidig_beroep": "accountant"}),
        ("Ik wil graag les geven aan de studenten pedagogisch werk op het mbo.", None, {"sector": "mbo"}),
        ("Ik heb tijdens mijn studie bijles gegeven bij een huiswerkinstituut", None, {}),
        ("wo bach", "vooropleiding", {"vooropleiding": "wo-bachelor"}),
        ("hbo bach", "vooropleiding", {"vooropleiding": "hbo-bachelor"}),
        ("wo ma", "vooropleiding", {"vooropleiding": "wo-master"}),
        ("bao", "sector", {"sector": "po"}),
        ("idd", "baan_op_school", {"baan_op_school": "ja"}),
        ("jup, syrie", "diploma_buitenland", {"diploma_buitenland": True}),
        (
            "ongeveer elf jaar, 9 jaar lerares Engels in Charkiv en nu 2 jaar hier in schoonmaak",
            "werkervaring_jaren",
            {"werkervaring_jaren": 11, "schoolvak": "engels"},
        ),
        ("Hello, sorry my dutch is not so good yet. Ik ben lerares Engels uit Polen.", None, {"schoolvak": "engels"}),
    ],
)
def test_answers_of_chatty_and_unsure_people(text, expected, facts):
    assert extract(text, expected=expected).facts == facts


@pytest.mark.parametrize(
    "text, facts",
    [
        ("havo, daarna 1 jaartje hbo gedaan maar gestopt", {"vooropleiding": "havo"}),
        ("havo had ik e&m, die hbo was sport en bewegen maar niet afgemaakt", {"vooropleiding": "havo"}),
    ],
)
def test_a_study_given_up_is_not_the_highest_diploma(text, facts):
    assert extract(text, expected="vooropleiding").facts.get("vooropleiding") == facts["vooropleiding"]


@pytest.mark.parametrize(
    "text, expected, slot, value",
    [
        # a job or firm offer at a school in words the lists did not know
        ("ik sta nu voor de klas als onbevoegd docent op een vmbo", None, "baan_op_school", "ja"),
        ("ik mag na de zomer beginnen op het Stedelijk Gymnasium College", None, "baan_op_school", "ja"),
        ("contract getekend voor twee jaar bij een roc", None, "baan_op_school", "ja"),
        ("ik heb een baangarantie van een scholengemeenschap", None, "baan_op_school", "ja"),
        ("ik zit in de invalpool van een schoolbestuur", None, "baan_op_school", "ja"),
        ("ik werk al acht jaar als leerkracht in groep 5", None, "baan_op_school", "ja"),
        ("ik werk al acht jaar als onderwijsassistent", None, "baan_op_school", None),
        ("ik heb op een vacature gereageerd bij een lyceum", None, "baan_op_school", "in-gesprek"),
        ("er lopen drie sollicitaties", None, "baan_op_school", "in-gesprek"),
        ("nee, wel een paar sollicitaties verstuurd", "baan_op_school", "baan_op_school", "nee"),
        ("nee, maar volgende week heb ik een sollicitatiegesprek", "baan_op_school", "baan_op_school", "in-gesprek"),
        ("Hallo, ik ben Jasper", None, "huidig_beroep", None),
        ("hoi, ik ben wouter", None, "huidig_beroep", None),
        ("nog niks gevonden helaas", "baan_op_school", "baan_op_school", "nee"),
        # the study form from when a person can study
        ("ik kan twee avonden per week", "studievorm", "studievorm", "deeltijd"),
        ("op maandag en dinsdag kan ik naar de opleiding", None, "studievorm", "deeltijd"),
        ("ik kan overdag naar school", "studievorm", "studievorm", "voltijd"),
        ("vijf dagen per week studeren is prima", "studievorm", "studievorm", "voltijd"),
        ("fulltime studeren kan ik me niet veroorloven", None, "studievorm", "deeltijd"),
        ("ik werk drie dagen per week als kapper en wil naar de pabo", None, "studievorm", None),
        # a qualification
        ("ik geef nu gym op een basisschool, zonder bevoegdheid", None, "huidige_bevoegdheid", "geen"),
        ("ik heb een bevoegdheid voor het basisonderwijs", None, "huidige_bevoegdheid", "po"),
        ("ik heb mijn onderwijsbevoegdheid in Ghana gehaald", None, "huidige_bevoegdheid", "buitenlands"),
        ("ik was docent in Turkije, twintig jaar lang", None, "huidige_bevoegdheid", "buitenlands"),
        (
            "nee, in Polen moest je daarvoor een specialisatie leraar doen",
            "huidige_bevoegdheid",
            "huidige_bevoegdheid",
            "geen",
        ),
        # a job the lists do not know, and a job beside a place
        ("ik ben glazenwasser", None, "huidig_beroep", "glazenwasser"),
        ("nu ben ik teamleider in een distributiecentrum", None, "huidig_beroep", "teamleider"),
        ("ik ben moeder van twee en werk als kapster", None, "huidig_beroep", "kapster"),
        ("ik ben zeker van mijn keuze", None, "huidig_beroep", None),
        ("apotheker bij een apotheek in Venlo", "huidig_beroep", "huidig_beroep", "apotheker"),
        ("nee hoor, geen deeltijd", "studievorm", "studievorm", "voltijd"),
        # a question about a study form chooses none
        ("kan ik de pabo ook in deeltijd doen?", None, "studievorm", None),
        ("kan ik dat naast mijn werk doen?", None, "studievorm", None),
        ("ik wil deeltijd, kan dat?", None, "studievorm", "deeltijd"),
        ("deeltijd, maar niet in de avond", "studievorm", "studievorm", "deeltijd"),
        ("ik wil mijn werk niet opzeggen", "studievorm", "studievorm", "deeltijd"),
        ("ik heb mn baan opgezegd, dus de hele week", "studievorm", "studievorm", "voltijd"),
        ("ik ga twee dagen per week naar de hogeschool", "studievorm", "vooropleiding", None),
        ("ik heb een proefles op een havo in Delft", None, "vooropleiding", None),
        ("ik zit sinds januari in de ww", None, "huidig_beroep", "werkzoekend"),
        ("ben elektricien", "huidig_beroep", "huidig_beroep", "elektricien"),
        ("junior projectleider bij een bouwbedrijf", "huidig_beroep", "huidig_beroep", "projectleider"),
        ("nog niks geregeld", "baan_op_school", "baan_op_school", "nee"),
        # years that are no work experience
        ("ik ben net begonnen met solliciteren", None, "werkervaring_jaren", None),
        # a school job that ended, someone else's, or in hours
        ("ik had een baan op een school maar ben vorig jaar gestopt", "baan_op_school", "baan_op_school", "nee"),
        ("mijn vrouw heeft een baan op een school, ik niet", "baan_op_school", "baan_op_school", "nee"),
        ("mijn man werkt op een basisschool en ik werk bij een roc", None, "baan_op_school", "ja"),
        ("ik heb al een aanstelling voor 0,6 fte bij een roc", "baan_op_school", "baan_op_school", "ja"),
        ("hmm nee, is dat een probleem?", "baan_op_school", "baan_op_school", "nee"),
        ("Op dit moment niet, nee.", "baan_op_school", "baan_op_school", "nee"),
        # a qualification from abroad
        ("ik heb mijn onderwijsbevoegdheid in suriname gehaald", None, "diploma_buitenland", True),
        # jobs in more words
        ("bij de ns als conducteur", "huidig_beroep", "huidig_beroep", "conducteur"),
        ("ja ik heb een vaste aanstelling als klassenassistent", "baan_op_school", "huidig_beroep", "klassenassistent"),
        ("ik ben gastouder, in hetzelfde gebouw als een basisschool", None, "huidig_beroep", "gastouder"),
        ("ben 38 en timmerman, 20 jr in de bouw", None, "huidig_beroep", "timmerman"),
        ("student nog, bachelor psychologie", "huidig_beroep", "huidig_beroep", "student"),
        ("ik werk nu als zelfstandig tolk", None, "huidig_beroep", "tolk"),
        (
            "ik sta nu twee jaar voor de klas als natuurkundedocent. daarvoor 8 jaar als procesingenieur gewerkt",
            None,
            "huidig_beroep",
            "natuurkundedocent",
        ),
        ("daarvoor 8 jaar als procesingenieur gewerkt. nu werk ik als barista", None, "huidig_beroep", "barista"),
        ("Alleen huidig beroep: echt ik ben lerares, orderpicker is tijdelijk.", None, "huidig_beroep", "lerares"),
        ("beroep: gewoon kok", None, "huidig_beroep", "kok"),
        ("ik wil voor de klas als docent engels", None, "huidig_beroep", None),
        ("ik werk als accountant en sta soms voor de klas als gastdocent", None, "huidig_beroep", "accountant"),
        ("nog student", "huidig_beroep", "huidig_beroep", "student"),
        ("nou ja, niet echt", "baan_op_school", "baan_op_school", None),
        ("ik heb mijn studie daarna voortgezet", None, "sector", None),
        ("ik was ontslagen bij de bank maar heb nu een baan op een basisschool", None, "baan_op_school", "ja"),
        ("secondary school, voortgezet", "sector", "sector", "vo"),
        ("ik ga stoppen met werken", "studievorm", "studievorm", "voltijd"),
        ("moet ik stoppen met werken?", "studievorm", "studievorm", None),
        # a field of study as typed
        ("hbo bachelor commerciële economie", "studierichting", "studierichting", "commerciële economie"),
        ("hbo ict", "studierichting", "studierichting", "ict"),
        ("mbo 4 via defensie", "vooropleiding", "studierichting", None),
        # a degree not done, a qualification wished for, Dutch with a remark
        (
            "klaar met mijn bachelor psychologie aan de RUG. Master heb ik niet gedaan",
            None,
            "vooropleiding",
            "wo-bachelor",
        ),
        ("docent met een tweedegraads, ik denk aan mijn eerstegraads", None, "huidige_bevoegdheid", "tweedegraads"),
        ("gewoon nederlands, al schrijf ik niet zo mooi", "nederlands_niveau", "nederlands_niveau", "moedertaal"),
        ("nederlands, al is het niet mijn moedertaal", "nederlands_niveau", "nederlands_niveau", None),
        ("nederlands, al is mijn niveau nog niet zo hoog", "nederlands_niveau", "nederlands_niveau", None),
        ("B1, ik heb inburgering gedaan. B2 ik ben nog bezig", "nederlands_niveau", "nederlands_niveau", "b1-of-lager"),
        ("heb toegepaste psychologie (hbo) afgerond", None, "studierichting", "toegepaste psychologie"),
        # the people taught are no field; an offered job is no job of now
        ("ik wil eigenlijk mbo studenten les geven in programmeren", None, "studierichting", None),
        ("Het Deltion College heeft mij een baan als docent logistiek aangeboden", None, "huidig_beroep", None),
        ("ik werk als kok en een school heeft me aangenomen", None, "huidig_beroep", "kok"),
        # a later, higher diploma; a comparison of school types is no diploma
        (
            "ik heb mbo niveau 4 onderwijsassistent.. nee wacht ik heb daarna ook nog de Ad PEP gedaan bij windesheim",
            None,
            "vooropleiding",
            "associate-degree",
        ),
        ("ik heb de ad pep nog niet afgerond", None, "vooropleiding", None),
        ("kan ik met een medewerker praten over vmbo vs mbo?", None, "vooropleiding", None),
        ("kan ik met een medewerker praten over vmbo vs mbo?", None, "sector", "onbekend"),
        ("Ja, en dus master he, niet bachelor.", None, "studierichting", None),
        ("ik heb pedagogiek gestudeerd, aan de UvA, was dat nou hbo of wo?", None, "vooropleiding", None),
        ("SPW, dat was mbo 4 volgens mij, ja niveau 4", "vooropleiding", "studierichting", None),
        ("Master in de informatica, KU Leuven", "vooropleiding", "vooropleiding", "wo-master"),
        ("part-time please, deeltijd, I work full-time", "studievorm", "studievorm", "deeltijd"),
        # a master in a field taught at universities, or from an institute of technology abroad
        ("I have a master, MA in English literature", "vooropleiding", "vooropleiding", "wo-master"),
        ("master, M.Tech in chemical engineering van IIT Bombay", "vooropleiding", "vooropleiding", "wo-master"),
        # a language as a field of study names no country
        ("een master in Franse taal en cultuur", "vooropleiding", "diploma_buitenland", None),
        ("ik heb een master in Duitse literatuur, gehaald in Duitsland", None, "diploma_buitenland", True),
        # study fields and jobs by the names people use
        ("ik heb hbo-v gedaan en werk 12 jaar als verpleegkundige", None, "studierichting", "hbo-v"),
        ("ik heb sph gedaan", None, "studierichting", "sph"),
        ("Dag, ik ben muziektherapeut, conservatorium afgerond", None, "huidig_beroep", "muziektherapeut"),
        # a teacher's subject belongs to the job, the grade is the qualification
        ("Ik ben tweedegraads docent Engels en geef nu 10 jaar les", None, "huidig_beroep", "docent engels"),
        # a job from abroad is no job of now; the job here is
        ("ik ben Poolse lerares voor basisschool. Nu werk ik in een magazijn", None, "huidig_beroep", None),
        (
            "Ik ben apotheker uit Syrië. Nu werk ik als apothekersassistent.",
            None,
            "huidig_beroep",
            "apothekersassistent",
        ),
        ("Ik ben al 9 jaar docent ak (2e graads, Fontys) in Terneuzen", None, "huidig_beroep", "docent aardrijkskunde"),
        # children of an age name a sector; two liked alike leave it open
        ("Ik sta al tien jaar voor groep 8 en merk dat ik liever met oudere kinderen werk", None, "sector", "vo"),
        ("geen idee eerlijk gezegd. kleine kinderen vind ik leuk maar pubers ook", "sector", "sector", "onbekend"),
        ("ik wil graag iemand spreken over welke opleiding het beste is", None, "studierichting", None),
        # English words for a qualification or a study abroad; a licence is a bachelor
        (
            "I have the Syrian teacher diploma, in Syria I was allowed to teach",
            "huidige_bevoegdheid",
            "huidige_bevoegdheid",
            "buitenlands",
        ),
        ("I studied in Germany", None, "diploma_buitenland", True),
        ("licence in informatica, 3 jaar universiteit in Oujda", "vooropleiding", "vooropleiding", "wo-bachelor"),
        ("ik kom uit Syrië maar heb hier gestudeerd", None, "studierichting", None),
        ("uhm nee? ik heb nog helemaal niks gestudeerd", None, "studierichting", None),
        ("geschiedenis, bachelor en master allebei", "studierichting", "studierichting", "geschiedenis"),
        ("geen diploma, ben met vijftien van de lts af gegaan", "vooropleiding", "studierichting", None),
        # a level asked about or compared with is no diploma; a choice between school types no diploma either
        ("ja, maar die Ad telt toch als hbo?", None, "vooropleiding", None),
        ("mijn diploma wordt gezien als hbo-bachelor", None, "vooropleiding", "hbo-bachelor"),
        ("ja klopt, alleen dat twijfelen tussen vmbo en mbo he", None, "vooropleiding", None),
        (
            "Master van de Politieacademie, Criminal Investigation. Dat is hbo geloof ik",
            "vooropleiding",
            "vooropleiding",
            "hbo-master",
        ),
        ("entree. mbo 2 logistiek begonnen maar niet afgemaakt", "vooropleiding", "vooropleiding", "mbo-1"),
        # a stay abroad is no work; the years the person says to note are
        (
            "ik heb een jaar in Australië gezeten, dus maak van de werkervaring maar 14 jaar",
            None,
            "werkervaring_jaren",
            14,
        ),
        ("15 jaar, maar een jaar in Spanje gewoond", "werkervaring_jaren", "werkervaring_jaren", 15),
        ("ik heb tien jaar in de bouw gezeten", None, "werkervaring_jaren", 10),
        # an unfinished study names no field
        (
            "MBO-V, niveau 4 dus. Ik heb ooit nog een jaar hbo-v gedaan maar niet afgemaakt",
            None,
            "studierichting",
            None,
        ),
        ("bouwkunde, maar ik ben na de propedeuse gestopt", None, "studierichting", None),
        (
            "ik ben begonnen met pabo maar na 1 jaar gestopt, daarna mbo zorg en welzijn afgemaakt",
            "studierichting",
            "studierichting",
            "zorg en welzijn",
        ),
        # years of a study are no work experience
        (
            "krijg ik nog studiefinanciering als ik al 2 jaar rechten heb gedaan?",
            "huidig_beroep",
            "werkervaring_jaren",
            None,
        ),
        # a school that looks for someone, then a talk
        (
            "ik ben elektromonteur en een vmbo school hier in helmond zoekt iemand voor PIE. ik heb volgende week een gesprek.",
            None,
            "baan_op_school",
            "in-gesprek",
        ),
        # the first place, then alternatives; a correction names the last
        ("Meppel, dus Drenthe. of net Overijssel, Zwolle is ook goed", "provincie", "provincie", "drenthe"),
        ("utrecht, of amersfoort is ook goed", "provincie", "provincie", "utrecht"),
        ("utrecht, of nee, toch liever arnhem", "provincie", "provincie", "gelderland"),
        # the doubt, then the choice
        (
            "Ik twijfelde eerst nog of mbo niet leuker was maar vmbo lijkt me toch mooi. Wat moet ik doen?",
            None,
            "sector",
            "vo",
        ),
        ("ik twijfel tussen po en vo maar het vo trekt me toch meer", None, "sector", "vo"),
        ("ik twijfel tussen po en vo maar ook mbo", None, "sector", "onbekend"),
        # a study finished at a school of higher education is more than the school diploma before it
        (
            "na de havo ben ik eerst bij de marine gegaan, daarna werktuigbouwkunde gestudeerd aan de HU, toen engineer",
            None,
            "vooropleiding",
            "hbo-bachelor",
        ),
        ("vwo, daarna rechten gestudeerd aan de UvA maar niet afgemaakt", None, "vooropleiding", "vwo"),
        # a study form ruled out names the other
        ("Naast mijn werk dus deeltijd, voltijd kan ik echt niet betalen.", "studievorm", "studievorm", "deeltijd"),
        # a doctorate begun and stopped is no doctorate
        (
            "Ik heb in Gent een master biologie gehaald en ben hier aan een doctoraat begonnen, maar na twee jaar "
            "ben ik gestopt, het onderzoek was niks voor mij.",
            None,
            "vooropleiding",
            "wo-master",
        ),
        ("ik heb een doctoraat en ben gestopt met werken", None, "vooropleiding", "doctoraat"),
        # the school without a level names the level
        ("HvA informatica, klaar in 2010 ofzo", "vooropleiding", "vooropleiding", "hbo-bachelor"),
        (
            "lerarenopleiding Nederlands aan de NHL, ergens midden jaren negentig. tweedegraads dus",
            "vooropleiding",
            "vooropleiding",
            "hbo-bachelor",
        ),
        # Dutch with a dialect, or in other words, is the mother tongue
        ("Nederlands, Zeeuws eigenlijk haha", "nederlands_niveau", "nederlands_niveau", "moedertaal"),
        ("gewoon nederlands, twents zelfs", "nederlands_niveau", "nederlands_niveau", "moedertaal"),
        ("goed hoor, ben hier geboren", "nederlands_niveau", "nederlands_niveau", "moedertaal"),
        ("nederlands, redelijk", "nederlands_niveau", "nederlands_niveau", None),
        # years away from work are no experience
        (
            "vanaf mijn twintigste in de zorg, met een paar jaar eruit toen de kinderen klein waren",
            "werkervaring_jaren",
            "werkervaring_jaren",
            None,
        ),
        # the aim is not the qualification, and no papers mean none
        ("geen, daarom dus die pdg", "huidige_bevoegdheid", "huidige_bevoegdheid", "geen"),
        (
            "geen idee, ik heb geen papiertje voor lesgeven als je dat bedoelt",
            "huidige_bevoegdheid",
            "huidige_bevoegdheid",
            "geen",
        ),
        # the sector liked best among several
        ("middelbare school, al zou mbo ook kunnen eigenlijk. vo het liefst", "sector", "sector", "vo"),
        ("het liefst vmbo, maar mbo mag ook", "sector", "sector", "vo"),
        # a school that seeks someone is no diploma
        ("ik ben chef-kok en een vmbo in Breda zoekt iemand voor de horeca-afdeling", None, "vooropleiding", None),
        # the years of a school type are classes to teach, no diploma
        (
            "ik ben docent Engels (2e graads) en wil mijn 1e graads halen zodat ik ook in 5 en 6 vwo les mag geven",
            None,
            "vooropleiding",
            None,
        ),
        # a study form in other words
        ("wat betekent dat? ik moet werken, dus niet hele week studeren", "studievorm", "studievorm", "deeltijd"),
        ("ik wil niet de hele week studeren", "studievorm", "studievorm", "deeltijd"),
        # the Spanish teacher training master is no field; the licenciatura or grado before it is
        (
            "Licenciatura in Engelse filologie en daarna de Máster de Profesorado, universiteit van Sevilla",
            "vooropleiding",
            "studierichting",
            "engelse filologie",
        ),
        (
            "Grado Filologia Hispanica en daarna Master del Profesorado, universiteit van Valencia",
            "vooropleiding",
            "studierichting",
            "filologia hispanica",
        ),
        # a director who asked, then a talk; "via mijn werk" is no job at the school
        (
            "Via mijn werk kom ik veel op een school voor speciaal onderwijs en de directeur vroeg laatst of ik niet "
            "bij hen voor de klas wilde. We hebben volgende week een gesprek.",
            None,
            "baan_op_school",
            "in-gesprek",
        ),
        # a job after "als", and the field of a master never finished
        ("sinds 2019 als teamleider van de klantenservice", None, "huidig_beroep", "teamleider"),
        (
            "hbo bachelor, de lerarenopleiding. o, en ik heb later nog een master communicatie gedaan, nee wacht, "
            "die ben ik begonnen maar nooit afgemaakt. dus gewoon hbo",
            "vooropleiding",
            "studierichting",
            None,
        ),
        (
            "ik heb gebeld met de teamleider, ze willen me uitnodigen voor een gesprek",
            "baan_op_school",
            "baan_op_school",
            "in-gesprek",
        ),
        # ordinary sentences that state none of these facts
        (
            "ik kom uit polen en heb daar economie gestudeerd. ik wil leraar worden, maar ben hier niet bevoegd",
            None,
            "huidige_bevoegdheid",
            "geen",
        ),
        ("in 2015 raakte ik mijn baan als kok kwijt, daarna buschauffeur geworden", None, "huidig_beroep", "kok"),
        ("ik wil even vragen of ik zonder diploma les mag geven", None, "baan_op_school", None),
        ("mijn moeder vroeg of ik geen leraar wilde worden", None, "baan_op_school", None),
        (
            "hbo bedrijfskunde, daarna nog een master begonnen maar nooit afgemaakt",
            "vooropleiding",
            "studierichting",
            "bedrijfskunde",
        ),
        ("Pedagogiek. Mijn collega deed alleen de Ad.", "studierichting", "vooropleiding", None),
        ("ik moet werken aan mijn Nederlands", None, "studievorm", None),
        # full time ruled out, the job's place is no sector, a study form in chat language
        ("als het moet in deeltijd, voltijd ga ik echt niet meer doen", "studievorm", "studievorm", "deeltijd"),
        ("sportinstructeur bij sportschool, soms gymbegeleider op basisschool", "huidig_beroep", "sector", None),
        ("naast t werk denk ik, zo gaat zij instroom toch?", "studievorm", "studievorm", "deeltijd"),
        # an Ad named as the diploma
        ("bedrijfskunde, de Ad dus", "studierichting", "vooropleiding", "associate-degree"),
        ("ja klopt, Ad dus, niet een hele bachelor", None, "vooropleiding", "associate-degree"),
        ("ik las het in het AD.", None, "vooropleiding", None),
        # a school type ruled out
        (
            "basisschool, groep 7/8 lijkt me wel wat. middelbare school lijkt me niks, die pubers",
            "sector",
            "sector",
            "po",
        ),
        ("nog niet, eerst dat gesprek volgende week", "baan_op_school", "baan_op_school", "in-gesprek"),
        (
            "bevoegdheid? bedoel je mijn NEN 3140? voor lesgeven heb ik niks als je dat bedoelt",
            "huidige_bevoegdheid",
            "huidige_bevoegdheid",
            "geen",
        ),
        # the qualification's sector is not where to teach
        ("ja, po bevoegdheid van de pabo", "huidige_bevoegdheid", "sector", None),
        ("nee, ik ben in dienst van de sportstichting, niet van school", "baan_op_school", "baan_op_school", "nee"),
        # almost retired is still at work
        ("Ben 64, timmerman en uitvoerder geweest, bijna met pensioen.", None, "huidig_beroep", "timmerman"),
        # a school that asked, or invited to talk
        ("ik ben kok en scalda vroeg of ik praktijkles wil geven in de keuken", None, "baan_op_school", "in-gesprek"),
        ("ze hebben het gevraagd maar er is nog niks op papier", "baan_op_school", "baan_op_school", "in-gesprek"),
        ("mijn moeder vroeg of ik kom eten", None, "baan_op_school", None),
        (
            "Een school in Den Haag heeft me uitgenodigd voor een gesprek over een baan als docent natuurkunde.",
            None,
            "baan_op_school",
            "in-gesprek",
        ),
        # ... and the job talked about is not the job of now
        (
            "Een school in Den Haag heeft me uitgenodigd voor een gesprek over een baan als docent natuurkunde.",
            None,
            "huidig_beroep",
            None,
        ),
        ("wat bedoel je, mijn koksdiploma? verder heb ik niks", "huidige_bevoegdheid", "huidige_bevoegdheid", "geen"),
        # a job lost is no job now
        ("Ik ben na een reorganisatie mijn baan als IT-manager kwijt.", None, "huidig_beroep", "werkzoekend"),
        # a teacher from abroad who is not qualified here
        (
            "Ik ben lerares Spaans uit Spanje en geef nu les in Rotterdam maar ik ben hier niet bevoegd.",
            None,
            "huidige_bevoegdheid",
            "buitenlands",
        ),
        ("ik ben hier niet bevoegd, ik werk als onderwijsassistent", None, "huidige_bevoegdheid", "geen"),
        # ... but the thuiszorg is work
        ("ik heb 10 jaar thuiszorg gedaan", None, "werkervaring_jaren", 10),
        # nothing concrete yet: a talk
        (
            "een bekende van me is rector in Maastricht, hij zei dat ik welkom ben, maar er is nog niets concreet",
            "baan_op_school",
            "baan_op_school",
            "in-gesprek",
        ),
        # periods since a year and of some years add up
        (
            "Sinds 2014 bij hetzelfde kantoor, en daarvoor nog twee jaar bij de Belastingdienst.",
            "werkervaring_jaren",
            "werkervaring_jaren",
            _dt.date.today().year - 2014 + 2,
        ),
        (
            "Twee jaar in India als quality control chemist, en hier sinds 2021.",
            "werkervaring_jaren",
            "werkervaring_jaren",
            _dt.date.today().year - 2021 + 2,
        ),
        ("ik woon sinds 2015 in nederland en werk 5 jaar als kok", "werkervaring_jaren", "werkervaring_jaren", 5),
        (
            "sinds 2003 aan het werk, dus ruim twintig jaar",
            "werkervaring_jaren",
            "werkervaring_jaren",
            _dt.date.today().year - 2003,
        ),
        (
            "Geen idee hoe dat zit. Ik mag wel voor de klas als de juf ziek is, maar een bevoegdheid heb ik niet denk ik.",
            "huidige_bevoegdheid",
            "huidige_bevoegdheid",
            "geen",
        ),
        # years away from work do not count; a way of working is no trade
        (
            "Sinds 1997, met een jaar tussendoor voor een wereldreis.",
            "werkervaring_jaren",
            "werkervaring_jaren",
            _dt.date.today().year - 1997,
        ),
        ("10 jaar in turkije en 12 jaar hier", "werkervaring_jaren", "werkervaring_jaren", 22),
        ("veertien jaar hier in Nederland, daarvoor twee in Polen", "werkervaring_jaren", "werkervaring_jaren", 14),
        # a period since a year within the years named, or the same one: not added
        (
            "vijfentwintig jaar in de bouw, eerst timmerman bij een ander en sinds 2009 voor mezelf",
            "werkervaring_jaren",
            "werkervaring_jaren",
            25,
        ),
        (
            "ruim 25 jaar, sinds 1997 voor de klas",
            "werkervaring_jaren",
            "werkervaring_jaren",
            max(25, _dt.date.today().year - 1997),
        ),
        ("Zzp'er, elektrotechnisch installateur", "huidig_beroep", "huidig_beroep", "elektrotechnisch installateur"),
        ("Niks officieels. Ik doe vrijwilligerswerk bij het taalcafé.", "huidig_beroep", "huidig_beroep", "geen"),
        (
            "sinds vorig jaar met vervroegd pensioen, daarvoor R&D-manager",
            "huidig_beroep",
            "huidig_beroep",
            "gepensioneerd",
        ),
        ("nog niet, volgende week 2e gesprek", "baan_op_school", "baan_op_school", "in-gesprek"),
        # a level asked about is no level said
        ("Ja dat klopt, al is mijn Ad toch ook hbo?", None, "vooropleiding", "associate-degree"),
        # a qualification others talk about is not one's own
        (
            "Het ROC heeft me gevraagd om les te geven. Maar ze hebben het over een PDG en een geschiktheidsonderzoek.",
            None,
            "huidige_bevoegdheid",
            None,
        ),
        ("ze zeiden dat ik een pdg nodig heb", None, "huidige_bevoegdheid", None),
        ("ik heb mijn pdg in 2018 gehaald", None, "huidige_bevoegdheid", "pdg"),
        # the training talked about is not one's own study
        ("Nee, en ik wil eigenlijk eerst de opleiding goed doen.", "baan_op_school", "studierichting", None),
        # school types to choose from are no diploma
        (
            "ik zit al 20 jaar in de bouw en wil jongeren het vak leren. Vmbo of mbo maakt me niet zoveel uit.",
            None,
            "vooropleiding",
            None,
        ),
        ("vmbo of mbo, maakt niet uit", None, "sector", "onbekend"),
        # a juf teaches in special education too
        (
            "ik werk als klassenassistent op een speciale school (cluster 3). kan ik dan nog juf worden?",
            None,
            "sector",
            "so",
        ),
        ("hee ik ben onderwijsassistent op een tos school in goes en wil zelf juf worden", None, "sector", "so"),
        ("ik werk op een speciale school maar wil juf worden op een basisschool", None, "sector", "po"),
        # a job one can start is not the job of now
        (
            "ik ben automonteur en kan bij het roc in zwolle aan de slag als instructeur in de werkplaats",
            None,
            "huidig_beroep",
            "automonteur",
        ),
        # the training one wants to teach at is not one's own study
        (
            "ik ben chef kok, lijkt me mooi om later op een mbo koks opleiding les te geven",
            None,
            "studierichting",
            None,
        ),
        # a language before "diploma" is the country, not the field
        ("Ja, Duits diploma", "diploma_buitenland", "studierichting", None),
        ("nee, een nederlands diploma", "diploma_buitenland", "diploma_buitenland", False),
        ("ik heb vwo en ben 2 jaar rechten gaan studeren maar dat was niks", None, "werkervaring_jaren", None),
        # a job answer: the first of two titles, a workplace without a title, a title with its place
        (
            "senior onderzoeker / principal scientist in de chemische industrie",
            "huidig_beroep",
            "huidig_beroep",
            "onderzoeker",
        ),
        ("werk bij de supermarkt, vakkenvullen en kassa", "huidig_beroep", "huidig_beroep", "medewerker supermarkt"),
        (
            "medewerker in een cafetaria, en ik geef training",
            "huidig_beroep",
            "huidig_beroep",
            "medewerker in een cafetaria",
        ),
    ],
)
def test_facts_in_words_people_use(text, expected, slot, value):
    assert extract(text, expected=expected).facts.get(slot) == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("niveau 2, en daarna 4 jaar als kok gewerkt", "mbo-2"),
        ("mbo 3 timmerman, daarna nog mbo 4 uitvoerder gedaan via de bbl", "mbo-4"),
        ("niveau 2 en later 3, maar 4 niet afgemaakt", "mbo-3"),
        ("3", "mbo-3"),
    ],
)
def test_the_level_of_an_mbo_diploma_is_the_highest_finished(text, value):
    assert extract(text, expected="vooropleiding", pending="mbo").facts["vooropleiding"] == value


def test_a_master_still_wanted_is_no_master():
    text = "afgestudeerd in pedagogische wetenschappen (bachelor, UvA). ik wil ook nog wel een master doen."
    assert extract(text).facts["vooropleiding"] == "wo-bachelor"


@pytest.mark.parametrize(
    ("text", "expected", "facts"),
    [
        # a teacher training named by its old name or with its subject is an hbo bachelor, the highest level
        (
            "Eerst MEAO secretariaat, daarna in deeltijd de tweedegraads lerarenopleiding Duits gedaan.",
            "vooropleiding",
            {"vooropleiding": "hbo-bachelor"},
        ),
        (
            "MAVO, daarna HAVO en toen de kweekschool, al heette die toen Pedagogische Academie.",
            "vooropleiding",
            {"vooropleiding": "hbo-bachelor"},
        ),
        ("havo en nu de pabo", "vooropleiding", {"vooropleiding": "havo"}),
        ("ik wil de tweedegraads lerarenopleiding doen", None, {"vooropleiding": None}),
        (
            "Ik heb in 1984 de volledige bevoegdheid voor het lager onderwijs gehaald.",
            "huidige_bevoegdheid",
            {"huidige_bevoegdheid": "po"},
        ),
        (
            "Ik heb het PDG, behaald in 2021. Verder geen bevoegdheid.",
            "huidige_bevoegdheid",
            {"huidige_bevoegdheid": "pdg"},
        ),
        (
            "Ruim veertig jaar. Vijf jaar in het onderwijs en daarna ruim 35 jaar bij een verzekeraar.",
            "werkervaring_jaren",
            {"werkervaring_jaren": 40},
        ),
        # regions lie in one province; "West-Friesland" is in Noord-Holland
        ("ingeschreven bij een invalpool in West-Friesland", None, {"provincie": "noord-holland"}),
        ("de achterhoek", "provincie", {"provincie": "gelderland"}),
        ("ik woon in Twente", None, {"provincie": "overijssel"}),
        ("ik gooi het er maar uit", None, {"provincie": None}),
        # the place of a training asked about is not where one wants to teach
        ("Kan die master ook in Nijmegen of moet ik dan naar Amsterdam?", "huidig_beroep", {"provincie": None}),
        # a degree talked about is not one's own
        (
            "Ik heb psychologie gestudeerd. Ik hoorde iets over een master waarmee je ook juf wordt?",
            None,
            {"vooropleiding": None},
        ),
        ("(geschiedenis, havo/vwo) en mijn school wil dat ik mijn bevoegdheid ga halen", None, {"vooropleiding": None}),
        (
            "ja, jaarcontract bij een havo/vwo school, wordt verlengd als ik een opleiding start",
            None,
            {"studierichting": None},
        ),
        ("Een school hier wil mij aannemen, maar telt mijn Belgisch diploma hier?", None, {"studierichting": None}),
        ("Werktuigbouwkunde en eventueel technisch tekenen/CAD.", "schoolvak", {"schoolvak": "techniek"}),
        ("oh wacht, hbo eigenlijk", None, {"studierichting": None}),
    ],
)
def test_facts_as_career_changers_tell_them(text, expected, facts):
    _assert_facts(text, expected, facts)


@pytest.mark.parametrize(
    ("text", "years", "age"),
    [
        # years of one career after another in a life story add up; a name before the age is no period
        (
            "goeiedag ik ben piet 55 jaar en heb al 25 jaar een eigen installatiebedrijf, daarvoor 10 jaar in loondienst.",
            35,
            55,
        ),
        ("Ik ben in 1988 bij een grote bank begonnen, de laatste vijftien jaar als manager.", 2026 - 1988, None),
        ("daarna 12 jaar verslaggever bij een krant en nu zo'n 5 jaar copywriter", 17, None),
        ("Hallo! Ik ben Joost, 42. Ik werk 5 jaar als copywriter", 5, 42),
        ("ik woon 10 jaar in nederland en werk 3 jaar als schoonmaker", 3, None),
        # a part of the years, or years not said one after the other, do not add up
        ("Ik ben al bijna vijfentwintig jaar kok, de laatste tien jaar als chef.", 24, None),
        (
            "Ik ben Gerard, 57, en ik sta al vijfendertig jaar in de keuken. Mavo gedaan. Ben souschef "
            "geweest, chef, had tien jaar een eigen restaurant en nu ben ik chef bij een cateraar.",
            35,
            57,
        ),
        (
            "Ik ben Katrien, Vlaamse, 42 jaar, en ik woon sinds 2014 in Maastricht. Vijf jaar in een lagere "
            "school gestaan, daarna HR.",
            5,
            42,
        ),
        ("over een jaar of negen ga ik met pensioen, ik werk al ruim dertig jaar in de machinebouw", 30, None),
    ],
)
def test_years_of_work_in_a_life_story(text, years, age):
    found = extract(text, today=dt.date(2026, 12, 4))
    assert found.facts.get("werkervaring_jaren") == years
    assert [s.value for s in found.signals if s.slot == "leeftijd"] == ([age] if age else [])


@pytest.mark.parametrize(
    ("text", "abroad"),
    [
        ("In Rotterdam behaald.", False),
        ("gewoon in Leeuwarden gehaald", False),
        ("Utrecht", False),
        ("in Gent, België", True),
    ],
)
def test_a_dutch_place_answers_the_question_about_a_diploma_from_abroad(text, abroad):
    assert extract(text, expected="diploma_buitenland").facts.get("diploma_buitenland") is abroad


@pytest.mark.parametrize(
    ("text", "expected", "facts"),
    [
        (
            "Na de academie zo'n tien jaar bij een ontwerpbureau gewerkt en nu al een jaar of acht freelance.",
            None,
            {"werkervaring_jaren": 18},
        ),
        ("Ik doe NT2 les, de leraar zegt B1, bijna B2", "nederlands_niveau", {"nederlands_niveau": "b1-of-lager"}),
        (
            "Ja, de school neemt mij aan per 1 februari. Het gesprek met de directeur is geweest.",
            "baan_op_school",
            {"baan_op_school": "ja"},
        ),
        (
            "ik heb een gesprek gehad, ik hoor volgende week of ze me aannemen",
            "baan_op_school",
            {"baan_op_school": "in-gesprek"},
        ),
    ],
)
def test_more_facts_as_people_tell_them(text, expected, facts):
    _assert_facts(text, expected, facts)


@pytest.mark.parametrize(
    ("text", "expected", "facts"),
    [
        # none of these states the fact about the person
        ("De supermarkt nam me meteen aan, daar werk ik nu.", "baan_op_school", {"baan_op_school": None}),
        ("Ze nemen me niet aan zonder bevoegdheid", "baan_op_school", {"baan_op_school": None}),
        ("Ik ben docent geweest 25 jaar en wil nu terug.", None, {"werkervaring_jaren": 25}),
        ("ik ben verpleegkundige, 20 jaar.", "werkervaring_jaren", {"werkervaring_jaren": 20}),
        ("Ik heb de pabo nooit afgemaakt", None, {"vooropleiding": None}),
        ("Mijn vader zat vroeger op de kweekschool.", None, {"vooropleiding": None, "huidige_bevoegdheid": None}),
        ("ik ben leerkracht maar heb nog geen bevoegdheid", "huidige_bevoegdheid", {"huidige_bevoegdheid": "geen"}),
        ("In 2019 ben ik met de pabo begonnen, daarvoor 10 jaar in de zorg gewerkt", None, {"werkervaring_jaren": 10}),
        ("Al 2 jaar werkloos, daarvoor 8 jaar bij de post", None, {"werkervaring_jaren": 8}),
        ("Lagos. Was best zwaar.", "diploma_buitenland", {"diploma_buitenland": None}),
        (
            "Universiteit van Lagos, daarna ben ik naar Breda verhuisd",
            "diploma_buitenland",
            {"diploma_buitenland": None},
        ),
        ("Ik kom uit Groningen, kan ik daar ook de pabo doen?", None, {"provincie": "groningen"}),
        ("Van huis uit spreek ik Pools, Nederlands gaat prima", "nederlands_niveau", {"nederlands_niveau": None}),
        ("Mijn kinderen zijn geboren in Utrecht.", "nederlands_niveau", {"nederlands_niveau": None}),
        ("ik ben geboren in de Achterhoek", "nederlands_niveau", {"nederlands_niveau": "moedertaal"}),
        ("vmbo/havo", "vooropleiding", {"vooropleiding": "havo"}),
        ("Biologie op een middelbare school", "schoolvak", {"sector": "vo", "schoolvak": "biologie"}),
    ],
)
def test_facts_not_about_the_person_are_not_taken(text, expected, facts):
    _assert_facts(text, expected, facts)


def _assert_facts(text, expected, facts):
    """Each slot in ``facts`` has its value (None: not found) in what ``text`` gives."""
    found = extract(text, expected=expected).facts
    for slot, value in facts.items():
        assert found.get(slot) == value, (slot, found)
