"""What the engine returns. Every item can say which facts and rules led to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from bot.advice.advice_profile import AdviceProfile
from bot.knowledge.catalog import Office, Route, Source


@dataclass(frozen=True)
class Note:
    """A sourced statement: an exemption, a cost note, a next step, a general remark."""

    id: str
    tekst: str
    bronnen: Tuple[Source, ...]
    zeker: bool = True
    regel: Optional[str] = None


@dataclass(frozen=True)
class RouteAdvice:
    route: Route
    score: int
    waarom: str
    regels: Tuple[str, ...]
    feiten: Tuple[str, ...]
    #: Conditions under which the route is open ("als de school je echt aanneemt").
    voorwaarden: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    """A route that would fit the wish but is closed, and what the person misses for it."""

    route: Route
    mist: Tuple[str, ...]
    regels: Tuple[str, ...]
    bronnen: Tuple[Source, ...]


@dataclass(frozen=True)
class Question:
    slot: str
    tekst: str
    regel: str


@dataclass(frozen=True)
class Advice:
    profiel: AdviceProfile
    routes: Tuple[RouteAdvice, ...]
    gaten: Tuple[Gap, ...]
    evc: Tuple[Note, ...]
    financiering: Tuple[Note, ...]
    stappen: Tuple[Note, ...]
    loket: Office
    vragen: Tuple[Question, ...]
    notities: Tuple[Note, ...]

    @property
    def route_ids(self) -> Tuple[str, ...]:
        return tuple(r.route.id for r in self.routes)

    def explain(self) -> str:
        """Why each route was suggested or closed: rules, facts and requirement checks."""
        lines = []
        for number, item in enumerate(self.routes, start=1):
            facts = ", ".join(f"{name}={getattr(self.profiel, name)!r}" for name in item.feiten)
            lines.append(
                f"{number}. {item.route.id} (score {item.score}; regels {', '.join(item.regels)}; feiten: {facts})"
            )
            lines.extend(f"   voorwaarde: {condition}" for condition in item.voorwaarden)
        for gap in self.gaten:
            lines.append(f"- niet: {gap.route.id} ({', '.join(gap.regels)}): mist {'; '.join(gap.mist)}")
        return "\n".join(lines)
