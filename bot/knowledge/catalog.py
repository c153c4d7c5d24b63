"""The knowledge base as read by the advice engine: typed, immutable, in memory.

``read_catalog`` reads every table once; ``KnowledgeBase`` keeps the catalog of a database
and re-reads it only when the content hash in ``kb_meta`` changed (one small query).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.knowledge import tables as kb
from bot.knowledge.load import content_hash
from bot.profile.vocab import fold, vocational_profile


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    titel: str
    geverifieerd: dt.date


@dataclass(frozen=True)
class Sourced:
    """Something the bot can state, with the sources that back it."""

    bronnen: Tuple[Source, ...]
    zeker: bool

    @property
    def bron(self) -> Optional[Source]:
        return self.bronnen[0] if self.bronnen else None


@dataclass(frozen=True)
class Fact(Sourced):
    id: str = ""
    onderwerp: str = ""
    tekst: str = ""
    kort: Optional[str] = None


@dataclass(frozen=True)
class Requirement(Sourced):
    id: str = ""
    soort: str = ""
    waarde: str = ""
    tekst: str = ""


@dataclass(frozen=True)
class Step(Sourced):
    id: str = ""
    naam: str = ""
    tekst: str = ""
    voor: str = ""


@dataclass(frozen=True)
class Funding(Sourced):
    id: str = ""
    naam: str = ""
    tekst: str = ""
    voor: str = ""


@dataclass(frozen=True)
class Exemption(Sourced):
    id: str = ""
    route_id: Optional[str] = None
    voorwaarde: str = ""
    tekst: str = ""
    ec: Optional[int] = None


@dataclass(frozen=True)
class Route(Sourced):
    id: str = ""
    titel: str = ""
    baan: str = "nee"
    voltijd: bool = False
    deeltijd: bool = False
    voorbereiding: bool = False
    historisch: bool = False
    tekst: Optional[str] = None
    volgorde: int = 0
    namen: Tuple[str, ...] = ()
    sectoren: FrozenSet[str] = frozenset()
    eisen: Tuple[Requirement, ...] = ()
    feiten: Mapping[str, Fact] = field(default_factory=dict)
    stappen: Tuple[Step, ...] = ()
    financiering: Tuple[Funding, ...] = ()
    vrijstellingen: Tuple[Exemption, ...] = ()

    def feit(self, onderwerp: str) -> Optional[Fact]:
        return self.feiten.get(onderwerp)


@dataclass(frozen=True)
class Institution(Sourced):
    id: str = ""
    naam: str = ""
    plaats: str = ""
    provincie: str = ""
    url: str = ""
    routes: FrozenSet[str] = frozenset()


@dataclass(frozen=True)
class Office(Sourced):
    id: str = ""
    naam: str = ""
    url: str = ""
    landelijk: bool = False
    volgorde: int = 0
    provincies: FrozenSet[str] = frozenset()


@dataclass(frozen=True)
class Catalog:
    version: str
    routes: Mapping[str, Route]
    historic: Mapping[str, Route]
    steps: Mapping[str, Step]
    funding: Mapping[str, Funding]
    general_exemptions: Tuple[Exemption, ...]
    institutions: Tuple[Institution, ...]
    offices: Tuple[Office, ...]
    shortage: Mapping[str, Tuple[str, Tuple[Source, ...]]]
    relations: Mapping[str, Mapping[str, str]]
    groups: Mapping[str, FrozenSet[str]]
    sources: Mapping[str, Source]

    def route(self, route_id: str) -> Route:
        return self.routes[route_id]

    def national_office(self) -> Office:
        return next(office for office in self.offices if office.landelijk)

    def office_for(self, provincie: Optional[str]) -> Office:
        """The regional office with the smallest area covering ``provincie``; else the national one."""
        regional = [o for o in self.offices if not o.landelijk and provincie in o.provincies]
        if not regional:
            return self.national_office()
        return min(regional, key=lambda o: (len(o.provincies), o.volgorde))

    def institutions_for(self, provincie: Optional[str], route_id: str) -> List[Institution]:
        return [i for i in self.institutions if i.provincie == provincie and route_id in i.routes]

    def in_group(self, group: str, value: Optional[str]) -> bool:
        if not value:
            return False
        members = self.groups.get(group, frozenset())
        value = vocational_profile(fold(value))  # "logistiek" is a trade of the profile mobiliteit-transport
        return value in members or any(_contains_words(value, member) for member in members)

    def relation(self, studierichting: Optional[str], schoolvak: Optional[str]) -> Optional[str]:
        """How a field of study relates to a school subject: 'vak', 'verwant', 'geen', or
        None when one of the two is unknown."""
        if not studierichting or not schoolvak:
            return None
        own = self._relation(studierichting, schoolvak)
        profile = vocational_profile(schoolvak)  # a trade ("logistiek") also relates through its vmbo profile
        if own == "vak" or profile == schoolvak:
            return own
        other = self._relation(studierichting, profile)
        return "verwant" if "verwant" in (own, other) or other == "vak" else own

    def _relation(self, studierichting: str, schoolvak: str) -> str:
        text = fold(studierichting.strip())  # "commerciële economie" as typed
        if text.replace(" ", "-") == schoolvak:
            return "vak"
        keys = (
            [text]
            if text in self.relations
            else sorted((key for key in self.relations if _contains_words(text, key)), key=len, reverse=True)
        )
        best = "geen"
        for key in keys:
            kind = self.relations[key].get(schoolvak)
            if kind == "vak":
                return "vak"
            if kind == "verwant":
                best = "verwant"
        return best


def _contains_words(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) is not None


def read_catalog(connection: Connection) -> Catalog:
    """Reads the whole knowledge base (a few hundred rows) into a Catalog."""
    sources = {
        row.id: Source(row.id, row.url, row.titel, row.geverifieerd) for row in connection.execute(sa.select(kb.bron))
    }
    cited: Dict[Tuple[str, str], List[Source]] = defaultdict(list)
    for row in connection.execute(
        sa.select(kb.bronvermelding).order_by(
            kb.bronvermelding.c.soort, kb.bronvermelding.c.sleutel, kb.bronvermelding.c.volgorde
        )
    ):
        cited[(row.soort, row.sleutel)].append(sources[row.bron_id])

    def src(soort: str, key: str) -> Tuple[Source, ...]:
        return tuple(cited.get((soort, key), ()))

    def rows(table: sa.Table, *order: sa.Column) -> Sequence[sa.engine.Row]:
        return connection.execute(sa.select(table).order_by(*order)).all()

    steps = {r.id: Step(src("stap", r.id), r.zeker, r.id, r.naam, r.tekst, r.voor) for r in rows(kb.stap, kb.stap.c.id)}
    funding = {
        r.id: Funding(src("financiering", r.id), r.zeker, r.id, r.naam, r.tekst, r.voor)
        for r in rows(kb.financiering, kb.financiering.c.id)
    }
    exemptions = [
        Exemption(src("vrijstelling", r.id), r.zeker, r.id, r.route_id, r.voorwaarde, r.tekst, r.ec)
        for r in rows(kb.vrijstelling, kb.vrijstelling.c.id)
    ]
    names = defaultdict(list)
    for r in rows(kb.route_naam, kb.route_naam.c.route_id, kb.route_naam.c.naam):
        names[r.route_id].append(r.naam)
    sectors = defaultdict(set)
    for r in rows(kb.route_sector):
        sectors[r.route_id].add(r.sector)
    requirements = defaultdict(list)
    for r in rows(kb.eis, kb.eis.c.route_id, kb.eis.c.volgorde):
        requirements[r.route_id].append(Requirement(src("eis", r.id), r.zeker, r.id, r.soort, r.waarde, r.tekst))
    facts = defaultdict(dict)
    for r in rows(kb.feit, kb.feit.c.id):
        facts[r.route_id][r.onderwerp] = Fact(src("feit", r.id), r.zeker, r.id, r.onderwerp, r.tekst, r.kort)
    route_steps = defaultdict(list)
    for r in rows(kb.route_stap, kb.route_stap.c.route_id, kb.route_stap.c.volgorde):
        route_steps[r.route_id].append(steps[r.stap_id])
    route_funding = defaultdict(list)
    for r in rows(kb.route_financiering, kb.route_financiering.c.route_id, kb.route_financiering.c.volgorde):
        route_funding[r.route_id].append(funding[r.financiering_id])

    routes: Dict[str, Route] = {}
    historic: Dict[str, Route] = {}
    for r in rows(kb.route, kb.route.c.volgorde):
        route = Route(
            src("route", r.id),
            True,
            r.id,
            r.titel,
            r.baan,
            r.voltijd,
            r.deeltijd,
            r.voorbereiding,
            r.historisch,
            r.tekst,
            r.volgorde,
            tuple(names[r.id]),
            frozenset(sectors[r.id]),
            tuple(requirements[r.id]),
            dict(facts[r.id]),
            tuple(route_steps[r.id]),
            tuple(route_funding[r.id]),
            tuple(e for e in exemptions if e.route_id == r.id),
        )
        (historic if r.historisch else routes)[r.id] = route

    offered = defaultdict(set)
    for r in rows(kb.instelling_route):
        offered[r.instelling_id].add(r.route_id)
    institutions = tuple(
        Institution(
            src("instelling", r.id), False, r.id, r.naam, r.plaats, r.provincie, r.url, frozenset(offered[r.id])
        )
        for r in rows(kb.instelling, kb.instelling.c.provincie, kb.instelling.c.naam, kb.instelling.c.id)
    )
    provinces = defaultdict(set)
    for r in rows(kb.loket_provincie):
        provinces[r.loket_id].add(r.provincie)
    offices = tuple(
        Office(src("loket", r.id), r.zeker, r.id, r.naam, r.url, r.landelijk, r.volgorde, frozenset(provinces[r.id]))
        for r in rows(kb.loket, kb.loket.c.volgorde)
    )
    shortage = {r.vak: (r.mate, src("tekortvak", r.vak)) for r in rows(kb.tekortvak, kb.tekortvak.c.vak)}
    relations: Dict[str, Dict[str, str]] = defaultdict(dict)
    for r in rows(kb.verwantschap, kb.verwantschap.c.studierichting, kb.verwantschap.c.schoolvak):
        relations[r.studierichting][r.schoolvak] = r.soort
    groups = defaultdict(set)
    for r in rows(kb.groep):
        groups[r.groep].add(r.lid)
    return Catalog(
        version=content_hash(connection) or "",
        routes=routes,
        historic=historic,
        steps=steps,
        funding=funding,
        general_exemptions=tuple(e for e in exemptions if e.route_id is None),
        institutions=institutions,
        offices=offices,
        shortage=shortage,
        relations=dict(relations),
        groups={k: frozenset(v) for k, v in groups.items()},
        sources=sources,
    )


class KnowledgeBase:
    """The catalog of one database, re-read only when its content changed."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._catalog: Optional[Catalog] = None
        self._lock = threading.Lock()

    def catalog(self) -> Catalog:
        with self.engine.connect() as connection:
            version = content_hash(connection)
            if version is None:
                raise LookupError("De kennisbank is leeg. Laad hem met: make kb-load")
            with self._lock:
                if self._catalog is None or self._catalog.version != version:
                    self._catalog = read_catalog(connection)
                return self._catalog
