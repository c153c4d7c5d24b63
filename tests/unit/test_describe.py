"""The plain Dutch read-back of a profile."""

from bot.profile.describe import facts_sentence, read_back
from bot.profile.values import PROFILE_SLOTS


def test_read_back_of_a_complete_profile():
    lines = read_back(
        {
            "vooropleiding": "wo-master",
            "studierichting": "scheikunde",
            "diploma_buitenland": False,
            "huidig_beroep": "lab-analist",
            "werkervaring_jaren": 12,
            "huidige_bevoegdheid": "geen",
            "sector": "vo",
            "schoolvak": "scheikunde",
            "baan_op_school": "nee",
            "studievorm": "deeltijd",
            "provincie": "utrecht",
        }
    )
    assert lines == [
        "Opleiding: wo-master scheikunde",
        "Werk: lab-analist, 12 jaar werkervaring",
        "Bevoegdheid nu: nog geen",
        "Lesgeven op: de middelbare school (vo), vak scheikunde",
        "Baan op een school: nee, nog niet",
        "Studeren: deeltijd",
        "Provincie: Utrecht",
    ]


def test_skipped_questions_read_as_not_known_yet():
    lines = read_back({"vooropleiding": "havo", "sector": "po"}, skipped=["provincie"])
    assert "Provincie: weet je nog niet" in lines
    assert "Studeren: onbekend" in lines


def test_foreign_diploma_and_language_level():
    lines = read_back({"vooropleiding": "wo-bachelor", "diploma_buitenland": True, "nederlands_niveau": "b2"})
    assert lines[0] == "Opleiding: wo-bachelor (uit het buitenland)"
    assert lines[1] == "Nederlands: B2"


def test_facts_sentence_joins_with_en():
    text = facts_sentence(
        {"vooropleiding": "hbo-bachelor", "werkervaring_jaren": 0, "provincie": "zeeland"}, PROFILE_SLOTS
    )
    assert text == "hbo-bachelor, minder dan een jaar werkervaring en provincie Zeeland"
