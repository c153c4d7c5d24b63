"""The engine's view of a person: the contract's profile slots plus optional extra signals."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Dict, Mapping, Optional

from bot.knowledge.conditions import SECTORS
from bot.profile import values

BACHELOR = frozenset({"hbo-bachelor", "hbo-master", "wo-bachelor", "wo-master", "doctoraat"})
WO_BACHELOR = frozenset({"wo-bachelor", "wo-master", "doctoraat"})
WO_MASTER = frozenset({"wo-master", "doctoraat"})
#: Diplomas that give entry to a hbo bachelor (without the 21+ test).
HBO_ENTRY = frozenset({"havo", "vwo", "mbo-4", "associate-degree"}) | BACHELOR
MBO_3_PLUS = frozenset({"mbo-3", "mbo-4", "associate-degree"}) | BACHELOR
VWO_PLUS = frozenset({"vwo"}) | BACHELOR
TEACHER = frozenset({"po", "tweedegraads", "eerstegraads", "pdg"})
DUTCH_ENOUGH = frozenset({"moedertaal", "c2", "c1", "b2"})


@dataclass(frozen=True)
class AdviceProfile:
    vooropleiding: Optional[str] = None
    studierichting: Optional[str] = None
    diploma_buitenland: Optional[bool] = None
    werkervaring_jaren: Optional[int] = None
    huidig_beroep: Optional[str] = None
    sector: Optional[str] = None
    schoolvak: Optional[str] = None
    baan_op_school: Optional[str] = None
    studievorm: Optional[str] = None
    provincie: Optional[str] = None
    nederlands_niveau: Optional[str] = None
    huidige_bevoegdheid: Optional[str] = None
    # Extra signals, not asked for but used when the person mentions them.
    leeftijd: Optional[int] = None
    twijfelt: Optional[bool] = None
    inkomen_nodig: Optional[bool] = None
    dagen_beschikbaar: Optional[int] = None
    academisch: Optional[bool] = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> AdviceProfile:
        """Keeps valid values only; anything else counts as unknown."""
        kept: Dict[str, Any] = {}
        for field in fields(cls):
            value = data.get(field.name)
            if value is None:
                continue
            if field.name in values.PROFILE_SLOTS:
                if values.is_valid(field.name, value):
                    kept[field.name] = value
            elif field.name in {"twijfelt", "inkomen_nodig", "academisch"}:
                if isinstance(value, bool):
                    kept[field.name] = value
            elif isinstance(value, int) and not isinstance(value, bool):
                if (field.name == "leeftijd" and 12 <= value <= 100) or (
                    field.name == "dagen_beschikbaar" and 0 <= value <= 7
                ):
                    kept[field.name] = value
        return cls(**kept)

    def known(self) -> Dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    # Derived facts -------------------------------------------------------------------

    @property
    def has_bachelor(self) -> bool:
        return self.vooropleiding in BACHELOR

    @property
    def has_wo_bachelor(self) -> bool:
        return self.vooropleiding in WO_BACHELOR

    @property
    def has_wo_master(self) -> bool:
        return self.vooropleiding in WO_MASTER

    @property
    def is_teacher(self) -> bool:
        return self.huidige_bevoegdheid in TEACHER

    @property
    def sectors(self) -> frozenset:
        """The sectors the person aims at; all of them when undecided."""
        if self.sector in {"po", "so"}:
            return frozenset({"po", "so"})
        if self.sector in {"vo", "mbo"}:
            return frozenset({self.sector})
        if self.schoolvak:  # a school subject rules out primary education
            return frozenset({"vo", "mbo"})
        return SECTORS

    @property
    def undecided(self) -> bool:
        return self.sector in {None, "onbekend"}

    @property
    def little_time(self) -> bool:
        return self.dagen_beschikbaar is not None and self.dagen_beschikbaar < 2

    def mentions(self, word: str) -> bool:
        return any(word in (text or "") for text in (self.huidig_beroep, self.studierichting))
