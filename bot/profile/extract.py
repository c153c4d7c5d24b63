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
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from bot.profile import values
from bot.profile.numbers import NUMBER_PATTERN, parse_number
from bot.profile.vocab import lookup_matcher, matcher

# --------------------------------------------------------------------------- helpers


def fold_same_length(text: str) -> str:
    """Lower case without accents, keeping every character at its position."""
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            out.append(ch)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c)
        )
        out.append(base if len(base) == 1 else low)
    return "".join(out).replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


_CLAUSE_BREAK = re.compile(r"[,.;:!?()\n]|\s(?:en|maar|want|omdat|dus|terwijl|of)\s")
_NEGATION = re.compile(
    r"(?:\bgeen|\bniet|\bnooit|\bnergens|\bipv|\bi\.p\.v\.?|\bin plaats van|\bzonder)\W*"
    r"(?:(?!behalve\b|maar\b|wel\b|alleen\b)\w+\W*){0,2}$"
)
_WANT = re.compile(
    r"\b(?:wil|wilde|willen|zou|graag|halen|behalen|krijgen|worden|volgen|zoek|zoeken|droom|ambitie|plan|lijkt me|overweeg|twijfel)\b"
)
_STUDY = re.compile(
    r"\b(?:master|masters|bachelor|msc|bsc|studie|studeer|studeerde|gestudeerd|afgestudeerd|opleiding|"
    r"propedeuse|hbo|wo|mbo|phd|promotie|gepromoveerd|diploma|achtergrond|richting|afstudeerrichting|"
    r"studeren|doctoraal|ad|associate)\b"
)
_TEACH = re.compile(
    r"\b(?:geven|lesgeven|les geven|les in|onderwijzen|doceren|docent|docente|leraar|lerares|juf|meester|"
    r"vak|vakken|lessen|lesgeven in|doceer|vakdocent|leerkracht)\b"
)


def clause_bounds(text: str, start: int, end: int) -> Tuple[int, int]:
    """The start and end of the clause around [start, end)."""
    left = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, start):
        left = match.end()
    right_match = _CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return left, right


def is_negated(text: str, start: int) -> bool:
    """True when one of the three words before ``start`` negates the match."""
    left, _ = clause_bounds(text, start, start)
    return bool(_NEGATION.search(text[left:start]))


def _window(text: str, start: int, end: int, before: int = 40, after: int = 40) -> str:
    return text[max(0, start - before):start] + " \u2022 " + text[end:end + after]


# ------------------------------------------------------------------------- result


@dataclass
class Span:
    """Where a fact was found; positions refer to the original text."""

    slot: str
    value: Any
    start: int
    end: int


@dataclass
class Extraction:
    facts: Dict[str, Any] = field(default_factory=dict)
    spans: List[Span] = field(default_factory=list)
    #: Words that need a follow-up question, e.g. {"vooropleiding": "master"}.
    unclear: Dict[str, str] = field(default_factory=dict)
    #: A message that is only a number ("12", "ongeveer 15").
    bare_number: Optional[int] = None

    def set(self, slot: str, value: Any, start: int = 0, end: int = 0) -> None:
        self.facts[slot] = value
        self.spans = [s for s in self.spans if s.slot != slot]
        self.spans.append(Span(slot, value, start, end))


# --------------------------------------------------------------- vooropleiding

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
    r"(?<![\w-])(masters?(?:diploma|titel|graad)?|msc|m\.sc\.?|bachelors?(?:diploma|titel|graad)?|bsc|b\.sc\.?|wo'?er|academicus|"
    r"academica|universiteit|uni|university|wo)(?![\w-])"
)
_HBO_HINT = re.compile(r"\b(?:hbo|\w*hogeschool|academie|kunstacademie|conservatorium|hs|hanze|fontys|hva|han|avans|windesheim|saxion|inholland|zuyd|hu|nhl|stenden)\b")
_WO_HINT = re.compile(
    r"(?<![\w-])(?:wo|universiteit|uni|university|universitaire?|academisch|rug|uva|vu|tu|tud|tue|ru|uu|eur|wur|"
    r"wageningen|tilburg university|radboud|erasmus|leiden university|ut|um|ou|tiu)(?![\w-])"
)


def _school_type_is_sector(folded: str, start: int, end: int, expected: Optional[str]) -> bool:
    before = folded[max(0, start - 40):start]
    after = folded[end:end + 30]
    if _SECTOR_CONTEXT_AFTER.search(after):
        return True
    if _SECTOR_CONTEXT_BEFORE.search(before):
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        if re.search(r"\b(?:heb|had|gedaan|afgerond|diploma|gehaald)\b", clause) and not _TEACH.search(clause):
            return False
        return True
    if expected == "sector":
        return True
    return False


_IN_PROGRESS = re.compile(
    r"\b(?:student|studente|studeer|studeert|bezig\s+met|ik\s+doe\s+nu|ik\s+volg|laatste\s+jaar|eerste\s+jaar|tweede\s+jaar|"
    r"derde\s+jaar|vierde\s+jaar|nog\s+niet\s+af|niet\s+afgemaakt|gestopt\s+met)\W+(?:\w+\W+){0,2}$"
)


def _in_progress(folded: str, start: int) -> bool:
    left, _ = clause_bounds(folded, start, start)
    return bool(_IN_PROGRESS.search(folded[left:start]))


def _extract_vooropleiding(folded: str, result: Extraction, expected: Optional[str], pending: Optional[str]) -> None:
    if pending:
        resolved = resolve_pending_degree(pending, folded)
        if resolved:
            result.set("vooropleiding", resolved, 0, len(folded))
            return
    candidates: List[Tuple[int, int, str]] = []  # (start, end, value)
    taken: List[Tuple[int, int]] = []
    for start, end, _text, value in matcher("vooropleiding").finditer(folded):
        if is_negated(folded, start) or _in_progress(folded, start):
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
        after = folded[end:end + 25]
        level = re.match(r"[\s-]*(?:niveau\s*)?([1-4])\b", after)
        if level:
            candidates.append((start, end, f"mbo-{level.group(1)}"))
        elif pending == "mbo" or expected == "vooropleiding" or re.search(r"\b(?:heb|diploma|gedaan|afgerond)\b", folded):
            unclear = unclear or "mbo"

    for match in _AMBIGUOUS_DEGREE.finditer(folded):
        start, end = match.span(1)
        if any(s <= start < e for s, e in taken) or is_negated(folded, start) or _in_progress(folded, start):
            continue
        word = match.group(1)
        if word.startswith(("master", "msc", "m.sc")):
            kind = "master"
        elif word.startswith(("bachelor", "bsc", "b.sc")):
            kind = "bachelor"
        else:
            kind = "wo"
        clause_l, clause_r = clause_bounds(folded, start, end)
        clause = folded[max(0, clause_l - 30):clause_r]
        if kind == "wo" and word in {"uni", "universiteit", "university"} and not re.search(
            r"\b(?:gestudeerd|afgestudeerd|diploma|gedaan|afgerond|studie|heb)\b", clause
        ):
            continue
        hbo = bool(_HBO_HINT.search(clause))
        wo = bool(_WO_HINT.search(clause.replace(word, " ", 1))) if kind != "wo" else True
        if kind == "wo":
            degree = "master" if re.search(r"\bmasters?\b|\bmsc\b", clause) else (
                "bachelor" if re.search(r"\bbachelors?\b|\bbsc\b", clause) else None)
            if degree:
                candidates.append((start, end, f"wo-{degree}"))
            else:
                unclear = unclear or "wo"
        elif hbo and not wo:
            candidates.append((start, end, f"hbo-{kind}"))
        elif wo and not hbo:
            candidates.append((start, end, f"wo-{kind}"))
        else:
            unclear = unclear or kind

    if candidates:
        best = max(candidates, key=lambda c: values.VOOROPLEIDING.index(c[2]))
        if unclear and values.VOOROPLEIDING.index(best[2]) < values.VOOROPLEIDING.index("associate-degree") and unclear != "mbo":
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
        level = re.search(r"\b([1-4])\b|\b(een|twee|drie|vier)\b", folded)
        if level:
            number = level.group(1) or {"een": "1", "twee": "2", "drie": "3", "vier": "4"}[level.group(2)]
            return f"mbo-{number}"
    return None


# ------------------------------------------------------------------------- sector

_SECTOR_WORDS = {"vmbo": "vo", "mavo": "vo", "havo": "vo", "vwo": "vo", "mbo": "mbo"}


def _extract_sector(folded: str, result: Extraction, expected: Optional[str]) -> None:
    found: List[Tuple[int, int, str]] = []
    for start, end, _text, value in matcher("sector").finditer(folded):
        if is_negated(folded, start):
            continue
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        if re.search(r"\b(?:afgemaakt|afgerond|gehaald|diploma)\b", clause) and not (_TEACH.search(clause) or _WANT.search(clause)):
            continue
        found.append((start, end, value))
    for match in _SCHOOL_TYPE.finditer(folded):
        start, end = match.span(1)
        word = re.sub(r"[\s-].*", "", match.group(1))
        if is_negated(folded, start):
            continue
        after = folded[end:end + 20]
        if word == "mbo" and re.match(r"[\s-]*(?:niveau\s*)?[1-4]\b", after) and not _SECTOR_CONTEXT_AFTER.search(after):
            continue
        if _school_type_is_sector(folded, start, end, expected) or (
            expected == "sector" and not _DIPLOMA_CONTEXT.search(folded)
        ):
            found.append((start, end, _SECTOR_WORDS[word]))
    if not found:
        return
    distinct = {value for _, _, value in found}
    if len(distinct) == 1:
        start, end, value = found[-1]
        result.set("sector", value, start, end)
        return
    if re.search(r"\b(?:twijfel\w*|weet nog niet|of)\b", folded):
        result.set("sector", "onbekend", found[0][0], found[-1][1])
        return
    wanted = []
    for start, end, value in found:
        left, right = clause_bounds(folded, start, end)
        if _WANT.search(folded[left:right]) or _TEACH.search(folded[left:right]):
            wanted.append((start, end, value))
    chosen = (wanted or found)[-1]
    result.set("sector", chosen[2], chosen[0], chosen[1])


# --------------------------------------------------------- schoolvak, studierichting

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
_STUDY_BEFORE = re.compile(
    r"(?:\b(?:master|masters|bachelor|msc|bsc|ma|ba|studie|opleiding|propedeuse|hbo|wo|mbo|ad|phd|promotie|"
    r"gepromoveerd|gestudeerd|afgestudeerd|diploma|richting|graad|doctoraal)(?:[\s-]+\d)?\s+(?:in\s+|op\s+|van\s+)?"
    r"(?:de\s+|het\s+)?)$"
)
_STUDY_AFTER = re.compile(r"^\s*(?:gestudeerd|studeren|gedaan|afgerond|afgestudeerd|studeer|gestudeerd)\b")
_SUBJECT_COMPOUND_SUFFIX = r"(?:docent|docente|leraar|lerares|juf|meester|sectie)"


def _subject_role(folded: str, start: int, end: int, expected: Optional[str]) -> Optional[str]:
    before = folded[max(0, start - 45):start]
    after = folded[end:end + 25]
    if _STUDY_BEFORE.search(before) or _STUDY_AFTER.search(after):
        return "studierichting"
    if _TEACH_AFTER.search(after) or _TEACH_BEFORE.search(before):
        return "schoolvak"
    if re.search(r"\b(?:is|zijn)\s+(?:gewoon\s+)?$", before):
        return None  # "mijn diploma is gewoon Nederlands"
    if expected in {"schoolvak", "studierichting"}:
        return expected
    left, right = clause_bounds(folded, start, end)
    clause = folded[left:right]
    if _TEACH.search(clause) or re.search(r"\bwil\b.*\bgeven\b", clause):
        return "schoolvak"
    if _STUDY.search(clause):
        return "studierichting"
    if re.search(r"\b(?:lesgeven|les\s+geven|leraar|lerares|docent|voor\s+de\s+klas)\b", folded) and not _STUDY.search(
        folded[max(0, start - 30):start]
    ):
        return "schoolvak"
    return None


_STOP_WORDS = (
    r"en|bij|in|op|aan|maar|met|want|dus|sinds|voor|van|die|dat|ik|heb|werk|en|ben|nu|al|als|om|te|"
    r"gestudeerd|gedaan|afgerond|gehaald|behaald|afgestudeerd|studeer|wil|kan|is|was|na|of|lesgeven|geven|"
    r"werken|worden|doen|halen|les|school|niveau|diploma"
)
_FREE_FIELD = re.compile(
    r"(?<!op het )(?<!in het )(?<!aan het )(?<!naar het )"
    r"\b(?:(?:mijn\s+)?studie(?:\s*:|\s+was|\s+is)|master|bachelor|msc|bsc|studie|opleiding|propedeuse|hbo|wo|mbo(?:[\s-]?niveau)?(?:[\s-]?[1-4])?|"
    r"doctoraal|associate degree|ad|phd|gepromoveerd|promoveerde|diploma)(?:[\s-]+(?:in|op|van))?(?:\s+(?:de|het))?\s+"
    r"((?:(?!(?:" + _STOP_WORDS + r")\b)[a-z][\w'&-]*)(?:\s+(?!(?:" + _STOP_WORDS + r")\b)[a-z][\w'&-]*){0,2})"
)
_FREE_FIELD_BLOCKLIST = {
    "diploma", "gedaan", "afgerond", "niveau", "opleiding", "master", "bachelor", "gehaald", "en", "hbo",
    "wo", "een", "graad", "studie", "student", "jaar", "jaren", "docent", "leraar", "richting", "universiteit",
    "uni", "hogeschool", "lesgaf", "gaf", "werkte", "werkt", "geef", "gedaan", "was", "mijn", "de", "het",
}


def _extract_subjects_and_fields(folded: str, result: Extraction, expected: Optional[str]) -> None:
    subjects = matcher("schoolvak")
    for match in re.finditer(
        r"(?<![\w&])(" + subjects.regex.pattern[len(r"(?<![\w&])("):-len(r")(?![\w&])")] + r")" + _SUBJECT_COMPOUND_SUFFIX + r"\b",
        folded,
    ):
        start, end = match.span(1)
        if not is_negated(folded, start):
            key = re.sub(r"[\s\-']+", "", match.group(1))
            result.set("schoolvak", subjects.values[key], start, end)
    compound_found = "schoolvak" in result.facts

    study: List[Tuple[int, int, str]] = []
    for start, end, text, value in subjects.finditer(folded):
        if is_negated(folded, start):
            continue
        role = _subject_role(folded, start, end, expected)
        if role == "schoolvak" and not compound_found:
            result.set("schoolvak", value, start, end)
        elif role == "studierichting":
            study.append((start, end, text))

    fields = lookup_matcher("studierichting", "studierichting")
    for start, end, text, _value in fields.finditer(folded):
        if is_negated(folded, start):
            continue
        before = folded[max(0, start - 45):start]
        after = folded[end:end + 25]
        if _STUDY_BEFORE.search(before) or _STUDY_AFTER.search(after) or expected == "studierichting":
            study.append((start, end, text))
    if not study:
        for match in _FREE_FIELD.finditer(folded):
            words = match.group(1).split()
            while words and words[-1] in _FREE_FIELD_BLOCKLIST:
                words.pop()
            if words and words[0] not in _FREE_FIELD_BLOCKLIST and not re.match(NUMBER_PATTERN + r"$", words[0]):
                start = match.start(1)
                study.append((start, start + len(" ".join(words)), " ".join(words)))
    if not study:
        studied = re.search(
            r"\bheb\s+(?:ik\s+)?(?:daar\s+|in\s+[a-z]+\s+|aan\s+de\s+[a-z]+\s+)?((?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+gestudeerd\b",
            folded,
        )
        if studied and not set(studied.group(1).split()) & {"niet", "nooit", "ook", "lang", "hard", "wat", "iets", "veel"}:
            study.append((studied.start(1), studied.end(1), studied.group(1)))
    if study:
        start, end, text = max(study, key=lambda s: (s[1] - s[0], -s[0]))
        # Prefer the first mention when several fields are named ("master chemie, daarna ...").
        first = min(study, key=lambda s: s[0])
        if first[0] < start and not (first[0] <= start < first[1]):
            start, end, text = first
        end = _extend_field(folded, end)
        result.set("studierichting", clean_free_text(folded[start:end]), start, end)


def _extend_field(folded: str, end: int) -> int:
    """ "taal en cultuur", "taal- en letterkunde", "logistiek en economie": one "en" more."""
    extra = re.match(r"(-?\s+en\s+(?!(?:" + _STOP_WORDS + r")\b)[a-z][\w'-]*)(?=\s*(?:[,.;:)(]|$|\s(?:aan|gedaan|gestudeerd|afgerond|gehaald|van|in|bij)\b))",
                     folded[end:])
    return end + len(extra.group(1)) if extra else end


# ----------------------------------------------------------------- work experience

_QUALIFIER = r"(?:ruim|bijna|ongeveer|zo'?n|circa|ca\.?|rond|pakweg|meer dan|zeker|al|nu|inmiddels|zowat|even|totaal|in totaal|alweer)"
_YEARS = r"(?:jaar|jaren|jr|jaartjes|jaars)"
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
        r"\b(?:werk|werkt|werkzaam)\b[^.;]{0,50}?,\s*(?:al\s+|nu\s+|inmiddels\s+)(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"\b"
    ),
    re.compile(r"\b(?:werkervaring|ervaring)\s*[:=]?\s*(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"?\b"),
]
_SINCE_YEAR = re.compile(
    r"\b(?:werk|werkzaam|in dienst|actief|sinds)\b[^.,;]{0,40}?\bsinds\s+(?P<y>(?:19[5-9]\d|20[0-4]\d))\b"
    r"|\bsinds\s+(?P<y2>(?:19[5-9]\d|20[0-4]\d))\s+(?:werk|werkzaam|als|bij|in dienst)"
)
_NO_EXPERIENCE = re.compile(
    r"\b(?:geen\s+(?:werk)?ervaring|nog\s+(?:nooit|niet)\s+gewerkt|net\s+(?:begonnen|afgestudeerd)|"
    r"minder\s+dan\s+(?:een|1|één)\s+jaar|(?:een\s+)?half\s+jaar|paar\s+maanden|\d+\s+maanden)\b"
)
_AGE = re.compile(
    r"\b(?:ik\s+ben|ben\s+ik|leeftijd:?|ik\s+ben\s+nu)\s+(?P<n>\d{2}|" + NUMBER_PATTERN + r")(?:\s*jaar(?:\s+oud)?)?\b"
    r"|\b(?P<n2>\d{2})\s*(?:jaar\s+oud|jarige|jr\s+oud)\b"
)
MAX_EXPERIENCE_YEARS = 55


def _extract_experience(folded: str, result: Extraction, expected: Optional[str], today: _dt.date) -> None:
    ages = {m.start() for m in _AGE.finditer(folded)}
    age_spans = [
        m.span() for m in _AGE.finditer(folded)
        if not re.match(r"\s*(?:jaar\s+)?geleden", folded[m.end():])
        and not re.match(r"[\s\w'-]{0,30}\bgeweest\b", folded[m.end():])
    ]
    for pattern in _EXPERIENCE_PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span("n")
            if any(s <= start < e for s, e in age_spans) and not re.search(r"\b(?:werk|ervaring)\b", folded[max(0, start - 25):start]):
                continue
            if folded[end:end + 8].strip().startswith("oud"):
                continue
            number = parse_number(match.group("n"))
            if number is None or is_negated(folded, start):
                continue
            if number > MAX_EXPERIENCE_YEARS:
                result.unclear["werkervaring_jaren"] = "te_hoog"
                continue
            result.set("werkervaring_jaren", number, start, end)
            return
    del ages
    jobs = lookup_matcher("beroep", "beroep")
    for match in re.finditer(r"\b(?:nu|al|voorheen|ruim|bijna|inmiddels)\s+(?P<n>" + NUMBER_PATTERN + r")\s*" + _YEARS + r"\s+(?:als\s+)?", folded):
        if any(start == match.end() for start, _, _, _ in jobs.finditer(folded)):
            number = parse_number(match.group("n"))
            if number is not None and number <= MAX_EXPERIENCE_YEARS:
                result.set("werkervaring_jaren", number, *match.span("n"))
                return
    generic = _generic_experience(folded, age_spans)
    if generic:
        result.set("werkervaring_jaren", generic[0], generic[1], generic[2])
        return
    for match in re.finditer(r"\b(?:sinds|vanaf|in)\s+(?P<y>19[5-9]\d|20[0-4]\d)\b", folded):
        sentence = _sentence_around(folded, match.start())
        year = int(match.group("y"))
        left, right = clause_bounds(folded, match.start(), match.end())
        if year > today.year or re.search(r"\b(?:woon|wonen|getrouwd|in\s+nederland|verhuisd|geboren|afgestudeerd|diploma)\b",
                                          folded[left:right]):
            continue
        begun = match.group(0).startswith("in") and re.search(r"\b(?:begonnen|gestart|ingestapt)\b", sentence)
        if (match.group(0).startswith(("sinds", "vanaf")) and (_WORK_CUE.search(sentence) or _has_job_word(sentence))) or begun:
            result.set("werkervaring_jaren", today.year - year, *match.span("y"))
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
        match = re.search(r"(?<![\d-])(?P<n>" + NUMBER_PATTERN + r")(?![\d])", folded)
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
_NOT_EXPERIENCE_AFTER = re.compile(
    r"^\s*(?:oud|jong|geleden\s+gestopt|studie|studeren|gestudeerd|opleiding|les\b|lesgeven|naar\s+school|op\s+school|"
    r"getrouwd|samen|in\s+nederland|hier|te\s+gaan|duurt|lang\s+studeren|nodig)"
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


def _sentence_around(folded: str, position: int) -> str:
    left = max(folded.rfind(ch, 0, position) for ch in ".!?\n") + 1
    rights = [i for i in (folded.find(ch, position) for ch in ".!?\n") if i >= 0]
    return folded[left:min(rights) if rights else len(folded)]


def _has_job_word(text: str) -> bool:
    return any(True for _ in lookup_matcher("beroep", "beroep").finditer(text))


def _generic_experience(folded: str, age_spans) -> Optional[Tuple[int, int, int]]:
    """ "N jaar" in a clause about work, that is not an age or a duration of study."""
    for match in _ANY_YEARS.finditer(folded):
        start, end = match.span("n")
        if any(s <= start < e for s, e in age_spans) or is_negated(folded, start):
            continue
        if _NOT_EXPERIENCE_AFTER.search(folded[match.end():match.end() + 25]):
            continue
        if _NOT_EXPERIENCE_BEFORE.search(folded[max(0, match.start() - 25):match.start()]):
            continue
        left, right = clause_bounds(folded, start, end)
        qualified = re.search(r"\b(?:al|inmiddels|alweer|nu|ruim)\s+$", folded[max(0, start - 12):start]) or re.match(
            r"\s*(?:jaar|jr)\s+(?:al|inmiddels|nu)\b", folded[end:end + 15]
        )
        sentence = _sentence_around(folded, start)
        cue = _WORK_CUE.search(folded[left:right]) or (
            qualified and (_WORK_CUE.search(sentence) or _has_job_word(sentence))
        )
        if not cue:
            continue
        if re.search(r"\bgeleden\b", folded[match.end():match.end() + 12]) and not re.search(
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


# ------------------------------------------------------------------ current job

_JOB_STOP = (
    r"(?:en|bij|in|op|aan|maar|met|want|dus|sinds|voor|van|ik|al|nu|om|te|of|wil|heb|ben|werk|die|dat|"
    r"waar|omdat|daar|hier|sinds|tot|vanaf|per|ook|graag|nog|eigenlijk|gewerkt|geweest|werkte|gedaan)"
)
_JOB_WORDS = r"((?:(?!" + _JOB_STOP + r"\b)[a-z][\w'&/-]*)(?:\s+(?!" + _JOB_STOP + r"\b)[a-z][\w'&/-]*){0,3})"
_JOB_PATTERNS = [
    re.compile(
        r"\b(?:ervaring|begonnen|gestart|momenteel|tegenwoordig|nu|nog|jaar|jr|bedrijf|zaak|freelance|zzp'?er)\s+als\s+"
        r"(?:een\s+|de\s+)?" + _JOB_WORDS
    ),
    re.compile(r"^\s*als\s+(?:een\s+)?" + _JOB_WORDS + r"\s+werk\b"),
    re.compile(r"\b(?:jaar|jr)\s+(?:[a-z]+\s+){1,4}?als\s+(?:een\s+)?" + _JOB_WORDS),
    re.compile(
        r"\b(?:werk|werkt|werkte|werkzaam|baan|functie|aan de slag|actief|aan het werk|gewerkt|zit)\b"
        r"(?:\s+(?!als\b)[\w'.,-]+){0,6}?\s+als\s+(?:een\s+|de\s+)?" + _JOB_WORDS
    ),
    re.compile(r"\bben\s+(?:nu\s+|momenteel\s+|al\s+|sinds\s+\w+\s+)?(?:een\s+)?" + _JOB_WORDS + r"\s+van\s+beroep\b"),
    re.compile(r"\b(?:beroep|functie|baan)\s*[:=]\s*" + _JOB_WORDS),
    re.compile(r"\bmijn\s+(?:beroep|functie|baan)\s+is\s+(?:een\s+)?" + _JOB_WORDS),
]
_NO_JOB = re.compile(r"\b(?:werkloos|werkzoekend|werkzoekende|zonder\s+werk|ik\s+werk\s+(?:nu\s+|momenteel\s+)?niet|geen\s+werk|geen\s+baan(?!\s+(?:op|bij|aan)\s))\b")
_STUDENT = re.compile(r"\b(?:ik\s+ben\s+(?:nog\s+)?student|ik\s+studeer\s+nog|ben\s+nog\s+aan\s+het\s+studeren)\b")
_RETIRED = re.compile(r"\b(?:gepensioneerd|met\s+pensioen)\b")


def _extract_job(folded: str, original: str, result: Extraction, expected: Optional[str]) -> None:
    for regex, value in ((_NO_JOB, "werkzoekend"), (_STUDENT, "student"), (_RETIRED, "gepensioneerd")):
        match = regex.search(folded)
        if match and re.search(r"\b(?:ben|nu|momenteel|sinds)\b", folded[max(0, match.start() - 20):match.end()]):
            result.set("huidig_beroep", value, *match.span())
            return
    for pattern in _JOB_PATTERNS:
        match = pattern.search(folded)
        if match and not is_negated(folded, match.start(1)):
            words = match.group(1).split()
            while words and re.fullmatch(NUMBER_PATTERN + r"|jaar|jr", words[-1]):
                words.pop()
            if words:
                start = match.start(1)
                text = " ".join(words)
                result.set("huidig_beroep", clean_free_text(original[start:start + len(text)]), start, start + len(text))
                return
    for regex, value in ((_NO_JOB, "werkzoekend"), (_STUDENT, "student"), (_RETIRED, "gepensioneerd")):
        match = regex.search(folded)
        if match:
            result.set("huidig_beroep", value, *match.span())
            return
    jobs = lookup_matcher("beroep", "beroep")
    job_alternatives = jobs.regex.pattern[len(r"(?<![\w&])("):-len(r")(?![\w&])")]
    titled = re.search(
        r"\b(?:ben(?:\s+ik)?|ik\s+ben\s+[a-z]+,|sinds\s+(?:19|20)\d\d|al\s+\S+\s+jaar|nu\s+\S+\s+jaar|momenteel|tegenwoordig)"
        r"\s+(?:nu\s+(?:nog\s+)?|zelf\s+|momenteel\s+|al\s+)?"
        r"(?:een\s+)?((?:[a-z][\w-]*\s+)?[a-z-]*?(?:" + job_alternatives + r"))(?![\w&])",
        folded,
    )
    if titled and not is_negated(folded, titled.start(1)):
        start, end = titled.span(1)
        words = folded[start:end].split()
        if len(words) == 2 and (words[0] in {"een", "nu", "al", "ook", "zelf", "nog"} or re.fullmatch(NUMBER_PATTERN, words[0])
                                or not re.search(r"(?:ig|isch|e|er|s)$", words[0])):
            start = end - len(words[1])
        result.set("huidig_beroep", clean_free_text(original[start:end]), start, end)
        return
    for start, end, text, _ in jobs.finditer(folded):
        before = folded[max(0, start - 30):start]
        if re.search(
            r"(?:\b(?:ik\s+ben|ben\s+ik|en\s+ben|werk\s+(?:nu\s+|al\s+)?als|ben\s+nu|ben\s+al\s+\w+\s+jaar|werk\s+als|ben\s+een|ben\s+nu\s+een|"
            r"ben\s+momenteel|nu\s+\S+\s+jaar|voorheen\s+\S+\s+jaar)\s+(?:een\s+|al\s+)?"
            r"|\bik\s+ben\s+\d{2},\s*(?:en\s+)?)$",
            before,
        ) and not is_negated(folded, start):
            result.set("huidig_beroep", clean_free_text(original[start:end]), start, end)
            return
    if expected == "huidig_beroep":
        cleaned = clean_job_answer(original)
        if cleaned:
            result.set("huidig_beroep", cleaned, 0, len(original))


_JOB_ANSWER_PREFIX = re.compile(
    r"^(?:(?:nou|nu|momenteel|op dit moment|tegenwoordig|sinds kort|eh+|uhm+|dus|ja|nee)[,\s]+)*"
    r"(?:ik\s+(?:werk|ben|doe)\s+(?:nu\s+|momenteel\s+|al\s+\w+\s+jaar\s+)?(?:als\s+|bij\s+[\w\s]+?\s+als\s+)?|"
    r"(?:werk\s+)?als\s+|mijn\s+(?:beroep|baan|functie)\s+is\s+)?(?:een\s+|de\s+)?",
)


def clean_job_answer(text: str) -> Optional[str]:
    """Turns an answer to "wat is je werk?" into a short job title, or None."""
    folded = fold_same_length(text).strip()
    if _NO_JOB.search(folded):
        return "werkzoekend"
    prefix = _JOB_ANSWER_PREFIX.match(folded)
    rest = text.strip()[prefix.end():] if prefix else text.strip()
    rest = re.split(r"[,.;!?\n]|\s(?:en|maar|sinds|want)\s", rest, maxsplit=1)[0]
    rest = clean_free_text(rest)
    if not rest or not re.search(r"[a-z]", rest) or len(rest) > 60 or len(rest.split()) > 6:
        return None
    return rest


def clean_free_text(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation."""
    text = re.sub(r"\s+", " ", text.lower()).strip(" \t.,;:!?\"'()")
    return text


# ----------------------------------------------------------- diploma from abroad

_ABROAD_STUDY = re.compile(
    r"\b(?:diploma|diploma's|opleiding|gestudeerd|studeerde|studie|afgestudeerd|bachelor|master|graad|bevoegdheid|"
    r"lehramt|universiteit|hogeschool|opgeleid)\b"
)
_DUTCH_STUDY = re.compile(
    r"\bdiploma\s+is\s+(?:gewoon\s+)?nederlands\b|\b(?:(?:in|uit)\s+(?:nederland|nl|holland)|nederlands(?:e)?\s+(?:diploma|opleiding|bachelor|master))\b"
)


def _extract_abroad(folded: str, result: Extraction, expected: Optional[str]) -> None:
    countries = lookup_matcher("land", "land_buitenland")
    for start, end, text, _ in countries.finditer(folded):
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        before = folded[max(0, start - 12):start]
        after = folded[end:end + 25]
        adjective_use = re.match(
            r"\s+(?:diploma|diploma's|master|bachelor|masterdiploma|bachelordiploma|graad|opleiding|bevoegdheid|"
            r"universiteit|lehramt)\b",
            after,
        ) or re.search(r"\bdiploma\s+is\s+(?:een\s+)?$", before)
        place_use = re.search(r"\b(?:in|uit|aan)\s+(?:het\s+)?$", before) and (_ABROAD_STUDY.search(clause) or expected == "diploma_buitenland")
        if adjective_use or place_use or (expected == "diploma_buitenland" and text in {"buitenland", "het buitenland"}):
            result.set("diploma_buitenland", not is_negated(folded, start), start, end)
            return
    came_from = re.search(r"\b(?:kom|kwam|kom oorspronkelijk|geboren|opgegroeid|woonde)\s+(?:uit|in)\s+(\w[\w-]*)", folded)
    if came_from and any(text == came_from.group(1) for _, _, text, _ in countries.finditer(folded)) and re.search(
        r"\bdaar\b[^.]{0,60}\b(?:gehaald|gestudeerd|gedaan|afgestudeerd|diploma|opleiding)\b|\b(?:gehaald|gestudeerd|gedaan)\s+daar\b",
        folded,
    ):
        result.set("diploma_buitenland", True, *came_from.span(1))
        return
    recognised = re.search(
        r"\b(?:erkend\s+door\s+(?:de\s+)?(?:duo|idw|nuffic)|diplomawaardering|diploma\s+laten\s+waarderen|"
        r"(?:duo|idw|nuffic)\s+(?:heeft|gaat|moet)\s+(?:mijn\s+)?diploma)",
        folded,
    )
    if recognised:
        result.set("diploma_buitenland", True, *recognised.span())
        return
    if "lehramt" in folded:
        result.set("diploma_buitenland", True, folded.index("lehramt"), folded.index("lehramt") + 7)
        return
    dutch = _DUTCH_STUDY.search(folded)
    dutch_clause = folded[slice(*clause_bounds(folded, *dutch.span()))] if dutch else ""
    if dutch and (_ABROAD_STUDY.search(dutch_clause) or dutch.group(0).startswith("diploma") or expected == "diploma_buitenland"):
        result.set("diploma_buitenland", is_negated(folded, dutch.start()) and "buitenland" in folded, *dutch.span())
        return
    if expected == "diploma_buitenland" and re.search(r"\b(?:nederland|nederlands|hier|nl|holland)\b", folded):
        result.set("diploma_buitenland", False, 0, len(folded))


def _extract_foreign_qualification(folded: str, result: Extraction) -> None:
    """A teaching qualification obtained abroad ("ben in Belgie bevoegd")."""
    for start, end, _text, _ in lookup_matcher("land", "land_buitenland").finditer(folded):
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        place = re.search(r"\b(?:in|uit|van)\s+(?:het\s+)?$", folded[max(0, start - 10):start])
        adjective = re.match(r"\s+(?:bevoegdheid|lesbevoegdheid|lerarendiploma)\b", folded[end:end + 20])
        if (place or adjective) and re.search(r"\b(?:bevoegd|bevoegdheid|lerarenopleiding|lerarendiploma|lesbevoegdheid)\b", clause) \
                and not _WANT.search(clause) and not is_negated(folded, start):
            result.set("huidige_bevoegdheid", "buitenlands", start, end)
            return


# ------------------------------------------------------------ job at a school

_SCHOOL = (
    r"(?:school|basisschool|scholen|roc|mbo|mbo-school|middelbare(?:\s+school)?|college|lyceum|scholengemeenschap|"
    r"schoolbestuur|bestuur|vo-school|onderwijsinstelling|aoc|vmbo|havo|vwo|so-school|sbo|directeur|directrice|directie|"
    r"schoolleider|rector)"
)
_JOB_AT_SCHOOL_YES = [
    re.compile(r"\b(?:baan|aanstelling|contract|vaste\s+baan|plek|werkplek|arbeidscontract|aanbod|baanaanbod|vacature\s+gekregen)\s+(?:als\s+(?:\w+\s+){1,3})?(?:op|bij|aan|van)\s+(?:een\s+|de\s+|het\s+|mijn\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    re.compile(r"\b" + _SCHOOL + r"\b[^.;]{0,60}?\b(?:wil|gaat|kan)\s+(?:me|mij)\b[^.;]{0,30}?\b(?:aannemen|in\s+dienst\s+nemen|aanstellen|contract)"),
    re.compile(r"\b" + _SCHOOL + r"\b[^.;]{0,40}?\b(?:biedt|bood|heeft)\s+(?:me|mij)\b[^.;]{0,30}?(?:aan|fte|baan|contract|plek)"),
    re.compile(r"\b(?:aangenomen|in\s+dienst)\s+(?:op|bij)\s+(?:een\s+|de\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    re.compile(r"\b(?:kan|mag|ga)\s+(?:\w+\s+){0,3}?(?:beginnen|starten)\s+(?:op|bij|aan)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    re.compile(r"\bcontract\s+(?:getekend\s+|gekregen\s+)?(?:bij|op|met)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    re.compile(r"\bgetekend\s+(?:bij|op)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    re.compile(r"\bwerk\s+(?:al\s+|nu\s+|vast\s+)?(?:\w+\s+){0,4}?(?:op|bij)\s+(?:een\s+|de\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
    re.compile(r"\b(?:ben|word)\s+(?:nu\s+)?(?:\w+\s+){0,5}?(?:aangenomen|in\s+dienst)\b"),
    re.compile(r"\bben\s+(?:nu\s+|al\s+)?(?:leerkracht|juf|meester|docent|docente|leraar|lerares|onderwijsassistent)\s+(?:op|bij|aan)\s+(?:een\s+|de\s+|het\s+)?(?:\w+\s+)?" + _SCHOOL + r"\b"),
]
_JOB_AT_SCHOOL_TALKING = re.compile(
    r"\b(?:in\s+gesprek|gesprek(?:ken)?\s+(?:met|bij)|solliciteer|sollicitatie|sollicitatiegesprek|gesolliciteerd|solliciteren|contact\s+met\s+een\s+school|"
    r"misschien\s+een\s+baan|kennismakingsgesprek|proefles|gesprek\s+gehad|tweede\s+ronde)\b"
)
_JOB_AT_SCHOOL_NO_STRONG = re.compile(
    r"\b(?:nog\s+)?(?:nergens|niet)\s+in\s+gesprek\b|\bnog\s+nergens\s+(?:aangenomen|gesolliciteerd)\b"
)
_JOB_AT_SCHOOL_NO = re.compile(
    r"\b(?:geen|nog\s+geen)\s+(?:baan|werk|plek|aanstelling|contract|school|contact)(?:\s+(?:op|bij|aan|met)\s+(?:een\s+)?" + _SCHOOL + r")?\b"
    r"|\bnog\s+geen\s+school\b|\bnog\s+niet\s+(?:op|bij)\s+een\s+school\b"
)


def _extract_job_at_school(folded: str, result: Extraction, expected: Optional[str]) -> None:
    strong_no = _JOB_AT_SCHOOL_NO_STRONG.search(folded)
    if strong_no:
        result.set("baan_op_school", "nee", *strong_no.span())
        return
    talking = _JOB_AT_SCHOOL_TALKING.search(folded)
    if talking and not is_negated(folded, talking.start()):
        result.set("baan_op_school", "in-gesprek", *talking.span())
        return
    no = _JOB_AT_SCHOOL_NO.search(folded)
    if no and (re.search(_SCHOOL, no.group(0)) or expected == "baan_op_school"):
        result.set("baan_op_school", "nee", *no.span())
        return
    for pattern in _JOB_AT_SCHOOL_YES:
        match = pattern.search(folded)
        if match and not is_negated(folded, match.start()):
            result.set("baan_op_school", "ja", *match.span())
            return
    if expected == "baan_op_school" and no:
        result.set("baan_op_school", "nee", *no.span())


# --------------------------------------------------------------------- simple ones


_RULED_OUT = re.compile(r"^[\s\w]{0,20}?\b(?:is\s+geen\s+optie|kan\s+(?:ik\s+)?niet|lukt\s+(?:me\s+)?niet|gaat\s+niet)\b")
_OPPOSITE = {"voltijd": "deeltijd", "deeltijd": "voltijd"}


def _extract_simple(folded: str, result: Extraction, slot: str, vocab: str, skip_wanted: bool = False) -> None:
    found = None
    for start, end, _text, value in matcher(vocab).finditer(folded):
        if is_negated(folded, start):
            continue
        if value in _OPPOSITE and _RULED_OUT.search(folded[end:end + 40]):
            found = (start, end, _OPPOSITE[value])
            continue
        if skip_wanted:
            left, right = clause_bounds(folded, start, end)
            if _WANT.search(folded[left:right]):
                continue
        found = (start, end, value)
    if found:
        result.set(slot, found[2], found[0], found[1])


# Place names that are also ordinary Dutch words count only after "in", "uit" etc.
COMMON_WORD_PLACES = {
    "best", "buren", "beek", "sluis", "hoorn", "stein", "putten", "epe", "hulst", "duiven", "huizen",
    "kampen", "weert", "ede", "oss", "goes", "son", "zundert", "baarn", "soest", "ommen", "urk", "tiel",
    "venlo", "asten", "boxtel", "veere", "heerde", "laren", "lisse", "texel", "echt", "leek", "gemert",
    "brielle", "wijk", "bergen", "horst", "land", "zeist", "wierden", "dongen", "elburg", "bunnik",
}
_PLACE_CONTEXT = re.compile(
    r"\b(?:in|uit|bij|rond|rondom|omgeving|regio|gemeente|buurt\s+van|richting|provincie|woon|woonachtig|naar)\s+(?:de\s+)?(?:omgeving\s+|regio\s+|buurt\s+van\s+)?$"
)


def _study_place(folded: str, start: int, end: int) -> bool:
    """True for "gestudeerd in Leiden", "de universiteit van Tilburg", "master ... in Leiden"."""
    before = folded[max(0, start - 40):start]
    if re.search(r"\b(?:universiteit|uni|hogeschool|university|academie)\s+(?:van\s+|in\s+)?$", before):
        return True
    left, right = clause_bounds(folded, start, end)
    clause = folded[left:right]
    studied = re.search(r"\b(?:gestudeerd|afgestudeerd|studeerde|gedaan|gehaald|master|bachelor|studie|promoveerde)\b", clause)
    lives = re.search(r"\b(?:woon|wonen|werk|werken|lesgeven|les geven|school|verhuis|verhuizen|regio)\b", clause)
    return bool(studied and not lives)


def _extract_province(folded: str, result: Extraction, expected: Optional[str]) -> None:
    found: List[Tuple[int, int, str]] = []
    for start, end, text, value in matcher("provincie").finditer(folded):
        if is_negated(folded, start) or _study_place(folded, start, end):
            continue
        if text in COMMON_WORD_PLACES and expected != "provincie" and not _PLACE_CONTEXT.search(folded[max(0, start - 30):start]):
            continue
        found.append((start, end, value))
    if not found:
        return
    wanted = []
    for start, end, value in found:
        left, right = clause_bounds(folded, start, end)
        if re.search(r"\b(?:lesgeven|les geven|werken|wil|school|docent|leraar|juf|meester)\b", folded[left:right]):
            wanted.append((start, end, value))
    start, end, value = (wanted or found)[-1]
    result.set("provincie", value, start, end)


# -------------------------------------------------------------------------- main

_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]?")
_QUESTION_START = re.compile(
    r"^\s*(?:(?:wat|hoe|waar|wanneer|welke|welk|wie|waarom|hoeveel)\b|"
    r"(?:kan|kun|mag|moet|is|zijn|heb|heeft|bestaat|verdien|verdient)\s+(?:je|jij|u|er|men)\b)"
)
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|me|mij)\b")


def _same_length(match: "re.Match[str]", replacement: str) -> str:
    return replacement.ljust(len(match.group(0)))


def _normalise_phrases(folded: str) -> str:
    """Rewrites fixed phrases to plain numbers, keeping every position."""
    folded = re.sub(
        r"\been\s+jaar\s+of\s+(" + NUMBER_PATTERN + r")\b", lambda m: _same_length(m, f"{m.group(1)} jaar"), folded
    )
    folded = re.sub(r"\b(?:een\s+)?decennium\b", lambda m: _same_length(m, "10 jaar"), folded)
    folded = re.sub(r"\btwee\s+decennia\b", lambda m: _same_length(m, "20 jaar"), folded)
    return folded


def _blank_questions(folded: str) -> str:
    """Replaces general questions by spaces: "wat is een pdg?" states no fact.

    A question about oneself keeps its facts ("kan ik met mijn hbo zij-instromen?").
    """
    out = []
    for sentence in _SENTENCE.findall(folded):
        question = sentence.rstrip().endswith("?") or _QUESTION_START.match(sentence)
        if question and not _FIRST_PERSON.search(sentence):
            out.append(" " * len(sentence))
        else:
            out.append(sentence)
    return "".join(out)



def extract(
    text: str,
    expected: Optional[str] = None,
    pending: Optional[str] = None,
    today: Optional[_dt.date] = None,
) -> Extraction:
    """All profile facts in ``text``.

    ``expected`` is the slot the bot just asked for; ``pending`` an earlier unclear
    education answer ("master", "bachelor", "wo", "mbo") that this text may settle.
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
    _extract_experience(folded, result, expected, today)
    _extract_job(folded, original, result, expected)
    _extract_abroad(folded, result, expected)
    _extract_job_at_school(folded, result, expected)
    _extract_simple(folded, result, "studievorm", "studievorm")
    _extract_simple(folded, result, "nederlands_niveau", "nederlands_niveau")
    _extract_simple(folded, result, "huidige_bevoegdheid", "huidige_bevoegdheid", skip_wanted=True)
    _extract_foreign_qualification(folded, result)
    _extract_province(folded, result, expected)
    result.bare_number = _bare_number(folded)

    if "vooropleiding" not in result.facts and re.search(r"\bpabo[\s-]*(?:afgerond|gedaan|diploma|afgemaakt)\b", folded):
        result.set("vooropleiding", "hbo-bachelor", *re.search(r"\bpabo\b", folded).span())
    if result.facts.get("sector") == "po":
        result.facts.pop("schoolvak", None)
        result.spans = [s for s in result.spans if s.slot != "schoolvak"]
    return result
