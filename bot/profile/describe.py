"""Plain Dutch descriptions of profile facts, for acknowledgements and the read-back."""

from __future__ import annotations

from typing import Any, List, Mapping, Optional, Sequence

VOOROPLEIDING_TEKST = {
    "geen": "geen diploma",
    "vmbo": "vmbo",
    "havo": "havo",
    "vwo": "vwo",
    "mbo-1": "mbo niveau 1",
    "mbo-2": "mbo niveau 2",
    "mbo-3": "mbo niveau 3",
    "mbo-4": "mbo niveau 4",
    "associate-degree": "associate degree",
    "hbo-bachelor": "hbo-bachelor",
    "hbo-master": "hbo-master",
    "wo-bachelor": "wo-bachelor",
    "wo-master": "wo-master",
    "doctoraat": "doctoraat (PhD)",
}
SECTOR_TEKST = {
    "po": "de basisschool (po)",
    "vo": "de middelbare school (vo)",
    "mbo": "het mbo",
    "so": "het speciaal onderwijs",
    "onbekend": "weet je nog niet",
}
BAAN_TEKST = {
    "ja": "ja",
    "in-gesprek": "je bent in gesprek met een school",
    "nee": "nee, nog niet",
}
NIVEAU_TEKST = {
    "moedertaal": "moedertaal",
    "c2": "C2",
    "c1": "C1",
    "b2": "B2",
    "b1-of-lager": "B1 of lager",
}
BEVOEGDHEID_TEKST = {
    "geen": "nog geen",
    "po": "basisonderwijs (pabo)",
    "tweedegraads": "tweedegraads",
    "eerstegraads": "eerstegraads",
    "pdg": "PDG (mbo)",
    "buitenlands": "uit het buitenland",
}
PROVINCIE_TEKST = {
    "groningen": "Groningen",
    "friesland": "Friesland",
    "drenthe": "Drenthe",
    "overijssel": "Overijssel",
    "flevoland": "Flevoland",
    "gelderland": "Gelderland",
    "utrecht": "Utrecht",
    "noord-holland": "Noord-Holland",
    "zuid-holland": "Zuid-Holland",
    "zeeland": "Zeeland",
    "noord-brabant": "Noord-Brabant",
    "limburg": "Limburg",
}


def _jaren(value: int) -> str:
    return "minder dan een jaar" if value == 0 else f"{value} jaar"


def _vak(value: str) -> str:
    return value.replace("-", " ")


def fact(slot: str, value: Any) -> Optional[str]:
    """A short phrase for one fact, e.g. "12 jaar werkervaring"."""
    if value is None:
        return None
    if slot == "vooropleiding":
        return VOOROPLEIDING_TEKST.get(value, str(value))
    if slot == "studierichting":
        return f"studie {value}"
    if slot == "diploma_buitenland":
        return "diploma uit het buitenland" if value else "diploma uit Nederland"
    if slot == "werkervaring_jaren":
        return f"{_jaren(int(value))} werkervaring"
    if slot == "huidig_beroep":
        return f"werk: {value}"
    if slot == "sector":
        return f"lesgeven op {SECTOR_TEKST[value]}" if value != "onbekend" else "schooltype: weet je nog niet"
    if slot == "schoolvak":
        return f"vak {_vak(value)}"
    if slot == "baan_op_school":
        return {
            "ja": "baan op een school: ja",
            "in-gesprek": "in gesprek met een school",
            "nee": "nog geen baan op een school",
        }[value]
    if slot == "studievorm":
        return value
    if slot == "provincie":
        return f"provincie {PROVINCIE_TEKST.get(value, value)}"
    if slot == "nederlands_niveau":
        return f"Nederlands: {NIVEAU_TEKST.get(value, value)}"
    if slot == "huidige_bevoegdheid":
        return f"bevoegdheid: {BEVOEGDHEID_TEKST.get(value, value)}"
    return f"{slot}: {value}"


def facts_sentence(facts: Mapping[str, Any], order: Sequence[str]) -> str:
    """ "wo-master, studie scheikunde en 12 jaar werkervaring" """
    parts = [p for p in (fact(s, facts[s]) for s in order if s in facts) if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def read_back(profile: Mapping[str, Any], skipped: Sequence[str] = ()) -> List[str]:
    """The profile as short Dutch lines for the person to check."""

    def known(slot: str) -> bool:
        return profile.get(slot) is not None

    def open_or(slot: str, text: Optional[str]) -> str:
        if text:
            return text
        return "weet je nog niet" if slot in skipped else "onbekend"

    lines = []
    opleiding = VOOROPLEIDING_TEKST.get(profile.get("vooropleiding"), "onbekend")
    if known("studierichting"):
        opleiding += f" {profile['studierichting']}"
    if profile.get("diploma_buitenland") is True:
        opleiding += " (uit het buitenland)"
    lines.append(f"Opleiding: {opleiding}")
    if known("nederlands_niveau"):
        lines.append(f"Nederlands: {NIVEAU_TEKST[profile['nederlands_niveau']]}")
    werk = open_or("huidig_beroep", profile.get("huidig_beroep"))
    if known("werkervaring_jaren"):
        werk += f", {_jaren(int(profile['werkervaring_jaren']))} werkervaring"
    lines.append(f"Werk: {werk}")
    lines.append(
        "Bevoegdheid nu: " + open_or("huidige_bevoegdheid", BEVOEGDHEID_TEKST.get(profile.get("huidige_bevoegdheid")))
    )
    waar = open_or("sector", SECTOR_TEKST.get(profile.get("sector")))
    if known("schoolvak"):
        waar += f", vak {_vak(profile['schoolvak'])}"
    lines.append(f"Lesgeven op: {waar}")
    lines.append("Baan op een school: " + open_or("baan_op_school", BAAN_TEKST.get(profile.get("baan_op_school"))))
    lines.append("Studeren: " + open_or("studievorm", profile.get("studievorm")))
    lines.append("Provincie: " + open_or("provincie", PROVINCIE_TEKST.get(profile.get("provincie"))))
    return lines
