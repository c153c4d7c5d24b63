"""From a seeded tracker store: redaction at storage, review export, merge, test stories,
retention and the per-conversation delete."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.handoff.outbox import store_handoff
from bot.handoff.tables import aflevering, overdracht
from bot.maintenance import retention, review, stories
from bot.privacy.exports import read_csv, write_csv
from bot.privacy.pseudonym import pseudonym
from bot.privacy.tracker_store import RedactingSQLTrackerStore
from bot.store import db
from tests.services.test_handoff_delivery import summary

ROOT = Path(__file__).resolve().parents[2]
SECRETS = [
    "111222333",
    "123456782",
    "NL91ABNA0417164300",
    "NL91 ABNA 0417 1643 00",
    "4111 1111 1111 1111",
    "sanne@voorbeeld.nl",
    "06 12345678",
    "Sanne de Vries",
]
DOMAIN = Domain.from_path(str(ROOT / "domain.yml"))


def user(text, intent, confidence=0.95, at=None):
    return UserUttered(text, intent={"name": intent, "confidence": confidence}, timestamp=at)


def seed(path: Path, now: float):
    store = RedactingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path))
    conversations = {
        "recent-1": [
            user("hallo", "greet"),
            BotUttered("Hoi!"),
            user("mijn bsn is 111222333 en ik heb havo", "inform", 0.42),
            user("rekening NL91 ABNA 0417 1643 00", "nlu_fallback", 1.0),
            BotUttered("Het lukt me niet goed om je te begrijpen.", metadata={"tekst": "aanbod_medewerker"}),
            user("ik wil een mens spreken", "human_handoff", 0.99),
            ActiveLoop("overdracht_form"),
            user("Sanne de Vries", "inform", 0.5),
            SlotSet("naam", "Sanne de Vries"),
            user("sanne@voorbeeld.nl", "faq", 0.99),
            SlotSet("email", "sanne@voorbeeld.nl"),
            user("bel me op 06 12345678", "inform", 0.7),
            SlotSet("telefoon", "+31612345678"),
            ActiveLoop(None),
            ActionExecuted("action_toon_overdracht"),
            user("ja", "affirm"),
            ActionExecuted("action_overdracht_opslaan"),
        ],
        "recent-2": [
            user("nee ik heb geen master maar een bachelor", "correct", 0.8),
            user("kaart 4111 1111 1111 1111", "inform", 0.3),
            user("BSN 123.456.782", "inform", 0.91),
        ],
        "old-1": [user("ik heb een wo-master scheikunde", "inform", 0.5)],
    }
    for sender, items in conversations.items():
        tracker = DialogueStateTracker(sender, slots=DOMAIN.slots)
        base = now - (200 * 86400 if sender.startswith("old") else 3600)
        for number, event in enumerate(items):
            event.timestamp = base + number
            tracker.update(event)
        asyncio.run(store.save(tracker))
    return sa.create_engine(f"sqlite:///{path}", future=True)


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    monkeypatch.setenv("PSEUDONIEM_SECRET", "test-pseudoniem")
    now = time.time()
    engine = seed(tmp_path / "tracker.db", now)
    app = db.new_engine(f"sqlite:///{tmp_path / 'app.db'}")
    db.upgrade(app)
    return engine, app, tmp_path, now


def _all_text(engine) -> str:
    with engine.connect() as connection:
        return "\n".join(connection.execute(sa.text("SELECT data FROM events")).scalars())


def test_the_store_holds_no_personal_numbers_and_no_contact_details(seeded):
    engine, *_ = seeded
    stored = _all_text(engine)
    for secret in SECRETS + ["123.456.782", "0417"]:
        assert secret not in stored, secret
    assert stored.count("[BSN]") >= 2 and "[IBAN]" in stored and "[kaartnummer]" in stored
    assert "[contactgegevens]" in stored


def test_review_export_lists_what_needs_a_look_pseudonymised(seeded):
    engine, _, tmp_path, _ = seeded
    result = review.export(engine, dt.date.today() - dt.timedelta(days=7), tmp_path / "review")
    assert result.count == 2  # the 200-day-old conversation is outside the window
    assert result.review.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    _, rows = read_csv(result.review)
    reasons = {(row["tekst"], row["reden"]) for row in rows}
    assert ("mijn bsn is [BSN] en ik heb havo", "lage_zekerheid") in reasons
    assert ("rekening [IBAN]", "niet_begrepen") in reasons
    assert ("ik wil een mens spreken", "medewerker_na_misverstand") in reasons
    assert ("nee ik heb geen master maar een bachelor", "correctie") in reasons
    assert {row["gesprekken"] for row in rows} == {pseudonym("recent-1"), pseudonym("recent-2")}
    exported = result.review.read_text() + result.conversations.read_text()
    for secret in SECRETS + ["recent-1", "recent-2", "+31612345678"]:
        assert secret not in exported, secret


def test_review_round_trip_merges_into_the_right_file_and_validates(seeded):
    engine, _, tmp_path, _ = seeded
    result = review.export(engine, dt.date.today() - dt.timedelta(days=7), tmp_path / "review")
    _, rows = read_csv(result.review)
    for row in rows:
        if row["tekst"] == "nee ik heb geen master maar een bachelor":
            row.update(juiste_intent="correct", opnemen="ja")
        if row["tekst"] == "mijn bsn is [BSN] en ik heb havo":
            row.update(juiste_intent="inform", opnemen="nee")
        if row["tekst"] == "ik wil een mens spreken":
            row.update(juiste_intent="human_handoff", opnemen="ja")  # already in the data: a duplicate
    write_csv(result.review, review.FIELDS, rows)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "bot" / "data", data)
    outcome = review.merge(result.review, data)
    assert outcome == {"toegevoegd": 1, "dubbel": 1, "onbekende_intents": []}
    assert (
        "    - nee ik heb geen master maar een bachelor" in (data / "nlu" / "profiel.yml").read_text()
    )  # where `correct` lives
    assert review.merge(result.review, data)["toegevoegd"] == 0  # merging twice adds nothing
    check = subprocess.run(
        [
            str(ROOT / ".venv/bin/rasa"),
            "data",
            "validate",
            "--data",
            str(data),
            "--domain",
            str(ROOT / "domain.yml"),
            "--config",
            str(ROOT / "config.yml"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    warnings = [
        line
        for line in (check.stdout + check.stderr).splitlines()
        if "UserWarning" in line and "duplicated intents" not in line
    ]
    assert warnings == []


def test_test_story_from_a_real_conversation(seeded):
    engine, *_ = seeded
    with engine.connect() as connection:
        history = [
            json.loads(r)
            for r in connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = 'recent-1' ORDER BY id")
            ).scalars()
        ]
    text = stories.story("recent-1", history)
    data = yaml.safe_load(text)
    steps = data["stories"][0]["steps"]
    assert steps[0] == {"user": "hallo", "intent": "greet"}
    assert {"action": "action_overdracht_opslaan"} in steps
    assert {"user": "[contactgegevens]", "intent": "faq"} in steps
    for secret in SECRETS:
        assert secret not in text
    intents = {step["intent"] for step in steps if "intent" in step} - {"nlu_fallback"}
    assert intents <= set(DOMAIN.intents)
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

    assert YAMLStoryReader(DOMAIN).read_from_string(text)


def _handoff(app, conversation_id):
    with app.begin() as connection:
        value = summary()
        value["conversation_id"] = conversation_id
        return store_handoff(connection, value, ["inbox"])


def test_delete_one_conversation_removes_it_everywhere_and_nothing_else(seeded):
    engine, app, tmp_path, _ = seeded
    exports = tmp_path / "review"
    review.export(engine, dt.date.today() - dt.timedelta(days=7), exports)
    mine, other = _handoff(app, "recent-1"), _handoff(app, "recent-2")
    removed = retention.delete_conversation("recent-1", engine, app, exports, tmp_path / "verhalen")
    assert removed.gebeurtenissen > 0 and removed.overdrachten == 1 and removed.exportregels > 0
    with engine.connect() as connection:
        senders = set(connection.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars())
    assert senders == {"recent-2", "old-1"}
    with app.connect() as connection:
        assert connection.execute(sa.select(overdracht.c.id)).scalars().all() == [other]
        assert connection.execute(sa.select(aflevering.c.overdracht_id)).scalars().all() == [other]
    exported = "".join(p.read_text() for p in exports.iterdir())
    assert pseudonym("recent-1") not in exported and pseudonym("recent-2") in exported
    assert mine not in exported


def test_retention_removes_what_is_older_and_keeps_the_rest(seeded):
    engine, app, tmp_path, now = seeded
    exports = tmp_path / "review"
    result = review.export(engine, dt.date.today() - dt.timedelta(days=365), exports)
    old_file = exports / "review-oud.csv"
    shutil.copy(result.review, old_file)
    os.utime(old_file, (now - 100 * 86400, now - 100 * 86400))
    recent = _handoff(app, "recent-1")
    with app.begin() as connection:
        aged = _handoff(app, "old-1")
        connection.execute(
            overdracht.update()
            .where(overdracht.c.id == aged)
            .values(aangemaakt_op=dt.datetime.utcnow() - dt.timedelta(days=120))
        )
    removed = retention.purge(90, engine, app, export_dir=exports, now=now, stories_dir=tmp_path / "verhalen")
    assert removed.gesprekken == 1 and removed.overdrachten == 1 and removed.exportbestanden == 1
    with engine.connect() as connection:
        assert set(connection.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars()) == {
            "recent-1",
            "recent-2",
        }
    with app.connect() as connection:
        assert connection.execute(sa.select(overdracht.c.id)).scalars().all() == [recent]
    assert result.review.exists() and not old_file.exists()


def test_retention_commands(seeded):
    engine, app, tmp_path, _ = seeded
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TRACKER_DB_URL": str(engine.url),
        "ONDERWIJSLOKET_DB_URL": str(app.url),
    }
    dirs = ["--exports", str(tmp_path / "review"), "--testverhalen", str(tmp_path / "verhalen")]
    result = subprocess.run(
        [sys.executable, "-m", "bot.maintenance.retention", *dirs, "verwijder", "recent-2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "Verwijderd voor gesprek recent-2: 1 gesprek(ken)" in result.stdout
    unknown = subprocess.run(
        [sys.executable, "-m", "bot.maintenance.retention", *dirs, "verwijder", "bestaat-niet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert unknown.returncode == 1 and "Gesprek bestaat-niet niet gevonden" in unknown.stderr
    result = subprocess.run(
        [sys.executable, "-m", "bot.maintenance.retention", *dirs, "opschonen", "--dagen", "30"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "Opgeschoond (ouder dan 30 dagen): 1 gesprek(ken)" in result.stdout
    assert re.search(
        r"--dagen moet",
        subprocess.run(
            [sys.executable, "-m", "bot.maintenance.retention", "opschonen", "--dagen", "-1"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        ).stderr,
    )


def test_analytics_report_with_charts(seeded):
    from bot.maintenance import analytics

    engine, _, tmp_path, _ = seeded
    history = [
        [
            {"event": "user", "text": "hoi", "parse_data": {"intent": {"name": "greet"}}},
            {"event": "slot", "name": "requested_slot", "value": "vooropleiding"},
            {"event": "user", "text": "??", "parse_data": {"intent": {"name": "nlu_fallback"}}},
        ],
        [
            {"event": "user", "text": "ik heb hbo", "parse_data": {"intent": {"name": "inform"}}},
            {"event": "action", "name": "action_lees_profiel_voor"},
            {"event": "action", "name": "action_geef_advies"},
            {"event": "user", "text": "mens", "parse_data": {"intent": {"name": "human_handoff"}}},
            {"event": "action", "name": "action_overdracht_opslaan"},
        ],
    ]
    figures = analytics.analyse(history)
    assert figures.rates == {
        "advies bereikt (per gesprek)": 0.5,
        "medewerker gevraagd (per gesprek)": 0.5,
        "overdracht opgeslagen (per gesprek)": 0.5,
        "niet begrepen (per bericht)": 0.25,
    }
    assert figures.drop_off == {"vooropleiding": 1}
    seeded_figures = analytics.analyse(analytics.load(engine, None))
    assert seeded_figures.conversations == 3 and seeded_figures.handoff_stored == 1
    path = analytics.report(figures, tmp_path / "rapport", "test")
    text = path.read_text()
    assert "| Advies gekregen | 1 | 50.0% |" in text and "| Hoogste opleiding | 1 | 50.0% |" in text
    for chart in ("trechter.png", "einde.png", "afhakers.png"):
        assert (path.parent / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_review_file_converts_to_nlu_yaml_and_back(tmp_path):
    source = tmp_path / "review.csv"
    rows = [
        {**{f: "" for f in review.FIELDS}, "tekst": "nee  ik bedoel mbo", "juiste_intent": "correct", "opnemen": "ja"},
        {**{f: "" for f in review.FIELDS}, "tekst": "hoi daar", "juiste_intent": "greet", "opnemen": "ja"},
        {**{f: "" for f in review.FIELDS}, "tekst": "weg ermee", "juiste_intent": "deny", "opnemen": "nee"},
    ]
    write_csv(source, review.FIELDS, rows)
    text = review.to_nlu_yaml(source)
    assert yaml.safe_load(text)["nlu"] == [
        {"intent": "correct", "examples": "- nee ik bedoel mbo\n"},
        {"intent": "greet", "examples": "- hoi daar\n"},
    ]
    (tmp_path / "nagekeken.yml").write_text(text)
    assert review.from_nlu_yaml(tmp_path / "nagekeken.yml", tmp_path / "terug.csv") == 2
    back = [(r["tekst"], r["juiste_intent"], r["opnemen"]) for r in read_csv(tmp_path / "terug.csv")[1]]
    assert back == [("nee ik bedoel mbo", "correct", "ja"), ("hoi daar", "greet", "ja")]
