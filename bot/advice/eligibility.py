"""Evaluates a route's structured entry requirements (kb_eis) against a profile.

Each requirement gives one of four outcomes:
  OK          the person meets it;
  CONDITIONAL the person meets it under a condition the bot states ("als de school ...");
  UNKNOWN     the profile lacks the fact; the bot asks for it;
  MISSING     the person does not meet it; the route is not suggested and the bot says
              what is missing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from bot.advice.advice_profile import BACHELOR, HBO_ENTRY, MBO_3_PLUS, VWO_PLUS, WO_BACHELOR, WO_MASTER, AdviceProfile
from bot.knowledge.catalog import Catalog, Requirement, Route


class Status(enum.IntEnum):
    OK = 0
    CONDITIONAL = 1
    UNKNOWN = 2
    MISSING = 3


@dataclass(frozen=True)
class Check:
    requirement: Requirement
    status: Status
    #: For CONDITIONAL: the condition in Dutch; for UNKNOWN: the question key.
    note: Optional[str] = None


@dataclass(frozen=True)
class Eligibility:
    route: Route
    checks: Tuple[Check, ...]

    @property
    def eligible(self) -> bool:
        return all(check.status != Status.MISSING for check in self.checks)

    @property
    def missing(self) -> List[Check]:
        return [c for c in self.checks if c.status == Status.MISSING]

    @property
    def conditions(self) -> List[str]:
        return [c.note for c in self.checks if c.status == Status.CONDITIONAL and c.note]

    @property
    def unknown(self) -> List[str]:
        return [c.note for c in self.checks if c.status == Status.UNKNOWN and c.note]


#: The values of a "niveau" requirement: the diplomas that meet it; and the one the school judges.
#: Together exactly the values bot/knowledge/conditions.py allows (python -m bot.advice.coverage).
LEVELS: Dict[str, frozenset] = {
    "bachelor": BACHELOR,
    "wo-bachelor": WO_BACHELOR,
    "wo-master": WO_MASTER,
    "mbo-3": MBO_3_PLUS,
    "vwo": VWO_PLUS,
    "hbo-toelaatbaar": HBO_ENTRY,
}
HBO_LEVEL = "hbo-niveau"

Evaluator = Callable[[Requirement, AdviceProfile, Catalog], Tuple[Status, Optional[str]]]


def _level(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    if p.vooropleiding is None:
        return Status.UNKNOWN, "vooropleiding"
    if req.waarde == HBO_LEVEL:
        if p.vooropleiding in BACHELOR:
            return _foreign(p)
        if p.vooropleiding in {"mbo-3", "mbo-4", "associate-degree"}:
            if p.werkervaring_jaren is None:
                return Status.UNKNOWN, "werkervaring_jaren"
            if p.werkervaring_jaren >= 3:
                return Status.CONDITIONAL, "als de school vindt dat je hbo-niveau hebt"
        return Status.MISSING, None
    allowed = LEVELS[req.waarde]
    if p.vooropleiding in allowed:
        return _foreign(p)
    if req.waarde == "hbo-toelaatbaar":
        if p.leeftijd is not None and p.leeftijd < 21:
            return Status.MISSING, None
        return Status.CONDITIONAL, "als je slaagt voor de 21+ toets"
    return Status.MISSING, None


def _foreign(p: AdviceProfile) -> Tuple[Status, Optional[str]]:
    if p.diploma_buitenland:
        return Status.CONDITIONAL, "als je buitenlandse diploma na waardering dit niveau heeft"
    return Status.OK, None


def _related(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    if req.waarde == "gedrag-en-maatschappij":
        if p.studierichting is None:
            return Status.UNKNOWN, "studierichting"
        if c.in_group("gedrag-en-maatschappij", p.studierichting):
            return Status.OK, None
        return Status.CONDITIONAL, "na een premaster (vraag dit na bij de universiteit)"
    if req.waarde == "beroep":
        relation = c.relation(p.studierichting, p.schoolvak) or c.relation(p.huidig_beroep, p.schoolvak)
        if relation in {"vak", "verwant"}:
            return Status.OK, None
        if p.werkervaring_jaren is not None and p.werkervaring_jaren >= 3:
            return Status.CONDITIONAL, "als je werkervaring in dit vakgebied ligt"
        if relation is None and p.werkervaring_jaren is None:
            return Status.UNKNOWN, "werkervaring_jaren"
        return Status.MISSING, None
    relation = c.relation(p.studierichting, p.schoolvak)
    if relation is None:
        return Status.UNKNOWN, "schoolvak" if p.schoolvak is None else "studierichting"
    if req.waarde == "verwant":
        if relation in {"vak", "verwant"}:
            return (
                (Status.OK, None)
                if relation == "vak"
                else (Status.CONDITIONAL, "als je opleiding in de verwantschapstabel bij het vak staat")
            )
        return Status.MISSING, None
    if req.waarde == "vak":
        if relation == "vak":
            return Status.OK, None
        if relation == "verwant":
            return Status.CONDITIONAL, "als de opleiding je bachelor als vakopleiding erkent"
        return Status.MISSING, None
    if req.waarde == "vak-ec":
        if relation == "vak":
            return Status.OK, None
        if relation == "verwant":
            return Status.CONDITIONAL, "als minstens 120 studiepunten van je opleiding over het vak gingen"
        return Status.MISSING, None
    raise ValueError(f"onbekende waarde voor verwant: {req.waarde}")


def _subject(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    if p.schoolvak is None:
        return Status.UNKNOWN, "schoolvak"
    return (Status.OK, None) if c.in_group(req.waarde, p.schoolvak) else (Status.MISSING, None)


def _job(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    if p.baan_op_school == "ja":
        return Status.OK, None
    if p.baan_op_school == "in-gesprek":
        return Status.CONDITIONAL, "als de school je echt aanneemt"
    if p.baan_op_school == "nee":
        return Status.MISSING, None
    return Status.UNKNOWN, "baan_op_school"


def _time(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    if p.dagen_beschikbaar is None or p.dagen_beschikbaar >= int(req.waarde):
        return Status.OK, None
    return Status.MISSING, None


def _study_mode(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    if p.studievorm is None or p.studievorm == req.waarde:
        return Status.OK, None
    return Status.MISSING, None


def _qualification(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    if p.huidige_bevoegdheid == req.waarde:
        return Status.OK, None
    if p.huidige_bevoegdheid is None and (req.waarde != "buitenlands" or p.diploma_buitenland):
        return Status.UNKNOWN, "huidige_bevoegdheid"
    return Status.MISSING, None


def _student(req: Requirement, p: AdviceProfile, c: Catalog) -> Tuple[Status, Optional[str]]:
    studying = p.huidig_beroep is not None and "student" in p.huidig_beroep
    return (Status.OK, None) if studying and not p.has_wo_bachelor else (Status.MISSING, None)


#: One evaluator per requirement kind of bot/knowledge/conditions.py (python -m bot.advice.coverage).
EVALUATORS: Dict[str, Evaluator] = {
    "niveau": _level,
    "verwant": _related,
    "vak": _subject,
    "baan": _job,
    "tijd": _time,
    "studievorm": _study_mode,
    "bevoegdheid": _qualification,
    "student": _student,
}

#: Requirement kinds whose failure the bot reports as "je mist ...". The others (a
#: preferred study mode, a subject group, being a student) only mean the route does not fit.
REPORTED = frozenset({"niveau", "verwant", "baan", "tijd", "bevoegdheid"})


def evaluate(route: Route, profile: AdviceProfile, catalog: Catalog) -> Eligibility:
    checks = []
    for requirement in route.eisen:
        status, note = EVALUATORS[requirement.soort](requirement, profile, catalog)
        checks.append(Check(requirement, status, note))
    return Eligibility(route, tuple(checks))
