"""Education: the level (vooropleiding), the field of study, where to teach (sector) and the subject."""

from __future__ import annotations

import functools
import re
from typing import List, Optional, Tuple

from bot.profile import values
from bot.profile.extract import institutions
from bot.profile.extract.result import Extraction
from bot.profile.extract.text import (
    _STUDY,
    _TEACH,
    _WANT,
    OTHER_PERSON,
    _sentence_around,
    clause_bounds,
    clean_free_text,
    in_question,
    is_negated,
)
from bot.profile.numbers import NUMBER_PATTERN
from bot.profile.vocab import lookup_matcher, matcher, subject_as_named

_SCHOOL_TYPE = re.compile(r"(?<![\w-])(vmbo(?:[\s-]?(?:tl|t|kb|bb|gl))?|mavo|havo|vwo|mbo)(?![\w])")
_SECTOR_CONTEXT_BEFORE = re.compile(
    r"(?:\btussen\b.{0,40}\b(?:en|of)\s+(?:het\s+|de\s+)?|\b(?:op|aan|in|naar|voor|bij|van)\s+(?:het|de|een|t)?\s*(?:[a-z]+e\s+)?|\b(?:lesgeven|les geven|werken|docent|leraar|lerares|"
    r"doceren|lesgeven aan|stage)\s+(?:\w+\s+){0,2})$"
)
_SECTOR_CONTEXT_AFTER = re.compile(
    r"^[\s-]*(?:school|scholen|leerlingen|studenten|docent|leraar|niveau lesgeven|onderwijs|klas|klassen|afdeling)"
)
_DIPLOMA_CONTEXT = re.compile(
    r"\b(?:heb|had|hebt|gedaan|afgerond|afgemaakt|gehaald|diploma|niveau|mijn|met|opleiding|behaald|gestudeerd|"
    r"na|doorgestroomd|gezeten|gevolgd|vooropleiding)\b"
)
_AMBIGUOUS_DEGREE = re.compile(
    r"(?<![\w-])(masters?(?:diploma|titel|graad)?|msc|m\.sc\.?|m\.?\s?tech|meng|mba|magister|magistra|"
    r"bachelors?(?:diploma|titel|graad)?|bsc|b\.sc\.?|b\.?\s?tech|beng|wo'?er|academicus|"
    # "licence in informatica" (French, Maghreb), "licenciatura" (Spanish, Portuguese): a bachelor
    r"(?<!driver's\s)(?<!driving\s)licen[cs]e|licenciatura|licenciado|licenciada|"
    r"academica|universiteit|uni|university|wo|ma|ba)(?![\w-])"
)
#: "ma" and "ba" are degrees only as the answer to the diploma question ("MA, Leiden") or
#: with a field or school ("een BA geschiedenis", "MA in linguistics"); else "ma" is a mother.
_SHORT_DEGREE_CONTEXT = re.compile(r"\b(?:een|heb|gehaald|behaald)\s+$")
_HBO_HINT = re.compile(
    r"\b(?:hbo|\w*hogeschool|academie|kunstacademie|conservatorium|hs|hanze|fontys|hva|han|avans|windesheim|saxion|inholland|zuyd|hu|nhl|stenden)\b"
)
_WO_HINT = re.compile(
    r"(?<![\w-])(?:wo|universiteit|uni|university|universitaire?|academisch|rug|uva|vu|tu|tud|tue|ru|uu|eur|wur|"
    r"wageningen|tilburg university|radboud|erasmus|leiden university|ut|um|ou|tiu|"
    # universities abroad: "Universidad de Salamanca", "Uniwersytet Jagiellonski", "Politechnika Warszawska"
    r"universi\w+|uniwersytet\w*|politechni\w+|technische\s+universit\w+|ku\s+leuven|kuleuven|ugent|vub)(?![\w-])"
)


#: "hbo of wo", "mbo en hbo": two levels side by side, in a question a choice (see its use).
_LEVEL_CHOICE = re.compile(r"\b(?:mbo|hbo|wo)\s+(?:of|en)\s+(?:mbo|hbo|wo)\b")
#: "de Ad PEP gedaan bij windesheim": an associate degree with its field, done ("de ad" alone
#: may be a newspaper).
#: "bedrijfskunde, de Ad dus", "Ad dus, niet een hele bachelor": the Ad as the diploma, in the
#: answer about the diploma or next to the words that it is no full bachelor.
_AD_NAMED = re.compile(r"(?:^|[\s,(])(?:(?:de|een|mijn|die)\s+)?ad(?:-diploma)?(?=\s*(?:dus\b|,|\.|!|\)|$))")
_NO_FULL_BACHELOR = re.compile(r"\b(?:niet|geen)\s+(?:een\s+)?(?:hele|volledige|echte)\s+bachelor\b")
_AD_DONE = re.compile(
    r"\b(?:de|een|mijn|die)\s+ad\s+(?:(?!(?:niet|nog|nooit)\b)[a-z&'-]+\s+){1,3}?(?:gedaan|afgerond|gehaald|behaald|gevolgd)\b"
)


_CLASS_LEVEL_BEFORE = re.compile(
    r"(?:\b(?:bovenbouw|onderbouw|brugklas(?:sen)?|examenklas(?:sen)?|klas(?:sen)?(?:\s+[1-6])?)|"
    # "in 5 en 6 vwo", "aan 4 havo": the years of a school type
    r"\b(?:in|aan|op)\s+[1-6](?:\s*(?:en|t/m|tot|-|/)\s*[1-6])?)\s+(?:van\s+)?(?:de\s+|het\s+)?"
    r"(?:(?:vmbo|mavo|havo|vwo)\s*(?:[/-]|en|of)?\s*)?$"
)


#: What a school does: "(een vmbo) in Breda zoekt iemand", "(het mbo) wil me aannemen".
_SCHOOL_ACTS = re.compile(
    r"[^.;!?]{0,25}?\b(?:zoekt|zoeken|wil\s+me|willen\s+me|heeft\s+(?:een\s+)?(?:vacature|plek)|biedt|bood|belde)\b"
)


#: A school type ruled out: "(middelbare school) lijkt me niks", "(mbo) is niks voor mij".
_NOT_FOR_ME = re.compile(
    r"[^.;!?,]{0,12}?\b(?:lijkt\s+(?:me|mij)\s+(?:niks|niets|niet\s+(?:leuk|wat|fijn))|is\s+(?:niks|niets|het\s+niet)\s+voor\s+(?:me|mij)|"
    r"zie\s+ik\s+(?:mezelf\s+)?niet\s+zitten|wil\s+ik\s+niet|hoeft\s+(?:voor\s+mij\s+)?niet)\b"
)


def _school_type_is_sector(folded: str, start: int, end: int, expected: Optional[str]) -> bool:
    before = folded[max(0, start - 40) : start]
    after = folded[end : end + 30]
    if _CLASS_LEVEL_BEFORE.search(before):
        return True  # "de bovenbouw havo/vwo": classes to teach, not a diploma
    if expected != "vooropleiding" and (
        re.search(r"(?:vmbo|mavo|havo|vwo)\s*/\s*$", before) or re.match(r"\s*/\s*(?:vmbo|mavo|havo|vwo)\b", after)
    ):
        return True  # "(geschiedenis, havo/vwo)": the school types taught, nobody's diploma
    if _SECTOR_CONTEXT_AFTER.search(after) or _chosen_after_doubt(folded, start, end):
        return True
    undecided = _undecided_sector(folded)
    if (
        undecided
        and undecided[0] <= start < undecided[1]
        and not _DIPLOMA_CONTEXT.search(folded[max(0, start - 25) : end + 25])
    ):
        return True  # "Vmbo of mbo maakt me niet zoveel uit": school types to choose from
    if re.search(r"\b(?:op|bij|aan)\s+een\s+$", before):
        return True  # "een gesprek op een vmbo": a school, not a diploma
    if re.search(r"\b(?:een|het|dat|die)\s+$", before) and _SCHOOL_ACTS.match(after):
        return True  # "een vmbo in Breda zoekt iemand": a school, not a diploma
    if re.search(r"\btussen\s+(?:(?:het|de)\s+)?(?:[\w-]+\s+(?:en|of)\s+(?:(?:het|de)\s+)?)?$", before):
        return True  # "twijfel tussen vmbo en mbo": school types to choose from
    if re.search(r"\b(?:over|vs\.?|versus)\s+(?:het\s+)?$", before) or re.match(r"\s*(?:vs\.?|versus)\s", after):
        return True  # "praten over vmbo vs mbo": a topic, not a diploma
    if _SECTOR_CONTEXT_BEFORE.search(before):
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        if re.search(r"\b(?:heb|had|gedaan|afgerond|diploma|gehaald)\b", clause) and not _TEACH.search(clause):
            return False
        return True
    if expected == "sector":
        return True
    # "geef nu 10 jaar les op een school in Tilburg, vooral vmbo-t": the classes taught
    left, right = clause_bounds(folded, start, end)
    return bool(_TEACHING_NOW.search(_sentence_around(folded, start))) and not re.search(
        r"\b(?:heb|had|gedaan|diploma|gehaald|afgerond)\b", folded[left:right]
    )


#: Teaching now or teaching before, not a wish: "ik geef les", "sta voor de klas".
_TEACHING_NOW = re.compile(r"\b(?:geef|gaf|geeft)\s+(?:\w+\s+){0,4}?les\b|\bsta\s+(?:\w+\s+){0,5}?voor\s+de\s+klas\b")


_IN_PROGRESS = re.compile(
    r"\b(?:student|studente|studeer|studeert|bezig\s+met|ik\s+doe\s+nu|ik\s+volg|laatste\s+jaar|eerste\s+jaar|tweede\s+jaar|"
    r"derde\s+jaar|vierde\s+jaar|nog\s+niet\s+af|niet\s+afgemaakt|gestopt\s+met|zit\s+(?:nu\s+)?in|tijdens|"
    # "ik ga 1 dag per week naar de hogeschool": a study to come
    r"(?:ga|gaan|wil|zou|moet)\s+(?:\w+\s+){0,5}?naar)\W+(?:\w+\W+){0,2}$"
)


_NOT_FINISHED = re.compile(
    r"^[\w\s'-]{0,30}?\b(?:niet|nooit|nog\s+niet)\s+(?:afgemaakt|afgerond|gehaald|behaald|afgestudeerd|af|klaar|gedaan|gevolgd)\b"
)
_NOT_FINISHED_AFTER = re.compile(
    r"^(?:-?[a-z]{1,2})?(?:\s+(?!maar\b)[\w&'-]+){0,5}?,?\s+(?:maar|en)\s+"
    r"(?:(?:niet|nooit|nog\s+niet)\s+(?:afgemaakt|afgerond|gehaald|behaald|afgestudeerd)|"
    # "1 jaartje hbo gedaan maar gestopt", "aan een doctoraat begonnen, maar na twee jaar ben ik gestopt"
    r"(?:(?:ik\s+)?ben\s+(?:ik\s+)?)?(?:toen\s+|daarna\s+|na\s+(?:een|de|het|\d+|\w+)\s+(?:jaar|jaren|maanden|propedeuse|p)\s+)?"
    r"(?:(?:ik\s+)?ben\s+(?:ik\s+)?)?(?:gestopt|afgebroken|afgehaakt|opgehouden))\b"
    # "en ben gestopt met werken": the job stopped, not the study
    r"(?!\s+met\s+(?:werken|mijn\s+(?:werk|baan|bedrijf|zaak)))"
)


#: Words before a degree that is still to come: "nog een master", "moet ik een master doen".
_STILL_TO_DO = re.compile(
    r"\b(?:nog\s+een|een\s+extra|moet\s+ik\s+(?:\w+\s+){0,2}?een|(?:ga|wil|zou)\s+(?:ik\s+)?(?:\w+\s+){0,3}?een)\s+$"
)
_TO_FINISH = re.compile(r"\s+(?:\w+\s+)?(?:af\s*(?:te\s+)?maken|afmaken|afronden|af\s+te\s+ronden)\b")
#: A pabo diploma; alone only as the answer to the diploma question ("ik wil naar de pabo" is a wish).
_PABO_DIPLOMA = re.compile(
    r"(?<!academische\s)(?<!eerstegraads\s)(?<!universitaire\s)\b(?P<own>(?:mijn|m'n|mn)\s+)?"
    # the teacher training of the hbo, also by its old names and with a subject: "de tweedegraads
    # lerarenopleiding Duits gedaan", "de kweekschool, al heette die toen Pedagogische Academie"
    r"(?:pabo|(?P<old>kweekschool|pedagogische\s+academie)|(?:tweedegraads\s+)?lerarenopleiding(?:\s+tweedegraads)?"
    r"(?=(?:\s+(?!niet\b|nooit\b|half\b|bijna\b)[a-z]+)?\s+(?:diploma|afgerond|gehaald|afgemaakt|gedaan)\b))"
    r"(?P<diploma>-?diploma|\s+diploma|(?:\s+(?!niet\b|nooit\b|half\b|bijna\b)[a-z]+)?\s+(?:afgerond|gehaald|afgemaakt|gedaan))?\b"
)


def _in_progress(folded: str, start: int, end: Optional[int] = None) -> bool:
    """A diploma the person is still working on, or did not finish ("mijn master niet
    afgemaakt"): not their highest completed one."""
    left, right = clause_bounds(folded, start, start)
    if _IN_PROGRESS.search(folded[left:start]):
        return True
    return end is not None and _not_finished(folded, end, right)


def _not_finished(folded: str, end: int, right: int) -> bool:
    """The study that ends at ``end`` was left unfinished ("hbo-v gedaan maar niet afgemaakt")."""
    # the clause ends at "maar", the sentence does not
    rest = re.split(r"[.;:!?()\n]", folded[end : end + 60], maxsplit=1)[0]
    return bool(_NOT_FINISHED.match(folded[end : max(right, end)]) or _NOT_FINISHED_AFTER.match(rest))


#: "telt als hbo", "gewaardeerd als": a level a diploma is compared with.
_COUNTS_AS = re.compile(
    r"\b(?:telt|tellen|geldt|gelden|gezien|zien)\s+(?:\w+\s+){0,2}?als\s+(?:een\s+)?$|"
    # "al is mijn Ad toch ook hbo?"
    r"\b(?:is|zijn)\s+(?:\w+\s+){0,3}?(?:toch\s+(?:ook\s+)?|ook\s+)$"
)


def _counted_as(folded: str, start: int) -> bool:
    """ "die Ad telt toch als hbo?": a level asked about, not the diploma ("mijn diploma
    geldt als hbo-bachelor" states it)."""
    return bool(_COUNTS_AS.search(folded[:start])) and in_question(folded, start)


#: Before a degree that is talked about, not held: "ik hoorde iets over een master", "las over een".
_HEARD_OF = re.compile(
    r"\b(?:iets|wat|veel|meer)\s+(?:over|van)\s+(?:een|die|de|zo'?n)\s+$|\b(?:hoorde|las|lees|zag)\s+(?:\w+\s+){0,3}?(?:over|van)\s+(?:een|die|de)\s+$"
)


def _extract_vooropleiding(folded: str, result: Extraction, expected: Optional[str], pending: Optional[str]) -> None:
    if pending:
        resolved = resolve_pending_degree(pending, folded)
        if resolved:
            result.set("vooropleiding", resolved, 0, len(folded))
            return
    candidates: List[Tuple[int, int, str]] = []  # (start, end, value)
    # "was dat nou hbo of wo?": the person asks which level it was, and names none
    taken: List[Tuple[int, int]] = [m.span() for m in _LEVEL_CHOICE.finditer(folded) if in_question(folded, m.start())]
    for start, end, _text, value in matcher("vooropleiding").finditer(folded):
        if any(s <= start < e for s, e in taken):
            continue
        if is_negated(folded, start) or _in_progress(folded, start, end) or _counted_as(folded, start):
            taken.append((start, end))
            continue
        if value in {"vmbo", "havo", "vwo"} and _school_type_is_sector(folded, start, end, expected):
            continue
        candidates.append((start, end, value))
        taken.append((start, end))

    # "mbo" without a level: a diploma of unknown level, unless it names the sector.
    unclear: Optional[str] = None
    for match in _SCHOOL_TYPE.finditer(folded):
        start, end = match.span(1)
        if match.group(1) != "mbo" or any(s <= start < e for s, e in taken):
            continue
        if is_negated(folded, start) or _school_type_is_sector(folded, start, end, expected):
            continue
        after = folded[end : end + 25]
        level = re.match(r"[\s-]*(?:niveau\s*)?([1-4])\b", after) or re.search(
            r"\bniveau\s*([1-4])\b", folded[end : end + 30]
        )  # "mbo-v, niveau 4"
        if level:
            candidates.append((start, end, f"mbo-{level.group(1)}"))
        elif (
            pending == "mbo" or expected == "vooropleiding" or re.search(r"\b(?:heb|diploma|gedaan|afgerond)\b", folded)
        ):
            unclear = unclear or "mbo"

    for match in _AMBIGUOUS_DEGREE.finditer(folded):
        start, end = match.span(1)
        if any(s <= start < e for s, e in taken) or is_negated(folded, start) or _in_progress(folded, start, end):
            continue
        if _STILL_TO_DO.search(folded[max(0, start - 40) : start]) or _TO_FINISH.match(folded[end : end + 30]):
            continue  # "moet ik echt nog een master doen?", "mijn master afmaken": a degree to come
        if _HEARD_OF.search(folded[max(0, start - 40) : start]) or (
            re.search(r"\b(?:die|deze|zo'?n|welke)\s+$", folded[max(0, start - 8) : start])
            and in_question(folded, start)
        ):
            continue  # "ik hoorde iets over een master ...", "kan die master ook in Nijmegen?": talked about
        word = match.group(1)
        if (
            word in ("ma", "ba")
            and expected != "vooropleiding"
            and not (
                _SHORT_DEGREE_CONTEXT.search(folded[max(0, start - 12) : start])
                or re.match(r"\s+(?:in|of|aan)\s", folded[end : end + 5])
            )
        ):
            continue
        if word == "ma":
            kind = "master"
        elif word == "ba":
            kind = "bachelor"
        elif word.startswith(("master", "msc", "m.sc", "m.tech", "mtech", "meng", "mba", "magist")):
            kind = "master"
        elif word.startswith(("bachelor", "bsc", "b.sc", "b.tech", "btech", "beng", "licen")):
            kind = "bachelor"
        else:
            kind = "wo"
        clause_l, clause_r = clause_bounds(folded, start, end)
        clause = folded[max(0, clause_l - 30) : clause_r]
        if expected == "vooropleiding":
            # the answer to the diploma question is about the degree throughout: "Master informatica,
            # KU Leuven", "Master van de Politieacademie. Dat is hbo geloof ik"
            clause = folded
        if (
            kind == "wo"
            and word in {"uni", "universiteit", "university"}
            and not re.search(r"\b(?:gestudeerd|afgestudeerd|diploma|gedaan|afgerond|studie|heb)\b", clause)
        ):
            continue
        hbo = bool(_HBO_HINT.search(clause))
        wo = bool(_WO_HINT.search(clause.replace(word, " ", 1))) if kind != "wo" else True
        if kind == "wo":
            degree = (
                "master"
                if re.search(r"\bmasters?\b|\bmsc\b", clause)
                else ("bachelor" if re.search(r"\bbachelors?\b|\bbsc\b", clause) else None)
            )
            if degree:
                candidates.append((start, end, f"wo-{degree}"))
            else:
                unclear = unclear or "wo"
        elif hbo and not wo:
            candidates.append((start, end, f"hbo-{kind}"))
        elif wo and not hbo:
            candidates.append((start, end, f"wo-{kind}"))
        elif not (unclear == "master" and kind == "bachelor"):
            # "bachelor en master filosofie": the highest degree named is the one to settle
            unclear = kind if unclear in (None, "bachelor") and kind == "master" else unclear or kind

    if expected == "vooropleiding" and not any(c[2].startswith("mbo-") for c in candidates):
        # "kappersschool niveau 3", "bakkersvakschool, niveau 3 heet dat nu": an mbo level
        level = re.search(r"\bniveau\s*([1-4])\b", folded)
        if level and not is_negated(folded, level.start()):
            candidates.append((level.start(), level.end(), f"mbo-{level.group(1)}"))
            unclear = None if unclear == "mbo" else unclear
    named_ad = _AD_NAMED.search(folded)
    if named_ad and OTHER_PERSON.search(_sentence_around(folded, named_ad.start())):
        named_ad = None  # "mijn collega deed alleen de Ad"
    if named_ad and (expected in {"vooropleiding", "studierichting"} or _NO_FULL_BACHELOR.search(folded)):
        if not (is_negated(folded, named_ad.start()) or _in_progress(folded, named_ad.start(), named_ad.end())):
            candidates.append((named_ad.start(), named_ad.end(), "associate-degree"))  # "bedrijfskunde, de Ad dus"
    done_ad = _AD_DONE.search(folded)
    if done_ad and not (is_negated(folded, done_ad.start()) or _in_progress(folded, done_ad.start(), done_ad.end())):
        candidates.append((done_ad.start(), done_ad.end(), "associate-degree"))  # "de Ad PEP gedaan"
    pabo = _PABO_DIPLOMA.search(folded)
    named_alone = expected == "vooropleiding" and not candidates  # "pabo" as the answer; not "havo en nu de pabo"
    if pabo and (named_alone or pabo.group("diploma") or pabo.group("own") or pabo.group("old")):
        if not (
            is_negated(folded, pabo.start())
            or _in_progress(folded, pabo.start(), pabo.end())
            or OTHER_PERSON.search(_sentence_around(folded, pabo.start()))  # "mijn vader zat op de kweekschool"
        ):
            # The pabo is an hbo bachelor ("pabo, afgerond in 2016"; "met mijn pabodiploma"), and
            # the highest level named counts: "eerst MEAO, daarna de lerarenopleiding Duits gedaan".
            candidates.append((pabo.start(), pabo.end(), "hbo-bachelor"))
    if candidates:
        best = max(candidates, key=lambda c: values.VOOROPLEIDING.index(c[2]))
        if (
            unclear
            and values.VOOROPLEIDING.index(best[2]) < values.VOOROPLEIDING.index("associate-degree")
            and unclear != "mbo"
        ):
            result.unclear["vooropleiding"] = unclear
            return
        result.set("vooropleiding", best[2], best[0], best[1])
    elif unclear:
        result.unclear["vooropleiding"] = unclear


def resolve_pending_degree(pending: str, folded: str) -> Optional[str]:
    """Combines an earlier unclear answer ("master") with the reply ("hbo")."""
    hbo = bool(_HBO_HINT.search(folded))
    wo = bool(_WO_HINT.search(folded))
    master = bool(re.search(r"\bmasters?\b|\bmsc\b", folded))
    bachelor = bool(re.search(r"\bbachelors?\b|\bbsc\b", folded))
    if pending in {"master", "bachelor"}:
        if hbo != wo:
            return f"{'hbo' if hbo else 'wo'}-{pending}"
        return None
    if pending == "wo":
        if master != bachelor:
            return "wo-master" if master else "wo-bachelor"
        return None
    if pending == "mbo":
        # "mbo 3 timmerman, daarna nog mbo 4 uitvoerder": the highest level named
        words = {"een": "1", "twee": "2", "drie": "3", "vier": "4"}
        levels = [
            m.group(1) or words[m.group(2)]
            for m in re.finditer(r"\b([1-4])\b|\b(een|twee|drie|vier)\b", folded)
            if not re.match(r"\s*(?:\w+\s+){0,2}?(?:niet|nooit)\b", folded[m.end() : m.end() + 25])
            and not re.match(r"\s*(?:jaar|jaren|jr|maanden|dagen|uur|keer)\b", folded[m.end() : m.end() + 12])
        ]
        if levels:
            return f"mbo-{max(levels)}"
    return None


_SECTOR_WORDS = {"vmbo": "vo", "mavo": "vo", "havo": "vo", "vwo": "vo", "mbo": "mbo"}


#: "basisschool of vmbo, weet ik nog niet", "misschien mbo, misschien basisschool": undecided.
_UNDECIDED = re.compile(
    r"\b(?:weet\s+(?:ik\s+)?(?:het\s+)?(?:(?:echt|dus|nog|eigenlijk|zelf|eerlijk\s+gezegd)\s+)*niet|twijfel\w*|geen\s+idee|"
    r"allebei|alle\s+twee|misschien\b[^.!?]*\bmisschien|maar\b[^.!?]*\book|"
    # "vmbo of mbo maakt me niet zoveel uit"
    r"maakt\s+(?:me\s+|mij\s+)?(?:\w+\s+){0,2}?niet\s+(?:zo\s*veel\s+|veel\s+)?uit)\b"
)


def _chosen_after_doubt(folded: str, start: int, end: int) -> bool:
    """ "ik twijfelde eerst of mbo niet leuker was maar vmbo lijkt me toch mooi": the doubt,
    then the choice, the sector between "maar" and "toch"."""
    return bool(
        re.search(r"\bmaar\s+(?:\w+\s+){0,3}?$", folded[max(0, start - 30) : start])
        and re.match(r"[^.!?,;]*?\btoch\b", folded[end : end + 40])
    )


#: A preference among several: "vo het liefst", "bij voorkeur po".
_PREFERRED = re.compile(r"\b(?:(?:het\s+)?liefst|bij\s+voorkeur|voorkeur\s+voor|mijn\s+voorkeur)\b")


def _undecided_sector(folded: str) -> Optional[Tuple[int, int]]:
    """Two or more sectors named in a sentence that says the person does not know yet."""
    for sentence in re.finditer(r"[^.!?\n]+", folded):
        text = sentence.group(0)
        if not _UNDECIDED.search(text):
            continue
        last = [m for m in matcher("sector").finditer(text)] + [
            (m.start(1), m.end(1), "", "") for m in _SCHOOL_TYPE.finditer(text)
        ]
        if last and _chosen_after_doubt(text, *max(last, key=lambda m: m[0])[:2]):
            continue
        named = {value for _, _, _, value in matcher("sector").finditer(text)}
        named |= {
            _SECTOR_WORDS[re.sub(r"[\s-].*", "", m.group(1))]
            for m in _SCHOOL_TYPE.finditer(text)
            if re.sub(r"[\s-].*", "", m.group(1)) in _SECTOR_WORDS
            and not _DIPLOMA_CONTEXT.search(text[max(0, m.start() - 25) : m.end() + 25])
        }
        if len(named - {"onbekend"}) >= 2:
            return sentence.span()
    return None


def _asked_about_later(folded: str, start: int, expected: Optional[str]) -> bool:
    """A school type in a question about later or as well ("mag ik met die bevoegdheid later
    ook op het mbo lesgeven?"): a possibility the person asks about, not where they want to teach."""
    if expected == "sector" or not in_question(folded, start):
        return False
    return bool(re.search(r"\b(?:ook|later|eventueel|ooit|daarna)\b", _sentence_around(folded, start)))


#: "so" is special education only beside words that say so: "in het so", "een so-school".
_SO_CONTEXT = re.compile(
    r"\b(?:het|op|in|naar|voor|of|en)\s+so\b|\bso\s*[-/]?\s*(?:school|scholen|onderwijs|vso)\b|^so$"
)


_JUF_OR_MASTER = re.compile(r"(?:juf|meester)\s+worden")


def _extract_sector(folded: str, result: Extraction, expected: Optional[str]) -> None:
    undecided = _undecided_sector(folded)
    found: List[Tuple[int, int, str]] = []
    for start, end, text, value in matcher("sector").finditer(folded):
        if is_negated(folded, start) or _asked_about_later(folded, start, expected):
            continue
        clause_span = clause_bounds(folded, start, end)
        if (
            expected in {"huidige_bevoegdheid", "huidig_beroep"}
            or (
                expected == "schoolvak"
                and any(True for _ in matcher("schoolvak").finditer(folded))
                and (
                    not any(True for _ in matcher("schoolvak").finditer(folded[slice(*clause_span)]))
                    or re.search(r"\b(?:geweest|was|vroeger|altijd|deed|gaf)\b", folded[slice(*clause_span)])
                )
            )
        ) and not _WANT.search(folded[slice(*clause_span)]):
            # "ja, po bevoegdheid van de pabo", "soms gymbegeleider op een basisschool": the
            # qualification's sector or the job's place, not where the person wants to teach;
            # "wiskunde! Rekenen in groep 8 was altijd mijn favoriet": what the subject is about
            continue
        if _NOT_FOR_ME.match(folded[end : end + 40]):
            continue  # "middelbare school lijkt me niks, die pubers"
        if text == "so" and expected != "sector" and not _SO_CONTEXT.search(folded[max(0, start - 12) : end + 12]):
            continue  # "my dutch is not so good": the English word
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        if re.search(r"\b(?:afgemaakt|afgerond|gehaald|diploma)\b", clause) and not (
            _TEACH.search(clause) or _WANT.search(clause)
        ):
            continue
        found.append((start, end, value))
    for match in _SCHOOL_TYPE.finditer(folded):
        start, end = match.span(1)
        word = re.sub(r"[\s-].*", "", match.group(1))
        if is_negated(folded, start) or _asked_about_later(folded, start, expected):
            continue
        after = folded[end : end + 20]
        if (
            word == "mbo"
            and re.match(r"[\s-]*(?:niveau\s*)?[1-4]\b", after)
            and not _SECTOR_CONTEXT_AFTER.search(after)
        ):
            continue
        if _school_type_is_sector(folded, start, end, expected) or (
            expected == "sector" and not _DIPLOMA_CONTEXT.search(folded)
        ):
            found.append((start, end, _SECTOR_WORDS[word]))
    found.sort()
    preferred = [f for f in found if _PREFERRED.search(folded[slice(*clause_bounds(folded, f[0], f[1]))])]
    if len({value for _, _, value in preferred}) == 1:
        # "middelbare school, al zou mbo ook kunnen. vo het liefst"; "het liefst vmbo, maar mbo mag ook"
        start, end, value = preferred[-1]
        result.set("sector", value, start, end)
        return
    if undecided:
        result.set("sector", "onbekend", *undecided)
        return
    if not found:
        return
    distinct = {value for _, _, value in found}
    if len(distinct) == 1:
        start, end, value = found[-1]
        result.set("sector", value, start, end)
        return
    last_start, last_end, last_value = found[-1]
    if _chosen_after_doubt(folded, last_start, last_end):
        result.set("sector", last_value, last_start, last_end)
        return
    if re.search(r"\b(?:twijfel\w*|weet nog niet|of|vs|versus)\b", folded):
        result.set("sector", "onbekend", found[0][0], found[-1][1])
        return
    if distinct == {"po", "so"} and all(
        _JUF_OR_MASTER.fullmatch(folded[start:end]) for start, end, value in found if value == "po"
    ):
        # "ik werk op een speciale school en wil juf worden": a juf teaches in special education too
        start, end, value = next(f for f in found if f[2] == "so")
        result.set("sector", value, start, end)
        return
    wanted = []
    for start, end, value in found:
        left, right = clause_bounds(folded, start, end)
        if _WANT.search(folded[left:right]) or _TEACH.search(folded[left:right]):
            wanted.append((start, end, value))
    chosen = (wanted or found)[-1]
    result.set("sector", chosen[2], chosen[0], chosen[1])


_TEACH_AFTER = re.compile(
    r"^\s*(?:geven|te\s+geven|doceren|onderwijzen|docent|leraar|lerares|les\b|lijkt\s+m[ei]j?|zou\s+ik|zie\s+ik|"
    r"(?:op|aan|in)\s+(?:het|de|een)\s+(?:vmbo|mbo|havo|vwo|middelbare|roc|vo\b|gymnasium|lyceum|bovenbouw|onderbouw))"
)
_TEACH_BEFORE = re.compile(
    r"(?:\bgeef\s+(?:daar\s+|nu\s+|al\s+|er\s+|hier\s+)?|\bvak\s*:\s*|\bvakken\s*:\s*|\blessen\s+|\bbij\s+voorkeur\s+|"
    r"\bhet\s+liefst\s+(?:iets\s+met\s+)?|\b(?:overweeg|denk\s+aan|kies\s+voor|voorkeur\s+voor|zij-?instromer)\s+(?:het\s+vak\s+)?|"
    r"\b(?:geven in|les in|lesgeven in|les geven in|docent|leraar|lerares|vak|vakken|het vak|les in het vak|"
    r"docent in|leraar in|onderwijs in|doceren in)\s+(?:het\s+|de\s+)?)$"
)
#: Diplomas by their old or short names, followed by the field: "HEAO commerciële economie", "MTS bouwkunde".
_SCHOOL_NAMES = r"heao|hts|hao|meao|mts|mbo-?v|hbo-?v|mdgo|leao|lts|llm|mphil"
_STUDY_BEFORE = re.compile(
    r"(?:\b(?:master|masters|bachelor|msc|bsc|ma|ba|licen[cs]e|licenciatura|studie|opleiding|propedeuse|hbo|wo|mbo|ad|phd|promotie|"
    + _SCHOOL_NAMES
    + r"|"
    r"gepromoveerd|gestudeerd|afgestudeerd|opgeleid|diploma|richting|graad|doctoraal)(?:[\s-]+\d)?\s+(?:in\s+|op\s+|van\s+|als\s+)?"
    r"(?:de\s+|het\s+)?)$"
)
_STUDY_AFTER = re.compile(
    r"^\s*(?:\(\s*(?:hbo|wo|mbo|bachelor|master)\s*\)\s*)?"
    # "bedrijfskunde in deeltijd gestudeerd": how it was followed may stand between
    r"(?:(?:in\s+)?(?:deeltijd|voltijd|duaal)\s+)?(?:gestudeerd|studeren|gedaan|afgerond|afgestudeerd|studeer)\b"
)
#: A language before "diploma" is the country's adjective: "een Duits diploma", "Nederlandse papieren".
_COUNTRY_OF_DIPLOMA = re.compile(r"^e?\s+(?:diploma|diploma's|papieren|getuigschrift)\b")
_LANGUAGES = frozenset(
    "nederlands engels duits frans spaans italiaans portugees turks arabisch pools russisch chinees fries grieks".split()
)
_SUBJECT_COMPOUND_SUFFIX = r"(?:docent|docente|leraar|lerares|juf|meester|sectie)"


def _subject_role(folded: str, start: int, end: int, expected: Optional[str]) -> Tuple[Optional[str], int]:
    """What a subject word stands for here, and how sure that is: 3 for words right next to
    it ("natuurkunde geven", "master scheikunde"), 2 for the slot asked for, 1 for its
    clause, 0 for a teaching word anywhere in the message. A weaker reading never replaces
    a stronger one ("natuurkundeleraar worden, maar mijn Nederlands is nog niet goed")."""
    before = folded[max(0, start - 45) : start]
    after = folded[end : end + 25]
    if _STUDY_BEFORE.search(before) or _STUDY_AFTER.search(after):
        return "studierichting", 3
    if _TEACH_AFTER.search(after) or _TEACH_BEFORE.search(before):
        return "schoolvak", 3
    if _COUNTRY_OF_DIPLOMA.match(after) and folded[start:end] in _LANGUAGES:
        return None, 0  # "ja, Duits diploma": the country of the diploma
    if re.search(r"\b(?:is|zijn)\s+(?:gewoon\s+)?$", before) or re.search(r"\bmijn\s+$", before):
        return None, 0  # "mijn diploma is gewoon Nederlands", "mijn Nederlands is nog B1"
    if expected in {"schoolvak", "studierichting"}:
        return expected, 2
    left, right = clause_bounds(folded, start, end)
    clause = folded[left:right]
    if _TEACH.search(clause) or re.search(r"\bwil\b.*\bgeven\b", clause):
        return "schoolvak", 1
    if _STUDY.search(clause):
        return "studierichting", 1
    if re.search(r"\b(?:lesgeven|les\s+geven|leraar|lerares|docent|voor\s+de\s+klas)\b", folded) and not _STUDY.search(
        folded[max(0, start - 30) : start]
    ):
        return "schoolvak", 0
    return None, 0


_STOP_WORDS = (
    r"en|bij|in|op|aan|maar|met|via|want|dus|sinds|voor|van|die|dat|ik|heb|werk|en|ben|nu|al|als|om|te|niet|nooit|nog|"
    r"gestudeerd|gedaan|afgerond|gehaald|behaald|afgestudeerd|studeer|wil|kan|is|was|na|of|lesgeven|geven|"
    r"werken|worden|doen|halen|les|school|niveau|diploma"
)
_FREE_FIELD = re.compile(
    # "op een mbo koks opleiding les geven": the school, not the person's own study
    r"(?<!op het )(?<!in het )(?<!aan het )(?<!naar het )(?<!op een )(?<!aan een )"
    # "de opleiding goed doen", "die opleiding": the training talked about, not one's own
    r"\b(?:(?:mijn\s+)?studie(?:\s*:|\s+was|\s+is)|master|bachelor|msc|bsc|licenciatura|grado|(?<!de\s)(?<!die\s)(?<!deze\s)(?:studie|opleiding)|propedeuse|"
    + _SCHOOL_NAMES
    + r"|hbo|wo|mbo(?:[\s-]?niveau)?(?:[\s-]?[1-4])?|"
    r"doctoraal|associate degree|ad|phd|gepromoveerd|promoveerde|diploma)(?:[\s-]+(?:in|op|van))?(?:\s+(?:de|het))?\s+"
    r"((?:(?!(?:" + _STOP_WORDS + r")\b)[a-z][\w'&-]*)(?:\s+(?!(?:" + _STOP_WORDS + r")\b)[a-z][\w'&-]*){0,2})"
)
#: A study that was not finished, said right after its name.
_FIELD_NOT_FINISHED = re.compile(
    r"(?:[^.;!?,]{0,40}?|[^.;!?]{0,40}?\b(?:die|dat|deze)\b[^.;!?,]{0,30}?)"
    r"\b(?:(?:nooit|niet)\s+(?:afgemaakt|afgerond|gehaald|af\s*gemaakt)|begonnen\s+maar|halverwege\s+gestopt)\b"
)
#: "welke opleiding", "wat voor studie": a question word before the word for a study.
_WHICH = re.compile(r"\b(?:welke|welk|wat\s+voor(?:\s+een)?|elke|iedere|zo'?n|andere)\s+$")
_FREE_FIELD_BLOCKLIST = {
    # "Máster (del) Profesorado": the Spanish teacher training, not a field
    "profesorado",
    "del",
    "allebei",
    "beide",
    "af",
    "ma",
    "ba",
    "bach",
    "msc",
    "bsc",
    "diploma",
    "gedaan",
    "afgerond",
    "niveau",
    "opleiding",
    "master",
    "bachelor",
    "gehaald",
    "goed",
    # "Kapper niveau 3, heel lang geleden": when, not what
    "geleden",
    "lang",
    "ooit",
    "behaald",
    "afgemaakt",
    # "na de propedeuse gestopt": how the study ended, not its field
    "gestopt",
    "afgebroken",
    "afgehaakt",
    "en",
    "hbo",
    "wo",
    "een",
    "graad",
    "studie",
    "student",
    "jaar",
    "jaren",
    "docent",
    "leraar",
    "richting",
    "universiteit",
    "uni",
    "hogeschool",
    "eigenlijk",
    # "een school hier wil mij aannemen", "als ik een opleiding start": no field
    "hier",
    "daar",
    "start",
    "starten",
    "begin",
    "beginnen",
    "volgen",
    # how the study was followed: "de hbo-v in deeltijd gedaan"
    "deeltijd",
    "voltijd",
    "duaal",
    "parttime",
    "fulltime",
    "lesgaf",
    "gaf",
    "werkte",
    "werkt",
    "geef",
    "was",
    "mijn",
    "de",
    "het",
    "degree",
    "degrees",
    "diploma's",
    "papieren",
    "eerst",
    "laten",
    "erbij",
    "doe",
    "volledig",
    "mee",
    "ook",
    "nog",
    # the people taught: "mbo studenten les geven" names no field
    "studenten",
    "leerlingen",
    "cursisten",
    "jongeren",
    "kinderen",
    # words around a level that name no field: "dat is hbo toch", "mbo 4 geloof ik", "de hbo versie", "bachelor plus master"
    "toch",
    "volgens",
    "he",
    "geloof",
    "denk",
    "versie",
    "variant",
    "plus",
    "zeg",
    "zegmaar",
    "hoor",
    "wel",
    "dus",
    "ofzo",
    "enzo",
    "tegenwoordig",
    "vroeger",
    "destijds",
    "toen",
    "heet",
    "heette",
    "noemen",
    "genoemd",
    "equivalent",
    "gelijk",
    # verbs: "het mbo lijkt me wel wat", "mijn diploma komt uit België", "of mijn hbo telt"
    "lijkt",
    "maakt",
    "telt",
    "komt",
    "kwam",
    "gaat",
    "moet",
    "mag",
    "zou",
    "word",
    "wordt",
    "vind",
    "vond",
    "klinkt",
    "zegt",
    "eerlijk",
    "lijken",
    "tellen",
}


@functools.cache
def _subject_compounds() -> re.Pattern[str]:
    """ "wiskundedocent", "gymleraar": a subject glued to a teacher word."""
    return re.compile(r"(?<![\w&])(" + matcher("schoolvak").alternatives + r")" + _SUBJECT_COMPOUND_SUFFIX + r"\b")


def _extract_subjects_and_fields(folded: str, result: Extraction, expected: Optional[str]) -> None:
    subjects = matcher("schoolvak")
    for match in _subject_compounds().finditer(folded):
        start, end = match.span(1)
        if not is_negated(folded, start):
            key = re.sub(r"[\s\-']+", "", match.group(1))
            result.set("schoolvak", subject_as_named(match.group(1), subjects.values[key]), start, end)
    compound_found = "schoolvak" in result.facts

    study: List[Tuple[int, int, str]] = []
    subject_strength = -1
    for start, end, text, value in subjects.finditer(folded):
        if is_negated(folded, start):
            continue
        role, strength = _subject_role(folded, start, end, expected)
        if role == "schoolvak" and not compound_found and strength > subject_strength:
            result.set("schoolvak", subject_as_named(text, value), start, end)
            subject_strength = strength
        elif role == "studierichting":
            study.append((start, end, text))

    fields = lookup_matcher("studierichting", "studierichting")
    for start, end, text, _value in fields.finditer(folded):
        if is_negated(folded, start):
            continue
        before = folded[max(0, start - 45) : start]
        after = folded[end : end + 25]
        if _DURING_STUDY.search(before):
            continue  # "naast mijn studie werkte ik in de horeca": a time, not the field
        if _STUDY_BEFORE.search(before) and _FIELD_NOT_FINISHED.match(folded, end):
            continue  # "nog een master communicatie gedaan, nee wacht, ... nooit afgemaakt"
        if _STUDY_BEFORE.search(before) or _STUDY_AFTER.search(after) or expected == "studierichting":
            study.append((start, end, text))
    named = institutions.spans(folded)
    if not study:
        for match in _FREE_FIELD.finditer(folded):
            if any(s <= match.start(1) < e for s, e, _ in named):
                continue  # "MSc TU Delft": the school, not the field
            if in_question(folded, match.start(1)) or _WHICH.search(folded[max(0, match.start() - 16) : match.start()]):
                continue  # "wie betaalt de opleiding dan?", "welke opleiding het beste is": no field of study
            if _DURING_STUDY.search(folded[max(0, match.start(1) - 30) : match.start(1)]):
                continue  # "tijdens mijn studie bijles gegeven"
            if is_negated(folded, match.start()):
                continue  # "niet de inservice opleiding in het ziekenhuis"
            if _FIELD_NOT_FINISHED.match(folded, match.end(1)):
                continue  # "een master communicatie gedaan, nee wacht, die ben ik begonnen maar nooit afgemaakt"
            if any(s == match.start(1) for s, _e, _t, _v in matcher("provincie").finditer(folded)):
                continue  # "gepromoveerd in Wageningen": the place, not the field
            words = match.group(1).split()
            while words and words[-1] in _FREE_FIELD_BLOCKLIST:
                words.pop()
            if words and words[0] not in _FREE_FIELD_BLOCKLIST and not re.match(NUMBER_PATTERN + r"$", words[0]):
                start = match.start(1)
                study.append((start, start + len(" ".join(words)), " ".join(words)))
    if not study and expected == "vooropleiding":
        # "mbo 4, sociaal pedagogisch werk", "heao, commerciële economie": the level, then the field
        # "hbo, accountancy, bij de HZ in Vlissingen": and where
        after_level = re.match(
            r"^\s*[^,.;]{2,40}?,\s*([a-z][a-z'&-]*(?:\s+[a-z][a-z'&-]*){0,3})\s*"
            r"(?:,\s*(?:bij|aan|op|in|van)\s+[^,.;]*)?[.!]?\s*$",
            folded,
        )
        if after_level and result.facts.get("vooropleiding") or after_level and result.unclear.get("vooropleiding"):
            words = after_level.group(1).split()
            place = any(True for _ in matcher("provincie").finditer(after_level.group(1))) or institutions.spans(
                after_level.group(1)
            )
            if not place and not set(words) & (_FREE_FIELD_BLOCKLIST | set(_STOP_WORDS.split("|"))):
                study.append((after_level.start(1), after_level.end(1), after_level.group(1)))
    if not study:
        # "MSc TU Delft (applied physics)": the field in brackets after the degree or school.
        for start, end, _kind in named:
            bracket = re.match(r"\s*\(\s*([a-z][a-z' &-]{2,40}?)\s*\)", folded[end:])
            if bracket and re.search(
                r"\b(?:master|msc|bachelor|bsc|ma|ba|studie|gestudeerd)\b", folded[max(0, start - 25) : start]
            ):
                study.append((end + bracket.start(1), end + bracket.end(1), bracket.group(1)))
                break
    if not study:
        studied = re.search(
            r"\bheb\s+(?:ik\s+)?(?:daar\s+|in\s+[a-z]+\s+|aan\s+de\s+[a-z]+\s+)?((?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+gestudeerd\b",
            folded,
        )
        if studied and not set(studied.group(1).split()) & {
            "niet",
            "nooit",
            "ook",
            "lang",
            "hard",
            "wat",
            "iets",
            "veel",
            "hier",
            "daar",
            "er",
            "toen",
            "zelf",
            "al",
            "nog",
            "niks",
            "niets",
        }:
            study.append((studied.start(1), studied.end(1), studied.group(1)))
    # "een jaar hbo-v gedaan maar niet afgemaakt": no field of a finished study
    study = [s for s in study if not _not_finished(folded, s[1], clause_bounds(folded, s[0], s[1])[1])]
    if study:
        start, end, text = max(study, key=lambda s: (s[1] - s[0], -s[0]))
        # Prefer the first mention when several fields are named ("master chemie, daarna ...").
        first = min(study, key=lambda s: s[0])
        if first[0] < start and not (first[0] <= start < first[1]):
            start, end, text = first
        end = _extend_field(folded, end)
        # "mbo verpleegkundige", "hbo bouwkundige": the person of the trade names the field
        result.set("studierichting", re.sub(r"kundige$", "kunde", clean_free_text(folded[start:end])), start, end)


#: "tijdens mijn studie", "naast de studie": when, not what was studied.
_DURING_STUDY = re.compile(
    r"\b(?:tijdens|naast|na|voor|door|in|bij|sinds)\s+(?:mijn|m'n|mn|de|je|haar|zijn|hun)\s+(?:studie|studietijd|opleiding)\s*$"
)
#: Words that continue the name of a field: "English literature", "biomedical sciences", "civiele techniek".
_FIELD_HEAD = re.compile(
    r"(\s+(?:literature|literatuur|letterkunde|language|languages|studies|science|sciences|"
    r"engineering|management|technology|technologie|cultuur|culture|administration|economics|"
    r"wetenschap|wetenschappen)\b)+"
)


def _extend_field(folded: str, end: int) -> int:
    """ "taal en cultuur", "taal- en letterkunde", "logistiek en economie": one "en" more;
    "english literature": the word that continues the name."""
    head = _FIELD_HEAD.match(folded[end:])
    if head:
        end += len(head.group(0))
    extra = re.match(
        r"(-?\s+en\s+(?!(?:"
        + _STOP_WORDS
        + r")\b)[a-z][\w'-]*)(?=\s*(?:[,.;:)(]|$|\s(?:aan|gedaan|gestudeerd|afgerond|gehaald|van|in|bij)\b))",
        folded[end:],
    )
    return end + len(extra.group(1)) if extra else end
