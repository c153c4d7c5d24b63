"""Places: where the diploma comes from, a qualification from abroad, and the province."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.profile.extract.result import Extraction
from bot.profile.extract.text import _WANT, _sentence_around, clause_asks, clause_bounds, is_negated
from bot.profile.vocab import lookup_matcher, matcher

_ABROAD_STUDY = re.compile(
    r"\b(?:diploma|diploma's|opleiding|gestudeerd|studeerde|studie|afgestudeerd|bachelor|master|graad|bevoegdheid|"
    r"lehramt|universiteit|hogeschool|opgeleid|gehaald|behaald|studied|graduated|degree|university|licen[cs]e|licenciatura)\b"
)
_DUTCH_STUDY = re.compile(
    r"\bdiploma\s+is\s+(?:gewoon\s+)?nederlands\b|\b(?:(?:in|uit)\s+(?:nederland|nl|holland)|nederlands(?:e)?\s+(?:diploma|opleiding|bachelor|master))\b"
)


def _extract_abroad(folded: str, result: Extraction, expected: Optional[str]) -> None:
    countries = lookup_matcher("land", "land_buitenland")
    for start, end, text, _ in countries.finditer(folded):
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        before = folded[max(0, start - 12) : start]
        after = folded[end : end + 25]
        adjective_use = re.match(
            r"\s+(?:diploma|diploma's|master|bachelor|masterdiploma|bachelordiploma|graad|opleiding|bevoegdheid|"
            r"universiteit|lehramt)\b",
            after,
        ) or re.search(r"\bdiploma\s+is\s+(?:een\s+)?$", before)
        # "een master in Franse taal en cultuur": a field of study, not a country
        field_use = re.match(r"\s+(?:taal|talen|letterkunde|literatuur|studies|recht)\b", after)
        place_use = (
            re.search(r"\b(?:in|uit|aan|from)\s+(?:het\s+)?$", before)
            and not field_use
            and (_ABROAD_STUDY.search(clause) or expected == "diploma_buitenland")
        )
        if (
            adjective_use
            or place_use
            or (expected == "diploma_buitenland" and text in {"buitenland", "het buitenland"})
        ):
            result.set("diploma_buitenland", not is_negated(folded, start), start, end)
            return
    came_from = re.search(
        r"\b(?:kom|kwam|kom oorspronkelijk|geboren|opgegroeid|woonde)\s+(?:uit|in)\s+(\w[\w-]*)", folded
    )
    if (
        came_from
        and any(text == came_from.group(1) for _, _, text, _ in countries.finditer(folded))
        and re.search(
            r"\bdaar\b[^.]{0,60}\b(?:gehaald|gestudeerd|gedaan|afgestudeerd|diploma|opleiding)\b|\b(?:gehaald|gestudeerd|gedaan)\s+daar\b",
            folded,
        )
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
    if dutch and (
        _ABROAD_STUDY.search(dutch_clause) or dutch.group(0).startswith("diploma") or expected == "diploma_buitenland"
    ):
        result.set("diploma_buitenland", is_negated(folded, dutch.start()) and "buitenland" in folded, *dutch.span())
        return
    if expected == "diploma_buitenland" and re.search(r"\b(?:nederland|nederlands|hier|nl|holland)\b", folded):
        result.set("diploma_buitenland", False, 0, len(folded))
        return
    if expected == "diploma_buitenland" and not result.facts.get("diploma_buitenland"):
        # "In Rotterdam behaald.", "gewoon in Leeuwarden gehaald", "Utrecht": a Dutch place, so not abroad
        place = next(iter(matcher("provincie").finditer(folded)), None)
        clause = folded[slice(*clause_bounds(folded, place[0], place[1]))] if place else ""
        if (
            place
            and not is_negated(folded, place[0])
            and place[2] not in COMMON_WORD_PLACES  # "Lagos. Was best zwaar."
            and not _LIVES_OR_TEACHES.search(clause)  # "ik woon in Utrecht" says nothing about the diploma
            and not re.search(r"\b(?:verhuisd|verhuis|naar|kant\s+van|belgi[eë]|buitenland)\b", folded)
            and (
                len(folded.split()) <= 3
                or re.search(r"\b(?:gehaald|behaald|gestudeerd|gedaan|afgestudeerd|aan\s+de)\b", clause)
            )
        ):
            result.set("diploma_buitenland", False, place[0], place[1])


_YES_ABROAD = re.compile(
    r"^\W*(?:ja+|jawel|yes|klopt)\b[^.?!]{0,40}?\b(?:in\s+het\s+buitenland|in\s+(?:mijn|m'n)\s+"
    r"(?:eigen\s+|thuis)?land|abroad)\b"
)


_NOT_QUALIFIED_HERE = re.compile(
    r"\b(?:hier|in\s+nederland|in\s+nl)\s+(?:nog\s+)?(?:niet|geen)\s+(?:bevoegd|bevoegdheid)\b"
)
_TEACHER_WORD = re.compile(r"\b(?:docent|docente|leraar|lerares|juf|leerkracht|teacher|lehrer\w*)\b")


def _teacher_abroad(folded: str) -> bool:
    """A sentence that says the person was or is a teacher in or from another country ("ik ben
    lerares Spaans uit Spanje"), not that they want to become one ("ik wil leraar worden")."""
    for sentence in re.finditer(r"[^.!?\n]+", folded):
        text = sentence.group(0)
        teacher = _TEACHER_WORD.search(text)
        if not teacher or _WANT.search(text) or re.search(r"\bworden\b", text):
            continue
        if any(
            re.search(r"\b(?:in|uit)\s+(?:het\s+)?$", text[max(0, s - 10) : s])
            for s, _e, _t, _v in lookup_matcher("land", "land_buitenland").finditer(text)
        ):
            return True
    return False


_QUALIFIED_WORD = re.compile(
    r"\b(\w*bevoegd\w*|lerarenopleiding|lerarendiploma|teacher\s+diploma|teaching\s+(?:diploma|"
    r"qualification|licen[cs]e)|allowed\s+to\s+teach|qualified\s+(?:as\s+a\s+)?teacher)\b"
)
_TAUGHT = re.compile(r"\b(?:was|ben|werkte|gewerkt)\s+(?:\w+\s+){0,2}?(docent|docente|leraar|lerares|juf|leerkracht)\b")


def _extract_foreign_qualification(folded: str, result: Extraction, expected: Optional[str] = None) -> None:
    """A teaching qualification obtained abroad ("ben in Belgie bevoegd"; "ja, in Oekraïne
    wel" as the answer to the question about a qualification)."""
    held = result.span("huidige_bevoegdheid")
    if held and held.value in ("po", "tweedegraads", "eerstegraads"):
        sentence = _sentence_around(folded, held.start)
        if any(
            re.search(r"\b(?:in|uit)\s+(?:het\s+)?$", sentence[max(0, s - 10) : s])
            for s, _e, _t, _v in lookup_matcher("land", "land_buitenland").finditer(sentence)
        ):
            # "In Polen was ik juf op een basisschool": a teacher abroad, qualified there
            result.set("huidige_bevoegdheid", "buitenlands", held.start, held.end)
            return
    not_here = _NOT_QUALIFIED_HERE.search(folded)
    if not_here and _teacher_abroad(folded):
        # "lerares Spaans uit Spanje, ... maar ik ben hier niet bevoegd": qualified there, not here
        result.set("huidige_bevoegdheid", "buitenlands", *not_here.span())
        return
    yes_answer = expected == "huidige_bevoegdheid" and re.match(r"^\W*(?:ja+|jawel|yes|klopt)\b", folded)
    if yes_answer and _YES_ABROAD.search(folded):
        result.set("huidige_bevoegdheid", "buitenlands", 0, len(folded))
        return
    for start, end, _text, _ in lookup_matcher("land", "land_buitenland").finditer(folded):
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        place = re.search(r"\b(?:in|uit|van)\s+(?:het\s+)?$", folded[max(0, start - 10) : start])
        if yes_answer and (place or folded[end : end + 1] == "") and not is_negated(folded, start):
            result.set("huidige_bevoegdheid", "buitenlands", start, end)
            return
        adjective = re.match(
            r"\s+(?:bevoegdheid|lesbevoegdheid|lerarendiploma|teacher\s+diploma|teaching\s+(?:diploma|qualification|licen[cs]e))\b",
            folded[end : end + 30],
        )
        qualified = _QUALIFIED_WORD.search(clause)
        # "ik was docent in Marokko": taught there; "lerares uit Polen" says where she is from
        taught = re.search(r"\bin\s+(?:het\s+)?$", folded[max(0, start - 10) : start]) and _TAUGHT.search(clause)
        said = qualified or taught
        if (
            (place or adjective)
            and said
            # "nee, in marokko heb ik geen lerarenopleiding gedaan", "was daar geen leraar"
            and not is_negated(clause, said.start(said.lastindex or 0))
            and not _WANT.search(clause)
            and not is_negated(folded, start)
        ):
            result.set("huidige_bevoegdheid", "buitenlands", start, end)
            return


# Place names that are also ordinary Dutch words count only after "in", "uit" etc.
COMMON_WORD_PLACES = {
    "best",
    "buren",
    "beek",
    "sluis",
    "hoorn",
    "stein",
    "putten",
    "epe",
    "hulst",
    "duiven",
    "huizen",
    "kampen",
    "weert",
    "ede",
    "oss",
    "goes",
    "son",
    "zundert",
    "baarn",
    "soest",
    "ommen",
    "urk",
    "tiel",
    "venlo",
    "asten",
    "boxtel",
    "veere",
    "heerde",
    "laren",
    "lisse",
    "texel",
    "echt",
    "leek",
    "gemert",
    "brielle",
    "wijk",
    "bergen",
    "horst",
    "land",
    "zeist",
    "wierden",
    "dongen",
    "elburg",
    "bunnik",
    # a region: "ik gooi het eruit"; "het Gooi" is in the list as a whole
    "gooi",
}
_PLACE_CONTEXT = re.compile(
    r"\b(?:in|uit|bij|rond|rondom|omgeving|regio|gemeente|buurt\s+van|richting|provincie|woon|woonachtig|naar)\s+(?:de\s+)?(?:omgeving\s+|regio\s+|buurt\s+van\s+)?$"
)


def _study_place(folded: str, start: int, end: int) -> bool:
    """True for "gestudeerd in Leiden", "de universiteit van Tilburg", "master ... in Leiden"."""
    before = folded[max(0, start - 40) : start]
    if re.search(
        r"\b(?:universiteit|uni|hogeschool|university|academie|tu|hanze|fontys|avans|saxion|inholland)\s+(?:van\s+|in\s+)?$",
        before,
    ):
        return True
    if (
        re.match(r"\s+(?:is|ligt|zit)\s+(?:\w+\s+){0,3}?(?:ver|ver weg|te ver)\b", folded[end : end + 30])
        or re.search(r"\bnaar\s+$", before)
        and re.match(r"\s+(?:is|ligt)\s+(?:\w+\s+){0,2}?(?:ver|te ver)\b", folded[end : end + 30])
    ):
        return True  # "Leeuwarden is wel erg ver": a place the person does not want
    left, right = clause_bounds(folded, start, end)
    clause = folded[left:right]
    studied = re.search(
        r"\b(?:gestudeerd|afgestudeerd|studeerde|gedaan|gehaald|master|bachelor|studie|promoveerde)\b", clause
    )
    lives = re.search(r"\b(?:woon|wonen|werk|werken|lesgeven|les geven|school|verhuis|verhuizen|regio)\b", clause)
    return bool(studied and not lives)


_LIVES_OR_TEACHES = re.compile(
    r"\b(?:woon|woont|wonen|lesgeven|les\s+geven|werk|werkt|werken|werkzaam|school|regio|buurt)\b"
)


#: "aan de Gelderse kant van Deventer": the province the adjective names.
_SIDE_OF = re.compile(
    r"\b(?P<a>groningse|friese|drentse|overijsselse|twentse|flevolandse|gelderse|utrechtse|noord-hollandse|"
    r"zuid-hollandse|zeeuwse|brabantse|limburgse)\s+(?:kant|deel|gedeelte|zijde)\b"
)
_ADJECTIVE_PROVINCE = {
    "groningse": "groningen",
    "friese": "friesland",
    "drentse": "drenthe",
    "overijsselse": "overijssel",
    "twentse": "overijssel",
    "flevolandse": "flevoland",
    "gelderse": "gelderland",
    "utrechtse": "utrecht",
    "noord-hollandse": "noord-holland",
    "zuid-hollandse": "zuid-holland",
    "zeeuwse": "zeeland",
    "brabantse": "noord-brabant",
    "limburgse": "limburg",
}
#: "net over de grens met Gelderland", "onder de rook van Tilburg": a place to say where one is, not where.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:grens\s+met|over\s+de\s+grens\s+(?:van|met|in)?|kant\s+van|rook\s+van|tegen)\s+(?:de\s+|het\s+)?$"
)
#: The answer to the diploma or study question: a place there is where the diploma comes from.
_TRAINING_WORD = re.compile(
    r"\b(?:master|opleiding|studie|studeren|pabo|cursus|lerarenopleiding|hogeschool|universiteit|uni)\b"
)
_DIPLOMA_QUESTIONS = {"diploma_buitenland", "vooropleiding", "studierichting"}


#: Words that make a later place an alternative to the first: "Utrecht, of Amersfoort is ook goed".
_ALTERNATIVE = re.compile(r"\b(?:of|eventueel|desnoods)\b|\book\s+(?:goed|prima|oke|oké|fijn|een\s+optie)\b")


_CORRECTED = re.compile(r"\b(?:nee|sorry|bedoel|eigenlijk|toch|liever)\b")


def _extract_province(folded: str, result: Extraction, expected: Optional[str]) -> None:
    side = _SIDE_OF.search(folded)
    if side:
        result.set("provincie", _ADJECTIVE_PROVINCE[side.group("a")], *side.span("a"))
        return
    found: List[Tuple[int, int, str]] = []
    references: List[Tuple[int, int, str]] = []
    for start, end, text, value in matcher("provincie").finditer(folded):
        if is_negated(folded, start) or _study_place(folded, start, end):
            continue
        left, right = clause_bounds(folded, start, end)
        if expected in _DIPLOMA_QUESTIONS and not _LIVES_OR_TEACHES.search(folded[left:right]):
            continue  # "nee, gewoon in Wageningen", "MA, Leiden": where the diploma comes from
        if text == "leiden" and (
            re.search(r"\bte\s+$", folded[max(0, start - 4) : start]) or re.match(r"\s+(?:tot|naar)\b", folded[end:])
        ):
            continue  # "om assistenten op te leiden", "dat kan leiden tot": the verb
        if _REFERENCE_BEFORE.search(folded[max(0, start - 30) : start]):
            references.append((start, end, value))
            continue
        if re.search(r"\([^)]*\b(?:bachelor|master|msc|bsc|ma|ba|studie)\b[^)]*$", folded[:start]):
            continue  # "(bachelor was MST, Leiden/Delft)"
        if (
            expected != "provincie"
            and clause_asks(folded, start, end)
            and _TRAINING_WORD.search(_sentence_around(folded, start))
            and not _LIVES_OR_TEACHES.search(folded[left:right])
        ):
            continue  # "kan die master ook in Nijmegen of moet ik dan naar Amsterdam?": where one studies
        if (
            text in COMMON_WORD_PLACES
            and expected != "provincie"
            and not _PLACE_CONTEXT.search(folded[max(0, start - 30) : start])
        ):
            continue
        found.append((start, end, value))
    found = found or references
    if not found:
        return
    wanted = []
    for start, end, value in found:
        left, right = clause_bounds(folded, start, end)
        clause = folded[left:right]
        if re.search(r"\b(?:lesgeven|les geven|werken|wil|school|docent|leraar|juf|meester)\b", clause) and not (
            re.search(r"\b(?:studeren|studie|opleiding|gestudeerd)\b", clause)
            and not re.search(r"\b(?:lesgeven|les geven|docent|leraar|juf|meester)\b", clause)
        ):
            wanted.append((start, end, value))  # not "wil misschien in Utrecht gaan studeren"
    lives = [
        (start, end, value)
        for start, end, value in found
        if re.search(
            r"\b(?:woon|woont|wonen|woonachtig|verhuisd|verhuis)\s+(?:\w+\s+){0,2}?$",
            folded[max(0, start - 30) : start],
        )
    ]
    chosen = wanted or lives or found
    start, end, value = chosen[-1]
    first = chosen[0]
    rest = folded[first[1] :]
    if value != first[2] and _ALTERNATIVE.search(rest) and not _CORRECTED.search(rest):
        # "Meppel, dus Drenthe. of net Overijssel, Zwolle is ook goed": the first place, then the others
        start, end, value = first
    result.set("provincie", value, start, end)
