"""Answers to questions about the advice just given ("waarom?", "wat kost dat?", ...).

``topic_of`` and ``route_of`` read the question; ``answer`` builds the reply from the
knowledge base for the route under discussion. Uncertain facts end with "vraag dit na bij
de opleiding"; every answer names its source.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from bot.advice.advice_profile import AdviceProfile
from bot.advice.eligibility import REPORTED, evaluate
from bot.advice.engine import advise
from bot.advice.render import careful, cite, date_nl, note_line
from bot.advice.result import Advice
from bot.advice.rules import EMPLOYED
from bot.knowledge import geo
from bot.knowledge.catalog import Catalog, Route
from bot.profile import values

TOPICS = ("waarom", "kosten", "duur", "deeltijd", "buurt", "zonder_baan", "bron", "stappen", "vrijstellingen", "meer")

#: First match wins, so the more specific patterns come first.
_TOPIC_PATTERNS: Sequence[Tuple[str, str]] = (
    (
        "zonder_baan",
        r"\b(geen|zonder)\s+(baan|school|werkgever|aanstelling|vaste baan)|niet aangenomen|vind ik geen school|geen school vind",
    ),
    ("bron", r"\bbron|\blink|waar staat|waar heb je dat|website|\burl\b|waar lees ik|officieel"),
    (
        "vrijstellingen",
        r"vrijstelling|\bevc\b|ervaring (mee|telt)|telt mijn (ervaring|werk)|korter door|studiepunten minder",
    ),
    (
        "buurt",
        r"\bbuurt|\bregio|dichtbij|bij mij|in de omgeving|welke (hoge)?school|welke universiteit|welke opleidingen|waar kan ik|in mijn (stad|provincie|woonplaats)|aanbieders?",
    ),
    ("deeltijd", r"deeltijd|naast (mijn |m'n |het )?(werk|baan)|voltijd|parttime|part-time|'s avonds|avondopleiding"),
    ("duur", r"\bduurt|hoe lang|hoeveel (tijd|uur|jaar|maanden)|per week|studielast|lang bezig|tijdsinvestering"),
    ("kosten", r"\bkost|kosten|betaal|betaalt|\bprijs|\bgeld\b|collegegeld|\bduur\b|subsidie|financier|salaris"),
    ("stappen", r"eerste stap|volgende stap|nu doen|begin ik|beginnen|\bstarten|aanmelden|inschrijven|wat moet ik"),
    ("waarom", r"\bwaarom|hoe kom je|\breden|waardoor|waarop baseer"),
)

_ORDINALS = {"eerste": 0, "1": 0, "een": 0, "tweede": 1, "2": 1, "twee": 1, "derde": 2, "3": 2, "drie": 2}


def topic_of(text: str) -> str:
    lowered = (text or "").lower()
    for topic, pattern in _TOPIC_PATTERNS:
        if re.search(pattern, lowered):
            return topic
    return "meer"


def route_of(text: str, advice_ids: Sequence[str], catalog: Catalog) -> Optional[str]:
    """The route the question is about: a position ("de tweede optie") or a route name."""
    lowered = (text or "").lower()
    match = re.search(r"\b(optie|nummer|route|keuze)\s+(\d|een|twee|drie)\b", lowered) or re.search(
        r"\b(de|die)\s+(eerste|tweede|derde)\b", lowered
    )
    if match:
        index = _ORDINALS.get(match.group(2))
        if index is not None and index < len(advice_ids):
            return advice_ids[index]
    if re.search(r"\b(de|die)\s+laatste\b", lowered) and advice_ids:
        return advice_ids[-1]
    best: Optional[Tuple[int, str]] = None
    for route in catalog.routes.values():
        for name in (route.titel.lower(), route.id, *route.namen):
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", lowered):
                if best is None or len(name) > best[0]:
                    best = (len(name), route.id)
    return best[1] if best else None


def historic_of(text: str, catalog: Catalog) -> Optional[Route]:
    """A scheme that no longer exists, when the question names one ("en Eerst de Klas?")."""
    lowered = (text or "").lower()
    for route in catalog.historic.values():
        if route.titel.lower() in lowered or route.id.replace("-", " ") in lowered:
            return route
    return None


def historic_answer(route: Route) -> List[str]:
    return [_join([route.tekst or f"{route.titel} bestaat niet meer.", cite(route.bronnen)])]


def answer(topic: str, route_id: str, profile: AdviceProfile, advice: Advice, catalog: Catalog) -> List[str]:
    """The reply, as one or more short messages."""
    route = catalog.route(route_id)
    handler = {
        "waarom": _why,
        "kosten": _costs,
        "duur": _duration,
        "deeltijd": _part_time,
        "buurt": _nearby,
        "zonder_baan": _without_job,
        "bron": _sources,
        "stappen": _steps,
        "vrijstellingen": _exemptions,
    }.get(topic, _more)
    return handler(route, profile, advice, catalog)


def _fact(route: Route, topic: str) -> List[str]:
    fact = route.feit(topic)
    if fact is None:
        return ["Dat weet ik niet van deze route. Vraag het na bij de opleiding of het Onderwijsloket."]
    return [careful(fact.tekst, fact.zeker), cite(fact.bronnen)]


def _why(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    item = next((r for r in advice.routes if r.route.id == route.id), None)
    if item is not None:
        lines = [f"Waarom {route.titel}? {item.waarom}"]
        if item.voorwaarden:
            lines.append("Let op: dit kan " + " en ".join(item.voorwaarden) + ".")
        facts = [_fact_phrase(name, getattr(p, name)) for name in item.feiten if getattr(p, name) is not None]
        if facts:
            lines.append("Ik keek naar: " + ", ".join(f for f in facts if f) + ".")
        lines.append(cite(route.bronnen))
        return [_join(lines)]
    if not route.sectoren & p.sectors:
        names = values.SECTOR_NAAM
        return [
            _join(
                [
                    f"{route.titel} is voor het {' en '.join(names[s] for s in sorted(route.sectoren))}. "
                    f"Jij wilt lesgeven in het {names.get(p.sector or '', 'onderwijs')}.",
                    cite(route.bronnen),
                ]
            )
        ]
    eligibility = evaluate(route, p, c)
    missing = [x for x in eligibility.missing if x.requirement.soort in REPORTED]
    if missing:
        return [
            _join(
                [
                    f"{route.titel} past nu niet bij je. Daarvoor heb je nodig: "
                    + "; ".join(x.requirement.tekst for x in missing)
                    + ".",
                    cite(missing[0].requirement.bronnen),
                ]
            )
        ]
    if not eligibility.eligible:
        return [
            _join(
                [
                    f"{route.titel} past minder goed bij wat je vertelde, bijvoorbeeld omdat het "
                    + ("een voltijdopleiding is." if not route.deeltijd else "niet bij je vak of sector past."),
                    cite(route.bronnen),
                ]
            )
        ]
    return [
        _join(
            [
                f"{route.titel} kan ook. De routes in mijn advies passen alleen beter bij wat je vertelde.",
                careful(route.feit("wat").tekst, route.feit("wat").zeker) if route.feit("wat") else "",
                cite(route.bronnen),
            ]
        )
    ]


_FACT_NAMES = {
    "vooropleiding": "je diploma ({})",
    "studierichting": "je opleiding ({})",
    "schoolvak": "het vak ({})",
    "baan_op_school": "je baan op school ({})",
    "studievorm": "hoe je wilt studeren ({})",
    "sector": "het onderwijs dat je kiest ({})",
    "werkervaring_jaren": "je werkervaring ({} jaar)",
    "huidige_bevoegdheid": "je bevoegdheid ({})",
    "huidig_beroep": "je werk ({})",
    "twijfelt": "je twijfel",
    "academisch": "je wens om op academisch niveau te studeren",
}


def _fact_phrase(name: str, value) -> str:
    template = _FACT_NAMES.get(name)
    return template.format(value) if template else ""


def _costs(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    lines = _fact(route, "kosten")
    funding = [f for f in route.financiering]
    shown = {n.id for n in advice.financiering}
    extra = [note_line(n) for n in advice.financiering if n.id in {f.id for f in funding} or n.regel == "R9"]
    if not extra and funding:
        extra = [careful(f.tekst, f.zeker) for f in funding if f.voor == "iedereen" and f.id not in shown][:2]
    return [_join(lines + extra)]


def _duration(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    return [_join(_fact(route, "duur") + _fact(route, "studielast")[:1])]


def _part_time(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    lines = _fact(route, "deeltijd")
    if not route.deeltijd:
        alternative = advise(replace(p, studievorm="deeltijd"), c).routes[0].route
        if alternative.id != route.id:
            lines.append(f"Wil je naast je werk studeren? Dan past {alternative.titel} beter.")
    return [_join(lines)]


def _nearby(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    offered_anywhere = [i for i in c.institutions if route.id in i.routes]
    if not offered_anywhere:
        return [_join([f"{route.titel} volg je niet bij één school in de buurt.", *_fact(route, "wat")])]
    if not p.provincie:
        return [
            "In welke provincie woon je? Typ bijvoorbeeld: 'ik woon in Utrecht'. Dan zoek ik opleidingen bij jou "
            "in de buurt."
        ]
    province = p.provincie.replace("-", " ").title().replace(" ", "-")
    origin = geo.point_of(p.provincie)
    here = geo.by_distance(c.institutions_for(p.provincie, route.id), origin, lambda i: i.plaats)
    elsewhere = geo.by_distance([i for i in offered_anywhere if i.provincie != p.provincie], origin, lambda i: i.plaats)
    if here:
        lines = [f"Hier kun je {route.titel} volgen in {province}:"]
        lines += [f"- {i.naam} ({i.plaats}): {i.url}" for i in here[:5]]
        if len(here) < 3 and elsewhere:
            lines.append(f"Dichtbij, net buiten {province}:")
            lines += [f"- {i.naam} ({i.plaats}): {i.url}" for i in elsewhere[: 3 - len(here)]]
    else:
        lines = [f"Ik ken in {province} geen opleiding voor {route.titel}. Het dichtst bij {province}:"]
        lines += [f"- {i.naam} ({i.plaats}): {i.url}" for i in elsewhere[:3]]
    lines.append("Welke trajecten een school aanbiedt, verandert per jaar. Kijk op hun site of ze dit nu aanbieden.")
    lines.append(f"Hulp bij jou in de regio: {advice.loket.naam}, {advice.loket.url}.")
    return [_join(lines)]


def _without_job(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    lines = _fact(route, "zonder_baan")
    if route.id in EMPLOYED:
        alternative = advise(replace(p, baan_op_school="nee"), c)
        best = alternative.routes[0]
        if best.route.id != route.id:
            lines.append(f"Zonder baan past dit het best: {best.route.titel}. {best.waarom}")
    return [_join(lines)]


def _sources(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    seen = {}
    for fact in route.feiten.values():
        for source in fact.bronnen:
            seen.setdefault(source.id, source)
    for source in route.bronnen:
        seen.setdefault(source.id, source)
    lines = [f"Bronnen over {route.titel}:"]
    lines += [f"- {s.titel}: {s.url} (bijgewerkt: {date_nl(s)})" for s in list(seen.values())[:5]]
    return [_join(lines)]


def _steps(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    notes = list(advice.stappen) if advice.routes and advice.routes[0].route.id == route.id else list(route.stappen)
    if not notes:
        return [f"Voor {route.titel} is de eerste stap: neem contact op met de opleiding of het Onderwijsloket."]
    lines = [f"Zo begin je met {route.titel}:"]
    lines += [f"{n}. {careful(s.tekst, s.zeker)}" for n, s in enumerate(notes[:4], start=1)]
    return [_join(lines)]


def _exemptions(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    own = [e for e in route.vrijstellingen] + list(c.general_exemptions)
    applying = [n for n in advice.evc if n.id in {e.id for e in own}]
    if not applying:
        applying_text = [careful(e.tekst, e.zeker) for e in route.vrijstellingen]
    else:
        applying_text = [note_line(n) for n in applying]
    if not applying_text:
        return [
            _join(
                [
                    f"Voor {route.titel} ken ik geen vaste vrijstellingen. De examencommissie van de opleiding "
                    "beslist daarover. Vraag dit na bij de opleiding.",
                    cite(c.general_exemptions[0].bronnen) if c.general_exemptions else "",
                ]
            )
        ]
    sources = [s for e in own for s in e.bronnen]
    return [
        _join(
            [f"Vrijstellingen bij {route.titel}:"]
            + [f"- {t}" for t in applying_text]
            + ["De examencommissie van de opleiding beslist.", cite(sources)]
        )
    ]


def _more(route: Route, p: AdviceProfile, advice: Advice, c: Catalog) -> List[str]:
    lines = [route.titel + ":"] + _fact(route, "wat")[:1]
    duur, kosten = route.feit("duur"), route.feit("kosten")
    if duur:
        lines.append(careful("Duur: " + duur.tekst, duur.zeker))
    if kosten:
        lines.append(careful("Kosten: " + kosten.tekst, kosten.zeker))
    lines.append(cite(route.bronnen))
    return [_join(lines)]


def _join(lines: Sequence[str]) -> str:
    return "\n".join(line for line in lines if line)
