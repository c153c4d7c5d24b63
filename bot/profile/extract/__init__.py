"""Finds profile facts in free Dutch text.

``extract("ik heb een wo-master scheikunde en werk 12 jaar als lab-analist")`` returns
``vooropleiding=wo-master, studierichting=scheikunde, werkervaring_jaren=12,
huidig_beroep=lab-analist``. Values are the canonical values of the contract.

The extractor is deterministic and rule based: it reads the vocabulary of
``bot/data/lookups`` and uses the words around a match to decide what a word means
("ik heb havo" is a diploma, "lesgeven op de havo" a sector; "master scheikunde" a
field of study, "scheikunde geven" a school subject). Words after "geen", "niet" or
"in plaats van" are ignored, so "ik heb hbo, geen wo" gives hbo.

When a short answer is given to a known question, pass that slot as ``expected``: a
bare "12" then means twelve years of experience and "Amersfoort" a place.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from bot.profile import values
from bot.profile.extract import institutions
from bot.profile.extract.education import (
    _extract_sector,
    _extract_subjects_and_fields,
    _extract_vooropleiding,
    _not_finished,
    resolve_pending_degree,
)
from bot.profile.extract.places import _extract_abroad, _extract_foreign_qualification, _extract_province
from bot.profile.extract.preferences import LANGUAGE_WORD, _extract_simple, _extract_study_form
from bot.profile.extract.result import Extraction, Span
from bot.profile.extract.signals import extract_signals
from bot.profile.extract.text import (
    INTERJECTION,
    OTHER_PERSON,
    _blank_questions,
    _normalise_phrases,
    clause_bounds,
    clean_free_text,
    fold_same_length,
    is_negated,
)
from bot.profile.extract.work import (
    _bare_number,
    _extract_experience,
    _extract_job,
    _extract_job_at_school,
    clean_job_answer,
    stated_age,
)
from bot.profile.vocab import lookup_matcher, matcher

__all__ = [
    "Extraction",
    "Span",
    "clean_free_text",
    "clean_job_answer",
    "extract",
    "fold_same_length",
    "leading_yes_no",
    "university_field",
    "resolve_pending_degree",
    "stated_age",
    "YES_NO_ANSWERS",
]


_DUTCH_REGIONS = (
    r"limburgs|brabants|gronings|drents|twents|zeeuws|fries|achterhoeks|sallands|haags|amsterdams|rotterdams|"
    r"utrechts|zuidelijk|noordelijk|regionaal|vlaams"
)
#: In the answer to "hoe goed spreek je Nederlands?": signs of the mother tongue ("nederlands
#: is ook gewoon mijn taal", "Nederlands natuurlijk. Wel met een limburgs accent") ...
_MOTHER_TONGUE_SIGN = re.compile(
    r"\b(?:nederlands\b[^.?!]{0,25}\bmijn\s+(?:eigen\s+)?taal|(?:hier|in\s+nederland)\s+geboren|"
    # "fries en nederlands, allebei van huis uit"
    r"nederlands\b[^.?!]{0,30}\bvan\s+huis\s+uit(?![^.?!]{0,25}\b(?:spreek|pools|turks|arabisch|engels|duits|frans|"
    r"spaans|portugees|russisch|chinees|berbers|tamazight|somalisch|tigrinya|papiaments|sranan)\b)|"
    r"geboren\s+en\s+getogen(?!\s+in\s+(?!nederland|holland|nl\b)\w)|"
    r"nederlands\s+(?:natuurlijk|uiteraard|tuurlijk|gewoon)|(?:gewoon|natuurlijk|uiteraard|tuurlijk)\s+nederlands|"
    r"(?:" + _DUTCH_REGIONS + r")\s+(?:accent|dialect|tintje)|"
    # "nederlands, en limburgs plat haha", "Nederlands ja, wat anders"
    r"nederlands\W+(?:\w+\W+){0,2}?(?:" + _DUTCH_REGIONS + r"|plat)|nederlands\W+(?:ja\W+)?wat\s+(?:anders|denk\s+je)|"
    # "ben gewoon nederlander, geen idee welk niveau dat is"
    r"ben\s+(?:gewoon\s+|gwn\s+)?(?:een\s+)?nederlander)\b"
)
_BORN_IN = re.compile(r"\bgeboren(?:\s+en\s+getogen)?\s+in\s+(?:de\s+|het\s+)?")


def _born_in_a_dutch_place(folded: str) -> bool:
    """ "geboren en getogen in Zwolle", "ben geboren in de Achterhoek": a Dutch place right
    after "geboren in", said of oneself (not "mijn kinderen zijn geboren in Utrecht")."""
    if (
        not _BORN_IN.search(folded)
        or OTHER_PERSON.search(folded)
        or re.search(r"\b(?:zijn|is|was|waren)\s+(?:\w+\s+)?geboren\b", folded)
    ):
        return False  # "mijn kinderen zijn geboren in Utrecht"
    places = {start for start, _, _, _ in matcher("provincie").finditer(folded)}
    return any(born.end() in places for born in _BORN_IN.finditer(folded))


#: ... unless the message speaks of a language learned or a level ("ik ben hier geboren maar
#: spreek het niet goed", "B2, hier geboren maar opgegroeid in Turkije").
_LEARNED_LANGUAGE = re.compile(
    r"\b(?:niet|slecht|beetje|leer|leren|geleerd|cursus|les|nt2|staatsexamen|matig|redelijk|basis|[abc][12]|"
    r"moeilijk|oefen\w*|tweede\s+taal|opgegroeid\s+in)\b"
)
#: The whole answer to "hoe goed spreek je Nederlands?" is "Nederlands", with filler words.
_JUST_DUTCH = re.compile(
    # "ben hier geboren hoor", "goed hoor, ben hier geboren": born and raised here
    r"(?:(?:goed|prima|uitstekend|perfect|vloeiend)(?:\s+hoor)?[\s,]+)?"
    r"(?:ik\s+)?ben\s+(?:hier|in\s+nederland)\s+geboren(?:\s+en\s+getogen)?(?:\s+hoor)?[\s.!]*|"
    r"(?:(?:gewoon|gwn|natuurlijk|uiteraard|tuurlijk|ja|nou|ik\s+spreek|ik\s+ben|is|het|mijn\s+taal)\s+)*"
    r"(?:nederlands|nl|nederlandse|nederlander)(?:\s+(?:gewoon|gwn|natuurlijk|uiteraard|hoor|toch|dus|he|joh|ja))*"
    # "Nederlands, Zeeuws eigenlijk haha", "gewoon nederlands, twents zelfs": and a dialect
    r"(?:[\s,]+(?:en\s+|of\s+)?(?:zeeuws|twents|limburgs|brabants|gronings|drents|achterhoeks|sallands|west-fries|"
    r"rotterdams|amsterdams|haags|plat|dialect)(?:\s+(?:eigenlijk|zelfs|ook|trouwens|hoor|haha|dus|thuis))*)?"
    # "nederlands, hier geboren en getogen"
    r"(?:[\s,]+(?:ik\s+)?(?:ben\s+)?(?:hier|in\s+nederland)\s+geboren(?:\s+en\s+getogen)?)?"
    # "nederlands is gewoon mijn taal ja"
    r"(?:\s+(?:is\s+)?(?:gewoon\s+)?mijn\s+(?:eigen\s+)?taal(?:\s+(?:ja|hoor))?)?"
    # "nederlands, en fries ook trouwens", "..., thuis ook arabisch": a second home language
    r"(?:[\s,]+(?:en|maar\s+ook|plus|thuis)(?:\s+(?:ook|thuis|trouwens))*\s+[a-z]+(?:\s+(?:ook|trouwens|thuis|hoor))*)?"
    # "gewoon nederlands, al schrijf ik niet zo mooi": a remark about it, no level
    r"(?:,\s*(?:al|hoewel)\s+[^?\d]*?\b(?:schrijf|schrijven|spel|spelling|taalfouten|grammatica)\b[^?\d]*)?"
    # "gewoon nederlands ja, geen idee wat je verder bedoelt"
    r"(?:,\s*geen\s+idee\s+wat\s+je\s+(?:verder\s+|nog\s+)?bedoelt)?[\s.!]*"
)


def extract(
    text: str,
    expected: Optional[str] = None,
    pending: Optional[str] = None,
    today: Optional[_dt.date] = None,
    age: Optional[int] = None,
) -> Extraction:
    """All profile facts in ``text``.

    ``expected`` is the slot the bot just asked for; ``pending`` an earlier unclear
    education answer ("master", "bachelor", "wo", "mbo") that this text may settle; ``age``
    the person's age from earlier ("sinds mijn zestiende" then counts years).
    """
    result = Extraction()
    if not text or not text.strip():
        return result
    original = text[:5000]
    folded = _normalise_phrases(_blank_questions(fold_same_length(original)))
    today = today or _dt.date.today()

    _extract_vooropleiding(folded, result, expected, pending)
    _extract_sector(folded, result, expected)
    _extract_subjects_and_fields(folded, result, expected)
    _extract_experience(folded, result, expected, today, age)
    _extract_job(folded, original, result, expected)
    _extract_abroad(folded, result, expected)
    _extract_job_at_school(folded, result, expected)
    _extract_simple(folded, result, "studievorm", "studievorm")
    _extract_study_form(folded, result, expected)
    _extract_simple(
        folded,
        result,
        "nederlands_niveau",
        "nederlands_niveau",
        about=None if expected == "nederlands_niveau" else LANGUAGE_WORD,
    )
    if (
        expected == "nederlands_niveau"
        and "nederlands_niveau" not in result.facts
        and (
            _JUST_DUTCH.fullmatch(folded.strip())
            or (_MOTHER_TONGUE_SIGN.search(folded) and not _LEARNED_LANGUAGE.search(folded))
            or (_born_in_a_dutch_place(folded) and not _LEARNED_LANGUAGE.search(folded))
        )
    ):
        result.set("nederlands_niveau", "moedertaal", 0, len(folded))  # "nederlands gewoon", "gewoon nederlands hoor"
    must_work = _MUST_WORK.search(folded)
    if expected == "studievorm" and must_work and "studievorm" not in result.facts:
        result.set("studievorm", "deeltijd", *must_work.span())  # "ik moet werken, dus ..."
    _extract_simple(folded, result, "huidige_bevoegdheid", "huidige_bevoegdheid", skip_wanted=True)
    _extract_foreign_qualification(folded, result, expected)
    unknown_term = _UNKNOWN_TERM.match(folded)
    if expected == "huidige_bevoegdheid" and unknown_term and "huidige_bevoegdheid" not in result.facts:
        result.set("huidige_bevoegdheid", "geen", *unknown_term.span())  # who does not know the word, has none
    no_papers = _NO_PAPERS.search(folded)
    if expected == "huidige_bevoegdheid" and no_papers and "huidige_bevoegdheid" not in result.facts:
        result.set("huidige_bevoegdheid", "geen", *no_papers.span())  # "ik heb geen papiertje voor lesgeven"
    held = result.span("huidige_bevoegdheid")
    if held and held.value == "buitenlands" and "diploma_buitenland" not in result.facts:
        # a qualification from abroad is a diploma from abroad
        result.set("diploma_buitenland", True, held.start, held.end)
    _extract_province(folded, result, expected)
    result.bare_number = _bare_number(folded)
    extract_signals(folded, result)

    if "vooropleiding" not in result.facts and re.search(
        r"\bpabo[\s-]*(?:afgerond|gedaan|diploma|afgemaakt)\b", folded
    ):
        result.set("vooropleiding", "hbo-bachelor", *re.search(r"\bpabo\b", folded).span())
    _settle_degree_level(folded, result)
    _level_of_the_institution(folded, result, expected)
    _leading_yes_no(folded, result, expected)
    if result.facts.get("sector") == "po":
        result.drop("schoolvak")
    _drop_places_as_free_text(folded, result)
    field = result.span("studierichting")
    if field and field.value == folded[field.start : field.end]:
        # the name as typed, accents and all ("commerciële economie"), without the level before
        # it ("hbo ict"); matching folds the accents again
        level = re.match(r"(?:hbo|wo|mbo)\s+(?=[a-z])", field.value)
        start = field.start + (level.end() if level else 0)
        result.set("studierichting", original[start : field.end].lower(), start, field.end)
    return result


def _drop_places_as_free_text(folded: str, result: Extraction) -> None:
    """ "noord-holland" or "in de buurt van maastricht" as the answer to "wat voor werk doe
    je?" is a place, no job title; the same for a study."""
    for slot in ("huidig_beroep", "studierichting"):
        found = result.span(slot)
        if (
            found
            and isinstance(found.value, str)
            and (
                re.match(r"(?:uit|in|van|op|bij|aan|naar)\s", found.value)
                or re.search(r"\b(?:in|uit)\s+$", folded[max(0, found.start - 5) : found.start])
                and any(
                    s == 0 and e == len(found.value)
                    for s, e, _, _ in lookup_matcher("land", "land_buitenland").finditer(found.value)
                )
            )
        ):
            result.drop(slot)  # "diploma uit Polen", "master in Polen": a place, no field
    place = result.span("provincie")
    if place is None:
        return
    for slot in ("huidig_beroep", "studierichting"):
        found = result.span(slot)
        if found and found.start < place.end and place.start < found.end:
            result.drop(slot)


#: Fields of study taught only at a university: a master in one of them is a wo-master.
UNIVERSITY_FIELDS = (
    "rechten",
    "recht",
    "geneeskunde",
    "psychologie",
    "filosofie",
    "wijsbegeerte",
    "farmacie",
    "tandheelkunde",
    "diergeneeskunde",
    "econometrie",
    "sterrenkunde",
    "taal en cultuur",
    "letteren",
    "taalwetenschap",
    "sociologie",
    "antropologie",
    "politicologie",
    "bestuurskunde",
    "theologie",
    "archeologie",
    "kunstgeschiedenis",
    "franse taal",
    "duitse taal",
    "engelse taal",
    "nederlandse taal",
    "klassieke talen",
    "griekse en latijnse",
    "neerlandistiek",
    "technische natuurkunde",
    "werktuigbouwkunde",
    "civiele techniek",
    "lucht- en ruimtevaart",
)


#: Words that name a field taught only at universities, wherever they stand in the message
#: ("máster en filología hispánica", "MA in linguistics", "taal- en letterkunde").
_UNIVERSITY_FIELD_WORDS = re.compile(
    r"\b(?:filolog\w*|philolog\w*|letterkunde|letteren|literatuurwetenschap\w*|taalwetenschap\w*|taalkunde|"
    r"linguistics|linguistiek|hispanistiek|romanistiek|germanistiek|anglistiek|slavistiek|neerlandistiek|literature|"
    r"taal[\s-]+en[\s-]+(?:letterkunde|cultuur|literatuur)|language\s+and\s+(?:literature|culture)|"
    r"rechtsgeleerdheid|geneeskunde|medicine|farmacie|tandheelkunde|diergeneeskunde|econometrie|"
    r"sterrenkunde|astronomie|wijsbegeerte|theologie|archeologie|kunstgeschiedenis|"
    r"taal\s+en\s+cultuur|klassieke\s+talen|griekse\s+en\s+latijnse)\b"
)
#: "in India", "uit Colombia", "aan een universiteit in Polen": a degree from abroad.
_FROM_ABROAD = re.compile(r"\b(?:in|uit|aan|from)\s+(?:het\s+)?$")


def university_field(field: str) -> bool:
    """True for a field of study taught only at universities ("kunstgeschiedenis", "english
    literature"): a master in it is a wo-master."""
    field = fold_same_length(field or "").lower()
    return any(field == f or field.startswith(f + " ") for f in UNIVERSITY_FIELDS) or bool(
        _UNIVERSITY_FIELD_WORDS.search(field)
    )


def _abroad_named(folded: str) -> bool:
    return any(
        _FROM_ABROAD.search(folded[max(0, s - 10) : s])
        and text not in {"buitenland", "het buitenland"}
        or text in {"buitenland", "het buitenland"}
        and re.search(r"\b(?:in|uit)\s+(?:het\s+)?$", folded[max(0, s - 10) : s])
        for s, _e, text, _v in lookup_matcher("land", "land_buitenland").finditer(folded)
    )


def _settle_degree_level(folded: str, result: Extraction) -> None:
    """An unclear "master"/"bachelor" settled by the institution ("MSc TU Delft") or, for a
    master, by a field taught only at universities ("master rechten", "máster en filología")
    or by a country abroad ("Master of Technology, in India"): a master abroad is a
    university degree; the Dutch valuation (IDW) compares it with a wo-master."""
    degree = result.unclear.get("vooropleiding")
    if degree not in ("master", "bachelor") or "vooropleiding" in result.facts:
        return
    kind = institutions.level(folded)
    field = result.facts.get("studierichting") or ""
    if (
        kind is None
        and degree == "master"
        and (
            university_field(field)
            or _UNIVERSITY_FIELD_WORDS.search(folded)
            or result.facts.get("diploma_buitenland") is True
            or _abroad_named(folded)
        )
    ):
        kind = "wo"
    if kind:
        result.facts["vooropleiding"] = f"{kind}-{degree}"
        result.unclear.pop("vooropleiding", None)


#: "werktuigbouwkunde gestudeerd aan de HU": a study finished at a school of higher education.
_STUDIED_AT = re.compile(
    r"\b(?:gestudeerd|afgestudeerd|studie\s+gedaan|opleiding\s+gedaan)\s+(?:\w+\s+)?(?:aan|bij|op)\s+(?:de|het)?\s*$"
)


def _level_of_the_institution(folded: str, result: Extraction, expected: Optional[str]) -> None:
    """ "HvA informatica, klaar in 2010" to the diploma question: no level, but a school of one
    kind; read as that kind ("hbo" is an hbo-bachelor, "wo" asks bachelor or master). And "na
    de havo ... werktuigbouwkunde gestudeerd aan de HU": a finished study at a school of higher
    education is more than the school diploma before it."""
    kind = institutions.level(folded)
    if kind is None or "vooropleiding" in result.unclear:
        return
    found = result.facts.get("vooropleiding")
    if found in values.VOOROPLEIDING and values.VOOROPLEIDING.index(found) < values.VOOROPLEIDING.index(
        "associate-degree"
    ):
        start, end, _kind = institutions.spans(folded)[0]
        if (
            not _STUDIED_AT.search(folded[max(0, start - 40) : start])
            or is_negated(folded, start)
            or _not_finished(folded, end, clause_bounds(folded, start, end)[1])
        ):
            return
        result.drop("vooropleiding")
    elif found is not None or expected != "vooropleiding":
        return
    if kind == "hbo":
        result.set("vooropleiding", "hbo-bachelor", *institutions.spans(folded)[0][:2])
    else:
        result.unclear["vooropleiding"] = "wo"


#: What a leading "ja" or "nee" means as the answer to a yes/no question for a slot.
YES_NO_ANSWERS = {
    "diploma_buitenland": (True, False),
    "baan_op_school": ("ja", "nee"),
    "huidige_bevoegdheid": (None, "geen"),
    "nederlands_niveau": ("moedertaal", None),
}
_YES = r"ja+|jawel|jazeker|jep|jup|yes|yep|yup|klopt|inderdaad|idd"
_NO = (
    r"nee+|neen|nope|none|no|nah|niet|geen|helaas\s+niet|nog\s+niet|nog\s+nee|"
    r"(?:op\s+dit\s+moment|momenteel|nu|voorlopig)\s+(?:nog\s+)?niet"
)
#: A sound before the answer: "hmm nee", "uhm ja"; "nou ja" means "well", not yes.
_HESITATION = rf"(?:(?!nou\W+ja\b){INTERJECTION}\W+)?"
#: "geen idee wat dat is", "weet niet wat een bevoegdheid is".
_UNKNOWN_TERM = re.compile(
    r"^\W*(?:geen\s+(?:flauw\s+)?idee|(?:ik\s+)?weet\s+(?:ik\s+)?(?:eigenlijk\s+)?niet|no\s+idea)\s+wat\s+"
    r"(?:dat|dit|het|een\s+bevoegdheid|bevoegdheid)\s+(?:is|betekent)\b"
)
#: To "voltijd of deeltijd?": "ik moet (wel) blijven werken" (not "ik moet werken aan mijn Nederlands").
_MUST_WORK = re.compile(r"\bmoet\s+(?:wel\s+|ook\s+|gewoon\s+)*(?:blijven\s+)?werken\b(?!\s+aan\b)")
#: "geen papiertje voor lesgeven", "nooit een lerarenopleiding gedaan": no qualification.
_NO_PAPERS = re.compile(
    r"\b(?:geen|nooit\s+een)\s+(?:papiertje|papieren|papier|diploma|opleiding|lerarenopleiding|onderwijsdiploma)\s+"
    r"(?:(?:\w+\s+){0,2}?(?:voor|om)\s+(?:het\s+)?(?:les|lesgeven|leraar|docent|onderwijs)|gedaan|gevolgd)\b|"
    # "mijn koksdiploma? verder heb ik niks", "voor lesgeven heb ik niks"
    r"\b(?:verder|daarnaast|anders|voor\s+(?:het\s+)?lesgeven)\s+heb\s+ik\s+(?:niks|niets|geen)\b"
)
#: An answer said with doubt: "volgens mij niet", "ik denk het wel", "waarschijnlijk niks".
_HEDGE = (
    r"(?:volgens\s+mij|(?:ik\s+)?denk(?:\s+ik)?(?:\s+het)?|waarschijnlijk|vermoedelijk|"
    r"(?:ik\s+)?geloof(?:\s+ik)?(?:\s+het)?)\s+"
)
_LEADING = re.compile(
    rf"^\W*{_HESITATION}(?:{_HEDGE}(?:(?P<hedged_yes>wel)|(?P<hedged_no>niet|niks|niets|geen))\b(?!\s+\w)|"
    rf"(?:(?P<yes>{_YES})|(?P<no>{_NO}|niks|niets))(?:\s+hoor)?\b(?!\s+(?:weet|zeker|idee)\b))"
)


#: Primary school, after a yes to the question about a qualification.
_PRIMARY = re.compile(r"\b(?:pabo|basisonderwijs|basisschool|primair\s+onderwijs|po)\b")


def leading_yes_no(text: str) -> Optional[bool]:
    """True or False when the message opens with a yes or a no ("nee, gewoon in Tilburg"),
    else None ("nee weet ik niet" is no answer)."""
    match = _LEADING.match(fold_same_length(text or ""))
    return None if match is None else bool(match.group("yes") or match.group("hedged_yes"))


def _leading_yes_no(folded: str, result: Extraction, expected: Optional[str]) -> None:
    """A message that opens with "ja" or "nee" answers the yes/no question asked
    ("nee, gewoon in Tilburg gehaald"; "ja, ze willen me per augustus aannemen"), unless
    the rest of the message already gave the value."""
    if expected not in YES_NO_ANSWERS:
        return
    if expected in result.facts and not (expected == "diploma_buitenland" and _LEADING.match(folded)):
        return  # "ja, ik ben in gesprek" is in-gesprek; but "nee, wel daarna in Zweden gewerkt" is no
    match = _LEADING.match(folded)
    if match is None:
        return
    yes = bool(match.group("yes") or match.group("hedged_yes"))
    value = YES_NO_ANSWERS[expected][0 if yes else 1]
    if yes and expected == "huidige_bevoegdheid" and _PRIMARY.search(folded, match.end()):
        value = "po"  # "ja, voor het basisonderwijs", "ja, pabo"
    if value is not None:
        result.set(expected, value, *match.span())
