"""The profile slots and their canonical values (see docs/contract.md)."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

VOOROPLEIDING: Sequence[str] = (
    "geen",
    "vmbo",
    "havo",
    "vwo",
    "mbo-1",
    "mbo-2",
    "mbo-3",
    "mbo-4",
    "associate-degree",
    "hbo-bachelor",
    "hbo-master",
    "wo-bachelor",
    "wo-master",
    "doctoraat",
)
SECTOR = ("po", "vo", "mbo", "so", "onbekend")
#: The sectors' names in running text ("lesgeven in het basisonderwijs"); the read-back in
#: plain words is describe.SECTOR_TEKST.
SECTOR_NAAM = {"po": "basisonderwijs", "so": "speciaal onderwijs", "vo": "voortgezet onderwijs", "mbo": "mbo"}
BAAN_OP_SCHOOL = ("ja", "in-gesprek", "nee")
STUDIEVORM = ("voltijd", "deeltijd")
PROVINCIE = (
    "groningen",
    "friesland",
    "drenthe",
    "overijssel",
    "flevoland",
    "gelderland",
    "utrecht",
    "noord-holland",
    "zuid-holland",
    "zeeland",
    "noord-brabant",
    "limburg",
)
NEDERLANDS_NIVEAU = ("moedertaal", "c2", "c1", "b2", "b1-of-lager")
HUIDIGE_BEVOEGDHEID = ("geen", "po", "tweedegraads", "eerstegraads", "pdg", "buitenlands")
CONTACTVOORKEUR = ("email", "telefoon", "video")

#: Slots with a closed set of values.
CLOSED_VALUES: Mapping[str, Sequence[str]] = {
    "vooropleiding": VOOROPLEIDING,
    "sector": SECTOR,
    "baan_op_school": BAAN_OP_SCHOOL,
    "studievorm": STUDIEVORM,
    "provincie": PROVINCIE,
    "nederlands_niveau": NEDERLANDS_NIVEAU,
    "huidige_bevoegdheid": HUIDIGE_BEVOEGDHEID,
    "contactvoorkeur": CONTACTVOORKEUR,
}

#: The profile slots of the contract, in the order the bot asks for them.
PROFILE_SLOTS: Sequence[str] = (
    "vooropleiding",
    "studierichting",
    "diploma_buitenland",
    "nederlands_niveau",
    "huidig_beroep",
    "werkervaring_jaren",
    "huidige_bevoegdheid",
    "sector",
    "schoolvak",
    "baan_op_school",
    "studievorm",
    "provincie",
)
#: The handoff form's contact slots (the contract's contact fields).
CONTACT_SLOTS: Sequence[str] = ("naam", "email", "telefoon", "contactvoorkeur")

#: Slots the person may skip with "weet ik niet" (the bot then moves on).
SKIPPABLE = frozenset(
    {
        "studierichting",
        "diploma_buitenland",
        "nederlands_niveau",
        "huidig_beroep",
        "werkervaring_jaren",
        "huidige_bevoegdheid",
        "schoolvak",
        "baan_op_school",
        "studievorm",
        "provincie",
    }
)

#: Education levels after which the field of study matters.
_WITH_FIELD = frozenset(VOOROPLEIDING[4:])


def is_valid(slot: str, value: Any) -> bool:
    """True when ``value`` is an allowed value for ``slot``."""
    if value is None:
        return False
    if slot in CLOSED_VALUES:
        return value in CLOSED_VALUES[slot]
    if slot == "diploma_buitenland":
        return isinstance(value, bool)
    if slot == "werkervaring_jaren":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 55
    if slot in {"studierichting", "huidig_beroep", "schoolvak"}:
        return isinstance(value, str) and 0 < len(value) <= 80 and value == value.lower()
    return True


def required_slots(profile: Mapping[str, Any], skipped: Sequence[str] = ()) -> List[str]:
    """The profile questions that matter for this person, in asking order.

    No field of study after vmbo/havo/vwo or without a diploma; no school subject for
    primary or special education. The Dutch level is asked of everyone (a Dutch diploma
    is no proof of it): the intaker and the advice both use it.
    """
    slots: List[str] = []
    for slot in PROFILE_SLOTS:
        if slot in skipped:
            continue
        if slot == "studierichting" and profile.get("vooropleiding") not in _WITH_FIELD:
            if profile.get("vooropleiding") is not None:
                continue
        if slot == "schoolvak" and profile.get("sector") in {"po", "so"}:
            continue
        slots.append(slot)
    return slots


def missing_slots(profile: Mapping[str, Any], skipped: Sequence[str] = ()) -> List[str]:
    return [s for s in required_slots(profile, skipped) if profile.get(s) is None]


def profile_from(slots: Mapping[str, Any]) -> Dict[str, Optional[Any]]:
    """Only the profile slots of ``slots``; missing ones are None."""
    return {slot: slots.get(slot) for slot in PROFILE_SLOTS}
