"""Work: years of experience, the current job, and a job at a school."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import List, Optional, Tuple

from bot.profile.extract.result import Extraction
from bot.profile.extract.text import (
    INTERJECTION,
    OTHER_PERSON,
    _sentence_around,
    clause_bounds,
    clean_free_text,
    fold_same_length,
    is_acknowledgement,
    is_negated,
    without_reaction,
)
from bot.profile.numbers import NUMBER_PATTERN, parse_number
from bot.profile.vocab import lookup_matcher, matcher

_QUALIFIER = r"(?:ruim|bijna|ongeveer|zo'?n|circa|ca\.?|rond|pakweg|meer dan|zeker|al|nu|inmiddels|zowat|even|totaal|in totaal|alweer)"
_YEARS = r"(?:jaar|jaren|jr|jaartjes|jaartje|jaars)"
_YEARS_WORD = re.compile(r"\b" + _YEARS + r"\b")
_EXPERIENCE_PATTERNS = [
    re.compile(
        r"\b(?:werk|werkt|werkzaam|gewerkt|ervaring|werkervaring|in dienst|actief|bezig|zit|ben)\b"
        r"(?:\s+(?:al|nu|inmiddels|sinds|alweer|daar|er|hier|zo'?n|ruim|bijna|ongeveer|circa|ca\.?|meer dan|zeker|pakweg|een jaar of))*"
        r"\s+(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"\b(?!\s+oud)"
    ),
    re.compile(
        r"(?:\b" + _QUALIFIER + r"\s+)*\b(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"\s+"
        r"(?:(?:werk|relevante\s+|praktijk)?ervaring|werkervaring|gewerkt|werkzaam|als\b|in\s+de\b|in\s+het\b|bij\b|actief|"
        r"in\s+dienst|aan\s+het\s+werk|in\s+mijn\s+vak|ervaring)"
    ),
    re.compile(r"\been\s+jaar\s+of\s+(?P<n>" + NUMBER_PATTERN + r")\b"),
    re.compile(
        r"\b(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"\s+(?:\w+\s+){1,4}?(?:gewerkt|werkzaam|geweest|actief)\b"
    ),
    re.compile(
        r"\b(?:werk|werkt|werkzaam)\b[^.;]{0,50}?,\s*(?:al\s+|nu\s+|inmiddels\s+)(?P<n>"
        + NUMBER_PATTERN
        + r")\s*"
        + _YEARS
        + r"\b"
    ),
    re.compile(r"\b(?:werkervaring|ervaring)\s*[:=]?\s*(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"?\b"),
    # "maak van de werkervaring maar 14 jaar", "werkervaring is dan ruim 20 jaar"
    re.compile(
        r"\bwerkervaring\s+(?:(?:maar|dan|is|wordt|ongeveer|zo'?n|ruim|bijna|dus|toch)\s+){1,3}(?P<n>"
        + NUMBER_PATTERN
        + r")\s*"
        + _YEARS
        + r"\b"
    ),
]
_SINCE_YEAR = re.compile(
    r"\b(?:werk|werkzaam|in dienst|actief|sinds)\b[^.,;]{0,40}?\bsinds\s+(?P<y>(?:19[5-9]\d|20[0-4]\d))\b"
    r"|\bsinds\s+(?P<y2>(?:19[5-9]\d|20[0-4]\d))\s+(?:werk|werkzaam|als|bij|in dienst)"
)
_NO_EXPERIENCE = re.compile(
    r"\b(?:geen\s+(?:werk)?ervaring|nog\s+(?:nooit|niet)\s+gewerkt|net\s+(?:begonnen(?!\s+met\s+(?:solliciteren|zoeken|"
    r"studeren|de\s+opleiding|oriënteren|orienteren))|afgestudeerd)|"
    r"minder\s+dan\s+(?:een|1|één)\s+jaar|(?:een\s+)?half\s+jaar|paar\s+maanden|\d+\s+maanden)\b"
)
_AGE = re.compile(
    r"\b(?:ik\s+ben|ben\s+ik|leeftijd:?|ik\s+ben\s+nu)\s+(?P<n>\d{2}|" + NUMBER_PATTERN + r")(?:\s*jaar(?:\s+oud)?)?\b"
    r"|\b(?P<n2>\d{2})\s*(?:jaar\s+oud|jarige|jr\s+oud)\b"
    # "ik ben piet 55 jaar en ...", "Ik ben Joost, 42.", "mijn naam is Wim, 62 jaar": a name, then the age
    r"|\b(?:ik\s+ben|mijn\s+naam\s+is)\s+(?:(?!(?:al|nu|bijna|ruim|ongeveer|zo'?n|sinds|pas|net|geweest|getrouwd|moeder|"
    r"vader|kinderen|kind|van|docent|leraar|lerares|juf|meester|verpleegkundige|werkzaam|werkloos|thuis|student|"
    r"ondernemer|zzp'?er|hier|daar|in|bij|op)\b)[a-z][a-z'-]+,?\s+){1,2}"
    r"(?P<n3>[1-9]\d)"
    r"(?=\s*(?:jaar\s*)?(?:oud\s*)?(?:[,.!;]|\ben\b|$))"
)
MAX_EXPERIENCE_YEARS = 55
#: "ik woon al 9 jaar in Den Haag", "al tien jaar thuis met de kinderen": years, but no work.
_NOT_WORK_BEFORE = re.compile(r"\b(?:woon|woont|wonen|woonde|gewoond|verhuisd|getrouwd)\b")
#: "met een jaar tussendoor", "een paar jaar eruit": years away from work.
_AWAY = r"(?:eruit|ertussenuit|tussendoor|thuis|niet\s+gewerkt)\b"
_AWAY_FROM_WORK = re.compile(r"^\s*(?:jaar|jaren|jr)?\s*" + _AWAY)
_NOT_WORK_AFTER = re.compile(
    # "met een paar jaar eruit toen de kinderen klein waren": years away from work
    r"^\s*(?:jaar|jaren|jr)?\s*(?:" + _AWAY + r"|huisvrouw|huisman|mantelzorg|in\s+nederland|hier\b)"
)
#: "een jaar in Australië gezeten": a stay away ("tien jaar in de bouw gezeten" is work).
_STAY_AWAY = re.compile(r"\s*(?:jaar|jaren|jr)?\s*in\s+\w+\s+(?:gezeten|gewoond|gereisd|rondgereisd)\b")
#: "7 jaar hier en 3 in Polen, dus 10": the total the person gives.
_TOTAL = re.compile(
    r"\b(?:dus|in\s+totaal|totaal|samen|opgeteld|alles\s+bij\s+elkaar)\s+(?:zo'?n\s+|ongeveer\s+|ruim\s+|bijna\s+)?"
    r"(?P<n>" + NUMBER_PATTERN + r")\b(?=\s*(?:jaar|jaren|jr)\b|\s*[,.;!?)]|\s*$)"  # not "dus een paar maanden"
)
#: "een jaar of twintig in totaal", "15 jaar bij elkaar": the total named after the number.
_TOTAL_AFTER = re.compile(
    r"(?:\b(?:een\s+jaar\s+of|ruim|bijna|ongeveer|zo'?n)\s+)?\b(?P<n>" + NUMBER_PATTERN + r")(?:\s*" + _YEARS + r")?"
    r"\s+(?:in\s+(?:het\s+)?totaal|bij\s+elkaar|opgeteld|alles\s+bij\s+elkaar)\b"
)


#: Words that put one period after another: "sinds 2014 hier, en daarvoor nog twee jaar".
_ONE_AFTER_THE_OTHER = re.compile(r"\b(?:daarvoor|daarna|ervoor|erna|eerder|plus|nog)\b|\ben\s+(?:hier|nu|daar)\b")
#: "ik woon sinds 2015 in Nederland": a year of one's life, not of work.
_LIFE_EVENT = re.compile(r"\b(?:woon|wonen|getrouwd|in\s+nederland|verhuisd|geboren|afgestudeerd|diploma)\b")
_SINCE_A_YEAR = re.compile(
    r"\b(?:sinds|vanaf)\s+(?P<n>19[5-9]\d|20[0-4]\d)\b"
    # "in 1988 bij een grote bank begonnen": the start of a working life
    r"|\bin\s+(?P<b>19[5-9]\d|20[0-4]\d)\s+(?:\w+\s+){0,6}?(?:begonnen|gestart)\b(?!\s+(?:met|aan)\s+(?:de|een|mijn)\s+(?:studie|opleiding))"
)


def _summed_years(folded: str, age_spans, today: _dt.date, in_story: bool = False) -> Optional[Tuple[int, int, int]]:
    """ "10 jaar in turkije en 12 jaar hier", "6 jaar juf, en nu 2 jaar assistent", "sinds 2014
    bij dit kantoor, en daarvoor nog twee jaar bij de Belastingdienst": periods named one after
    the other, as the answer to "hoeveel jaar werkervaring?", add up (not alternatives: "twee
    jaar, of zes met de promotie" is no sum)."""
    periods: List[Tuple[int, int, int]] = []  # (start, end, years)
    part_of_it = False
    # "een jaar of acht" counts in a story; as the answer it is the total before its parts
    # ("een jaar of acht, winkel en nu 3 jaar gym")
    about = list(_YEARS_OR_SO.finditer(folded)) if in_story else []
    for m in sorted([*_ANY_YEARS.finditer(folded), *about], key=lambda m: m.start()):
        if (
            not any(s <= m.start("n") < e for s, e in age_spans)
            and not is_negated(folded, m.start("n"))
            and not _STAY_AWAY.match(folded, m.end("n"))
            and not _AWAY_FROM_WORK.match(folded[m.end("n") : m.end("n") + 25])
        ):
            number = parse_number(m.group("n"))
            if number is None:
                return None
            number = _almost(folded, m.start("n"), number)  # "bijna vijfentwintig jaar": 24
            if _PART_OF_IT.search(folded[max(0, m.start() - 20) : m.start()]):
                part_of_it = True
                continue  # "bijna 25 jaar kok, de laatste tien jaar als chef": part of the years named
            if in_story and (
                _not_work(folded, m.start("n"), m.end("n"))
                or number <= 1
                or _NOT_YET.search(folded[slice(*clause_bounds(folded, m.start(), m.end()))])
                or _NO_WORK.search(folded[slice(*clause_bounds(folded, m.start(), m.end()))])
            ):
                # in a story, "ik woon 10 jaar in Nederland" is no work, nor "over een jaar of negen ga
                # ik met pensioen" or "een half jaar tot een jaar minder werken"; an answer names work
                continue
            periods.append((m.start(), m.end(), number))
    since = []
    for m in _SINCE_A_YEAR.finditer(folded):
        left, right = clause_bounds(folded, m.start(), m.end())
        year = int(m.group("n") or m.group("b"))
        if m.group("b") and _STUDY_START.search(folded[left:right]):
            continue  # "in 2019 ben ik met de pabo begonnen": a study, not work
        if year <= today.year and not _LIFE_EVENT.search(folded[left:right]):
            since.append((m.start(), m.end(), today.year - year))
    periods = sorted(periods + since)
    if len(periods) == 1 and part_of_it:
        # "in 1988 bij een bank begonnen, de laatste vijftien jaar als manager": the whole, not the part
        return periods[0][2], periods[0][0], periods[0][1]
    if len(periods) < 2:
        return None
    if since and not all(
        _ONE_AFTER_THE_OTHER.search(folded[before[1] : after[0]]) for before, after in zip(periods, periods[1:])
    ):
        # "vijfentwintig jaar in de bouw, ... en sinds 2009 voor mezelf", "ruim 25 jaar, sinds
        # 1997 voor de klas": a period since a year within the years named, or the same one
        start, end, years = max(periods, key=lambda p: p[2])
        return years, start, end
    if len(periods) == 2 and re.search(r"\b(?:dus|oftewel|ofwel)\b", folded[periods[0][1] : periods[1][0]]):
        # "sinds 2003 aan het werk, dus ruim twintig jaar": the same period twice, the first exact
        return periods[0][2], periods[0][0], periods[0][1]
    numbers = [years for _, _, years in periods]
    if len(numbers) > 2 and numbers[0] == sum(numbers[1:]):
        # "ongeveer elf jaar, 9 jaar lerares in Charkiv en nu 2 jaar hier", "Ruim veertig jaar. Vijf
        # jaar in het onderwijs en daarna ruim 35 jaar bij een verzekeraar": the total, then its parts
        return numbers[0], periods[0][0], periods[0][1]
    for before, after in zip(periods, periods[1:]):
        between = folded[before[1] : after[0]]
        if not re.search(r"(?:\ben\b|,|\bdaarna\b|\bdaarvoor\b|\bplus\b)", between) or re.search(
            r"\b(?:of|waarvan|geleden)\b", between
        ):
            return None
        joined = folded[before[1] : after[0] + 12]  # the period's own words ("nu al ...") included
        if in_story and not _ONE_AFTER_THE_OTHER.search(joined) and not re.search(r"\b(?:eerst|toen)\b", joined):
            return None  # a story adds up only periods said one after the other ("daarvoor", "en nu")
    total = sum(numbers)
    if not 0 < total <= MAX_EXPERIENCE_YEARS:
        return None
    return total, periods[0][0], periods[-1][1]


#: "al vanaf mijn achttiende, ben nu 41", "sinds m'n dertigste": the age now minus the age then.
_SINCE_AGE = re.compile(r"\b(?:vanaf|sinds)\s+(?:mijn|m'n|me|mn)\s+(?P<o>\d{2}(?:e|ste|de)?|[a-z]+(?:ste|de))\b")
_AGE_NOW = re.compile(
    r"\b(?:ik\s+ben|ben\s+(?:nu|inmiddels)|ben\s+ik|(?:en\s+)?(?:nu|inmiddels))\s+(?:nu\s+)?(?P<a>\d{2}|"
    + NUMBER_PATTERN
    + r")\b(?!\s*(?:jaar|jr)\s+(?:als|bij|in|werk|ervaring))"
)


def _ordinal(word: str) -> Optional[int]:
    """ "dertigste" -> 30, "achttiende" -> 18, "25e" -> 25."""
    digits = re.match(r"(\d+)", word)
    if digits:
        return int(digits.group(1))
    stem = re.sub(r"(?:ste|de)$", "", word)
    return parse_number(stem) or parse_number(stem + "n")  # "negentiende" -> "negentien"


def _not_work(folded: str, start: int, end: int) -> bool:
    left, _ = clause_bounds(folded, start, end)
    return bool(
        _NOT_WORK_BEFORE.search(folded[left:start])
        or _NOT_WORK_AFTER.match(folded[end : end + 25])
        or _STAY_AWAY.match(folded, end)
        or _years_of_a_study().match(folded, end)
    )


def _almost(folded: str, start: int, number: int) -> int:
    """ "bijna dertig jaar" is 29."""
    return number - 1 if number > 1 and re.search(r"\bbijna\s+$", folded[max(0, start - 8) : start]) else number


#: "half mijn leven": years that are half the person's age.
_HALF_LIFE = re.compile(r"\b(?:half|de\s+helft\s+van)\s+(?P<o>(?:mijn|m'n|mn|me)\s+leven)\b")


def _since_age(folded: str, age: Optional[int] = None) -> Optional[Tuple[int, int, int]]:
    """ "sinds mijn zestiende", "half mijn leven": the years since that age, by the age in the
    message or else ``age``."""
    match = _SINCE_AGE.search(folded) or _HALF_LIFE.search(folded)
    if not match:
        return None
    ages = [parse_number(a.group("a")) for a in _AGE_NOW.finditer(folded) if a.start("a") != match.start("o")]
    ages = [a for a in ages if a is not None and 16 <= a <= 75] or ([age] if age and 16 <= age <= 75 else [])
    if not ages:
        return None
    if match.re is _HALF_LIFE:
        return ages[0] // 2, *match.span("o")
    then = _ordinal(match.group("o"))
    if then is None or not 14 <= then <= 70:
        return None
    years = ages[0] - then
    return (years, *match.span("o")) if 0 <= years <= MAX_EXPERIENCE_YEARS else None


_STATED_AGE = re.compile(
    r"\W*(?:(?:ik\s+ben|ben)\s+(?:nu\s+|inmiddels\s+)?)?(?P<a>" + NUMBER_PATTERN + r")(?:\s*(?:jaar|jr)(?:\s+oud)?)?\W*"
)


def stated_age(text: str) -> Optional[int]:
    """The age in an answer to "hoe oud ben je?": "62", "ik ben 45 jaar", "vijftig"."""
    match = _STATED_AGE.fullmatch(fold_same_length(text).strip())
    number = parse_number(match.group("a")) if match else None
    return number if number is not None and 15 <= number <= 90 else None


#: "nog niet echt, alleen bijbaantjes", "niks eigenlijk" to the experience question: none.
_NONE_ANSWER = re.compile(
    r"^\W*(?:nee,?\s+)?(?:nog\s+)?(?:niet\s+echt|niks|niets|nul|geen(?:\s+echte)?(?:\s+(?:werk)?ervaring)?)\b|"
    r"\balleen\s+(?:een\s+|wat\s+|maar\s+)?(?:bijba\w*|vakantiewerk|stage\w*|vrijwilligerswerk)"
)


#: A job at a school, which a person who switches careers has held only for a short time.
_SCHOOL_ROLE = re.compile(
    r"\b(?:docent|docente|leraar|lerares|leerkracht|instructeur|onderwijsassistent|juf|meester|"
    r"op\s+(?:het|een|de)\s+(?:roc|school|basisschool|mbo)|voor\s+de\s+klas)\b"
)


def _extract_experience(
    folded: str, result: Extraction, expected: Optional[str], today: _dt.date, age: Optional[int] = None
) -> None:
    _find_experience(folded, result, expected, today, age)
    found = result.span("werkervaring_jaren")
    if (
        found
        and expected != "werkervaring_jaren"
        and re.fullmatch(r"(?:een\s+)?paar|enkele", folded[found.start : found.end].strip())
    ):
        # "een paar jaar lesgegeven, daarna iets anders" in passing: too vague to keep; the question follows
        result.drop("werkervaring_jaren")
        return
    if found and expected != "werkervaring_jaren" and isinstance(found.value, int) and found.value <= 2:
        left, right = clause_bounds(folded, found.start, found.end)
        clause = folded[left:right]
        if _SCHOOL_ROLE.search(clause) and not re.search(r"ervaring", clause):
            # "ik werk nu een jaar als instructeur op het roc", "al een jaar hybride docent":
            # how long the first job at a school lasts, not the work the person did before;
            # the question follows instead of a guess.
            result.drop("werkervaring_jaren")


def _find_experience(
    folded: str, result: Extraction, expected: Optional[str], today: _dt.date, age: Optional[int] = None
) -> None:
    if (
        expected == "werkervaring_jaren"
        and not re.search(r"\bjaar|\d|\bgeen\s+(?:idee|flauw)", folded)
        and not any((parse_number(word) or 0) >= 2 for word in re.findall(r"[a-z]+", folded))
    ):
        none = _NONE_ANSWER.search(folded)
        if none:
            result.set("werkervaring_jaren", 0, *none.span())
            return
    age_spans = [
        m.span()
        for m in _AGE.finditer(folded)
        if not re.match(r"\s*(?:jaar\s+)?geleden", folded[m.end() :])
        and not re.match(r"[\s\w'-]{0,30}\bgeweest\b", folded[m.end() :])
    ]
    total = _TOTAL.search(folded)
    if total and _YEARS_WORD.search(folded[: total.start()]):
        number = parse_number(total.group("n"))
        if number is not None and number <= MAX_EXPERIENCE_YEARS:
            result.set("werkervaring_jaren", number, *total.span("n"))
            return
    total_after = _TOTAL_AFTER.search(folded)
    if total_after:
        number = parse_number(total_after.group("n"))
        if number is not None and number <= MAX_EXPERIENCE_YEARS:
            result.set("werkervaring_jaren", number, *total_after.span("n"))
            return
    if expected in ("werkervaring_jaren", None):
        # also in a life story: "al 25 jaar een eigen bedrijf, daarvoor 10 jaar in loondienst"
        summed = _summed_years(folded, age_spans, today, in_story=expected is None)
        if summed:
            result.set("werkervaring_jaren", *summed)
            return
    since_age = _since_age(folded, age)
    if since_age:
        result.set("werkervaring_jaren", *since_age)
        return
    if (
        expected == "werkervaring_jaren"
        and (_SINCE_AGE.search(folded) or _HALF_LIFE.search(folded))
        and not age
        and not _AGE_NOW.search(folded)
    ):
        result.unclear["werkervaring_jaren"] = "sinds_leeftijd"  # "vanaf mijn zeventiende", age unknown
    for pattern in _EXPERIENCE_PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span("n")
            if any(s <= start < e for s, e in age_spans) and not re.search(
                r"\b(?:werk|ervaring)\b", folded[max(0, start - 25) : start]
            ):
                continue
            if folded[end : end + 8].strip().startswith("oud") or _not_work(folded, start, end):
                continue
            number = parse_number(match.group("n"))
            if number is None or is_negated(folded, start):
                continue
            if number > MAX_EXPERIENCE_YEARS:
                result.unclear["werkervaring_jaren"] = "te_hoog"
                continue
            result.set("werkervaring_jaren", _almost(folded, start, number), start, end)
            return
    jobs = lookup_matcher("beroep", "beroep")
    for match in re.finditer(
        r"\b(?:nu|al|voorheen|ruim|bijna|inmiddels)\s+(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"\s+(?:als\s+)?",
        folded,
    ):
        if any(start == match.end() for start, _, _, _ in jobs.finditer(folded)):
            number = parse_number(match.group("n"))
            if number is not None and number <= MAX_EXPERIENCE_YEARS:
                result.set("werkervaring_jaren", number, *match.span("n"))
                return
    generic = _generic_experience(folded, age_spans)
    if generic:
        result.set("werkervaring_jaren", _almost(folded, generic[1], generic[0]), generic[1], generic[2])
        return
    for match in re.finditer(r"\b(?:sinds|vanaf|in)\s+(?P<y>19[5-9]\d|20[0-4]\d)\b", folded):
        sentence = _sentence_around(folded, match.start())
        year = int(match.group("y"))
        left, right = clause_bounds(folded, match.start(), match.end())
        if year > today.year or _LIFE_EVENT.search(folded[left:right]):
            continue
        begun = match.group(0).startswith("in") and re.search(r"\b(?:begonnen|gestart|ingestapt)\b", sentence)
        if (
            match.group(0).startswith(("sinds", "vanaf")) and (_WORK_CUE.search(sentence) or _has_job_word(sentence))
        ) or begun:
            result.set("werkervaring_jaren", today.year - year, *match.span("y"))
            return
    if expected == "werkervaring_jaren":
        answer = re.search(r"\b(?:sinds|vanaf|in|begonnen in|gestart in)\s+(?P<y>19[5-9]\d|20[0-4]\d)\b", folded)
        if answer and int(answer.group("y")) <= today.year:
            result.set("werkervaring_jaren", today.year - int(answer.group("y")), *answer.span("y"))
            return
    since = _SINCE_YEAR.search(folded)
    if since:
        year = int(since.group("y") or since.group("y2"))
        if year <= today.year:
            span = since.span("y") if since.group("y") else since.span("y2")
            result.set("werkervaring_jaren", today.year - year, *span)
            return
    no_exp = _NO_EXPERIENCE.search(folded)
    if no_exp and (expected == "werkervaring_jaren" or re.search(r"ervaring|gewerkt|begonnen|werk", no_exp.group(0))):
        result.set("werkervaring_jaren", 0, *no_exp.span())
        return
    if expected == "werkervaring_jaren":
        # "geen idee, zes of zeven jaar": the first real number, the lower of two; not an age
        # ("ik ben nu 44 jaar en ..."), and a number of years before a bare number.
        numbers = [
            m
            for m in re.finditer(
                r"(?<![\w-])(?P<n>(?!geen\s+(?:idee|flauw|benul))(?:" + NUMBER_PATTERN + r"))(?![\w])", folded
            )
            if not any(s <= m.start() < e for s, e in age_spans)
            and not _AWAY_FROM_WORK.match(folded[m.end() : m.end() + 25])
        ]
        years = [
            m
            for m in numbers
            if re.match(
                r"\s*(?:(?:of|tot|a|-)\s*(?:" + NUMBER_PATTERN + r")\s*)?" + _YEARS + r"\b(?!\s+oud)", folded[m.end() :]
            )
        ]
        # "een" and "geen" are an article or a word unless they count years: "een hele tijd, 10 denk ik"
        numbers = [m for m in numbers if m in years or m.group("n") not in ("een", "één", "eén", "geen")]
        match = (years or numbers or [None])[0]
        if match:
            number = parse_number(match.group("n"))
            if number is not None and number <= MAX_EXPERIENCE_YEARS:
                result.set("werkervaring_jaren", number, *match.span("n"))
            elif number is not None:
                result.unclear["werkervaring_jaren"] = "te_hoog"


_ANY_YEARS = re.compile(
    r"(?:\b(?:een\s+jaar\s+of|ruim|bijna|ongeveer|zo'?n|circa|ca\.?|pakweg|al|nu|inmiddels|alweer|zeker)\s+)*"
    r"\b(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"\b"
)
#: A study started, not work: "in 2019 met de pabo begonnen".
_STUDY_START = re.compile(
    r"\b(?:pabo|opleiding|studie|master|bachelor|lerarenopleiding|cursus|universiteit|hogeschool)\b"
)
#: Years that were no work, in a story: "al 2 jaar werkloos", "4 jaar op de universiteit gezeten".
_NO_WORK = re.compile(r"\b(?:werkloos|thuis|universiteit|hogeschool|gezeten|studie|gestudeerd|studeren|opleiding)\b")
#: Before years that are part of others: "de laatste tien jaar", "waarvan".
_PART_OF_IT = re.compile(r"\b(?:de|die|deze)\s+(?:laatste|afgelopen)\s+$|\bwaarvan\s+(?:\w+\s+)?$")
#: Years still to come or wished for: "over een jaar of negen", "wil een jaar minder werken".
_NOT_YET = re.compile(r"\b(?:over|binnen|wil|zou|kan|kunnen|hoop|ga|gaan|pensioen|spaargeld)\b")
#: "een jaar of acht": a number of years, said the other way round.
_YEARS_OR_SO = re.compile(r"\been\s+jaar\s+of\s+(?P<n>" + NUMBER_PATTERN + r")\b(?!\s*(?:jaar|jr)\b)")
_NOT_EXPERIENCE_AFTER = re.compile(
    r"^\s*(?:oud|jong|geleden\s+gestopt|studie|studeren|gestudeerd|opleiding|les\b|lesgeven|naar\s+school|op\s+school|"
    r"getrouwd|samen|in\s+nederland|hier|te\s+gaan|duurt|lang\s+studeren|nodig|"
    # "een jaar hbo-v gedaan", "twee jaar universiteit": years of study
    r"(?:de\s+|het\s+)?(?:hbo|mbo|wo|pabo|heao|hts|mts|meao|universiteit|uni|hogeschool|master|bachelor|propedeuse)\b)"
)
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(?:\bover|\bduurt|\bduurde|\bstudie\s+van|\bopleiding\s+van|\bkind(?:eren)?\s+van|\bvan|\bvoor|\bbinnen|\bom|"
    r"\bin|\bmax(?:imaal)?|\bmet)\s+(?:een\s+|de\s+)?$"
)
_WORK_CUE = re.compile(
    r"\b(?:werk|werkt|werkte|werken|werkzaam|gewerkt|ervaring|werkervaring|baan|functie|beroep|bedrijf|zaak|zzp|"
    r"in\s+dienst|als|doe\s+dit|dit\s+werk|dit\s+vak|vak|branche|sector|de\s+zorg|de\s+bouw|het\s+onderwijs|de\s+it|"
    r"de\s+ict|begonnen|actief|bezig|gevlogen|gedraaid|gedaan|gezeten|loop|meegedraaid|ondernemer|lesgegeven|"
    r"gegeven|geef|voor\s+de\s+klas|gestaan|eigen|zelfstandig|geweest)\b"
)


@functools.cache
def _years_of_a_study() -> re.Pattern[str]:
    """ "2 jaar rechten gaan studeren", "twee jaar psychologie gestudeerd", "2 jaar rechten heb
    gedaan": years of a study."""
    return re.compile(
        r"\s*(?:jaar|jaren|jr)?\s+(?:" + lookup_matcher("studierichting", "studierichting").alternatives + r")\s+"
        r"(?:\w+\s+)?(?:gaan\s+)?(?:studeren|gestudeerd|gevolgd|gedaan)\b"
    )


def _has_job_word(text: str) -> bool:
    return any(True for _ in lookup_matcher("beroep", "beroep").finditer(text))


def _generic_experience(folded: str, age_spans) -> Optional[Tuple[int, int, int]]:
    """ "N jaar" in a clause about work, that is not an age or a duration of study."""
    for match in _ANY_YEARS.finditer(folded):
        start, end = match.span("n")
        if any(s <= start < e for s, e in age_spans) or is_negated(folded, start) or _not_work(folded, start, end):
            continue
        if _NOT_EXPERIENCE_AFTER.search(folded[match.end() : match.end() + 25]):
            continue
        if _NOT_EXPERIENCE_BEFORE.search(folded[max(0, match.start() - 25) : match.start()]):
            continue
        left, right = clause_bounds(folded, start, end)
        qualified = re.search(
            r"\b(?:al|inmiddels|alweer|nu|ruim|zo'?n|ongeveer|bijna|circa|pakweg)\s+$",
            folded[max(0, start - 12) : start],
        ) or re.match(r"\s*(?:jaar|jr)\s+(?:al|inmiddels|nu)\b", folded[end : end + 15])
        sentence = _sentence_around(folded, start)
        cue = _WORK_CUE.search(folded[left:right]) or (
            qualified and (_WORK_CUE.search(sentence) or _has_job_word(sentence))
        )
        if not cue:
            continue
        if re.search(r"\bgeleden\b", folded[match.end() : match.end() + 12]) and not re.search(
            r"\b(?:begonnen|gestart|ingestapt)\b", folded[left:right]
        ):
            continue
        number = parse_number(match.group("n"))
        if number is not None and 0 < number <= MAX_EXPERIENCE_YEARS:
            return number, start, end
    return None


_BARE_NUMBER = re.compile(
    r"^\s*(?:" + _QUALIFIER + r"\s+)*(?P<n>\d{1,4}|" + NUMBER_PATTERN + r")\s*(?:" + _YEARS + r")?\s*[.!]?\s*$"
)


def _bare_number(folded: str) -> Optional[int]:
    match = _BARE_NUMBER.match(folded)
    if not match:
        return None
    return parse_number(match.group("n"))


_JOB_STOP = (
    r"(?:en|bij|in|op|aan|maar|met|want|dus|sinds|voor|van|ik|al|nu|om|te|of|wil|heb|ben|werk|die|dat|"
    r"waar|omdat|daar|hier|sinds|tot|vanaf|per|ook|graag|nog|eigenlijk|gewerkt|geweest|werkte|gedaan|het|dat|dit|er|kan|mogelijk|"
    r"echt|gewoon|nou|toch|wel|kwijt|kwijtgeraakt)"
)
_JOB_WORDS = (
    r"(?:(?:echt|gewoon|nou|toch)\s+)?((?:(?!"
    + _JOB_STOP
    + r"\b)[a-z][\w'&/-]*)(?:\s+(?!"
    + _JOB_STOP
    + r"\b)[a-z][\w'&/-]*){0,3})"
)
_JOB_PATTERNS = [
    # "ik sta nu twee jaar voor de klas als natuurkundedocent": the job of now, before any other
    re.compile(
        r"\bsta\s+(?:nu\s+|al\s+|inmiddels\s+)*(?:\S+\s+(?:jaar|jr|maanden)\s+)?voor\s+de\s+klas\s+als\s+(?:een\s+)?"
        + _JOB_WORDS
    ),
    re.compile(
        r"\b(?:ervaring|begonnen|gestart|momenteel|tegenwoordig|nu|nog|jaar|jr|bedrijf|zaak|freelance|zzp'?er)\s+als\s+"
        r"(?:een\s+|de\s+)?" + _JOB_WORDS
    ),
    re.compile(r"^\s*als\s+(?:een\s+)?" + _JOB_WORDS + r"\s+werk\b"),
    re.compile(r"\b(?:jaar|jr)[,\s]+(?:[a-z]+\s+){1,4}?als\s+(?:een\s+)?" + _JOB_WORDS),
    re.compile(
        r"\b(?:werk|werkt|werkte|werkzaam|baan|functie|aanstelling|aan de slag|actief|aan het werk|gewerkt|zit)\b"
        r"(?:\s+(?!als\b)[\w'.,-]+){0,6}?\s+als\s+(?:een\s+|de\s+)?" + _JOB_WORDS
    ),
    re.compile(r"\bben\s+(?:nu\s+|momenteel\s+|al\s+|sinds\s+\w+\s+)?(?:een\s+)?" + _JOB_WORDS + r"\s+van\s+beroep\b"),
    re.compile(r"\b(?:beroep|functie|baan)\s*[:=]\s*" + _JOB_WORDS),
    re.compile(r"\bmijn\s+(?:beroep|functie|baan)\s+is\s+(?:een\s+)?" + _JOB_WORDS),
]
_NO_JOB = re.compile(
    r"\b(?:werkloos|werkzoekend|werkzoekende|zonder\s+werk|ik\s+werk\s+(?:nu\s+|momenteel\s+)?niet|geen\s+werk|geen\s+baan(?!\s+(?:op|bij|aan)\s)|"
    r"(?:zit|zat)\s+(?:nu\s+|sinds\s+\w+\s+)?in\s+de\s+ww|ww-uitkering|"
    # "ik ben mijn baan als IT-manager kwijt", "baan kwijtgeraakt"
    r"(?:mijn|m'n|me)\s+(?:baan|werk|job)\s+(?:als\s+(?:\S+\s+){1,3}?)?kwijt(?:geraakt)?)\b"
)


def _without_work(words: str) -> str:
    """The person's own word: "werkzoekend" when they use it anywhere, else "werkloos" ("zonder werk",
    "ik werk niet", "werkloos")."""
    return "werkzoekend" if re.search(r"werkzoek|\bww\b|kwijt", words) else "werkloos"


_STUDENT = re.compile(
    r"\b(?:ik\s+ben\s+(?:nog\s+)?student|ik\s+studeer\s+(?:nu\s+)?nog|ben\s+nog\s+aan\s+het\s+studeren)\b|^\W*(?:nog\s+)?student(?:\s+nog)?(?=\W*(?:$|[,.;]))"
)
#: ... not "bijna met pensioen", "binnenkort met pensioen": still at work.
_RETIRED = re.compile(
    r"\b(?:gepensioneerd|(?<!bijna\s)(?<!binnenkort\s)(?<!straks\s)(?<!haast\s)met\s+(?:vervroegd\s+)?pensioen)\b"
)


@functools.cache
def _titled_job() -> re.Pattern[str]:
    """ "ben nu nog werktuigbouwkundig ingenieur", "sinds 2008 politieagent": a known job, maybe with
    one word before it or as the end of a compound ("directiesecretaresse")."""
    return re.compile(
        r"\b(?:ben(?:\s+ik)?|ik\s+ben\s+[a-z]+,|sinds\s+(?:19|20)\d\d|al\s+\S+\s+jaar|nu\s+\S+\s+jaar|momenteel|tegenwoordig)"
        r"\s+(?:nu\s+(?:nog\s+)?|zelf\s+|momenteel\s+|al\s+)?"
        r"(?:een\s+)?((?:[a-z][\w-]*\s+)?[a-z-]*?(?:" + lookup_matcher("beroep", "beroep").alternatives + r"))(?![\w&])"
    )


#: "een school wil me aannemen als docent", "heeft me een baan aangeboden als ...": a job to come.
_FUTURE_JOB = re.compile(
    r"\b(?:aangeboden|aanbieden|aanbod|aannemen|aangenomen|solliciteer\w*|sollicitatie|gevraagd|"
    r"worden|hebben|zoekt|zoeken|wil\s+graag|"
    # "ik kan bij het roc aan de slag als instructeur", "mag daar beginnen als docent"
    r"(?:kan|kun|mag|ga|kunnen|mogen)\s+(?:[\w-]+\s+){0,6}?(?:aan\s+de\s+slag|beginnen|starten|instromen))\b"
)
_OFFERED_AFTER = re.compile(r"^[^.;!?]*\b(?:aangeboden|aanbieden|aangenomen)\b")
#: "een gesprek over een baan als ...", "een vacature voor ...": a job to come.
_JOB_TALKED_ABOUT = re.compile(
    r"\b(?:gesprek|sollicitatie\w*|vacature|uitgenodigd|solliciteer\w*|gesolliciteerd)\b[^.;!?]*?"
    r"\b(?:over|voor|naar|als|op)\s+(?:een\s+|de\s+)?(?:baan\s+|functie\s+|plek\s+)?(?:als\s+)?$"
)
#: "daarvoor 8 jaar als procesingenieur in de haven gewerkt": a job of the past, by the
#: words before (``_PAST_BEFORE``) and after it (``_PAST_AFTER``).
_PAST_BEFORE = re.compile(r"\b(?:daarvoor|vroeger|voorheen)\b")
_PAST_AFTER = re.compile(r"[^.;!?]{0,40}?\b(?:gewerkt|geweest)\b")
#: "ik heb een paar jaar als secretaresse gewerkt en daarna ...": a job of the past.
_PAST_JOB = re.compile(
    r"^[^.;!?]{0,40}?\b(?:gewerkt|gedaan|geweest)\b(?:[^.;!?]{0,30}\b(?:daarna|toen|sindsdien|"
    r"nu|maar)\b)"
)


#: "ik ben lerares Engels uit Oekraïne": a teacher from abroad, which says little about the job now.
_TEACHER = re.compile(r"\b(?:leraar|lerares|docent|docente|juf|meester|leerkracht|teacher)\b")


def _job_doubtful(folded: str, start: int, end: int) -> bool:
    """A job title that is negated, offered or past, not the person's current job."""
    if is_negated(folded, start) or re.match(r"geen\b", folded[start:]):
        return True
    if re.fullmatch(_SCHOOL, folded[start:end].strip()):
        return True  # "in hetzelfde gebouw als een basisschool": a school is no job
    left, right = clause_bounds(folded, start, end)
    if _FUTURE_JOB.search(folded[max(left, start - 45) : start]):
        return True  # within the clause: "ik wil leraar worden, ik werk als accountant"
    if _OFFERED_AFTER.match(folded[start : min(right, end + 30)]):
        return True  # "heeft mij een baan als docent logistiek aangeboden"
    if _JOB_TALKED_ABOUT.search(folded[max(left, start - 40) : start]):
        return True  # "uitgenodigd voor een gesprek over een baan als docent natuurkunde"
    if _abroad_in(folded[left:right]) or _nationality_before(folded, start, end):
        return True  # "apotheker uit Syrië", "Poolse lerares": a job from abroad, maybe not the job of now
    if _PAST_BEFORE.search(folded[max(left, start - 40) : start]) and _PAST_AFTER.match(folded[end : end + 50]):
        return True
    return bool(_PAST_JOB.match(folded[end : end + 80]))


def _nationality_before(folded: str, start: int, end: int) -> bool:
    """ "Poolse lerares": a country's adjective right before the job title, or as its first word."""
    offset = max(0, start - 20)
    for s, e, _t, _v in lookup_matcher("land", "land_buitenland").finditer(folded[offset:end]):
        s, e = s + offset, e + offset
        if e < end and (s == start or e <= start and folded[e:start].isspace()):
            return True
    return False


def _abroad_in(clause: str) -> bool:
    """A country abroad after "uit" or "in" in the clause."""
    return any(
        re.search(r"\b(?:uit|in|from)\s+$", clause[max(0, s - 6) : s])
        for s, _e, _t, _v in lookup_matcher("land", "land_buitenland").finditer(clause)
    )


#: "ik ben postbezorger", "nu ben ik teammanager": one word shaped like a job, for the jobs the
#: lists do not know.
_GENERIC_JOB = re.compile(
    r"\b(?:ik\s+ben|ben\s+ik)\s+(?:nu\s+|momenteel\s+|sinds\s+\w+\s+|al\s+\w+\s+(?:jaar|jr)\s+)?(?:een\s+)?"
    r"([a-z][a-z'-]{2,}(?:er|ster|eur|ist|iste|ant|ent|kundige|man|vrouw|loog|loge|aris|ier|or|aar|arts|coach|agent))"
    r"\b(?!\s+(?:geweest|gewerkt|van\s+(?:\d|een|twee|drie|vier|vijf)))"
)
#: "hoi, ik ben sander": after a greeting, "ik ben" gives a name.
_INTRODUCTION = re.compile(r"^\W*(?:hoi|hallo|hey|hee|hi|dag|goedemorgen|goedemiddag|goedenavond|beste)\W+ik\s+ben\s+$")
_NOT_A_JOB = frozenset(
    "moeder vader ouder zwanger later beter zeker ander minder jonger eerder verder over weer hier erger lekker "
    "liever klaar daar waar raar zwaar jaar nieuwer trager sneller slimmer oma opa tante oom zuster broer "
    "zus partner kind kinderen patient patiënt nederlander belg duitser pool marokkaan turk surinamer "
    "nieuwkomer beginner starter".split()
)

_NOW_BEFORE = re.compile(
    r"\b(?:nu|tegenwoordig|inmiddels|momenteel)\s+(?:al\s+)?(?:(?:werk\s+ik\s+)?als\s+)?(?:een\s+)?$"
)


def _extract_job(folded: str, original: str, result: Extraction, expected: Optional[str]) -> None:
    _find_job(folded, original, result, expected)
    found = result.span("huidig_beroep")
    if found and isinstance(found.value, str):
        # "senior consultant", "tweedegraads docent": the job; the qualification is a fact of its own
        title = re.sub(
            r"^(?:senior|junior|medior|zelfstandig|zelfstandige|freelance|tweedegraads|eerstegraads|bevoegde?|als)\s+",
            "",
            found.value,
        )
        end = found.end
        subject = _subject_after_teacher().match(folded, end) if _TEACHER.search(title.split()[-1]) else None
        if subject:
            # "docent Engels", "docent ak": with the subject's name ("docent aardrijkskunde")
            key = re.sub(r"[\s\-']+", "", subject.group(1))
            named = matcher("schoolvak").values.get(key, subject.group(1))
            title, end = f"{title} {named if '-' not in named else subject.group(1)}", subject.end(1)
        if title != found.value:
            result.set("huidig_beroep", title, end - len(title), end)


@functools.cache
def _subject_after_teacher() -> re.Pattern[str]:
    """The school subject right after a teacher's title: "docent Engels"."""
    return re.compile(r"\s+(" + matcher("schoolvak").alternatives + r")(?![\w&])")


def _find_job(folded: str, original: str, result: Extraction, expected: Optional[str]) -> None:
    for regex, value in ((_NO_JOB, "werkzoekend"), (_STUDENT, "student"), (_RETIRED, "gepensioneerd")):
        match = regex.search(folded)
        if (
            match
            and (
                re.search(r"\b(?:ben|nu|momenteel|sinds)\b", folded[max(0, match.start() - 20) : match.end()])
                # "ik ben na een reorganisatie mijn baan kwijt"; not "in 2015 raakte ik mijn baan kwijt"
                or "kwijt" in match.group(0)
                and re.search(r"\bben\b", folded[max(0, match.start() - 40) : match.start()])
            )
        ):
            result.set("huidig_beroep", _without_work(folded) if regex is _NO_JOB else value, *match.span())
            return
    for start, end, _text, _ in lookup_matcher("beroep", "beroep").finditer(folded):
        # "begonnen als timmerman, later voorman en nu uitvoerder": the job of now
        wish = re.search(r"\b(?:wil|wilde|zou|graag|word|worden)\b", folded[max(0, start - 25) : end + 15])
        if (
            _NOW_BEFORE.search(folded[max(0, start - 25) : start])
            and not wish
            and not _job_doubtful(folded, start, end)
        ):
            result.set("huidig_beroep", clean_free_text(original[start:end]), start, end)
            return
    for pattern in _JOB_PATTERNS:
        match = pattern.search(folded)
        if match and not _job_doubtful(folded, match.start(1), match.end(1)):
            words = match.group(1).split()
            while words and re.fullmatch(NUMBER_PATTERN + r"|jaar|jr", words[-1]):
                words.pop()
            if words:
                start = match.start(1)
                text = " ".join(words)
                result.set(
                    "huidig_beroep", clean_free_text(original[start : start + len(text)]), start, start + len(text)
                )
                return
    for regex, value in ((_NO_JOB, "werkzoekend"), (_STUDENT, "student"), (_RETIRED, "gepensioneerd")):
        match = regex.search(folded)
        if (
            value == "gepensioneerd"
            and match
            and re.search(r"\b(?:ga|gaan|wil|zou)\b", folded[max(0, match.start() - 25) : match.start()])
        ):
            continue  # "ik ga volgend jaar met pensioen": not yet
        if match and not (value == "werkzoekend" and expected == "baan_op_school"):
            # "nee, geen baan" to "heb je een baan op een school?" is no school job, not no job
            result.set("huidig_beroep", _without_work(folded) if regex is _NO_JOB else value, *match.span())
            return
    jobs = lookup_matcher("beroep", "beroep")
    titled = _titled_job().search(folded)
    if titled and not _job_doubtful(folded, titled.start(1), titled.end(1)):
        start, end = titled.span(1)
        words = folded[start:end].split()
        if len(words) == 2 and (
            words[0] in {"een", "nu", "al", "ook", "zelf", "nog"}
            or re.fullmatch(NUMBER_PATTERN, words[0])
            or not re.search(r"(?:ig|isch|e|er|s|lijk)$", words[0])
        ):
            start = end - len(words[1])
        result.set("huidig_beroep", clean_free_text(original[start:end]), start, end)
        return
    for start, end, _text, _ in jobs.finditer(folded):
        before = folded[max(0, start - 30) : start]
        if re.search(
            r"(?:\b(?:ik\s+ben|ben\s+ik|en\s+ben|werk\s+(?:nu\s+|al\s+)?als|ben\s+nu|ben\s+al\s+\w+\s+jaar|werk\s+als|ben\s+een|ben\s+nu\s+een|"
            r"ben\s+momenteel|nu\s+\S+\s+jaar|voorheen\s+\S+\s+jaar)\s+(?:een\s+|al\s+)?"
            r"|\b(?:ik\s+)?ben\s+\d{2}(?:\s+jaar)?(?:,\s*|\s+)(?:en\s+)?)$",
            before,
        ) and not _job_doubtful(folded, start, end):
            result.set("huidig_beroep", clean_free_text(original[start:end]), start, end)
            return
    generic = _GENERIC_JOB.search(folded)
    if (
        generic
        and generic.group(1) not in _NOT_A_JOB
        and not original[generic.start(1) : generic.start(1) + 1].isupper()  # "ik ben Sander": a name
        and not _INTRODUCTION.search(folded[: generic.start(1)])
        and not _job_doubtful(folded, *generic.span(1))
    ):
        result.set("huidig_beroep", clean_free_text(original[slice(*generic.span(1))]), *generic.span(1))
        return
    if expected == "huidig_beroep":
        cleaned = clean_job_answer(original)
        if cleaned:
            # The span of the title alone: "chemicus bij een bedrijf in Geleen" names a place too.
            start = folded.find(fold_same_length(cleaned).lower())
            span = (start, start + len(cleaned)) if start >= 0 else (0, len(original))
            result.set("huidig_beroep", cleaned, *span)


_JOB_ANSWER_PREFIX = re.compile(
    rf"^(?:(?:{INTERJECTION}|maar|nu|momenteel|op dit moment|tegenwoordig|sinds kort|dus|ja|nee)[,\s]+)*"
    r"(?:(?:ik\s+)?(?:werk|ben|doe)\s+(?:nu\s+|momenteel\s+|al\s+\w+\s+jaar\s+)?(?:als\s+|bij\s+[\w\s]+?\s+als\s+)?|"
    r"(?:werk\s+)?als\s+|bij\s+(?:de\s+|het\s+)?[\w'-]+\s+als\s+|mijn\s+(?:beroep|baan|functie)\s+is\s+)?(?:een\s+|de\s+)?",
)


#: "(ik) werk bij de supermarkt": where the person works, without a title.
_WORKPLACE_ONLY = re.compile(
    r"(?:(?:ik\s+)?werk\s+(?:nu\s+|al\s+)?)?bij\s+(?:de\s+|het\s+|een\s+)?([\w'&-]+)\s*$", re.IGNORECASE
)


#: A way of working that is no trade: "zzp'er", "zelfstandige", "freelancer".
_STATUS_ONLY = re.compile(r"(?:zzp(?:'?er)?|zelfstandige?|freelancer|freelance|ondernemer|eigen\s+baas)", re.IGNORECASE)


def clean_job_answer(text: str) -> Optional[str]:
    """Turns an answer to "wat is je werk?" into a short job title, or None."""
    text = without_reaction(text)
    folded = fold_same_length(text).strip()
    no_job = _NO_JOB.search(folded)
    if no_job:
        return _without_work(folded)
    prefix = _JOB_ANSWER_PREFIX.match(folded)
    rest = text.strip()[prefix.end() :] if prefix else text.strip()
    # "senior researcher / R&D chemicus", "kok, en ik geef training": the first title ("groep 7/8" stays)
    parts = re.split(r"[,.;!?\n]|\s/|/\s|\s(?:en|maar|sinds|want)\s", rest, maxsplit=1)
    rest = parts[0]
    if len(parts) > 1 and _STATUS_ONLY.fullmatch(rest.strip()) and parts[1].strip():
        # "Zzp'er, elektrotechnisch installateur": the trade after the way of working
        rest = parts[1]
    workplace = _WORKPLACE_ONLY.match(rest)
    if workplace:
        rest = f"medewerker {workplace.group(1)}"  # "werk bij de supermarkt": an employee there
    # "schoonmaakster in kantoren", "docent logistiek bij het roc": the job, not where it is done;
    # but "medewerker bij de Albert Heijn" needs its place to say anything.
    head = re.split(r"\s(?:op|in|bij|aan|voor)\s", rest, maxsplit=1, flags=re.IGNORECASE)[0]
    if head != rest and not re.fullmatch(
        r"(?:medewerker|medewerkster|werknemer|eigenaar|employee|stagiair\w*|"
        r"vrijwilliger|werkzaam|manager|assistent)",
        head.strip(),
        flags=re.IGNORECASE,
    ):
        rest = head
    rest = clean_free_text(rest)
    if not rest or not re.search(r"[a-z]", rest) or len(rest) > 60 or len(rest.split()) > 6:
        return None
    if re.fullmatch(
        r"(?:niks|niets|geen|nee)(?:\s+(?:eigenlijk|op dit moment|momenteel|nu|meer|officieels|betaalds|vasts))?", rest
    ):
        return "geen"
    if is_acknowledgement(rest):
        return None  # "oké", "ja hoor": no job title
    if re.match(r"(?:geen|niet)\b", rest):
        return None  # "geen leraar in Spanje" says what the person is not
    return rest


_SCHOOL = (
    r"(?:school|basisschool|scholen|roc|mbo|mbo-school|middelbare(?:\s+school)?|college|lyceum|scholengemeenschap|"
    r"schoolbestuur|bestuur|vo-school|onderwijsinstelling|aoc|vmbo|havo|vwo|so-school|sbo|directeur|directrice|directie|"
    r"schoolleider|rector)"
)
_JOB_AT_SCHOOL_YES = [
    re.compile(
        r"\b(?:baan|aanstelling|contract|vaste\s+baan|plek|werkplek|arbeidscontract|aanbod|baanaanbod|vacature\s+gekregen|"
        r"baangarantie|werkgarantie|invalpool)\s+(?:als\s+(?:\w+\s+){1,3})?(?:voor\s+[\d,.]+\s+(?:fte|uur|dagen)\s+)?(?:op|bij|aan|van)\s+(?:een\s+|de\s+|het\s+|mijn\s+)?(?:\w+\s+)?"
        + _SCHOOL
        + r"\b"
    ),
    re.compile(
        r"\b"
        + _SCHOOL
        + r"\b[^.;]{0,60}?\b(?:wil|gaat|kan)\s+(?:me|mij)\b[^.;]{0,30}?\b(?:aannemen|in\s+dienst\s+nemen|aanstellen|contract)"
    ),
    re.compile(
        r"\b"
        + _SCHOOL
        + r"\s+(?:die|dat)\s+(?:me|mij)\s+(?:\w+\s+){0,2}?(?:wil|wilt|gaat|kan)\s+(?:\w+\s+){0,2}?(?:aannemen|in\s+dienst\s+nemen|aanstellen|hebben)"
    ),
    re.compile(
        r"\b"
        + _SCHOOL
        + r"\b[^.;]{0,40}?\b(?:biedt|bood|heeft)\s+(?:me|mij)\b[^.;]{0,30}?(?:aan|fte|baan|contract|plek)"
    ),
    re.compile(r"\b(?:aangenomen|in\s+dienst)\s+(?:op|bij)\s+(?:een\s+|de\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    # "de school neemt mij aan per 1 februari", "ze nemen me aan"
    re.compile(
        r"\b(?:" + _SCHOOL + r"|ze|zij|directeur|directie|rector)\b[^.;!?]{0,40}?\b(?:neemt|nemen)\s+(?:me|mij)\s+"
        r"(?:(?!niet\b|pas\b|misschien\b|nooit\b|geen\b)\w+\s+){0,2}?aan\b"
    ),
    re.compile(
        r"\b(?:kan|mag|ga)\s+(?:\w+\s+){0,3}?(?:beginnen|starten)\s+(?:op|bij|aan)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+){0,2}?"
        + _SCHOOL
        + r"\b"
    ),
    re.compile(
        r"\bcontract\s+(?:getekend\s+|gekregen\s+)?(?:voor\s+(?:\w+\s+){1,2}?)?(?:bij|op|met)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+)?"
        + _SCHOOL
        + r"\b"
    ),
    re.compile(r"\bgetekend\s+(?:bij|op)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    re.compile(
        # not the course "pedagogisch werk op het mbo"
        # nor "via mijn werk kom ik veel op een school": the noun
        r"(?<!pedagogisch\s)(?<!sociaal\s)(?<!maatschappelijk\s)(?<!mijn\s)(?<!m'n\s)(?<!het\s)\bwerk\s+"
        r"(?!kom\b|ben\b|zie\b|ga\b)(?:al\s+|nu\s+|vast\s+)?(?:\w+\s+){0,4}?"
        r"(?:op|bij)\s+(?:een\s+|de\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"
    ),
    re.compile(r"\b(?:ben|word)\s+(?:nu\s+)?(?:\w+\s+){0,5}?(?:aangenomen|in\s+dienst)\b"),
    # "met de correctie dat ik dus al op school werk"
    re.compile(
        r"\bik\s+(?:\w+\s+){0,3}?(?:al|nu|sinds\s+\w+)\s+(?:op|bij)\s+(?:een\s+|de\s+|die\s+)?(?:\w+\s+)?"
        + _SCHOOL
        + r"\s+(?:werk|sta|lesgeef)\b"
    ),
    # "ik werk er al als toa" to "heb je al een baan op een school?"
    re.compile(r"\bwerk\s+er\s+(?:al|nu|sinds)\b"),
    # "ik sta al voor de klas", "ik werk al 12 jaar als leraar basisonderwijs": teaching at a school now
    re.compile(r"\bik\s+sta\s+(?:al\s+|nu\s+|inmiddels\s+)*(?:\w+\s+){0,2}?voor\s+de\s+klas\b"),
    re.compile(
        r"\bwerk\s+(?:al\s+|nu\s+|inmiddels\s+|sinds\s+\w+\s+|(?:\w+\s+){0,2}?(?:jaar|jr)\s+)*als\s+(?:\w+\s+)?"
        r"(?:leraar|lerares|leerkracht|docent|docente|juf|meester|gymdocent)\b"
    ),
    re.compile(
        r"\bben\s+(?:nu\s+|al\s+)?(?:leerkracht|juf|meester|docent|docente|leraar|lerares|onderwijsassistent)\s+(?:op|bij|aan)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+)?"
        + _SCHOOL
        + r"\b"
    ),
    # "ze hebben het me toegezegd", "een toezegging van de directeur": a firm promise of the job
    re.compile(
        r"\b(?:toegezegd|toezegging|mondeling\s+aangenomen|(?:ze|zij|school|directeur|directrice)\s+(?:\w+\s+){0,2}?"
        r"(?:wil|willen|wilde|wilden)\s+(?:me|mij)\s+(?:\w+\s+){0,4}?(?:aannemen|hebben|in\s+dienst\s+nemen))\b"
    ),
]
#: A hedge that makes an offer a talk: "misschien willen ze me aannemen".
_HEDGE = re.compile(
    r"\b(?:misschien|mogelijk|wellicht|hopelijk|hoop|als\s+(?:ze|het|dat)|zou|zouden|kijken\s+of|of\s+ze)\b"
)
#: As the answer to "heb je een baan op een school?": "volgende week heb ik een gesprek", "we zijn aan het praten".
_TALKING_ANSWER = re.compile(
    r"\b(?:(?:heb|hebben|krijg|ga)\s+(?:ik\s+|we\s+)?(?:\w+\s+){0,2}?(?:een\s+)?(?:gesprek|kennismaking|sollicitatie)|"
    r"(?:zijn|ben)\s+(?:we\s+|ik\s+)?(?:nog\s+)?aan\s+het\s+(?:praten|onderhandelen)|in\s+overleg|"
    # "ze hebben het gevraagd maar er is nog niks op papier"
    r"(?:ze|zij)\s+hebben\s+(?:het\s+|me\s+|mij\s+)?gevraagd)\b"
)
_JOB_AT_SCHOOL_TALKING = re.compile(
    r"\b(?:in\s+gesprek|gesprek(?:ken)?\s+(?:met|bij)|solliciteer|sollicitaties?|sollicitatie(?:gesprek|procedure)|gesolliciteerd|solliciteren|contact\s+met\s+een\s+school|"
    r"(?:gereageerd|gereageert|reageren)\s+op\s+(?:een\s+|de\s+)?vacature|op\s+(?:een\s+|de\s+)?vacature\s+(?:gereageerd|gereageert)|"
    r"misschien\s+een\s+baan|kennismakingsgesprek|proefles|gesprek(?:ken)?\s+(?:gehad|geweest|gevoerd)|tweede\s+ronde|"
    r"(?:tweede|2e|2de)\s+gesprek|(?:(?:een|het|dat)\s+)?gesprek\s+(?:is|staat|komt|gepland)|"
    # "ze willen me uitnodigen voor een gesprek"
    r"uitnodig\w*\s+voor\s+een\s+(?:\w+\s+)?gesprek|"
    # "nog niet, eerst dat gesprek volgende week"
    r"\b(?:dat|het|een|eerst)\s+gesprek\s+(?:volgende|komende|deze|aanstaande)\s+(?:week|maand|\w+dag)|komt\s+(?:nog\s+)?een\s+gesprek|"
    r"nog\s+(?:niets|niks)\s+(?:getekend|toegezegd|rond|zeker|concreet|officieel|definitief|op\s+papier|vast)|"
    # "Scalda vroeg of ik praktijkles wil geven": a school that asked
    # (not "ik wil even vragen of ik ...", not "mijn moeder vroeg of ik ...")
    r"(?<!moeder\s)(?<!vader\s)(?<!ouders\s)(?<!vriend\s)(?<!vriendin\s)(?<!partner\s)(?<!man\s)(?<!vrouw\s)"
    r"(?<!zus\s)(?<!broer\s)(?<!collega\s)(?<!iemand\s)\b(?:vroeg|vroegen|vraagt)\s+(?:\w+\s+)?(?:me\s+|mij\s+)?of\s+ik\s+"
    r"(?:\w+\s+){0,4}?(?:les|lessen|praktijkles|docent|leraar|lesgeven|voor\s+de\s+klas)\b(?!\s+(?:wilde\s+)?worden)|uitgenodigd\s+voor\s+een\s+(?:\w+\s+)?gesprek|"
    # "ze willen wel met me praten", "de directeur wil me volgende week spreken": a school that talks with the person
    r"(?:ze|zij|school|schoolleider|directeur|directrice|rector|teamleider)\s+(?:\w+\s+){0,2}?(?:wil|willen|wilde|wilden)\s+"
    r"(?:\w+\s+){0,2}?(?:met\s+)?(?:me|mij)\s+(?:\w+\s+){0,3}?(?:praten|spreken|kennismaken))\b"
)
_NOT_FROM_A_SCHOOL = re.compile(r"\bniet\s+(?:van|bij|op)\s+(?:de\s+|een\s+|het\s+)?school\b")
#: A school job that was: "ik had een baan op een school maar ben gestopt", "dat contract is
#: afgelopen": a past verb before the job, an end after it, in one sentence.
_JOB_PAST_VERB = re.compile(r"\b(?:had|werkte|was)\b[^.;?!]*$")
_JOB_ENDED = re.compile(r"^[^.;?!]*\b(?:gestopt|afgelopen|opgezegd|niet\s+verlengd|voorbij|ontslagen)\b")
#: Someone else's job: "mijn vrouw heeft een baan op een school, ik niet".
_SOMEONE_ELSES = re.compile(OTHER_PERSON.pattern + r"\s+(?:heeft|is|werkt|had|was)\b(?:(?!\bik\b)[^.;?!])*$")
_NOT_FINAL = re.compile(r"\b(?:is|zijn)\s+(?:\w+\s+)?nog\s+niet\s+(?:rond|definitief|officieel|zeker|getekend)\b")
_HANDOFF_TALK = re.compile(
    r"^(?:in\s+)?gesprek(?:ken)?\s+(?:met|bij)\s+(?:een\s+|de\s+|jullie\s+|iemand\s+)?(?:\w+\s+)?"
    r"(?:medewerker|mens|adviseur|intaker|iemand|persoon|onderwijsloket|jullie)\b"
)
_JOB_AT_SCHOOL_NO_STRONG = re.compile(
    r"\b(?:nog\s+)?(?:nergens|niet)\s+in\s+gesprek\b|\bnog\s+nergens\s+(?:aangenomen|gesolliciteerd)\b"
)
_JOB_AT_SCHOOL_NO = re.compile(
    r"\b(?:geen|nog\s+geen)\s+(?:baan|werk|plek|aanstelling|contract|school|contact)(?:\s+(?:op|bij|aan|met)\s+(?:een\s+)?"
    + _SCHOOL
    + r")?\b"
    r"|\bnog\s+geen\s+school\b|\bnog\s+niet\s+(?:op|bij)\s+een\s+school\b|\bnog\s+(?:niks|niets)\s+(?:gevonden|geregeld)\b"
)


#: A school that looks for someone: "een vmbo school hier zoekt iemand voor PIE".
_SCHOOL_SEEKS = re.compile(r"\b" + _SCHOOL + r"\b[^.;!?]{0,40}?\b(?:zoekt|zoeken|heeft\s+een\s+vacature)\b")


#: The talk is over: "het gesprek met de directeur is geweest", "ik heb een gesprek gehad".
_TALK_DONE = re.compile(r"\b(?:geweest|gehad|gevoerd|achter\s+de\s+rug)\b")


def _extract_job_at_school(folded: str, result: Extraction, expected: Optional[str]) -> None:
    strong_no = _JOB_AT_SCHOOL_NO_STRONG.search(folded)
    if strong_no:
        result.set("baan_op_school", "nee", *strong_no.span())
        return
    not_final = _NOT_FINAL.search(folded)
    if not_final and (expected == "baan_op_school" or any(p.search(folded) for p in _JOB_AT_SCHOOL_YES)):
        # "ze willen me wel, maar het is nog niet rond": talks, no job yet
        result.set("baan_op_school", "in-gesprek", *not_final.span())
        return
    talking = _JOB_AT_SCHOOL_TALKING.search(folded) or (
        # "een vmbo-school zoekt iemand voor PIE. ik heb volgende week een gesprek": with a school named
        _TALKING_ANSWER.search(folded) if expected == "baan_op_school" or _SCHOOL_SEEKS.search(folded) else None
    )
    if talking and _HANDOFF_TALK.search(folded[talking.start() : talking.end() + 40]):
        talking = None  # "een gesprek met een medewerker": a handoff, not a job interview
    if (
        talking
        and expected == "baan_op_school"
        and re.match(r"^\W*(?:nee|nope|nog\s+niet)\b", folded)
        and re.match(r"(?:sollicit|gesollicit|gereageer|reageren|op\s)", talking.group(0))
        and "gesprek" not in folded
    ):
        # "nee, ik heb wel twee sollicitaties lopen": letters sent, no talks with a school yet
        result.set("baan_op_school", "nee", *talking.span())
        return
    if talking and not is_negated(folded, talking.start()):
        for pattern in _JOB_AT_SCHOOL_YES:
            offer = pattern.search(folded)
            if (
                offer
                and (offer.start() > talking.start() or _TALK_DONE.search(folded[talking.start() : talking.end() + 30]))
                and not is_negated(folded, offer.start())
                and not _HEDGE.search(_sentence_around(folded, offer.start()))
            ):
                # "ik had een gesprek met de directeur en ze willen me aannemen": the talk led to the offer
                result.set("baan_op_school", "ja", *offer.span())
                return
        result.set("baan_op_school", "in-gesprek", *talking.span())
        return
    no = _JOB_AT_SCHOOL_NO.search(folded)
    if no and (re.search(_SCHOOL, no.group(0)) or expected == "baan_op_school"):
        result.set("baan_op_school", "nee", *no.span())
        return
    not_school = _NOT_FROM_A_SCHOOL.search(folded)
    if not_school and expected == "baan_op_school":
        result.set("baan_op_school", "nee", *not_school.span())  # "in dienst van de sportstichting, niet van school"
        return
    for pattern in _JOB_AT_SCHOOL_YES:
        for match in pattern.finditer(folded):
            if is_negated(folded, match.start()) or _SOMEONE_ELSES.search(folded[: match.start()]):
                continue
            ended = _JOB_PAST_VERB.search(folded[: match.start()]) and _JOB_ENDED.search(folded[match.end() :])
            result.set("baan_op_school", "nee" if ended else "ja", *match.span())
            return
    if not no and OTHER_PERSON.search(folded):
        no = re.search(r"\bik\s+(?:zelf\s+)?(?:nog\s+)?niet\b", folded)  # "mijn vrouw wel, ik niet"
    if expected == "baan_op_school" and no:
        result.set("baan_op_school", "nee", *no.span())
