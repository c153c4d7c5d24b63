"""The knowledge base: migrations, idempotent loading, sources, and the content check of kb-check;
on SQLite and PostgreSQL. The advice engine's half of kb-check: tests/unit/test_advice_coverage.py."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.handoff import tables as _handoff_tables  # noqa: F401  (registers its tables on the shared metadata)
from bot.knowledge import tables as knowledge_tables
from bot.knowledge.catalog import KnowledgeBase
from bot.knowledge.check import SOURCED, check
from bot.knowledge.content import CONTENT_DIR, read_content
from bot.knowledge.load import load
from bot.knowledge.slugs import CONTRACT_ROUTE_IDS
from bot.store import db
from connectors.inbox import tables as _inbox_tables  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
HEAD = "0004"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def engine(request, tmp_path):
    """A fresh, migrated database: a SQLite file, or a new database on the local PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'kb.db'}"
    else:
        url = request.getfixturevalue("postgres_url").render_as_string(hide_password=False)
    engine = db.new_engine(url)
    db.upgrade(engine)
    yield engine
    engine.dispose()


def _count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_migrations_create_exactly_the_schema(engine):
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), knowledge_tables.metadata) == []
    assert db.current_revision(engine) == HEAD
    db.upgrade(engine)  # a second upgrade is a no-op
    assert db.current_revision(engine) == HEAD


def test_loading_is_idempotent(engine):
    rows = read_content()
    assert load(engine, rows) is True
    kb_tables = [t for t in knowledge_tables.metadata.sorted_tables if t.name.startswith("kb_")]
    counts = {table.name: _count(engine, table) for table in kb_tables}
    assert load(engine, rows) is False
    assert {table.name: _count(engine, table) for table in kb_tables} == counts
    assert counts["kb_route"] == len(CONTRACT_ROUTE_IDS) + 3  # plus three historical schemes


def test_changed_content_replaces_the_old_in_one_go(engine):
    rows = read_content()
    load(engine, rows)
    kb = KnowledgeBase(engine)
    before = kb.catalog()
    changed = read_content()
    fact = next(f for f in changed.tables["kb_feit"] if f["id"] == "zib-po/duur")
    fact["tekst"] = "Maximaal twee jaar (aangepast)."
    assert load(engine, changed) is True
    after = kb.catalog()
    assert after.version != before.version
    assert after.route("zib-po").feit("duur").tekst == "Maximaal twee jaar (aangepast)."
    assert _count(engine, knowledge_tables.feit) == len(rows.tables["kb_feit"])


def test_every_fact_in_the_database_has_a_dated_source(engine):
    load(engine, read_content())
    with engine.connect() as connection:
        cited = {(r.soort, r.sleutel) for r in connection.execute(sa.select(knowledge_tables.bronvermelding))}
        for soort, table_name, keys in SOURCED:
            table = knowledge_tables.metadata.tables[table_name]
            for row in connection.execute(sa.select(table)).mappings():
                assert (soort, "/".join(str(row[k]) for k in keys)) in cited, (soort, dict(row))
        for source in connection.execute(sa.select(knowledge_tables.bron)):
            assert source.url.startswith("https://") and isinstance(source.geverifieerd, dt.date)


def test_catalog_reads_routes_offices_and_relations(engine):
    load(engine, read_content())
    catalog = KnowledgeBase(engine).catalog()
    assert set(catalog.routes) == CONTRACT_ROUTE_IDS
    assert set(catalog.historic) == {"eerst-de-klas", "stap-budget", "aan-de-slag-voor-de-klas"}
    assert catalog.route("zib-po").sectoren == {"po", "so"}
    assert [e.soort for e in catalog.route("zib-po").eisen] == ["niveau", "baan", "tijd"]
    assert catalog.office_for("zeeland").naam == "Lesgeven in Zeeland"
    assert catalog.office_for(None).landelijk
    assert catalog.relation("scheikunde", "scheikunde") == "vak"
    assert catalog.relation("bedrijfskunde", "economie") == "verwant"
    assert catalog.relation("commerciële economie", "economie") == catalog.relation("commerciele economie", "economie")
    assert catalog.relation("hts elektro", "natuurkunde") == "verwant"
    assert catalog.relation("rechten", "wiskunde") == "geen"
    assert catalog.relation(None, "wiskunde") is None
    # Programmes named in English or as an engineering degree are the subject itself.
    assert catalog.relation("applied physics", "natuurkunde") == "vak"
    assert catalog.relation("chemical engineering", "scheikunde") == "vak"
    assert catalog.relation("msc computer science", "informatica") == "vak"
    assert catalog.relation("mechanical engineering", "natuurkunde") == "verwant"
    # A trade recorded as named belongs to its vmbo profile for the advice.
    assert catalog.in_group("beroepsgericht", "metaaltechniek")
    assert catalog.in_group("beroepsgericht", "bakkerij")
    assert not catalog.in_group("beroepsgericht", "aardrijkskunde")
    assert catalog.relation("werktuigbouwkunde", "installatietechniek") == "verwant"
    assert catalog.relation("autotechniek", "autotechniek") == "vak"
    for province in ("groningen", "zeeland", "limburg", "flevoland"):
        assert [i for i in catalog.institutions if i.provincie == province], province


def test_empty_database_says_how_to_load():
    engine = db.new_engine("sqlite://")
    db.upgrade(engine)
    with pytest.raises(LookupError, match="make kb-load"):
        KnowledgeBase(engine).catalog()


# kb-check ------------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "inhoud"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_kb_check_passes_on_the_repository_content():
    assert check() == []


def test_kb_check_fails_on_a_fact_without_a_source(content):
    _edit(content / "routes.yml", lambda d: d["routes"][0]["feiten"]["kosten"].pop("bron"))
    assert check(content) == ["feit zib-po/kosten: geen bron"]


def test_kb_check_fails_on_an_unknown_source(content):
    _edit(content / "stappen.yml", lambda d: d["stappen"][0].update(bron=["bestaat-niet"]))
    assert check(content) == ["stap meelopen: onbekende bron 'bestaat-niet'"]


def test_kb_check_fails_on_stale_facts(content):
    problems = check(content, max_age_days=30, today=dt.date(2027, 6, 1))
    assert problems and all("geverifieerd" in p for p in problems)


def test_kb_check_fails_on_unknown_slugs(content):
    _edit(content / "instellingen.yml", lambda d: d["instellingen"][0]["routes"].append("eerst-de-klas"))
    _edit(content / "routes.yml", lambda d: d["routes"][0].update(id="zib-basisonderwijs"))
    problems = check(content)
    assert any("onbekende route 'eerst-de-klas' (historische regeling)" in p for p in problems)
    assert "route zib-basisonderwijs: onbekende route-id (niet in docs/contract.md)" in problems
    assert "route zib-po: ontbreekt in routes.yml" in problems


def test_kb_check_fails_on_an_unknown_condition_key(content):
    _edit(content / "stappen.yml", lambda d: d["stappen"][0].update(voor="wie-weet"))
    _edit(content / "routes.yml", lambda d: d["routes"][0]["eisen"][0].update(waarde="hbo-diploma"))
    assert check(content) == [
        "eis zib-po/eis/1: onbekende waarde 'hbo-diploma' voor niveau",
        "kb_stap meelopen: onbekende 'voor' 'wie-weet'",
    ]


def test_the_knowledge_base_does_not_import_the_advice_engine():
    modules = [f"bot.knowledge.{path.stem}" for path in (ROOT / "bot" / "knowledge").glob("*.py")]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('bot.advice')))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_kb_check_command_exit_codes(content):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "bot.knowledge", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    _edit(content / "financiering.yml", lambda d: d["financiering"][0].pop("bron"))
    bad = subprocess.run(
        [sys.executable, "-m", "bot.knowledge", "check", "--inhoud", str(content)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "FOUT: financiering subsidie-zij-instroom: geen bron" in bad.stderr
