"""Signals that change the advice but are not asked for: age, doubt, income, free days, academic level."""

from __future__ import annotations

import re

from bot.profile.extract.result import Extraction
from bot.profile.extract.text import is_negated
from bot.profile.extract.work import _AGE
from bot.profile.numbers import parse_number

_TEACHING = (
    r"(?:lesgeven|les\s+geven|leraar|lerares|docent|juf|meester|onderwijs|voor\s+de\s+klas|dit\s+werk|dit\s+vak)"
)
_DOUBT = re.compile(
    r"\b(?:twijfel\w*|"
    # "ik weet (eerlijk gezegd) (nog) niet (eens) (zeker) of lesgeven iets voor mij is"
    r"weet\s+(?:\w+\s+){0,3}?niet\s+(?:\w+\s+){0,3}?of\s+(?:\w+\s+){0,3}?" + _TEACHING + r"|"
    r"of\s+(?:het\s+)?(?:lesgeven|les\s+geven|onderwijs|leraar\s+zijn|voor\s+de\s+klas\s+staan)\s+(?:\w+\s+){0,2}?"
    # "of het onderwijs iets voor mij zou zijn", "of lesgeven wel wat voor me is"
    r"(?:bij\s+(?:me|mij)\s+(?:past|zou\s+passen)|(?:iets|wat)\s+voor\s+(?:me|mij)\s+(?:is|zou\s+zijn|zal\s+zijn))|"
    r"of\s+ik\s+(?:wel\s+)?geschikt\s+ben|"
    # "ik weet echt niet of ik dat wel kan of leuk vind": "dat" is the teaching just named
    r"weet\s+(?:\w+\s+){0,2}?niet\s+of\s+ik\s+(?:dat|het)\s+(?:wel\s+)?(?:kan|leuk\s+vind|zie\s+zitten|aankan)\b(?!\s+(?!of\b|en\b)\w)|"
    # "ik weet niet of ik het kan met die pubers", "of ik geduld heb met pubers"
    r"(?:weet\s+(?:\w+\s+){0,2}?niet|twijfel\w*)\s+of\s+ik\s+(?:\w+\s+){0,3}?(?:kan|aankan|heb|red)\s+met\s+(?:die\s+|de\s+|al\s+die\s+)?"
    r"(?:pubers|kinderen|kids|klassen|klas|leerlingen|jongeren|jongelui|tieners)|nog\s+(?:aan\s+het\s+)?ori[eë]nte\w*|eerst\s+(?:eens\s+)?(?:kijken|"
    r"proberen|ori[eë]nteren|snuffelen)\s+of|niet\s+(?:eens\s+|helemaal\s+)?zeker\s+of\s+(?:\w+\s+){0,3}?"
    + _TEACHING
    + r")"
)
_INCOME = re.compile(
    r"\b(?:(?:moet|wil)\s+(?:wel\s+)?(?:blijven\s+)?(?:verdienen|geld\s+verdienen)|(?:inkomen|salaris)\s+(?:nodig|houden)|"
    r"(?:kan|kun)\s+(?:het\s+)?(?:me\s+|mij\s+)?niet\s+(?:veroorloven|permitteren)|kostwinner|"
    r"niet\s+zonder\s+(?:salaris|inkomen)|geen\s+geld\s+(?:voor|om)|betaald\s+(?:leren|werken|opleiden))"
)
_DAYS = re.compile(
    r"\b(?:maar\s+|slechts\s+|hooguit\s+|ongeveer\s+|zo'?n\s+)?(?P<n>\d|een|één|twee|drie|vier|vijf|anderhalve)\s+"
    r"dag(?:en)?\s+(?:per|in\s+de|p/?)\s*(?:week|wk)\b"
)

_ACADEMIC = re.compile(
    r"\b(?:(?:academisch|universitair|wo)[\s-]+niveau|academische\s+(?:pabo|lerarenopleiding)|"
    r"(?:aan|op|naar)\s+de\s+(?:universiteit|uni)\b(?!\s+(?:gedaan|gestudeerd|afgestudeerd|gehaald|gezeten)))"
)
# A wish in the same sentence, before the academic words: "ik wil graag op academisch niveau studeren".
_WISH = re.compile(r"\b(?:wil|wilde|zou|graag|liefst|liever|wens|droom|ambitie|zoek|zoeken)\b[^.!?\n]*$")


def extract_signals(folded: str, result: Extraction) -> None:
    for match in _AGE.finditer(folded):
        if re.match(r"\s*(?:jaar\s+)?geleden", folded[match.end() :]):
            continue
        group = next(g for g in ("n", "n2", "n3") if match.group(g))
        number = parse_number(match.group(group))
        if number is not None and 16 <= number <= 90:
            result.signal("leeftijd", number, *match.span(group))
    doubt = _DOUBT.search(folded)
    if doubt:
        result.signal("twijfelt", True, *doubt.span())
    income = _INCOME.search(folded)
    if income and not is_negated(folded, income.start()):
        result.signal("inkomen_nodig", True, *income.span())
    days = _DAYS.search(folded)
    if days:
        word = days.group("n")
        number = 1 if word == "anderhalve" else parse_number(word)
        if number is not None and 0 <= number <= 5:
            result.signal("dagen_beschikbaar", number, *days.span())
    academic = _ACADEMIC.search(folded)
    if (
        academic
        and _WISH.search(folded[max(0, academic.start() - 60) : academic.start()])
        and not is_negated(folded, academic.start())
    ):
        result.signal("academisch", True, *academic.span())
