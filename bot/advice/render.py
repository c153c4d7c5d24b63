"""The advice in plain Dutch (B1) and as the contract's ``route_suggestions`` payload."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from bot.advice.glossary import explain
from bot.advice.result import Advice, Gap, Note, RouteAdvice
from bot.knowledge.catalog import Route, Source

CHECK = "Vraag dit na bij de opleiding."

#: Follow-up buttons under the advice; the payload names the topic directly.
FOLLOW_UPS = (
    ("Waarom deze route?", "waarom"),
    ("Wat kost het?", "kosten"),
    ("Hoe lang duurt het?", "duur"),
    ("Opleidingen bij mij in de buurt", "buurt"),
)


def date_nl(source: Source) -> str:
    return source.geverifieerd.strftime("%d-%m-%Y")


def cite(sources: Sequence[Source]) -> str:
    """'Bron: URL (bijgewerkt: DD-MM-JJJJ)' for the first source."""
    if not sources:
        return ""
    return f"Bron: {sources[0].url} (bijgewerkt: {date_nl(sources[0])})"


def careful(text: str, zeker: bool) -> str:
    return text if zeker else f"{text} {CHECK}"


def route_source(route: Route) -> Optional[Source]:
    fact = route.feit("wat")
    return (fact.bron if fact else None) or route.bron


def short(route: Route, topic: str) -> str:
    fact = route.feit(topic)
    if fact is None:
        return "onbekend"
    return fact.kort or fact.tekst


def _conditions(item: RouteAdvice) -> str:
    if not item.voorwaarden:
        return ""
    return " Dit kan " + " en ".join(item.voorwaarden) + "."


def route_lines(number: int, item: RouteAdvice) -> List[str]:
    route = item.route
    sure = all(f.zeker for f in (route.feit("duur"), route.feit("kosten")) if f)
    source = route_source(route)
    lines = [
        f"{number}. {route.titel}",
        item.waarom + _conditions(item),
        careful(f"Duur: {short(route, 'duur')}. Kosten: {short(route, 'kosten')}.", sure),
    ]
    if source:
        lines.append(cite([source]))
    return lines


def gap_line(gap: Gap) -> str:
    return f"{gap.route.titel} kan nu nog niet. Daarvoor heb je nodig: {'; '.join(gap.mist)}."


def note_line(note: Note) -> str:
    return careful(note.tekst, note.zeker)


def short_answer(advice: Advice) -> str:
    """The best route and why, in a few sentences: what a chat shows first (``kort``)."""
    best = advice.routes[0]
    return f"Mijn advies: {best.route.titel}. {best.waarom}{_conditions(best)}".strip()


#: The last line of the advice and of every answer about it: a yes starts the handoff.
OFFER = "Wil je je advies met een medewerker bespreken? Zeg dan 'ja'."


def messages(advice: Advice, updated: bool = False) -> List[Dict[str, Any]]:
    """The advice as a few short chat messages (text, and buttons on the last one)."""
    first = ["Ik heb je advies aangepast. Dit is mijn nieuwe advies:" if updated else "Dit is mijn advies voor jou:"]
    for number, item in enumerate(advice.routes, start=1):
        first.append("")
        first.extend(route_lines(number, item))
    out: List[Dict[str, Any]] = [{"text": "\n".join(first)}]

    second: List[str] = []
    if advice.gaten:
        second.append("Wat nu nog niet kan:")
        second.extend(f"- {gap_line(gap)}" for gap in advice.gaten)
    for note in advice.notities:
        second.append(note_line(note))
    if advice.evc:
        second.append("Wat je al kunt, telt mee:")
        second.extend(f"- {note_line(note)}" for note in advice.evc)
    if advice.financiering:
        second.append("Over geld:")
        second.extend(f"- {note_line(note)}" for note in advice.financiering[:3])
    if second:
        out.append({"text": "\n".join(second)})

    third: List[str] = []
    if advice.stappen:
        third.append("Je volgende stappen:")
        third.extend(f"{n}. {note_line(note)}" for n, note in enumerate(advice.stappen, start=1))
    office = advice.loket
    third.append(
        f"Hulp bij jou in de regio: {office.naam}, {office.url}."
        + (
            ""
            if office.zeker and office.landelijk
            else " Je kunt ook altijd terecht bij het Onderwijsloket: https://www.onderwijsloket.com."
        )
    )
    if advice.vragen:
        third.append("Mijn advies wordt nog beter als je me dit vertelt:")
        third.extend(f"- {q.tekst}" for q in advice.vragen)
    third.append("Vraag me gerust meer, bijvoorbeeld: 'waarom?', 'wat kost dat?' of 'kan het in deeltijd?'.")
    third.append(OFFER)
    out.append({"text": "\n".join(third), "buttons": follow_up_buttons()})
    seen: set = set()  # each term explained once in the whole advice
    return [{**message, "text": explain(message["text"], seen)} for message in out]


def follow_up_buttons() -> List[Dict[str, str]]:
    buttons = [
        {"title": title, "payload": f'/advies_vraag{{"advies_onderwerp":"{topic}"}}'} for title, topic in FOLLOW_UPS
    ]
    buttons.append({"title": "Praat met een medewerker", "payload": "/human_handoff"})
    return buttons


def _sourced(note: Note, seen: Optional[set] = None) -> Dict[str, Any]:
    source = note.bronnen[0] if note.bronnen else None
    return {
        "tekst": explain(note.tekst, seen),
        "zeker": note.zeker,
        "bron": source.url if source else None,
        "bijgewerkt": source.geverifieerd.isoformat() if source else None,
    }


def payload(advice: Advice) -> Dict[str, Any]:
    """The ``route_suggestions`` custom payload (docs/contract.md), best route first. Jargon
    is explained once, at its first use in the order a chat shows the parts."""
    seen: set = set()
    routes = []
    for item in advice.routes:
        route = item.route
        source = route_source(route)
        routes.append(
            {
                "id": route.id,
                "titel": route.titel,
                "waarom": explain(item.waarom + _conditions(item), seen),
                "duur": short(route, "duur"),
                "kosten": short(route, "kosten"),
                "bron": source.url if source else None,
                "bijgewerkt": source.geverifieerd.isoformat() if source else None,
                "zeker": all(f.zeker for f in (route.feit("duur"), route.feit("kosten")) if f),
                "regels": list(item.regels),
            }
        )
    return {
        "type": "route_suggestions",
        "kort": f"Mijn advies: {routes[0]['titel']}. {routes[0]['waarom']}".strip(),
        "routes": routes,
        "evc": [_sourced(n, seen) for n in advice.evc],
        "volgende_stappen": [_sourced(n, seen) for n in advice.stappen],
        "loket": {"naam": advice.loket.naam, "url": advice.loket.url},
        "niet_mogelijk": [
            {
                "id": g.route.id,
                "titel": g.route.titel,
                "mist": list(g.mist),
                "bron": g.bronnen[0].url if g.bronnen else None,
            }
            for g in advice.gaten
        ],
        "financiering": [_sourced(n, seen) for n in advice.financiering],
        "vragen": [q.tekst for q in advice.vragen],
        "opmerkingen": [_sourced(n, seen) for n in advice.notities],
    }
