"""Facts named by a fixed vocabulary: study mode, Dutch level, current qualification."""

from __future__ import annotations

import re
from typing import Optional

from bot.profile.extract.result import Extraction
from bot.profile.extract.text import _WANT, OTHER_PERSON, clause_asks, clause_bounds, in_question, is_negated
from bot.profile.vocab import matcher

_RULED_OUT = re.compile(
    r"^[\s\w]{0,20}?\b(?:(?:is\s+)?(?:(?:echt|zeker|helaas|gewoon)\s+)*geen\s+optie|kan\s+(?:ik\s+)?(?:me\s+|mij\s+)?(?:(?:echt|gewoon|helaas|dus)\s+)*niet|"
    r"(?:zit|is)\s+(?:er\s+)?(?:\w+\s+)?niet\s+in|"
    r"lukt\s+(?:me\s+)?niet|gaat\s+niet|(?:is\s+)?(?:(?:echt|helaas)\s+)*niet\s+(?:mogelijk|haalbaar|te\s+doen)|"
    # "voltijd ga ik echt niet meer doen", "voltijd wil ik niet"
    r"(?:ga|doe|wil)\s+ik\s+(?:(?:echt|zeker|dus|gewoon)\s+)*niet(?:\s+meer)?(?:\s+doen)?)\b"
)
_OPPOSITE = {"voltijd": "deeltijd", "deeltijd": "voltijd"}
#: "ze hebben het over een PDG", "ze noemden een PDG": what others say is needed, not what one has.
_TALKED_ABOUT = re.compile(
    r"\b(?:het\s+over|praten\s+over|spraken\s+over|noemden|noemde|zeiden\s+iets\s+over|nodig|vragen\s+om|vroegen\s+om|eisen)\b"
)
#: "geen, daarom dus die pdg": the aim, not what the person has.
_AIM = re.compile(r"\b(?:daarom|vandaar)\s+(?:(?:dus|ook|juist)\s+)?(?:die|de|een|het)\s+$")


#: "mijn vrouw werkt fulltime", "sinds 2017 fulltime dev": hours of work, no study form.
_WORK_HOURS = re.compile(
    r"\b(?:werk|werkt|werken|werkte|work|works|working|baan|job|dev|developer|in\s+dienst|aan\s+het\s+werk)\b"
)
_BESIDE_WORK = re.compile(
    r"\bnaast\s+(?:mijn|me|m'n|mn|het|de|een|je)\s+(?:huidige\s+)?(?:werk|baan|job|lesgeven|gezin|praktijk|bedrijf)\b"
    # "ik wil wel blijven werken als toa", "moet blijven werken": studying beside a job
    r"|\b(?:wil|moet|ga)\s+(?:wel\s+|gewoon\s+|ook\s+)?(?:blijven\s+werken|doorwerken)\b"
    r"|\b(?:kan|wil)\s+(?:niet|geen)\s+(?:stoppen\s+met\s+werken|inkomen\s+missen)\b"
    r"|\b(?:wil|kan|ga)\s+(?:mijn\s+|m'n\s+|mn\s+)?(?:baan|werk)\s+niet\s+opzeggen\b"
    r"|\bkan\s+(?:echt\s+)?niet\s+zonder\s+(?:salaris|inkomen|loon)\b"
)

#: "ik ga stoppen met werken", "mijn baan opzeggen": free to study the whole week.
_QUITTING_WORK = re.compile(
    r"\bstop(?:pen)?\s+(?:dan\s+|gewoon\s+)?met\s+(?:werken|(?:mijn|mn|m'n)\s+(?:werk|baan))\b"
    r"|\b(?:baan|werk)\s+(?:opgezegd|opzeggen)\b"
)


#: Doubt about the form named next: "weet nog niet of het deeltijd wordt", "twijfel tussen".
_UNDECIDED = re.compile(
    r"\b(?:weet|weten)\s+(?:\w+\s+){0,4}?niet\s+of\s+(?:\w+\s+){0,3}$|\btwijfel\s+(?:nog\s+)?tussen\s+$"
)
_RATHER = re.compile(r"\b(?:liever|liefst)\s+(?:in\s+)?(voltijd|deeltijd)\s+(?:dan|als)\b")
_BOTH_FORMS = re.compile(r"(?=.*\bvoltijd\b)(?=.*\bdeeltijd\b)", re.DOTALL)
_CONDITION = re.compile(r"\b(?:als\s+(?:ik|het|dat|de|die|mijn)|anders|hangt|afhankelijk)\b")
#: Right after the study form: a study that is over ("in deeltijd gedaan", "deeltijd afgestudeerd").
_STUDIED_SO = re.compile(r"\s+(?:\w+\s+){0,2}?(?:gedaan|gestudeerd|afgerond|afgestudeerd|gehaald|behaald|afgemaakt)\b")
_STUDY_WORD = re.compile(r"\bstude\w*|opleiding|pabo|\bleren\b|\bcursus|\btraject|\bstuderen")


def _extract_study_form(folded: str, result: Extraction, expected: Optional[str] = None) -> None:
    span = result.span("studievorm")
    if span is not None:
        left, right = clause_bounds(folded, span.start, span.end)
        clause = folded[left:right]
        studying = _STUDY_WORD.search(clause)
        if OTHER_PERSON.search(clause) or (
            not studying
            and (
                (span.value == "voltijd" and _WORK_HOURS.search(clause))
                # "sinds 2018 fulltime bij deze garage" answers another question: hours of work
                or (expected is not None and expected != "studievorm")
            )
        ):
            result.drop("studievorm")
        elif _UNDECIDED.search(folded[max(0, span.start - 60) : span.start]):
            result.drop("studievorm")  # "ik weet echt nog niet of het deeltijd wordt"
        elif _RATHER.search(folded) and not is_negated(folded, _RATHER.search(folded).start()):
            rather = _RATHER.search(folded)
            result.set("studievorm", rather.group(1), *rather.span(1))  # "liever deeltijd dan voltijd"
        elif (
            _BOTH_FORMS.search(folded)
            and _CONDITION.search(folded)
            and not re.search(r"\b(?:niet|geen|nooit)\b", folded)
        ):
            result.drop("studievorm")  # "als ik op school kan blijven deeltijd, anders misschien voltijd"
        elif expected != "studievorm" and _STUDIED_SO.match(folded, span.end):
            result.drop("studievorm")  # "de hbo-v in deeltijd gedaan": how a past study went, not a wish
    if "studievorm" not in result.facts:
        beside = _BESIDE_WORK.search(folded)
        if beside and not is_negated(folded, beside.start()) and not clause_asks(folded, *beside.span()):
            result.set("studievorm", "deeltijd", *beside.span())
    if "studievorm" not in result.facts and expected == "studievorm":
        quitting = _QUITTING_WORK.search(folded)
        if quitting and not is_negated(folded, quitting.start()) and not clause_asks(folded, *quitting.span()):
            result.set("studievorm", "voltijd", *quitting.span())
    if "studievorm" not in result.facts and (expected == "studievorm" or _STUDY_WORD.search(folded)):
        # "ik kan 2 avonden per week", "overdag kan ik naar school": when the person can study
        for pattern, value in _STUDY_TIMES:
            when = pattern.search(folded)
            clause = folded[slice(*clause_bounds(folded, *when.span()))] if when else ""
            if (
                when
                and not is_negated(folded, when.start())
                and not clause_asks(folded, *when.span())
                and not OTHER_PERSON.search(folded)
                and not (_WORK_HOURS.search(clause) and not _STUDY_WORD.search(clause))  # "ik werk 3 dagen per week"
            ):
                result.set("studievorm", value, *when.span())
                break


#: When a person can study, as the answer to "voltijd of deeltijd?" or beside a study.
_STUDY_TIMES = (
    (
        re.compile(
            r"\b(?:[1-3]|een|twee|drie|paar|enkele)\s+(?:dag|dagen|avond|avonden|ochtend|ochtenden|middag|middagen)\s+"
            r"(?:per|in\s+de|a)\s+week\b|\b(?:'?s\s*avonds|in\s+het\s+weekend|op\s+(?:maandag|dinsdag|woensdag|"
            r"donderdag|vrijdag|zaterdag)(?:en)?)\b"
        ),
        "deeltijd",
    ),
    (re.compile(r"\b(?:[45]|vier|vijf)\s+dagen\s+(?:per|in\s+de|a)\s+week\b|\boverdag\b"), "voltijd"),
)


#: Words that make a vague level ("niet zo goed", "beginner") about the person's Dutch.
LANGUAGE_WORD = re.compile(
    r"\b(?:[abc][12]|moedertaal|native|staatsexamen|inburger\w*|nederlands\w*|taal|spreek|spreken|praat|praten|schrijf|schrijven|lees|lezen|nt2|dutch)\b"
)


#: A level of the European framework written as such: "C1", "b2-niveau".
_CEFR = re.compile(r"[abc][12](?:[\s-]?niveau)?")


#: Words before a language level that is a goal, not a level reached.
_AIMED_LEVEL = re.compile(
    r"\b(?:cursus|les|lessen|examen|toets)\s+(?:voor|op|naar)\s+(?:niveau\s+)?$|\b(?:bezig\s+met|werk\s+aan|op\s+weg\s+naar|"
    r"wil|hoop|straks|probeer)\s+(?:\w+\s+){0,2}?(?:niveau\s+)?$|\bbijna\s+(?:niveau\s+)?$"
)

#: Words after a language level that is still a goal: "B2 ik ben nog bezig", "B2 doe ik nu".
_AIMED_AFTER = re.compile(
    r"^\W*(?:(?:ik\s+)?(?:ben|zit)\s+(?:ik\s+)?(?:nog\s+|nu\s+)*(?:mee\s+)?bezig|(?:haal|doe|volg)\s+ik\s+(?:nu|nog))\b"
)


#: "verder geen", "geen andere": none besides the qualification just named.
_NO_OTHER = re.compile(
    r"\b(?:verder|daarnaast|anders)\s+geen\b|\bgeen\s+(?:andere|verdere|echte|officiele|officiële)\b"
)


def _extract_simple(
    folded: str,
    result: Extraction,
    slot: str,
    vocab: str,
    skip_wanted: bool = False,
    about: Optional[re.Pattern[str]] = None,
) -> None:
    """The last value of ``vocab`` in the text. With ``about``, a match that is not itself
    about the topic counts only in a clause that is ("ik weet niet zo goed of ik leraar
    wil worden" says nothing about the person's Dutch)."""
    found = None
    for start, end, text, value in matcher(vocab).finditer(folded):
        if (
            value in _OPPOSITE
            and re.match(r"(?:vol|deel)tijd|full|part|(?:de\s+)?hele\s+week", text)
            and re.search(r"(?<!weet )\b(?:geen|niet)\s+$", folded[max(0, start - 10) : start])
        ):
            found = (start, end, _OPPOSITE[value])  # "nee, geen voltijd": the other form ("niet in de avond" is not)
            continue
        if is_negated(folded, start) or (skip_wanted and in_question(folded, start)):
            continue  # "hoe haal ik mijn eerstegraads?" states no qualification
        if slot == "studievorm" and clause_asks(folded, start, end):
            continue  # "kan ik de pabo in deeltijd doen?" asks, it does not choose
        if about is not None and not about.search(text):
            left, right = clause_bounds(folded, start, end)
            if not about.search(folded[left:right]):
                continue
        if slot == "studievorm" and value == "voltijd":
            left, right = clause_bounds(folded, start, end)
            if _WORK_HOURS.search(folded[left:right]) and not _STUDY_WORD.search(folded[left:right]):
                continue  # "deeltijd, ik werk fulltime": hours of work, no study form
        if value in _OPPOSITE and _RULED_OUT.search(folded[end : end + 40]):
            found = (start, end, _OPPOSITE[value])
            continue
        if skip_wanted:
            left, right = clause_bounds(folded, start, end)
            if (
                _WANT.search(folded[left:right])
                or _TALKED_ABOUT.search(folded[left:start])
                or _AIM.search(folded[max(0, start - 25) : start])
                or re.match(r"\s+(?:\w+\s+){0,2}?nodig\b", folded[end : end + 30])
            ):
                continue
        if (
            slot == "nederlands_niveau"
            and found
            and _CEFR.fullmatch(folded[found[0] : found[1]])
            and re.search(r"\bnt2\b", text)
        ):
            continue  # "C1, en ik heb NT2 II": the level the person names, not the minimum of the exam
        if slot == "nederlands_niveau" and found and _AIMED_LEVEL.search(folded[max(0, start - 30) : start]):
            continue  # "B1 gehaald, nu een cursus voor B2": the level reached, not the one aimed at
        if slot == "nederlands_niveau" and found and _AIMED_AFTER.match(folded[end : end + 30]):
            continue  # "B1, ik heb inburgering gedaan. B2 ik ben nog bezig"
        if (
            slot == "huidige_bevoegdheid"
            and value == "geen"
            and found
            and _NO_OTHER.search(folded[max(0, start - 10) : end])
        ):
            continue  # "Ik heb het PDG. Verder geen bevoegdheid.": the PDG is the qualification
        found = (start, end, value)
    if found:
        result.set(slot, found[2], found[0], found[1])
