"""Reads the knowledge-base content files (``content/*.yml``) into table rows.

The files are written for people to review; this module turns them into the rows of
bot/knowledge/tables.py. It reports malformed files with the file and the place of the
problem. Whether every fact has a source, is recent and uses known ids is checked by
bot/knowledge/check.py, so that a content error is reported, not silently repaired.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Sequence

import yaml

CONTENT_DIR = Path(__file__).resolve().parent / "content"

#: Topics of route facts, in the order the bot tells them.
FACT_TOPICS = ("wat", "duur", "studielast", "kosten", "deeltijd", "zonder_baan")


class ContentError(ValueError):
    """A content file is malformed."""


@dataclass
class Rows:
    """Rows per table name, plus which sources back which fact."""

    tables: Dict[str, List[Dict[str, Any]]] = field(default_factory=dict)
    #: (soort, sleutel) -> source ids (possibly empty: check.py reports that).
    sources: Dict[tuple, List[str]] = field(default_factory=dict)

    def add(self, table: str, row: Dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(row)

    def cite(self, soort: str, sleutel: str, bronnen: Any) -> None:
        self.sources[(soort, sleutel)] = _source_ids(bronnen)

    def digest(self) -> str:
        """A hash of the whole content: equal content, equal hash."""
        payload = {
            "tables": {name: rows for name, rows in sorted(self.tables.items())},
            "sources": sorted([list(key), ids] for key, ids in self.sources.items()),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _source_ids(value: Any) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _require(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(mapping, Mapping):
        raise ContentError(f"{where}: verwacht een mapping, kreeg {type(mapping).__name__}")
    if key not in mapping or mapping[key] in (None, ""):
        raise ContentError(f"{where}: '{key}' ontbreekt")
    return mapping[key]


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(f"{where}: '{value}' is geen datum (JJJJ-MM-DD)") from None


def _read(path: Path) -> Dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: geen geldige YAML: {error}") from None
    if not isinstance(data, dict):
        raise ContentError(f"{path.name}: verwacht een mapping bovenaan")
    return data


def read_content(directory: Path = CONTENT_DIR) -> Rows:
    """All content files of ``directory`` as rows."""
    rows = Rows()
    files = {path.name: _read(path) for path in sorted(directory.glob("*.yml"))}
    if not files:
        raise ContentError(f"{directory}: geen inhoudsbestanden gevonden")
    for name, data in files.items():
        _sources(rows, name, data.get("bronnen") or {})
    _routes(rows, files.get("routes.yml", {}))
    _steps(rows, files.get("stappen.yml", {}))
    _funding(rows, files.get("financiering.yml", {}))
    _exemptions(rows, files.get("vrijstellingen.yml", {}))
    _institutions(rows, files.get("instellingen.yml", {}))
    _offices(rows, files.get("loketten.yml", {}))
    _shortages(rows, files.get("tekortvakken.yml", {}))
    _relations(rows, files.get("verwantschap.yml", {}))
    return rows


def _sources(rows: Rows, name: str, sources: Mapping[str, Any]) -> None:
    seen = {row["id"] for row in rows.tables.get("kb_bron", [])}
    for source_id, source in sources.items():
        where = f"{name}: bron {source_id}"
        if source_id in seen:
            raise ContentError(f"{where}: id komt twee keer voor")
        rows.add(
            "kb_bron",
            {
                "id": str(source_id),
                "url": str(_require(source, "url", where)),
                "titel": str(_require(source, "titel", where)),
                "geverifieerd": _date(_require(source, "geverifieerd", where), where),
            },
        )
        seen.add(source_id)


def _routes(rows: Rows, data: Mapping[str, Any]) -> None:
    for index, route in enumerate(data.get("routes") or []):
        where = f"routes.yml: route {index + 1}"
        route_id = str(_require(route, "id", where))
        where = f"routes.yml: {route_id}"
        rows.add(
            "kb_route",
            {
                "id": route_id,
                "titel": str(_require(route, "titel", where)),
                "baan": str(_require(route, "baan", where)),
                "voltijd": bool(route.get("voltijd")),
                "deeltijd": bool(route.get("deeltijd")),
                "voorbereiding": bool(route.get("voorbereiding", False)),
                "historisch": False,
                "tekst": None,
                "volgorde": index,
            },
        )
        rows.cite("route", route_id, route.get("bron"))
        for naam in route.get("namen") or []:
            rows.add("kb_route_naam", {"route_id": route_id, "naam": str(naam).lower()})
        for sector in _require(route, "sectoren", where):
            rows.add("kb_route_sector", {"route_id": route_id, "sector": str(sector)})
        for number, requirement in enumerate(route.get("eisen") or [], start=1):
            key = f"{route_id}/eis/{number}"
            rows.add(
                "kb_eis",
                {
                    "id": key,
                    "route_id": route_id,
                    "volgorde": number,
                    "soort": str(_require(requirement, "soort", f"{where} eis {number}")),
                    "waarde": str(_require(requirement, "waarde", f"{where} eis {number}")),
                    "tekst": str(_require(requirement, "tekst", f"{where} eis {number}")),
                    "zeker": bool(requirement.get("zeker", True)),
                },
            )
            rows.cite("eis", key, requirement.get("bron"))
        facts = _require(route, "feiten", where)
        for topic, fact in facts.items():
            if topic not in FACT_TOPICS:
                raise ContentError(f"{where}: onbekend onderwerp '{topic}' (kies uit {', '.join(FACT_TOPICS)})")
            key = f"{route_id}/{topic}"
            rows.add(
                "kb_feit",
                {
                    "id": key,
                    "route_id": route_id,
                    "onderwerp": topic,
                    "tekst": str(_require(fact, "tekst", f"{where} {topic}")),
                    "kort": fact.get("kort"),
                    "zeker": bool(fact.get("zeker", True)),
                },
            )
            rows.cite("feit", key, fact.get("bron"))
        for number, step in enumerate(route.get("stappen") or [], start=1):
            rows.add("kb_route_stap", {"route_id": route_id, "stap_id": str(step), "volgorde": number})
        for number, funding in enumerate(route.get("financiering") or [], start=1):
            rows.add(
                "kb_route_financiering", {"route_id": route_id, "financiering_id": str(funding), "volgorde": number}
            )
    offset = len(rows.tables.get("kb_route", []))
    for index, scheme in enumerate(data.get("historisch") or []):
        where = f"routes.yml: historisch {index + 1}"
        scheme_id = str(_require(scheme, "id", where))
        rows.add(
            "kb_route",
            {
                "id": scheme_id,
                "titel": str(_require(scheme, "titel", where)),
                "baan": "nee",
                "voltijd": False,
                "deeltijd": False,
                "voorbereiding": False,
                "historisch": True,
                "tekst": str(_require(scheme, "tekst", where)),
                "volgorde": offset + index,
            },
        )
        rows.cite("route", scheme_id, scheme.get("bron"))


def _simple(
    rows: Rows,
    data: Mapping[str, Any],
    file: str,
    key: str,
    table: str,
    soort: str,
    columns: Sequence[str],
    optional: Mapping[str, Any],
) -> None:
    for index, item in enumerate(data.get(key) or []):
        where = f"{file}: {index + 1}"
        item_id = str(_require(item, "id", where))
        row = {"id": item_id}
        for column in columns:
            row[column] = _require(item, column, f"{file}: {item_id}")
        for column, default in optional.items():
            row[column] = item.get(column, default)
        rows.add(table, row)
        rows.cite(soort, item_id, item.get("bron"))


def _steps(rows: Rows, data: Mapping[str, Any]) -> None:
    _simple(rows, data, "stappen.yml", "stappen", "kb_stap", "stap", ("naam", "tekst", "voor"), {"zeker": True})


def _funding(rows: Rows, data: Mapping[str, Any]) -> None:
    _simple(
        rows,
        data,
        "financiering.yml",
        "financiering",
        "kb_financiering",
        "financiering",
        ("naam", "tekst", "voor"),
        {"zeker": True},
    )


def _exemptions(rows: Rows, data: Mapping[str, Any]) -> None:
    _simple(
        rows,
        data,
        "vrijstellingen.yml",
        "vrijstellingen",
        "kb_vrijstelling",
        "vrijstelling",
        ("voorwaarde", "tekst"),
        {"route": None, "ec": None, "zeker": True},
    )
    for row in rows.tables.get("kb_vrijstelling", []):
        row["route_id"] = row.pop("route", None)
    # Route files may also name their exemptions; both must agree (checked in check.py).


def _institutions(rows: Rows, data: Mapping[str, Any]) -> None:
    for index, item in enumerate(data.get("instellingen") or []):
        where = f"instellingen.yml: {index + 1}"
        item_id = str(_require(item, "id", where))
        where = f"instellingen.yml: {item_id}"
        rows.add(
            "kb_instelling",
            {
                "id": item_id,
                "naam": str(_require(item, "naam", where)),
                "plaats": str(_require(item, "plaats", where)),
                "provincie": str(_require(item, "provincie", where)),
                "url": str(_require(item, "url", where)),
            },
        )
        rows.cite("instelling", item_id, item.get("bron"))
        for route_id in item.get("routes") or []:
            rows.add("kb_instelling_route", {"instelling_id": item_id, "route_id": str(route_id)})


def _offices(rows: Rows, data: Mapping[str, Any]) -> None:
    national = data.get("landelijk")
    if national:
        where = "loketten.yml: landelijk"
        office_id = str(_require(national, "id", where))
        rows.add(
            "kb_loket",
            {
                "id": office_id,
                "naam": str(_require(national, "naam", where)),
                "url": str(_require(national, "url", where)),
                "landelijk": True,
                "zeker": bool(national.get("zeker", True)),
                "volgorde": 0,
            },
        )
        rows.cite("loket", office_id, national.get("bron"))
    for index, item in enumerate(data.get("loketten") or [], start=1):
        where = f"loketten.yml: {index}"
        office_id = str(_require(item, "id", where))
        rows.add(
            "kb_loket",
            {
                "id": office_id,
                "naam": str(_require(item, "naam", where)),
                "url": str(_require(item, "url", where)),
                "landelijk": False,
                "zeker": bool(item.get("zeker", True)),
                "volgorde": index,
            },
        )
        rows.cite("loket", office_id, item.get("bron"))
        for province in _require(item, "provincies", where):
            rows.add("kb_loket_provincie", {"loket_id": office_id, "provincie": str(province)})


def _shortages(rows: Rows, data: Mapping[str, Any]) -> None:
    for index, item in enumerate(data.get("tekortvakken") or [], start=1):
        where = f"tekortvakken.yml: {index}"
        subject = str(_require(item, "vak", where))
        rows.add("kb_tekortvak", {"vak": subject, "mate": str(_require(item, "mate", where))})
        rows.cite("tekortvak", subject, item.get("bron"))


def _relations(rows: Rows, data: Mapping[str, Any]) -> None:
    shared = data.get("bron")
    for field_of_study, kinds in (data.get("verwantschap") or {}).items():
        for kind in ("vak", "verwant"):
            for subject in (kinds or {}).get(kind) or []:
                rows.add(
                    "kb_verwantschap", {"studierichting": str(field_of_study), "schoolvak": str(subject), "soort": kind}
                )
                rows.cite("verwantschap", f"{field_of_study}/{subject}", (kinds or {}).get("bron", shared))
    for group, item in (data.get("groepen") or {}).items():
        for member in _require(item, "leden", f"verwantschap.yml: groep {group}"):
            rows.add("kb_groep", {"groep": str(group), "lid": str(member)})
        rows.cite("groep", str(group), item.get("bron"))


def route_exemption_refs(directory: Path = CONTENT_DIR) -> Dict[str, List[str]]:
    """The exemptions each route names in routes.yml (for the consistency check)."""
    data = _read(directory / "routes.yml")
    return {str(r["id"]): [str(x) for x in r.get("vrijstellingen") or []] for r in data.get("routes") or []}
