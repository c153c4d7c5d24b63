"""What one message does to the profile: validation, skipping, acknowledgements."""

from __future__ import annotations

import pytest

from bot.profile import values
from bot.profile.extract import extract, leading_yes_no
from bot.profile.form_logic import checked_answer, process_turn

STORY = (
    "Ik ben 42, heb een wo-master scheikunde, werk 12 jaar als lab-analist en wil scheikunde "
    "geven op een middelbare school in Amersfoort"
)


def names(turn):
    return [name for name, _ in turn.responses]


def test_life_story_is_kept_and_acknowledged_once():
    candidates = {
        "vooropleiding": "wo-master",
        "studierichting": "scheikunde",
        "werkervaring_jaren": 12,
        "huidig_beroep": "lab-analist",
        "sector": "vo",
        "schoolvak": "scheikunde",
        "provincie": "utrecht",
    }
    turn = process_turn({}, candidates, requested=None, text=STORY, intent="inform")
    assert turn.slots == candidates
    assert names(turn) == ["genoteerd"]
    assert "wo-master" in turn.responses[0][1]["feiten"]
    assert "provincie Utrecht" in turn.responses[0][1]["feiten"]


def test_then_only_missing_questions_remain():
    profile = {
        "vooropleiding": "wo-master",
        "studierichting": "scheikunde",
        "werkervaring_jaren": 12,
        "huidig_beroep": "lab-analist",
        "sector": "vo",
        "schoolvak": "scheikunde",
        "provincie": "utrecht",
    }
    assert values.missing_slots(profile) == [
        "diploma_buitenland",
        "nederlands_niveau",
        "huidige_bevoegdheid",
        "baan_op_school",
        "studievorm",
    ]


def test_plain_answer_to_the_question_is_not_acknowledged():
    turn = process_turn({}, {"vooropleiding": "havo"}, requested="vooropleiding", text="havo", intent="inform")
    assert turn.slots == {"vooropleiding": "havo"}
    assert turn.responses == []


@pytest.mark.parametrize(
    "slot, text, value",
    [
        ("huidig_beroep", "Ik werk als kok", "kok"),
        ("werkervaring_jaren", "twaalf", 12),
        ("studierichting", "bedrijfskunde", "bedrijfskunde"),
        ("provincie", "zwolle", "overijssel"),
        ("sector", "basisschool", "po"),
        ("vooropleiding", "mbo 4", "mbo-4"),
    ],
)
def test_free_text_answers_are_mapped(slot, text, value):
    turn = process_turn({}, {slot: text}, requested=slot, text=text, intent="inform")
    assert turn.slots[slot] == value


@pytest.mark.parametrize(
    "slot, text",
    [
        ("werkervaring_jaren", "heel lang"),
        ("provincie", "Timboektoe"),
        ("sector", "ergens"),
        ("vooropleiding", "blabla"),
    ],
)
def test_unusable_answer_is_rejected_with_an_example(slot, text):
    turn = process_turn({}, {slot: text}, requested=slot, text=text, intent="inform")
    assert turn.slots[slot] is None
    assert names(turn) == [f"ongeldig_{slot}"]


def test_second_miss_in_a_row_offers_a_human():
    turn = process_turn(
        {}, {"provincie": "xyz"}, requested="provincie", text="xyz", intent="nlu_fallback", prior_misses=1
    )
    assert names(turn) == ["ongeldig_provincie", "aanbod_medewerker"]


def test_personal_number_gets_a_privacy_reply_instead_of_an_example():
    turn = process_turn(
        {},
        {"werkervaring_jaren": "123456789"},
        requested="werkervaring_jaren",
        text="123456789",
        intent="nlu_fallback",
        input_kind="persoonlijk_nummer",
    )
    assert turn.slots["werkervaring_jaren"] is None
    assert names(turn) == ["invoer_persoonlijk_nummer"]


def test_unclear_master_sets_a_hint_and_the_follow_up_settles_it():
    turn = process_turn(
        {}, {"vooropleiding": "ik heb een master"}, requested="vooropleiding", text="ik heb een master", intent="inform"
    )
    assert turn.slots["vooropleiding"] is None and turn.hint == "master"
    turn = process_turn(
        {}, {"vooropleiding": "hbo"}, requested="vooropleiding", text="hbo", intent="inform", hint="master"
    )
    assert turn.slots["vooropleiding"] == "hbo-master" and turn.hint is None


@pytest.mark.parametrize("slot", sorted(values.SKIPPABLE - {"huidige_bevoegdheid"}))
def test_dont_know_skips_optional_questions(slot):
    turn = process_turn({}, {}, requested=slot, text="weet ik niet", intent="dont_know")
    assert turn.skipped == [slot]
    assert names(turn) == ["vraag_overgeslagen"]
    assert slot not in values.required_slots({}, turn.skipped)


@pytest.mark.parametrize("text", ["weet ik niet", "geen idee, alleen mijn ad"])
def test_dont_know_a_qualification_means_none_said_out_loud_unless_the_diploma_is_from_abroad(text):
    turn = process_turn({}, {}, requested="huidige_bevoegdheid", text=text, intent="dont_know")
    assert turn.slots["huidige_bevoegdheid"] == "geen" and names(turn) == ["aanname_geen_bevoegdheid"]
    abroad = {"diploma_buitenland": True}
    turn = process_turn(abroad, {}, requested="huidige_bevoegdheid", text=text, intent="dont_know")
    assert turn.skipped == ["huidige_bevoegdheid"] and names(turn) == ["vraag_overgeslagen"]


def test_dont_know_sector_means_onbekend():
    turn = process_turn({}, {}, requested="sector", text="geen idee", intent="dont_know")
    assert turn.slots == {"sector": "onbekend"}


def test_dont_know_education_is_not_accepted():
    turn = process_turn({}, {}, requested="vooropleiding", text="weet ik niet", intent="dont_know")
    assert turn.slots == {"vooropleiding": None}
    assert names(turn) == ["nodig_vooropleiding"]


def test_correction_is_acknowledged_as_a_change():
    before = {"vooropleiding": "wo-master", "provincie": "utrecht"}
    turn = process_turn(
        before, {"vooropleiding": "hbo-bachelor"}, requested=None, text="nee, ik heb hbo, geen wo", intent="correct"
    )
    assert turn.slots == {"vooropleiding": "hbo-bachelor"}
    assert names(turn) == ["aangepast"]
    assert "hbo-bachelor" in turn.responses[0][1]["feiten"]


def test_switching_to_primary_school_drops_the_subject():
    turn = process_turn(
        {"sector": "vo", "schoolvak": "wiskunde"},
        {"sector": "po"},
        requested=None,
        text="eigenlijk toch liever de basisschool",
        intent="correct",
    )
    assert turn.slots == {"sector": "po", "schoolvak": None}


def test_answer_later_skipped_question_is_no_longer_skipped():
    turn = process_turn(
        {}, {"studievorm": "deeltijd"}, requested=None, text="toch deeltijd", intent="inform", skipped=["studievorm"]
    )
    assert turn.skipped == []


@pytest.mark.parametrize(
    "profile, absent",
    [({"vooropleiding": "havo"}, "studierichting"), ({"sector": "po"}, "schoolvak"), ({"sector": "so"}, "schoolvak")],
)
def test_follow_up_questions_only_where_they_matter(profile, absent):
    assert absent not in values.required_slots(profile)


def test_dutch_level_is_asked_after_a_foreign_diploma():
    assert "nederlands_niveau" in values.required_slots({"diploma_buitenland": True})


def test_other_fact_instead_of_the_answer_is_kept_without_an_error():
    turn = process_turn(
        {},
        {"diploma_buitenland": "ik woon in Utrecht", "provincie": "utrecht"},
        requested="diploma_buitenland",
        text="ik woon in Utrecht",
        intent="inform",
    )
    assert turn.slots == {"diploma_buitenland": None, "provincie": "utrecht"}
    assert names(turn) == ["genoteerd"]


def test_one_extra_fact_next_to_the_answer_is_acknowledged():
    turn = process_turn(
        {},
        {"huidig_beroep": "ik werk als kok in Utrecht", "provincie": "utrecht"},
        requested="huidig_beroep",
        text="ik werk als kok in Utrecht",
        intent="inform",
    )
    assert turn.slots == {"huidig_beroep": "kok", "provincie": "utrecht"}
    assert names(turn) == ["genoteerd"]
    assert turn.responses[0][1]["feiten"] == "provincie Utrecht"


@pytest.mark.parametrize("slot, value", [("baan_op_school", "nee"), ("studievorm", "deeltijd"), ("sector", "vo")])
def test_a_valid_value_that_equals_the_text_is_kept(slot, value):
    turn = process_turn({}, {slot: value}, requested=slot, text=value, intent="deny")
    assert turn.slots == {slot: value}


def test_dont_know_to_wo_or_hbo_assumes_the_safe_level_and_says_so():
    turn = process_turn({}, {}, requested="vooropleiding", text="geen idee", intent="dont_know", hint="master")
    assert turn.slots["vooropleiding"] == "hbo-master" and turn.hint is None
    assert turn.responses[-1][0] == "aanname_vooropleiding"


def test_dont_know_twice_to_the_diploma_moves_on_instead_of_asking_forever():
    first = process_turn({}, {}, requested="vooropleiding", text="weet ik niet", intent="dont_know")
    assert first.responses[-1][0] == "nodig_vooropleiding" and "vooropleiding" not in first.skipped
    second = process_turn(
        {}, {}, requested="vooropleiding", text="weet ik echt niet", intent="dont_know", prior_misses=1
    )
    assert "vooropleiding" in second.skipped and second.responses[-1][0] == "vooropleiding_onbekend"


@pytest.mark.parametrize(
    "slot, text",
    [
        ("diploma_buitenland", "dat vind ik een lastige"),
        ("baan_op_school", "hmm tja"),
        ("provincie", "xyz"),
        ("werkervaring_jaren", "heel erg lang"),
    ],
)
def test_after_two_asks_without_an_answer_the_bot_goes_on(slot, text):
    first = process_turn({}, {slot: text}, requested=slot, text=text, intent="inform", asked_in_a_row=1)
    assert first.slots.get(slot) is None and slot not in first.skipped
    second = process_turn({}, {slot: text}, requested=slot, text=text, intent="inform", asked_in_a_row=2)
    assert slot in second.skipped
    assert names(second) == ["vraag_later"]


def test_going_on_without_the_sector_marks_it_unknown():
    turn = process_turn({}, {"sector": "tja"}, requested="sector", text="tja", intent="inform", asked_in_a_row=2)
    assert turn.slots["sector"] == "onbekend"


def test_going_on_without_wo_or_hbo_assumes_the_safe_level():
    turn = process_turn(
        {},
        {"vooropleiding": "tja"},
        requested="vooropleiding",
        text="tja",
        intent="inform",
        hint="master",
        asked_in_a_row=2,
    )
    assert turn.slots["vooropleiding"] == "hbo-master"
    assert names(turn) == ["aanname_vooropleiding"]


@pytest.mark.parametrize(
    "slot, text, value",
    [
        ("diploma_buitenland", "nee gewoon in tilburg gehaald", False),
        ("diploma_buitenland", "ja, in Polen", True),
        ("baan_op_school", "ja, ze willen me per augustus aannemen, de directeur heeft het al besproken", "ja"),
        ("baan_op_school", "ja ik heb een aanbod van het Albeda", "ja"),
        ("huidige_bevoegdheid", "nee hoor", "geen"),
        ("nederlands_niveau", "ja", "moedertaal"),
        ("nederlands_niveau", "ik ben gewoon nederlands", "moedertaal"),
        ("vooropleiding", "master degree, university in Krakow", "wo-master"),
    ],
)
def test_answers_that_open_with_yes_or_no_or_name_a_university(slot, text, value):
    turn = process_turn(
        {}, {slot: text}, requested=slot, text=text, intent="inform", hint="master" if slot == "vooropleiding" else None
    )
    assert turn.slots[slot] == value


def test_no_to_mother_tongue_asks_for_the_level_without_an_error():
    turn = process_turn({}, {"nederlands_niveau": "nee"}, requested="nederlands_niveau", text="nee", intent="deny")
    assert names(turn) == ["vraag_nederlands_niveau"]


def test_a_question_without_an_answer_goes_to_the_intaker_not_a_miss():
    text = "Wie betaalt de opleiding dan, ik of de school?"
    turn = process_turn({}, {"baan_op_school": text}, requested="baan_op_school", text=text, intent="inform")
    assert names(turn) == ["vraag_voor_medewerker"]


@pytest.mark.parametrize(
    "text, slot",
    [
        ("vo, bovenbouw havo/vwo", "sector"),
        ("Telt mijn bachelor TN volledig mee als vakinhoud?", "huidig_beroep"),
    ],
)
def test_a_known_fact_does_not_change_by_the_way(text, slot):
    previous = {"vooropleiding": "wo-master", "studierichting": "technische natuurkunde"}
    candidates = {slot: text, "vooropleiding": "vwo", "studierichting": "tn volledig mee"}
    turn = process_turn(previous, candidates, requested=slot, text=text, intent="inform", previous=previous)
    assert turn.slots["vooropleiding"] == "wo-master" and turn.slots["studierichting"] == "technische natuurkunde"
    assert "aangepast" not in names(turn)


@pytest.mark.parametrize(
    "text", ["nee sorry, ik heb eigenlijk een hbo-master", "o wacht, het is een hbo master. en ik wil naar het vo"]
)
def test_a_stated_correction_during_a_question_does_change_the_fact(text):
    previous = {"vooropleiding": "wo-master"}
    turn = process_turn(
        previous, {"vooropleiding": "hbo-master"}, requested="sector", text=text, intent="inform", previous=previous
    )
    assert turn.slots["vooropleiding"] == "hbo-master"
    assert "aangepast" in names(turn)


def test_the_answer_to_another_question_does_not_change_a_job_even_taken_for_a_correction():
    previous = {"huidig_beroep": "orderpicker", "diploma_buitenland": True}
    text = "ja, in Polen ik ben bevoegd lerares"
    turn = process_turn(
        previous,
        {"huidige_bevoegdheid": "buitenlands", "huidig_beroep": "lerares"},
        requested="huidige_bevoegdheid",
        text=text,
        intent="correct",
        previous=previous,
    )
    assert turn.slots["huidig_beroep"] == "orderpicker"
    assert turn.slots["huidige_bevoegdheid"] == "buitenlands"
    assert "aangepast" not in names(turn)


def test_a_correction_and_the_answer_in_one_message_keep_both():
    previous = {"vooropleiding": "hbo-bachelor", "studierichting": "bedrijfskunde"}
    text = "sorry, ik bedoel wo bachelor, en ik werk er 12 jaar"
    turn = process_turn(
        previous,
        {"vooropleiding": "wo-bachelor", "werkervaring_jaren": 12},
        requested="werkervaring_jaren",
        text=text,
        intent="correct",
        previous=previous,
    )
    assert turn.slots["vooropleiding"] == "wo-bachelor" and turn.slots["werkervaring_jaren"] == 12


@pytest.mark.parametrize("slot", ["huidig_beroep", "studierichting"])
@pytest.mark.parametrize("text", ["noord-holland", "in de buurt van maastricht", "Amersfoort"])
def test_a_place_is_no_job_or_study(slot, text):
    turn = process_turn({}, {slot: text}, requested=slot, text=text, intent="inform")
    assert turn.slots.get(slot) is None


def test_a_question_in_the_opening_is_kept_for_the_intaker():
    text = "Ik heb rechten gestudeerd en zoek een baan in Utrecht. Kost dat veel?"
    turn = process_turn({}, {"studierichting": "rechten"}, requested=None, text=text, intent="inform")
    assert "vraag_voor_medewerker_na_intake" in names(turn)  # the advice often answers it; the intaker sees it
    answered = process_turn(
        {}, {"studierichting": "rechten"}, requested=None, text=text, intent="inform", side_answered=True
    )
    assert "vraag_voor_medewerker_na_intake" not in names(answered)


def test_no_to_mother_tongue_the_second_time_goes_on_with_one_message():
    turn = process_turn(
        {}, {"nederlands_niveau": "nee"}, requested="nederlands_niveau", text="nee", intent="deny", asked_in_a_row=2
    )
    assert names(turn) == ["vraag_later"]


def test_a_question_is_no_answer_to_the_question_asked():
    text = "Krijg ik een leaseauto als leraar?"
    turn = process_turn(
        {}, {"werkervaring_jaren": text}, requested="werkervaring_jaren", text=text, intent="nlu_fallback"
    )
    assert turn.slots["werkervaring_jaren"] is None
    assert names(turn) == ["vraag_voor_medewerker"]


def test_an_answer_taken_for_a_yes_still_fills_the_slot():
    turn = process_turn(
        {}, {"studierichting": "kok, horeca"}, requested="studierichting", text="kok, horeca", intent="affirm"
    )
    assert turn.slots["studierichting"] in {"kok", "horeca"}


def test_a_bare_yes_to_an_open_question_goes_on_without_an_error():
    turn = process_turn({}, {"studierichting": "oké"}, requested="studierichting", text="oké", intent="continue")
    assert turn.slots["studierichting"] is None
    assert names(turn) == ["oke_verder"]


def test_an_answer_in_english_fills_the_slot_asked_for():
    text = "master degree, university in Krakow (Uniwersytet Jagiellonski)"
    turn = process_turn(
        {}, {"vooropleiding": text}, requested="vooropleiding", text=text, intent="other_language", hint="master"
    )
    assert turn.slots["vooropleiding"] == "wo-master"
    assert not [n for n in names(turn) if n.startswith("ongeldig_")]


def test_no_to_a_yes_no_question_corrects_nothing_else():
    previous = {"huidig_beroep": "verpleegkundige"}
    text = "nee geen baan, alleen een paar gastlessen als vrijwilliger"
    turn = process_turn(
        previous,
        {"baan_op_school": "nee", "huidig_beroep": "werkzoekend"},
        requested="baan_op_school",
        text=text,
        intent="correct",
        previous=previous,
    )
    assert turn.slots["baan_op_school"] == "nee" and turn.slots["huidig_beroep"] == "verpleegkundige"


def test_dont_know_with_an_answer_in_it_fills_the_slot():
    text = "nee, daar heb ik nog niet naar gekeken"
    turn = process_turn({}, {"baan_op_school": text}, requested="baan_op_school", text=text, intent="dont_know")
    assert turn.slots["baan_op_school"] == "nee"


def test_dont_know_without_an_answer_is_no_failed_answer():
    turn = process_turn({}, {"schoolvak": "geen idee"}, requested="schoolvak", text="geen idee", intent="dont_know")
    assert turn.slots.get("schoolvak") is None
    assert not [n for n in names(turn) if n.startswith("ongeldig_")]


@pytest.mark.parametrize(
    "text, field",
    [
        ("English Language and Literature", "english language and literature"),
        ("Spaanse filologie (taal en literatuur)", "spaanse filologie"),
        ("mbo verpleegkunde niveau 4", "verpleegkunde"),
        ("wo master scheikunde aan de UvA", "scheikunde"),
    ],
)
def test_the_field_of_study_as_the_person_names_it(text, field):
    turn = process_turn({}, {"studierichting": text}, requested="studierichting", text=text, intent="inform")
    assert turn.slots["studierichting"] == field


def test_a_place_in_the_answer_about_the_diploma_is_no_province():
    # The entities come from the message alone: "Delft" would be a province.
    turn = process_turn(
        {},
        {"vooropleiding": "MSc, Delft", "provincie": "zuid-holland"},
        requested="vooropleiding",
        text="MSc, Delft",
        intent="inform",
    )
    assert turn.slots["provincie"] is None  # the slot mapping already set it: undone


def test_facts_the_answer_states_about_the_person_are_still_kept():
    turn = process_turn(
        {},
        {"huidig_beroep": "monteur", "werkervaring_jaren": 9},
        requested="huidig_beroep",
        text="monteur, al 9 jaar",
        intent="inform",
    )
    assert turn.slots == {"huidig_beroep": "monteur", "werkervaring_jaren": 9}


@pytest.mark.parametrize("text", ["weet ik eigenlijk nog niet, moet ik over nadenken", "geen idee eerlijk gezegd"])
def test_not_knowing_the_mbo_subject_is_no_subject(text):
    turn = process_turn({"sector": "mbo"}, {"schoolvak": text}, requested="schoolvak", text=text, intent="dont_know")
    assert turn.slots.get("schoolvak") is None


def test_the_person_of_a_trade_as_the_field_of_study():
    turn = process_turn(
        {"vooropleiding": "mbo-4"},
        {"studierichting": "bouwkundige"},
        requested="studierichting",
        text="bouwkundige",
        intent="inform",
    )
    assert turn.slots["studierichting"] == "bouwkunde"


def test_not_knowing_the_answer_corrects_no_known_fact():
    text = "weet ik eigenlijk nog niet, iets in de richting van bedrijfskunde"
    turn = process_turn(
        {"vooropleiding": "hbo-bachelor", "studierichting": "pabo", "sector": "mbo"},
        {"studierichting": "bedrijfskunde", "schoolvak": text},
        requested="schoolvak",
        text=text,
        intent="dont_know",
    )
    assert turn.slots["studierichting"] == "pabo"


def test_a_value_for_another_question_is_kept_when_it_answers_nothing_else():
    """ "voltijd" to "heb je al een baan op een school?" is the study form, said early."""
    turn = process_turn(
        profile={},
        candidates={"studievorm": "voltijd", "baan_op_school": "voltijd"},
        requested="baan_op_school",
        text="voltijd",
        intent="inform",
    )
    assert turn.slots.get("studievorm") == "voltijd"
    assert turn.slots.get("baan_op_school") is None


@pytest.mark.parametrize(
    "requested, text, slot, value",
    [
        ("vooropleiding", "kappersschool niveau 3, meer niet. mavo daarvoor", "vooropleiding", "mbo-3"),
        ("vooropleiding", "pabo, afgerond in 2016", "vooropleiding", "hbo-bachelor"),
        ("vooropleiding", "wo bachelor, de master is nog niet af", "vooropleiding", "wo-bachelor"),
        ("baan_op_school", "nog niet, gesprek is volgende week dinsdag", "baan_op_school", "in-gesprek"),
        ("baan_op_school", "twee gesprekken gehad, er is nog niets getekend", "baan_op_school", "in-gesprek"),
        ("baan_op_school", "ik werk er al als onderwijsassistent", "baan_op_school", "ja"),
        ("werkervaring_jaren", "10 jaar in turkije en 12 jaar hier", "werkervaring_jaren", 22),
        ("werkervaring_jaren", "pfff.. een jaar of twintig in totaal? 5 jaar voor de klas", "werkervaring_jaren", 20),
        ("nederlands_niveau", "B1 gehaald, nu een cursus voor B2", "nederlands_niveau", "b1-of-lager"),
        ("nederlands_niveau", "nl", "nederlands_niveau", "moedertaal"),
        ("huidig_beroep", "gis-specialist bij de gemeente den haag", "huidig_beroep", "gis-specialist"),
        ("studievorm", "geen idee wat er kan, maar ik wil wel blijven werken als toa", "studievorm", "deeltijd"),
    ],
)
def test_answers_as_people_give_them(requested, text, slot, value):
    from bot.profile.extract import extract

    candidates = dict(extract(text).facts)
    if requested in ("studierichting", "huidig_beroep", "schoolvak"):
        candidates.setdefault(requested, text)  # the form's from_text mapping
    turn = process_turn({}, candidates, requested=requested, text=text, intent="inform")
    assert turn.slots.get(slot) == value


def test_a_question_beside_an_answer_goes_to_the_intaker():
    turn = process_turn(
        {}, {"sector": "vo"}, requested="sector", text="vmbo. Ben ik op mijn leeftijd nog interessant?", intent="inform"
    )
    assert turn.slots["sector"] == "vo"
    assert "vraag_voor_medewerker" in names(turn)


def test_a_degree_still_to_come_is_not_the_highest_one():
    from bot.profile.extract import extract

    found = extract("ik heb net mijn bachelor geschiedenis gehaald. moet ik echt nog een master doen??")
    assert found.unclear.get("vooropleiding") == "bachelor"
    assert extract("ik heb een bachelor en daarna een master gedaan").unclear.get("vooropleiding") == "master"
    assert "vooropleiding" not in extract("ik zit in mijn master wiskunde maar twijfel").unclear


def test_a_request_for_a_person_about_school_types_changes_no_diploma():
    turn = process_turn(
        {"vooropleiding": "mbo-4"},
        {"vooropleiding": "vmbo"},
        requested=None,
        text="kan ik met een medewerker praten over vmbo vs mbo?",
        intent="human_handoff",
    )
    assert turn.slots["vooropleiding"] == "mbo-4"
    assert "aangepast" not in names(turn)


def test_a_job_at_school_said_back_to_front_is_a_job_at_school():
    from bot.profile.extract import extract

    assert extract("ja, met de correctie dat ik dus al op school werk").facts.get("baan_op_school") == "ja"
    assert "baan_op_school" not in extract("als ik op een school werk").facts


def test_a_short_first_job_at_a_school_is_not_all_the_work_experience():
    from bot.profile.extract import extract

    assert "werkervaring_jaren" not in extract("ik werk nu een jaar als instructeur op het roc").facts
    assert "werkervaring_jaren" not in extract("ik ben al een jaar hybride docent naast mijn werk").facts
    assert extract("ik werk al twee jaar als kok").facts["werkervaring_jaren"] == 2


def test_a_degree_being_finished_and_a_school_type_asked_about_state_nothing():
    from bot.profile.extract import extract

    found = extract("ik zit in mijn master wiskunde. kan ik al iets doen of moet ik eerst mijn master afmaken?")
    assert "vooropleiding" not in found.unclear and "vooropleiding" not in found.facts
    assert "vooropleiding" not in extract("kan ik al iets doen tijdens mijn bachelor?").unclear
    assert "sector" not in extract("mag ik met die bevoegdheid later ook op het mbo lesgeven?").facts
    assert extract("kan ik met een master psychologie op de basisschool lesgeven?").facts["sector"] == "po"


def test_an_amount_said_with_doubt_is_an_answer():
    text = "Pfoe, een jaar of tien, twaalf? Eerst bij een bureau en nu bij de gemeente"
    turn = process_turn({}, {"werkervaring_jaren": text}, "werkervaring_jaren", text, "faq")
    assert turn.slots["werkervaring_jaren"] == 10


def test_a_number_in_a_question_is_no_amount_of_years():
    text = "krijg ik dan gewoon salaris vanaf dag 1?"
    turn = process_turn({}, {"werkervaring_jaren": text}, "werkervaring_jaren", text, "faq")
    assert turn.slots["werkervaring_jaren"] is None
    assert "vraag_voor_medewerker" in [key for key, _ in turn.responses]


@pytest.mark.parametrize(
    "slot, text, value",
    [
        ("studievorm", "deeltijd, of kan zo'n opleiding ook in de avond?", "deeltijd"),
        ("huidig_beroep", "Ik las iets over 2000 euro. Geldt dat voor mij?", None),
        ("huidig_beroep", "Telt mijn ervaring bij Defensie mee?", None),
        ("werkervaring_jaren", "Krijg ik een leaseauto?", None),
    ],
)
def test_an_answer_beside_a_question_is_kept_and_the_question_passed_on(slot, text, value):
    turn = process_turn({}, {slot: text}, slot, text, "faq")
    assert turn.slots[slot] == value
    assert "vraag_voor_medewerker" in [key for key, _ in turn.responses]


def test_a_question_about_a_route_is_no_job():
    text = "die kopopleiding, kan die ook in deeltijd?"
    turn = process_turn({}, {"huidig_beroep": text}, "huidig_beroep", text, "faq")
    assert turn.slots["huidig_beroep"] is None


def test_a_school_type_as_the_answer_to_the_sector_question_changes_no_diploma():
    profile = {"vooropleiding": "hbo-bachelor", "studierichting": "bouwkunde", "baan_op_school": "ja"}
    turn = process_turn(profile, {"vooropleiding": "vmbo"}, "sector", "vmbo", "inform")
    assert turn.slots == {"vooropleiding": "hbo-bachelor", "sector": "vo"}
    assert turn.responses == []


@pytest.mark.parametrize("text", ["idk", "weet niet hoor", "geen flauw idee"])
def test_dont_know_in_few_words_is_dont_know_whatever_the_classifier_made_of_it(text):
    turn = process_turn({}, {"werkervaring_jaren": text}, "werkervaring_jaren", text, "nlu_fallback")
    assert not any(key.startswith("ongeldig_") for key, _ in turn.responses)


def _ranking(**scores):
    return [{"name": name, "confidence": value} for name, value in scores.items()]


@pytest.mark.parametrize(
    "slot, text, ranking, expected",
    [
        ("huidig_beroep", "ik sta achter de kassa", _ranking(goodbye=0.48, inform=0.44), True),
        ("provincie", "gelderland", _ranking(goodbye=0.5, correct=0.4), True),
        ("studievorm", "ik ga stoppen met werken", _ranking(goodbye=0.78, inform=0.08), True),
        ("studievorm", "ik stop ermee, doei", _ranking(goodbye=0.97, inform=0.01), False),
        ("huidig_beroep", "tot ziens!", _ranking(goodbye=0.97, inform=0.01), False),
        ("huidig_beroep", "doei", _ranking(goodbye=0.5, inform=0.45), False),  # no answer at all
        ("baan_op_school", "nee, ik stop ermee", _ranking(goodbye=0.9, deny=0.08), False),
        ("huidig_beroep", "tot snel", _ranking(goodbye=0.5, inform=0.45), False),  # words of leaving
        ("baan_op_school", "nee, ik stop", _ranking(goodbye=0.5, inform=0.45), False),
    ],
)
def test_only_an_answer_the_nlu_read_as_goodbye_by_a_hair_counts_as_answer(slot, text, ranking, expected):
    from bot.profile.form_logic import answer_taken_for_goodbye

    assert answer_taken_for_goodbye(slot, text, ranking) is expected


async def test_the_form_keeps_an_answer_read_as_goodbye_and_leaves_a_goodbye_to_its_rule():
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from bot.actions.profile_form import ValidateProfielForm

    async def slots_after(text, ranking):
        message = {"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": []}
        events = [{"event": "user", "text": text}]
        slots = {"requested_slot": "huidig_beroep", "vooropleiding": "mbo", "studierichting": "retail"}
        state = Tracker("t", slots, message, events, False, None, {"name": "profiel_form"}, "action_listen")
        result = await ValidateProfielForm().run(CollectingDispatcher(), state, {"slots": {}})
        return {e["name"]: e["value"] for e in result if e["event"] == "slot"}

    kept = await slots_after("ik sta achter de kassa", _ranking(goodbye=0.48, inform=0.44))
    assert kept["huidig_beroep"] == "ik sta achter de kassa"
    assert kept["requested_slot"] != "huidig_beroep"
    left = await slots_after("doei, tot later", _ranking(goodbye=0.96, inform=0.02))
    assert "huidig_beroep" not in left


def test_years_since_an_age_count_from_the_age_said_earlier():
    text = "sinds mn zestiende in de bouw"
    turn = process_turn({}, {"werkervaring_jaren": text}, "werkervaring_jaren", text, "inform", age=57)
    assert turn.slots["werkervaring_jaren"] == 41 and turn.responses == []
    unknown = process_turn({}, {"werkervaring_jaren": text}, "werkervaring_jaren", text, "inform")
    assert unknown.slots["werkervaring_jaren"] is None
    assert names(unknown) == ["werkervaring_leeftijd_onbekend"]  # says why it asks again
    impossible = process_turn({}, {"werkervaring_jaren": text}, "werkervaring_jaren", text, "inform", age=12)
    assert "werkervaring_leeftijd_onbekend" not in names(impossible)  # the age is known


@pytest.mark.parametrize(
    "earlier, answer, years",
    [
        ("vanaf mijn zeventiende", "62", 45),
        ("sinds m'n achttiende aan het tatoeëren, dus reken maar uit", "26", 8),
        ("sinds m'n achttiende aan het tatoeëren, dus reken maar uit", "ik ben 26 jaar", 8),
        ("Half mijn leven zeg maar. Eigen salon gehad en zo", "ik ben 45", 22),
        # the years themselves, not an age
        ("vanaf mijn zeventiende", "ik heb 20 jaar gewerkt", 20),
    ],
)
def test_the_age_asked_for_counts_the_years_of_the_earlier_answer(earlier, answer, years):
    first = process_turn({}, {"werkervaring_jaren": earlier}, "werkervaring_jaren", earlier, "inform")
    assert first.slots["werkervaring_jaren"] is None
    assert names(first) == ["werkervaring_leeftijd_onbekend"]
    turn = process_turn(
        {}, {"werkervaring_jaren": answer}, "werkervaring_jaren", answer, "inform", age_asked_for=earlier
    )
    assert turn.slots["werkervaring_jaren"] == years


@pytest.mark.parametrize(
    "text, field",
    [("Ik ben 58, gepromoveerd chemicus", "scheikunde"), ("Ik heb HTS elektro.", "elektrotechniek")],
)
def test_a_study_named_by_its_expert_or_in_short_is_noted_by_its_name(text, field):
    facts = extract(text).facts  # in the opening, as the slot mappings give them
    assert process_turn({}, facts, None, text, "inform").slots["studierichting"] == field


@pytest.mark.parametrize(
    "slot, text, value",
    [
        ("studievorm", "deeltijd ofzo? moet wel geld blijven verdienen", "deeltijd"),
        ("provincie", "utrecht misschien?", "utrecht"),
        ("studievorm", "kan ik deeltijd studeren of zo?", None),
        ("schoolvak", "geen flauw idee, maatschappijleer misschien? weet niet", None),
    ],
)
def test_an_answer_with_doubt_and_a_question_mark_is_an_answer(slot, text, value):
    assert process_turn({}, {slot: text}, slot, text, "inform").slots[slot] == value


@pytest.mark.parametrize(
    "text, field",
    [
        ("Hogeschool Rotterdam, pedagogiek", "pedagogiek"),
        ("Hbo, accountancy, bij de HZ in Vlissingen.", "accountancy"),
    ],
)
def test_the_study_beside_the_diploma_in_its_answer_is_kept(text, field):
    facts = extract(text).facts  # the entities as the NLU finds them, without the question asked
    turn = process_turn({}, {**facts, "vooropleiding": facts["vooropleiding"]}, "vooropleiding", text, "inform")
    assert turn.slots["vooropleiding"] == "hbo-bachelor" and turn.slots["studierichting"] == field
    assert turn.slots.get("provincie") is None  # where the diploma comes from


def test_when_a_diploma_was_taken_is_no_study():
    text = "Kapper niveau 3, heel lang geleden"
    turn = process_turn({}, {"vooropleiding": text}, "vooropleiding", text, "inform")
    assert turn.slots.get("studierichting") in (None, "kapper")


def test_toch_in_a_question_at_the_read_back_asks_and_changes_nothing():
    known = {"vooropleiding": "associate-degree"}
    text = "Ja dat klopt, al is mijn Ad toch ook hbo?"
    turn = process_turn(known, {"vooropleiding": "hbo-bachelor"}, None, text, "affirm", previous=known)
    assert turn.slots["vooropleiding"] == "associate-degree"
    text = "ik heb toch mbo 4, kan dat?"
    known = {"vooropleiding": "havo"}
    turn = process_turn(known, {"vooropleiding": "mbo-4"}, None, text, "correct", previous=known)
    assert turn.slots["vooropleiding"] == "mbo-4"


def test_the_first_of_two_names_of_a_study_is_the_study():
    text = "koken / horeca"
    assert (
        process_turn({}, {"studierichting": text}, "studierichting", text, "inform").slots["studierichting"] == "koken"
    )


def test_a_level_named_in_a_question_is_no_answer_to_the_question_asked():
    text = "Moet ik eerst B2 halen voordat ik kan beginnen met de opleiding?"
    turn = process_turn({}, {"nederlands_niveau": "b2"}, "nederlands_niveau", text, "faq")
    assert turn.slots["nederlands_niveau"] is None and "vraag_voor_medewerker" in names(turn)
    answer = process_turn({}, {"nederlands_niveau": "b2"}, "nederlands_niveau", "B2, is dat genoeg?", "faq")
    assert answer.slots["nederlands_niveau"] == "b2"
    stated = process_turn({}, {"nederlands_niveau": "b2"}, "nederlands_niveau", "Ik heb B1. Moet ik B2 halen?", "faq")
    assert stated.slots["nederlands_niveau"] == "b1-of-lager"  # the level stated, not the one asked about


@pytest.mark.parametrize(
    "slot, text, value",
    [
        ("huidige_bevoegdheid", "geen idee wat dat is, dus geen denk ik", "geen"),
        ("huidige_bevoegdheid", "geen idee wat dat is, maar ik heb niks van onderwijs dus nee", "geen"),
        ("studievorm", "weet niet precies, ik moet wel werken dus deeltijd", "deeltijd"),
        ("werkervaring_jaren", "weet ik niet precies, dus", None),
        # an answer said with doubt is still the answer
        ("nederlands_niveau", "B1 denk ik? Examen heb ik nog niet gedaan", "b1-of-lager"),
        ("nederlands_niveau", "moedertaal, neem ik aan dat u bedoelt?", "moedertaal"),
    ],
)
def test_the_conclusion_or_a_doubtful_answer_answers_the_question(slot, text, value):
    turn = process_turn({}, {slot: text}, slot, text, "dont_know")
    assert turn.slots[slot] == value


def test_a_place_in_the_answer_about_the_diploma_changes_no_known_province():
    previous = {"provincie": "noord-holland"}
    text = "wo bachelor technische bedrijfskunde, Eindhoven. O nee wacht, ik heb de master ook afgemaakt, dus wo master"
    candidates = {
        "vooropleiding": "wo-master",
        "studierichting": "technische bedrijfskunde",
        "provincie": "noord-brabant",
    }
    turn = process_turn(previous, candidates, "vooropleiding", text, "correct", previous=previous)
    assert turn.slots["vooropleiding"] == "wo-master" and turn.slots["provincie"] == "noord-holland"
    # beside no answer to the question asked, a known fact can still be corrected
    text = "nee wacht, ik woon in Utrecht"
    moved = process_turn(previous, {"provincie": "utrecht"}, "studievorm", text, "correct", previous=previous)
    assert moved.slots["provincie"] == "utrecht"


@pytest.mark.parametrize(
    "text, job",
    [
        ("Haha, de hele dag pipetteren eigenlijk. Laboratoriumanalist bij een voedingsbedrijf", "laboratoriumanalist"),
        (
            "Tja, wat ben ik niet geweest in dertig jaar. Maar nu logistiek manager bij een groothandel",
            "logistiek manager",
        ),
        ("nou, kok", "kok"),
        ("ach, buschauffeur", "buschauffeur"),
        ("uhm ik werk als kok", "kok"),
    ],
)
def test_a_reaction_before_the_answer_is_no_job(text, job):
    turn = process_turn({}, {"huidig_beroep": text}, "huidig_beroep", text, "inform")
    assert turn.slots["huidig_beroep"] == job


@pytest.mark.parametrize(
    "text, reading",
    [("oh ja", True), ("ach nee", False), ("hmm, nee hoor", False), ("haha ja", True), ("nou ja, niet echt", None)],
)
def test_a_sound_before_a_yes_or_no_keeps_the_answer(text, reading):
    assert leading_yes_no(text) is reading


@pytest.mark.parametrize("field, level", [("kunstgeschiedenis", "wo-master"), ("bedrijfskunde", None)])
def test_a_field_taught_only_at_universities_makes_an_hbo_master_a_wo_master(field, level):
    before = {"vooropleiding": "hbo-master"}
    # the profile as the form passes it: the slot mapping already took the field from the message
    now = {**before, "studierichting": field}
    turn = process_turn(now, {"studierichting": field}, "studierichting", field, "inform", previous=before)
    assert turn.slots.get("vooropleiding") == level
    assert (("master_aan_universiteit", {"studie": field}) in turn.responses) is (level is not None)


@pytest.mark.parametrize(
    "slot, text, value",
    [
        # a study or job named in English is noted in Dutch; a longer name stays as given
        ("studierichting", "chemistry", "scheikunde"),
        ("studierichting", "Mechanical Engineering", "werktuigbouwkunde"),
        ("studierichting", "English literature", "english literature"),
        ("huidig_beroep", "senior researcher, R&D", "onderzoeker"),
        # an answer said with doubt is an answer
        ("huidige_bevoegdheid", "volgens mij niet", "geen"),
        ("huidige_bevoegdheid", "niks", "geen"),
        ("huidige_bevoegdheid", "geen idee, volgens mij niks", "geen"),
        ("huidige_bevoegdheid", "geen idee wat dat is. ik heb mijn vakdiploma's", "geen"),
        ("diploma_buitenland", "ik denk het wel", True),
        ("baan_op_school", "waarschijnlijk wel", "ja"),
        ("studievorm", "geen idee, deeltijd denk ik", "deeltijd"),
        ("nederlands_niveau", "volgens mij niet heel goed", None),
        ("huidige_bevoegdheid", "geen idee, denk het niet", "geen"),
        ("huidige_bevoegdheid", "geen idee eigenlijk, ik denk het niet. wel leerlingen opgeleid in de salon", "geen"),
        # Dutch as the own language, in the words people use
        ("nederlands_niveau", "ben hier geboren hoor", "moedertaal"),
        ("nederlands_niveau", "nederlands is gewoon mijn taal ja, thuis ook arabisch", "moedertaal"),
        ("nederlands_niveau", "gewoon nederlands ja, geen idee wat je verder bedoelt", "moedertaal"),
        ("werkervaring_jaren", "een jaartje of drie in de appie, bijbaan", 3),
        ("huidige_bevoegdheid", "uhm nee? ik heb nog helemaal niks gestudeerd", "geen"),
        ("huidige_bevoegdheid", "ja, voor het basisonderwijs", "po"),
        ("huidige_bevoegdheid", "ja, pabo", "po"),
        ("huidig_beroep", "leerkracht groep 7/8 op een basisschool", "leerkracht groep 7/8"),
    ],
)
def test_an_answer_as_people_give_it_fills_the_slot(slot, text, value):
    assert process_turn({}, {slot: text}, slot, text, "inform").slots.get(slot) == value


@pytest.mark.parametrize(
    "slot, text, value",
    [
        ("studierichting", "chemical engineering (scheikundige technologie?)", "scheikundige technologie"),
        ("studievorm", "deeltijd (kan dat?)", "deeltijd"),
        ("schoolvak", "economie, maybe also bedrijfseconomie? I don't know the difference", "economie"),
        ("werkervaring_jaren", "twee jaar als postdoc, of zes als je de promotie meetelt?", 2),
        ("studievorm", "kan het ook in deeltijd?", None),
        ("diploma_buitenland", "Klopt het dat ik een VOG moet aanvragen, en moet de school dat doen of ikzelf?", None),
    ],
)
def test_an_answer_beside_a_question_fills_the_slot_and_the_question_goes_along(slot, text, value):
    turn = process_turn({}, {slot: text}, slot, text, "inform")
    assert turn.slots.get(slot) == value
    assert ("vraag_voor_medewerker", {}) in turn.responses


@pytest.mark.parametrize(
    "slot, text, value",
    [
        (
            "werkervaring_jaren",
            "2010 tot 2018 lerares, toen hotel, sinds 2024 weer les. Zo'n vijftien jaar in totaal?",
            15,
        ),
        ("huidige_bevoegdheid", "geen denk ik? ik heb nooit lesgegeven", "geen"),
        ("provincie", "Utrecht?", "utrecht"),
    ],
)
def test_an_answer_that_checks_itself_is_no_question_but_the_doubt_goes_along(slot, text, value):
    turn = process_turn({}, {slot: text}, slot, text, "inform")
    assert turn.slots.get(slot) == value
    assert ("twijfel_voor_medewerker", {}) in turn.responses
    assert ("vraag_voor_medewerker", {}) not in turn.responses


@pytest.mark.parametrize(
    "slot, text",
    [("sector", "vmbo, dat is toch voortgezet?"), ("werkervaring_jaren", "Is vijftien jaar genoeg?")],
)
def test_a_short_question_of_its_own_stays_a_question(slot, text):
    assert checked_answer(text, slot) == text


def test_two_subjects_and_a_question_leave_the_subject_open():
    text = "dat weet ik dus nog niet.. aardrijkskunde of geschiedenis, allebei leuk. wat is makkelijker om te halen?"
    turn = process_turn({"sector": "vo"}, {"schoolvak": text}, "schoolvak", text, "inform")
    assert turn.slots.get("schoolvak") is None


def test_a_school_subject_beside_a_question_fills_the_slot():
    text = "elektrotechniek, installatietechniek zeg maar. of moet ik een vak kiezen?"
    turn = process_turn({"sector": "mbo"}, {"schoolvak": text}, "schoolvak", text, "faq", side_answered=True)
    assert turn.slots.get("schoolvak") == "elektrotechniek"


def test_a_programme_that_is_only_an_associate_degree_makes_the_hbo_diploma_an_ad():
    known = {"vooropleiding": "hbo-bachelor", "sector": "po"}
    text = "PEP, pedagogisch educatief professional"
    turn = process_turn(known, {"studierichting": text}, "studierichting", text, "inform", previous=known)
    assert turn.slots["vooropleiding"] == "associate-degree"
    assert ("ad_opleiding", {"studie": "PEP"}) in turn.responses


@pytest.mark.parametrize(
    "text",
    [
        "nederlands natuurlijk, nou ja thuis praten we fries maar nederlands is ook gewoon mijn taal",
        "Nederlands natuurlijk. Wel met een limburgs accent haha",
        "waarom vraag je dat? ik ben hier geboren, nederlands is gewoon mijn taal",
        "nederlands, en limburgs plat haha",
        "Nederlands ja, wat anders",
        "ben gewoon nederlander, geen idee welk niveau dat is",
        "geboren en getogen in Zwolle",
        "goed, ben geboren in Den Bosch",
    ],
)
def test_the_mother_tongue_in_more_words(text):
    turn = process_turn({}, {"nederlands_niveau": text}, "nederlands_niveau", text, "inform")
    assert turn.slots["nederlands_niveau"] == "moedertaal"


@pytest.mark.parametrize(
    "text",
    [
        "ik spreek het met een zwaar accent, maar goed",
        "ik ben hier geboren maar spreek het niet goed",
        "geboren en getogen in marokko, nederlands spreek ik goed",
        "geboren in Zwolle, maar opgegroeid in Turkije",
        "thuis een berbers dialect, nederlands gaat prima",
        "turks is mijn taal",
    ],
)
def test_an_accent_or_a_birthplace_alone_is_no_mother_tongue(text):
    turn = process_turn({}, {"nederlands_niveau": text}, "nederlands_niveau", text, "inform")
    assert turn.slots.get("nederlands_niveau") is None


def test_filler_words_after_a_study_are_no_part_of_it():
    text = "pabo dus, leraar basisonderwijs"
    turn = process_turn({"vooropleiding": "hbo-bachelor"}, {"studierichting": text}, "studierichting", text, "inform")
    assert turn.slots["studierichting"] == "pabo"


@pytest.mark.parametrize(
    "slot, text, value",
    [
        ("provincie", "Waarom wil je dat weten? Ik wil geen mailtjes. Zuid-Holland, als het moet.", "zuid-holland"),
        ("sector", "vo, vooral havo/vwo. waarom?", "vo"),
        ("studievorm", "waarom vraag je dat?", None),
    ],
)
def test_why_the_bot_asks_is_answered_and_the_answer_beside_it_kept(slot, text, value):
    turn = process_turn({}, {slot: text}, slot, text, "inform")
    assert turn.slots.get(slot) == value
    assert (f"uitleg_waarom_{slot}", {}) in turn.responses
    assert ("vraag_voor_medewerker", {}) not in turn.responses


@pytest.mark.parametrize(
    "level, text, field",
    [
        ("havo", "havo had ik e&m, die hbo was sport en bewegen maar niet afgemaakt", "economie en maatschappij"),
        ("vwo", "vwo N&G, daarna even biologie en toen communicatie maar niet afgerond", "natuur en gezondheid"),
        ("vmbo", "zorg en welzijn was mn profiel geloof ik", "zorg en welzijn"),
        ("hbo-bachelor", "bedrijfskunde, met economie en maatschappij op de havo", "bedrijfskunde"),
    ],
)
def test_with_a_school_diploma_the_school_profile_is_the_field(level, text, field):
    known = {"vooropleiding": level}
    turn = process_turn(known, {"studierichting": text}, "studierichting", text, "inform", previous=known)
    assert turn.slots["studierichting"] == field


def test_an_abbreviated_field_is_noted_by_its_name():
    text = "master WTB aan de TU/e, lang geleden haha"
    assert process_turn({}, {"vooropleiding": text}, "vooropleiding", text, "inform").slots["studierichting"] == (
        "werktuigbouwkunde"
    )


def test_an_ad_named_later_makes_the_assumed_hbo_bachelor_an_ad_and_says_so():
    known = {"vooropleiding": "hbo-bachelor", "studierichting": "bedrijfskunde"}
    text = "bedrijfskunde, de Ad dus"
    turn = process_turn(known, {"studierichting": text}, "studierichting", text, "inform", previous=known)
    assert turn.slots["vooropleiding"] == "associate-degree"
    assert turn.responses[0][0] == "aangepast"


def test_a_request_for_a_person_changes_no_known_fact():
    known = {"studierichting": "biologie"}
    text = "ik wil graag iemand spreken over welke opleiding het beste is"
    turn = process_turn(known, {"studierichting": "beste"}, None, text, "inform", previous=known)
    assert turn.slots["studierichting"] == "biologie" and not turn.responses


@pytest.mark.parametrize(
    "text, value",
    [
        ("Ja, graag een adviseur, dan weet ik waar ik aan toe ben voor het gesprek met mijn directeur.", "ja"),
        ("nee wacht, het is nog niet zeker, ik ben nog in gesprek", "in-gesprek"),
    ],
)
def test_a_talk_with_the_school_lowers_a_job_offer_only_as_a_correction(text, value):
    known = {"baan_op_school": "ja"}
    turn = process_turn(known, {"baan_op_school": "in-gesprek"}, None, text, "affirm", previous=known)
    assert turn.slots["baan_op_school"] == value


@pytest.mark.parametrize(
    "slot, text, topic",
    [
        ("huidige_bevoegdheid", "wat is dat?", "bevoegdheden"),
        ("huidige_bevoegdheid", "uhm wat bedoel je", "bevoegdheden"),
        ("nederlands_niveau", "hoe bedoel je?", "nt2"),
        ("studievorm", "wat is dat?", None),
    ],
)
def test_what_is_that_to_a_question_gets_the_explanation_and_no_miss(slot, text, topic):
    turn = process_turn({}, {slot: text}, slot, text, "faq")
    assert turn.explain == topic and turn.slots.get(slot) is None
    if topic:
        assert not turn.responses
        again = process_turn({}, {slot: text}, slot, text, "faq", asked_in_a_row=2)
        assert again.explain is None  # asked twice: on without it
        if slot == "huidige_bevoegdheid":
            assert again.slots[slot] == "geen" and "aanname_geen_bevoegdheid" in names(again)
        else:
            assert slot in again.skipped


def test_how_a_past_study_was_followed_is_neither_its_field_nor_the_wish():
    # "na de mbo heb ik nog de hbo-v in deeltijd gedaan" made "deeltijd" the field
    found = extract("Bij opleiding moet hbo staan, na de mbo heb ik nog de hbo-v in deeltijd gedaan", expected=None)
    assert found.facts.get("vooropleiding") == "hbo-bachelor"
    assert found.facts.get("studierichting") == "hbo-v"
    assert "studievorm" not in found.facts
    assert extract("bedrijfskunde in deeltijd gestudeerd").facts.get("studierichting") == "bedrijfskunde"
    assert "studierichting" not in extract("ik heb een master in deeltijd gedaan").facts
    # as the answer to the question about the study form it still counts
    assert (
        extract("deeltijd, ik heb ook in deeltijd gestudeerd", expected="studievorm").facts["studievorm"] == "deeltijd"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nee, in marokko heb ik geen lerarenopleiding gedaan", "geen"),
        ("nee, in marokko was ik geen leraar", "geen"),
        ("in belgie ben ik niet bevoegd", "geen"),
        ("nee, maar in polen was ik wel lerares", "buitenlands"),
        ("ik heb in syrie een lerarenopleiding gedaan", "buitenlands"),
    ],
)
def test_no_teacher_training_abroad_is_no_qualification_from_abroad(text, expected):
    assert extract(text, expected="huidige_bevoegdheid").facts.get("huidige_bevoegdheid") == expected


def test_a_field_in_its_own_sentence_before_a_question_is_the_answer():
    text = "pep, pedagogisch educatief professional. o wacht het is eigenlijk een AD, 2 jaar. is dat ook hbo?"
    turn = process_turn({"vooropleiding": "hbo-bachelor"}, {"studierichting": text}, "studierichting", text, "inform")
    assert turn.slots["studierichting"] == "pep"
    assert turn.slots["vooropleiding"] == "associate-degree"
    assert ("vraag_voor_medewerker", {}) in turn.responses  # the question is not lost
    text = "Scheikunde. Is dat een tekortvak?"
    turn = process_turn({"vooropleiding": "wo-bachelor"}, {"studierichting": text}, "studierichting", text, "faq")
    assert turn.slots["studierichting"] == "scheikunde"
    for text in ("Ik las iets over 2000 euro. Geldt dat voor mij?", "Telt mijn ervaring mee?"):
        turn = process_turn({"vooropleiding": "wo-bachelor"}, {"studierichting": text}, "studierichting", text, "faq")
        assert turn.slots["studierichting"] is None


@pytest.mark.parametrize(
    ("before", "text", "after"),
    [
        ("hbo-bachelor", "ja klopt, wo dus", "wo-bachelor"),
        ("hbo-bachelor", "het was wo", "wo-bachelor"),
        ("hbo-master", "ja, maar het was wo, niet hbo", "wo-master"),
        ("wo-master", "oh wacht, hbo eigenlijk", "hbo-master"),
        ("hbo-bachelor", "mijn partner heeft wo gedaan", None),
        ("hbo-bachelor", "wo lijkt me te zwaar", None),
        ("hbo-bachelor", "is dat wo?", None),
        ("mbo-4", "wo dus", None),
    ],
)
def test_the_other_kind_of_school_said_later_changes_the_degree(before, text, after):
    profile = {"vooropleiding": before, "studierichting": "geschiedenis"}
    candidates = {k: v for k, v in extract(text).facts.items() if k == "vooropleiding"}  # as the NLU maps them
    turn = process_turn(profile, candidates, None, text, "inform")
    assert turn.slots.get("vooropleiding") == after
    if after:
        assert turn.responses[0] == ("aangepast", {"feiten": after})


@pytest.mark.parametrize(
    ("slot", "text", "value", "skipped"),
    [
        # the subject, not the classes a remark is about
        ("schoolvak", "wiskunde! Rekenen in groep 8 is altijd mijn favoriete deel geweest", "wiskunde", False),
        ("nederlands_niveau", "fries en nederlands, allebei van huis uit", "moedertaal", False),
        # a first sentence that does not know, then the reason: no answer, no "snap ik niet"
        (
            "studievorm",
            "Dat weet ik eerlijk gezegd nog niet. Hangt ervan af wat het kost en of ik mijn uren kan houden.",
            None,
            True,
        ),
        ("studievorm", "hangt ervan af. als ik op school kan blijven deeltijd, anders misschien voltijd", None, True),
        ("studievorm", "liever deeltijd dan voltijd", "deeltijd", False),
        ("werkervaring_jaren", "weet ik niet precies. iets van 10 jaar", 10, False),
    ],
)
def test_answers_with_a_remark_a_condition_or_a_reason(slot, text, value, skipped):
    turn = process_turn({"sector": "vo"}, {slot: text}, slot, text, "inform")
    assert turn.slots.get(slot) == value
    assert (slot in turn.skipped) is skipped


@pytest.mark.parametrize(
    ("text", "intent", "sector"),
    [
        # at the read-back, where the person works now is no new wish
        (
            "Ja, alleen wil ik nog wel even zeggen dat ik nu dus wel op een school werk, maar basisonderwijs hè",
            "affirm",
            "vo",
        ),
        ("nee, ik wil toch naar de basisschool", "correct", "po"),
        ("ik werk op een basisschool en wil daar juf worden", "inform", "po"),
    ],
)
def test_where_one_works_now_does_not_change_where_one_wants_to_teach(text, intent, sector):
    profile = {"sector": "vo", "schoolvak": "geschiedenis"}
    candidates = {k: v for k, v in extract(text).facts.items() if k == "sector"}
    turn = process_turn(profile, candidates, None, text, intent)
    assert {**profile, **turn.slots}["sector"] == sector
