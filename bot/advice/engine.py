"""advise(profile, catalog) -> Advice: the rules propose, the entry requirements decide."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Optional, Tuple

from bot.advice.advice_profile import BACHELOR, DUTCH_ENOUGH, HBO_ENTRY, AdviceProfile
from bot.advice.eligibility import REPORTED, Eligibility, evaluate
from bot.advice.result import Advice, Gap, Note, Question, RouteAdvice
from bot.advice.rules import EMPLOYED, Candidate, propose
from bot.knowledge.catalog import Catalog, Route

MAX_ROUTES = 3
#: An alternative scored this low fits too badly to suggest (e.g. trainee posts for someone
#: with Dutch at B1 and no school); the first route is always shown.
MIN_ALTERNATIVE = 40
MAX_GAPS = 2
MAX_QUESTIONS = 3

#: Steps and funding the engine adds by itself, not through a route; the content must have
#: them (python -m bot.advice.coverage).
DIPLOMA_STEP, HYBRID_STEP, NT2_STEP, SCHOOL_STEP = "diplomawaardering", "hybride-docent", "nt2", "school-zoeken"
OWN_STEPS = (DIPLOMA_STEP, HYBRID_STEP, NT2_STEP, SCHOOL_STEP)
TEACHER_FUNDING = ("subsidie-tweede-lerarenopleiding", "lerarenbeurs")
HALF_FEES = "halvering-collegegeld"
OWN_FUNDING = TEACHER_FUNDING + (HALF_FEES,)

QUESTIONS: Dict[str, Tuple[str, str]] = {
    "sector": ("In welk onderwijs wil je lesgeven: basisschool, middelbare school of mbo?", "R2"),
    "vooropleiding": ("Wat is je hoogste diploma?", "R3"),
    "baan_op_school": ("Heb je al een baan of een aanbod van een school? Dan kan zij-instroom.", "R5"),
    "schoolvak": ("Welk vak wil je geven?", "R6"),
    "studierichting": ("Wat heb je precies gestudeerd? Dan kijk ik of het bij het vak past.", "R6"),
    "werkervaring_jaren": ("Hoeveel jaar ervaring heb je in je vak?", "R4"),
    "huidige_bevoegdheid": ("Ben je in het buitenland al leraar geworden?", "R10"),
    "studievorm": ("Kun je voltijd studeren, of wil je het naast je werk doen?", "R11"),
    "dagen_beschikbaar": (
        "Hoeveel dagen per week heb je voor lesgeven en studie? Zij-instroom kost 3 à 4 dagen.",
        "R11",
    ),
    "vakinhoud": (
        "Hoeveel studiepunten van je opleiding gingen over het vak? Voor de universitaire "
        "lerarenopleiding heb je er minstens 120 nodig.",
        "R8",
    ),
    "nederlands_niveau": ("Hoe goed spreek en schrijf je Nederlands?", "R10"),
}


def advise(profile: AdviceProfile, catalog: Catalog) -> Advice:
    candidates = _merge(propose(profile, catalog))
    ranked = sorted(candidates.values(), key=lambda x: (-x.score, catalog.route(x.route_id).volgorde))
    chosen: List[RouteAdvice] = []
    gaps: List[Gap] = []
    unknown: List[str] = []
    for candidate in ranked:
        route = catalog.route(candidate.route_id)
        if route.historisch:  # never suggested, whatever a rule says
            continue
        eligibility = evaluate(route, profile, catalog)
        if eligibility.eligible:
            if len(chosen) < MAX_ROUTES and candidate.reason and (not chosen or candidate.score >= MIN_ALTERNATIVE):
                chosen.append(
                    RouteAdvice(
                        route,
                        candidate.score,
                        candidate.reason,
                        candidate.rules,
                        candidate.facts,
                        tuple(eligibility.conditions),
                    )
                )
                unknown += eligibility.unknown
                unknown += ["vakinhoud" for c in eligibility.conditions if "studiepunten" in c]
        else:
            gap = _gap(eligibility, candidate)
            if gap and len(gaps) < MAX_GAPS and not _same_gap(gaps, gap):
                gaps.append(gap)
    if not chosen:
        route = catalog.route("orientatie")
        chosen.append(
            RouteAdvice(
                route,
                0,
                "Er is nu geen opleiding die meteen bij je past. Een adviseur van het "
                "Onderwijsloket kijkt graag met je mee. Loop ook eens mee op een school.",
                ("R1",),
                (),
            )
        )
    top = chosen[0].route
    return Advice(
        profiel=profile,
        routes=tuple(chosen),
        gaten=tuple(gaps),
        evc=tuple(_exemptions(profile, catalog, [r.route for r in chosen])),
        financiering=tuple(_funding(profile, catalog, [r.route for r in chosen])),
        stappen=tuple(_steps(profile, catalog, top, chosen)),
        loket=catalog.office_for(profile.provincie),
        vragen=tuple(_questions(profile, unknown, chosen)),
        notities=tuple(_notes(profile, catalog)),
    )


def _merge(candidates: Iterable[Candidate]) -> Dict[str, Candidate]:
    """One candidate per route: the highest score wins; rules and facts are combined."""
    merged: Dict[str, Candidate] = {}
    for x in candidates:
        old = merged.get(x.route_id)
        if old is None:
            merged[x.route_id] = x
            continue
        best, other = (x, old) if (x.score, bool(x.reason)) > (old.score, bool(old.reason)) else (old, x)
        merged[x.route_id] = Candidate(
            best.route_id,
            best.score,
            best.reason or other.reason,
            tuple(dict.fromkeys(best.rules + other.rules)),
            tuple(dict.fromkeys(best.facts + other.facts)),
        )
    return merged


def _gap(eligibility: Eligibility, candidate: Candidate) -> Optional[Gap]:
    reported = [c for c in eligibility.missing if c.requirement.soort in REPORTED]
    if not reported or len(reported) != len(eligibility.missing):
        return None  # closed for a reason that is not a shortcoming (study mode, subject group)
    sources = tuple(dict.fromkeys(s for c in reported for s in c.requirement.bronnen))
    return Gap(eligibility.route, tuple(c.requirement.tekst for c in reported), candidate.rules, sources)


def _same_gap(gaps: List[Gap], gap: Gap) -> bool:
    return any(g.mist == gap.mist for g in gaps)


Condition = Callable[[AdviceProfile, Catalog], bool]


def _related(p: AdviceProfile, c: Catalog) -> bool:
    return c.relation(p.studierichting, p.schoolvak) in {"vak", "verwant"}


#: For whom a step, a funding item or an exemption is: exactly the names of
#: bot/knowledge/conditions.py (STEP_FOR, FUNDING_FOR, EXEMPTION_FOR; python -m bot.advice.coverage).
CONDITIONS: Dict[str, Condition] = {
    "iedereen": lambda p, c: True,
    "bachelor": lambda p, c: p.has_bachelor,
    "werkervaring": lambda p, c: (p.werkervaring_jaren or 0) >= 2,
    "onderwijsassistent": lambda p, c: p.mentions("onderwijsassistent"),
    "verwante-bachelor": lambda p, c: p.has_bachelor and _related(p, c),
    "verwant-diploma": _related,
    "pdg": lambda p, c: p.huidige_bevoegdheid == "pdg",
    "pabo-diploma": lambda p, c: p.huidige_bevoegdheid == "po" or p.mentions("pabo"),
    "educatieve-module": lambda p, c: False,
    "zonder-baan": lambda p, c: p.baan_op_school != "ja",
    "zonder-hbo-toelating": lambda p, c: p.vooropleiding is not None and p.vooropleiding not in HBO_ENTRY,
    "pabo-toetsen": lambda p, c: p.vooropleiding is not None and p.vooropleiding not in BACHELOR | {"vwo"},
    "buitenlands-diploma": lambda p, c: bool(p.diploma_buitenland),
    "nt2": lambda p, c: bool(p.diploma_buitenland) and p.nederlands_niveau not in DUTCH_ENOUGH,
    "weinig-tijd": lambda p, c: p.little_time,
    "onderwijs-zorg-diploma": lambda p, c: (
        c.in_group("onderwijs-zorg", p.studierichting)
        or p.huidige_bevoegdheid in {"po", "tweedegraads", "eerstegraads"}
    ),
    "eerste-studie": lambda p, c: (
        p.vooropleiding is not None and p.vooropleiding not in BACHELOR | {"associate-degree"}
    ),
    "leraar": lambda p, c: p.is_teacher,
    "tot-57": lambda p, c: p.leeftijd is None or p.leeftijd < 57,
}


def _applies(condition: str, p: AdviceProfile, c: Catalog, routes: List[Route]) -> bool:
    return CONDITIONS[condition](p, c)


def _note(item, regel: Optional[str] = None) -> Note:
    return Note(item.id, item.tekst, item.bronnen, item.zeker, regel)


def _exemptions(p: AdviceProfile, c: Catalog, routes: List[Route]) -> List[Note]:
    found = [e for r in routes for e in r.vrijstellingen] + list(c.general_exemptions)
    return list({e.id: _note(e) for e in found if _applies(e.voorwaarde, p, c, routes)}.values())[:3]


def _funding(p: AdviceProfile, c: Catalog, routes: List[Route]) -> List[Note]:
    items = [f for r in routes for f in r.financiering]
    if p.is_teacher:
        items += [c.funding[funding_id] for funding_id in TEACHER_FUNDING]
    if _applies("eerste-studie", p, c, routes) and any(r.id.startswith(("pabo", "tweedegraads")) for r in routes):
        items.append(c.funding[HALF_FEES])
    notes = {f.id: _note(f, "R9" if f.voor == "leraar" else "R12") for f in items if _applies(f.voor, p, c, routes)}
    return list(notes.values())[:4]


def _steps(p: AdviceProfile, c: Catalog, top: Route, chosen: List[RouteAdvice]) -> List[Note]:
    steps: List[Note] = []
    if p.diploma_buitenland and top.id != "duo-erkenning-buitenland":
        steps.append(_note(c.steps[DIPLOMA_STEP], "R10"))
    if p.little_time:
        steps.append(_note(c.steps[HYBRID_STEP], "R11"))
    for step in top.stappen:
        if _applies(step.voor, p, c, [top]):
            steps.append(_note(step, "R14" if step.id == SCHOOL_STEP else None))
    if p.diploma_buitenland and _applies("nt2", p, c, [top]) and NT2_STEP not in {s.id for s in steps}:
        steps.append(_note(c.steps[NT2_STEP], "R10"))
    if top.id in EMPLOYED and p.baan_op_school != "ja" and SCHOOL_STEP not in {s.id for s in steps}:
        steps.insert(0, _note(c.steps[SCHOOL_STEP], "R14"))
    unique = list({s.id: s for s in steps}.values())
    return unique[:4]


def _questions(p: AdviceProfile, unknown: List[str], chosen: List[RouteAdvice]) -> List[Question]:
    wanted: List[str] = []
    if p.undecided:
        wanted.append("sector")
    wanted += unknown
    if p.vooropleiding is None:
        wanted.append("vooropleiding")
    if any(r.route.id in EMPLOYED for r in chosen) and p.dagen_beschikbaar is None and p.baan_op_school != "ja":
        wanted.append("dagen_beschikbaar")
    if p.studievorm is None and any(r.route.voltijd != r.route.deeltijd and r.route.id not in EMPLOYED for r in chosen):
        wanted.append("studievorm")
    if p.diploma_buitenland and p.nederlands_niveau is None:
        wanted.append("nederlands_niveau")
    questions = []
    for slot in dict.fromkeys(wanted):
        if slot in QUESTIONS and (slot == "vakinhoud" or getattr(p, slot, None) in (None, "onbekend")):
            text, rule = QUESTIONS[slot]
            questions.append(Question(slot, text, rule))
    return questions[:MAX_QUESTIONS]


def _notes(p: AdviceProfile, c: Catalog) -> List[Note]:
    notes: List[Note] = []
    if p.huidige_bevoegdheid == "po" and p.sector in {"po", "so"}:
        notes.append(
            Note(
                "al-bevoegd-po",
                "Je bent al bevoegd voor het basisonderwijs. Je hebt geen nieuwe opleiding nodig om daar les te geven.",
                (c.sources["ol-bevoegdheden"],),
                True,
                "R9",
            )
        )
    if p.huidige_bevoegdheid == "eerstegraads" and p.sector in {"vo", "mbo"}:
        notes.append(
            Note(
                "al-bevoegd-1e",
                "Je bent al eerstegraads bevoegd. Voor een tweede vak kun je als "
                "zij-instromer of via de universitaire lerarenopleiding een extra bevoegdheid halen.",
                (c.sources["ol-bevoegdheden"],),
                True,
                "R9",
            )
        )
    if p.huidige_bevoegdheid == "pdg" and p.sector == "mbo":
        notes.append(
            Note("al-bevoegd-pdg", "Met je PDG mag je al lesgeven in het mbo.", (c.sources["mboraad-pdg"],), True, "R9")
        )
    if p.schoolvak in c.shortage:
        grade, sources = c.shortage[p.schoolvak]
        text = (
            "is een tekortvak: scholen zoeken veel leraren."
            if grade == "groot"
            else "is een vak waar scholen ook leraren voor zoeken."
        )
        notes.append(Note("tekortvak", f"{p.schoolvak.replace('-', ' ').capitalize()} {text}", sources, True, "R13"))
    if p.inkomen_nodig:
        notes.append(
            Note(
                "inkomen",
                "Je wilt blijven verdienen. Bij zij-instroom krijg je salaris van de school en "
                "betaalt de school je opleiding.",
                (c.sources["ro-zij-instromer"],),
                True,
                "R12",
            )
        )
    if p.little_time:
        notes.append(
            Note(
                "weinig-tijd",
                "Zij-instroom kost 3 à 4 dagen per week. Met minder tijd kies je een "
                "opleiding in deeltijd en geef je misschien alvast een paar uur les.",
                (c.sources["hybride-docent"],),
                False,
                "R11",
            )
        )
    if p.diploma_buitenland and p.huidige_bevoegdheid != "buitenlands" and p.sector in {"po", "so"}:
        notes.append(
            Note(
                "buiten-eu-po",
                "Komt je diploma van buiten de EU? Dan vraagt het basisonderwijs extra bewijs van je Nederlands.",
                (c.sources["ro-buitenlandse-opleiding"],),
                False,
                "R10",
            )
        )
    return notes
