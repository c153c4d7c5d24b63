"""Validates the knowledge-base content (``make kb-check``, first half).

Checks: every fact has a source that exists, with a URL and a date no older than the
allowed age; every id refers to something that exists, and every condition key is one the
advice engine knows (bot/knowledge/conditions.py); the route ids are exactly the contract's
slugs; and every route has the facts the bot answers questions with.

Whether the advice engine can use the content (every route reachable, the steps and funding
it names present) is checked by bot/advice/coverage.py, the second half of ``make kb-check``:
the knowledge base is the lower layer and does not import the advice engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional, Set

from bot.knowledge.catalog import Catalog, read_catalog
from bot.knowledge.conditions import EXEMPTION_FOR, FUNDING_FOR, REQUIREMENTS, SECTORS, STEP_FOR
from bot.knowledge.content import CONTENT_DIR, FACT_TOPICS, ContentError, Rows, read_content, route_exemption_refs
from bot.knowledge.load import load
from bot.knowledge.slugs import CONTRACT_ROUTE_IDS
from bot.profile import values
from bot.settings import Maintenance
from bot.store import db

#: How old a source may be (KB_MAX_DAGEN changes it for ``make kb-check``).
DEFAULT_MAX_AGE_DAYS = Maintenance.kb_max_days

#: Which table rows are facts that need a source: (soort in kb_bronvermelding, table, key columns).
SOURCED = (
    ("route", "kb_route", ("id",)),
    ("eis", "kb_eis", ("id",)),
    ("feit", "kb_feit", ("id",)),
    ("stap", "kb_stap", ("id",)),
    ("financiering", "kb_financiering", ("id",)),
    ("vrijstelling", "kb_vrijstelling", ("id",)),
    ("instelling", "kb_instelling", ("id",)),
    ("loket", "kb_loket", ("id",)),
    ("tekortvak", "kb_tekortvak", ("vak",)),
    ("verwantschap", "kb_verwantschap", ("studierichting", "schoolvak")),
    ("groep", "kb_groep", ("groep",)),
)


def check(
    directory: Path = CONTENT_DIR, max_age_days: int = DEFAULT_MAX_AGE_DAYS, today: Optional[dt.date] = None
) -> List[str]:
    """All problems found in the content of ``directory``; empty when it is fine."""
    today = today or dt.date.today()
    try:
        rows = read_content(directory)
    except ContentError as error:
        return [str(error)]
    problems = _sources(rows, max_age_days, today) + _references(rows, directory) + _places_and_offices(rows, directory)
    if problems:
        return problems
    return _completeness(_catalog(rows))


def content_catalog(directory: Path = CONTENT_DIR) -> Catalog:
    """The catalog of the content in ``directory``, read into a private in-memory database.

    Raises ContentError when the content cannot be read or its ids do not fit together
    (``check`` says what is wrong).
    """
    rows = read_content(directory)
    if _sources(rows, None, dt.date.today()) + _references(rows, directory):
        raise ContentError(f"de inhoud in {directory} is niet in orde; zie python -m bot.knowledge check")
    return _catalog(rows)


def _sources(rows: Rows, max_age_days: Optional[int], today: dt.date) -> List[str]:
    problems = []
    sources = {row["id"]: row for row in rows.tables.get("kb_bron", [])}
    for source in sources.values():
        if not str(source["url"]).startswith(("https://", "http://")):
            problems.append(f"bron {source['id']}: geen geldige URL ({source['url']})")
        age = (today - source["geverifieerd"]).days
        if max_age_days is not None and age > max_age_days:
            problems.append(
                f"bron {source['id']}: laatst geverifieerd op {source['geverifieerd']}, {age} dagen "
                f"geleden (maximaal {max_age_days}); controleer de bron en pas de datum aan"
            )
        if age < 0:
            problems.append(f"bron {source['id']}: datum {source['geverifieerd']} ligt in de toekomst")
    for soort, table, keys in SOURCED:
        for row in rows.tables.get(table, []):
            key = "/".join(str(row[k]) for k in keys)
            cited = rows.sources.get((soort, key))
            if not cited:
                problems.append(f"{soort} {key}: geen bron")
                continue
            for source_id in cited:
                if source_id not in sources:
                    problems.append(f"{soort} {key}: onbekende bron '{source_id}'")
    return problems


def _ids(rows: Rows, table: str, column: str = "id") -> Set[str]:
    return {row[column] for row in rows.tables.get(table, [])}


def _references(rows: Rows, directory: Path) -> List[str]:
    problems = []
    for table in ("kb_route", "kb_stap", "kb_financiering", "kb_vrijstelling", "kb_instelling", "kb_loket"):
        seen: Set[str] = set()
        for row in rows.tables.get(table, []):
            if row["id"] in seen:
                problems.append(f"{table}: id '{row['id']}' komt twee keer voor")
            seen.add(row["id"])
    routes = {r["id"] for r in rows.tables.get("kb_route", []) if not r["historisch"]}
    historic = {r["id"] for r in rows.tables.get("kb_route", []) if r["historisch"]}
    for slug in sorted(routes - CONTRACT_ROUTE_IDS):
        problems.append(f"route {slug}: onbekende route-id (niet in docs/contract.md)")
    for slug in sorted(CONTRACT_ROUTE_IDS - routes):
        problems.append(f"route {slug}: ontbreekt in routes.yml")
    steps, funding, exemptions = _ids(rows, "kb_stap"), _ids(rows, "kb_financiering"), _ids(rows, "kb_vrijstelling")
    for row in rows.tables.get("kb_route_stap", []):
        if row["stap_id"] not in steps:
            problems.append(f"route {row['route_id']}: onbekende stap '{row['stap_id']}'")
    for row in rows.tables.get("kb_route_financiering", []):
        if row["financiering_id"] not in funding:
            problems.append(f"route {row['route_id']}: onbekende financiering '{row['financiering_id']}'")
    for route_id, names in route_exemption_refs(directory).items():
        for name in names:
            if name not in exemptions:
                problems.append(f"route {route_id}: onbekende vrijstelling '{name}'")
    for row in rows.tables.get("kb_vrijstelling", []):
        if row["route_id"] is not None and row["route_id"] not in routes:
            problems.append(f"vrijstelling {row['id']}: onbekende route '{row['route_id']}'")
        if row["voorwaarde"] not in EXEMPTION_FOR:
            problems.append(f"vrijstelling {row['id']}: onbekende voorwaarde '{row['voorwaarde']}'")
    for row in rows.tables.get("kb_instelling_route", []):
        if row["route_id"] not in routes:
            hint = " (historische regeling)" if row["route_id"] in historic else ""
            problems.append(f"instelling {row['instelling_id']}: onbekende route '{row['route_id']}'{hint}")
    for row in rows.tables.get("kb_instelling", []):
        if row["provincie"] not in values.PROVINCIE:
            problems.append(f"instelling {row['id']}: onbekende provincie '{row['provincie']}'")
    for row in rows.tables.get("kb_loket_provincie", []):
        if row["provincie"] not in values.PROVINCIE:
            problems.append(f"loket {row['loket_id']}: onbekende provincie '{row['provincie']}'")
    for row in rows.tables.get("kb_route_sector", []):
        if row["sector"] not in SECTORS:
            problems.append(f"route {row['route_id']}: onbekende sector '{row['sector']}'")
    for row in rows.tables.get("kb_eis", []):
        if row["soort"] not in REQUIREMENTS:
            problems.append(f"eis {row['id']}: onbekende soort '{row['soort']}'")
        elif REQUIREMENTS[row["soort"]] is not None and row["waarde"] not in REQUIREMENTS[row["soort"]]:
            problems.append(f"eis {row['id']}: onbekende waarde '{row['waarde']}' voor {row['soort']}")
        elif REQUIREMENTS[row["soort"]] is None and not row["waarde"].isdigit():
            problems.append(f"eis {row['id']}: {row['soort']} moet een aantal dagen zijn")
    for table, allowed in (("kb_stap", STEP_FOR), ("kb_financiering", FUNDING_FOR)):
        for row in rows.tables.get(table, []):
            if row["voor"] not in allowed:
                problems.append(f"{table} {row['id']}: onbekende 'voor' '{row['voor']}'")
    if not any(r["landelijk"] for r in rows.tables.get("kb_loket", [])):
        problems.append("loketten.yml: het landelijke loket ontbreekt")
    return problems


def office_domains(directory: Path = CONTENT_DIR) -> Set[str]:
    """The loket domains listed in loketten.yml (``domeinen``)."""
    import yaml

    data = yaml.safe_load((directory / "loketten.yml").read_text(encoding="utf-8")) or {}
    return {str(d).strip().lower() for d in data.get("domeinen") or []}


def _places_and_offices(rows: Rows, directory: Path) -> List[str]:
    """Every loket links to a known loket domain over https; every institution's city is in
    the coordinates table (bot/knowledge/geo.py), so "in de buurt" can sort by distance."""
    from urllib.parse import urlsplit

    from bot.knowledge import geo

    problems = []
    domains = office_domains(directory)
    if not domains:
        problems.append("loketten.yml: de lijst 'domeinen' ontbreekt of is leeg")
    for row in rows.tables.get("kb_loket", []):
        parts = urlsplit(row["url"])
        host = (parts.hostname or "").lower()
        host = host[4:] if host.startswith("www.") else host
        if parts.scheme != "https":
            problems.append(f"loket {row['id']}: de url moet met https:// beginnen ({row['url']})")
        if host not in domains:
            problems.append(
                f"loket {row['id']}: {row['url']} is geen bekend loketdomein (zie 'domeinen' in loketten.yml)"
            )
    for row in rows.tables.get("kb_instelling", []):
        if row["plaats"] not in geo.PLAATSEN:
            problems.append(f"instelling {row['id']}: plaats '{row['plaats']}' staat niet in bot/knowledge/geo.py")
    return problems


def _catalog(rows: Rows) -> Catalog:
    engine = db.new_engine("sqlite://")  # private in-memory database for this check
    db.upgrade(engine)
    load(engine, rows)
    with engine.connect() as connection:
        return read_catalog(connection)


def _completeness(catalog: Catalog) -> List[str]:
    problems = []
    for route in catalog.routes.values():
        for topic in FACT_TOPICS:
            if route.feit(topic) is None:
                problems.append(f"route {route.id}: feit '{topic}' ontbreekt (de bot beantwoordt daar vragen mee)")
    return problems
