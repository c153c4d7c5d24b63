"""The maintainers' loop on a fixture store like a real day: null bytes, BSNs in many
spellings, names, e-mail addresses, phone numbers, load-test senders, repeated texts, a
confident mistake, deliberate bad input and a handoff. The store is written by Rasa's plain
SQL tracker store (as before redaction at storage), so every export must clean it itself.

`make review`, `make analyse` and `make opschonen` run as a maintainer runs them, on the
fixture store (TRACKER_DB_URL) with their output in a temporary folder."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from stdnum.nl import bsn

from bot.maintenance import review
from bot.privacy.exports import parse_ids, read_csv
from bot.privacy.pseudonym import pseudonym

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_path(str(ROOT / "domain.yml"))
BSNS = ["123456782", "111222333", "999999990"]
NAMES = ["Sanne", "Pieter", "Fatima"]
ASK_EDUCATION = "Wat is je hoogste opleiding?"
ASK_YEARS = "Hoeveel jaar werkervaring heb je?"


def user(text, intent, confidence=0.95, kind=None, metadata=None):
    entities = [{"entity": "invoer_soort", "value": kind, "start": 0, "end": len(text)}] if kind else []
    return UserUttered(
        text, intent={"name": intent, "confidence": confidence}, entities=entities, metadata=metadata or {}
    )


def ask(slot, text):
    return [SlotSet("requested_slot", slot), BotUttered(text)]


CONVERSATIONS = {
    # a person who gives a name, age, job and town, a BSN, an e-mail address and a phone number
    "web-sanne": [
        user("hallo", "greet"),
        BotUttered("Hoi! Ik help je op weg naar het leraarschap."),
        *ask("vooropleiding", ASK_EDUCATION),
        user("hoi ik ben Sanne, 34 jaar, lab-analist in Utrecht", "inform", 0.45),
        BotUttered("Dank je. Welke opleiding heb je gedaan?"),
        user("mijn bsn is 123 456 782", "nlu_fallback", 1.0, kind="persoonlijk_nummer"),
        BotUttered("Dat lijkt een persoonlijk nummer. Deel dat liever niet."),
        user("ik heb\x00 hbo\x1b gedaan", "inform", 0.41),
        *ask("werkervaring_jaren", ASK_YEARS),
        user("ongeveer tien jaar", "inform", 0.52),
        user("mail me op sanne.devries@voorbeeld.nl of bel 06-12345678, groetjes Sanne", "inform", 0.3),
        ActionExecuted("action_lees_profiel_voor"),
        ActionExecuted("action_geef_advies"),
        BotUttered("Bel gerust het loket: 030 123 4567."),
    ],
    # the same answer again and again; BSN spellings the old redactor missed
    **{
        f"web-{i}": [
            *ask("werkervaring_jaren", ASK_YEARS),
            user("ongeveer tien jaar", "inform", 0.5),
            user(text, "inform", 0.35),
        ]
        for i, text in enumerate(
            [
                "mijn bsn: 123.456.782",
                "bsn 1234 56 782 graag",
                "12 34 56 782",
                "bsn123456782",
                "nummer 111-222-333",
                "ik heet Pieter de Jong en mijn bsn is 999999990",
            ]
        )
    },
    # a name given in lowercase, said again later
    "web-fatima": [
        *ask("vooropleiding", ASK_EDUCATION),
        user("mijn naam is fatima", "inform", 0.3),
        user("fatima hier, ik heb een wo-master", "inform", 0.55),
    ],
    # a confident prediction, then a correction: a likely mistake
    "web-fout": [
        *ask("vooropleiding", ASK_EDUCATION),
        user("ik wil juf worden op de basisschool", "inform", 0.93),
        BotUttered("Je hebt een pabo-diploma, klopt dat?"),
        user("nee dat bedoel ik niet", "correct", 0.9),
    ],
    # deliberate bad input
    "web-leeg": [
        user(" ", "nlu_fallback", 1.0, kind="leeg"),
        BotUttered("Je bericht is leeg."),
        user("<b>hallo</b>", "nlu_fallback", 1.0, kind="opmaak"),
    ],
    # a handoff: the contact details stay out of every export
    "web-overdracht": [
        user("ik wil een medewerker spreken", "human_handoff", 0.99),
        ActiveLoop("overdracht_form"),
        user("Bram Bakker", "inform", 0.5),
        SlotSet("naam", "Bram Bakker"),
        user("bram@voorbeeld.nl", "inform", 0.5),
        SlotSet("email", "bram@voorbeeld.nl"),
        user("0612345679", "inform", 0.5),
        SlotSet("telefoon", "+31612345679"),
        ActiveLoop(None),
        ActionExecuted("action_overdracht_opslaan"),
        BotUttered("Bram Bakker, bram@voorbeeld.nl, 0612345679: doorgegeven."),
        user("dank je Bram hier", "thanks", 0.4),
    ],
    # load and test traffic
    **{
        sender: [*ask("werkervaring_jaren", ASK_YEARS), user("ongeveer tien jaar", "inform", 0.5)]
        for sender in ["load-1", "load-2", "bench-7-p1"]
    },
    "web-getest": [user("ongeveer tien jaar", "inform", 0.5, metadata={"testverkeer": True})],
}
TEST_TRAFFIC = {"load-1", "load-2", "bench-7-p1", "web-getest"}


def _store(path: Path, now: float):
    store = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path))
    for sender, items in CONVERSATIONS.items():
        tracker = DialogueStateTracker(sender, slots=DOMAIN.slots)
        for number, event in enumerate(items):
            event.timestamp = now - 3600 + number
            tracker.update(event)
        asyncio.run(store.save(tracker))
    return sa.create_engine(f"sqlite:///{path}", future=True)


@pytest.fixture
def day(tmp_path, monkeypatch):
    monkeypatch.setenv("PSEUDONIEM_SECRET", "geheim")
    engine = _store(tmp_path / "tracker.db", time.time())
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TRACKER_DB_URL": str(engine.url),
        "PSEUDONIEM_SECRET": "geheim",
        "REVIEW_DIR": str(tmp_path / "review"),
        "TESTVERHALEN_DIR": str(tmp_path / "verhalen"),
        "RAPPORT_DIR": str(tmp_path / "rapporten"),
        "ONDERWIJSLOKET_DB_URL": f"sqlite:///{tmp_path / 'app.db'}",
    }
    return engine, env, tmp_path


def make(env, *args):
    return subprocess.run(["make", "-s", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _review(env, tmp_path):
    result = make(env, "review", "SINDS=2000-01-01")
    assert result.returncode == 0, result.stdout + result.stderr
    (csv_path,) = (tmp_path / "review").glob("review-*.csv")
    (jsonl_path,) = (tmp_path / "review").glob("gesprekken-*.jsonl")
    return result, csv_path, jsonl_path


def _flagged(line) -> bool:
    return line["van"] == "persoon" and (
        line["intent"] in {"nlu_fallback", "correct"} or line["zekerheid"] < 0.6 or bool(line["invoer_soort"])
    )


def test_make_review_writes_a_complete_grouped_file_that_matches_the_conversations(day):
    engine, env, tmp_path = day
    result, csv_path, jsonl_path = _review(env, tmp_path)
    assert "verschillende bericht(en) om na te kijken" in result.stdout
    assert sorted(p.name for p in (tmp_path / "review").iterdir()) == sorted(
        [csv_path.name, jsonl_path.name]
    )  # no temp files
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.splitlines()[0].decode("utf-8-sig") == ";".join(review.FIELDS)
    _, rows = read_csv(csv_path)
    lines = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert {line["gesprek"] for line in lines} == {pseudonym(sender) for sender in CONVERSATIONS}

    # Sections 1 and 3 hold exactly the flagged messages of the JSON lines, grouped by text.
    key = lambda text: " ".join(text.lower().split())  # noqa: E731
    expected: Counter = Counter()
    expected_ids = {}
    for line in lines:
        if _flagged(line):
            expected[key(line["tekst"])] += 1
            expected_ids.setdefault(key(line["tekst"]), Counter())[line["gesprek"]] += 1
    grouped: Counter = Counter()
    for row in rows:
        if row["sectie"] != review.SECTIONS[1]:
            grouped[key(row["tekst"])] += int(row["aantal"])
            assert parse_ids(row["gesprekken"]) == expected_ids[key(row["tekst"])], row["tekst"]
    assert grouped == expected
    assert len({key(r["tekst"]) for r in rows if r["sectie"] != review.SECTIONS[1]}) == len(
        [r for r in rows if r["sectie"] != review.SECTIONS[1]]
    )  # one row per text

    by_text = {row["tekst"]: row for row in rows}
    repeated = by_text["ongeveer tien jaar"]
    assert int(repeated["aantal"]) == sum(1 for line in lines if line["tekst"] == "ongeveer tien jaar") == 11
    assert repeated["vraag_van_de_bot"] == ASK_YEARS
    assert by_text["ik heb hbo gedaan"]["reden"] == "lage_zekerheid"  # null byte and escape gone
    assert by_text["ik heb hbo gedaan"]["antwoord_van_de_bot"] == ASK_YEARS
    assert by_text["hoi ik ben [naam], 34 jaar, lab-analist in Utrecht"]["vraag_van_de_bot"] == ASK_EDUCATION
    # the confident mistake, in its own section; deliberate bad input in its own section
    mistake = by_text["ik wil juf worden op de basisschool"]
    assert (mistake["sectie"], mistake["reden"], mistake["aantal"]) == (
        review.SECTIONS[1],
        "zeker_daarna_correctie",
        "1",
    )
    assert mistake["antwoord_van_de_bot"] == "Je hebt een pabo-diploma, klopt dat?"
    bad = {row["tekst"]: row["reden"] for row in rows if row["sectie"] == review.SECTIONS[2]}
    assert bad == {"mijn bsn is [BSN]": "invoer_persoonlijk_nummer", "": "invoer_leeg", "<b>hallo</b>": "invoer_opmaak"}
    assert [row["sectie"] for row in rows] == sorted(row["sectie"] for row in rows)


def _texts(tmp_path) -> str:
    """Every text in every export: CSV cells, JSON-lines texts, test stories."""
    parts = []
    for path in (tmp_path / "review").glob("*.csv"):
        for row in read_csv(path)[1]:
            parts += [value for column, value in row.items() if column not in {"laatst", "aantal", "zekerheid"}]
    for path in (tmp_path / "review").glob("*.jsonl"):
        parts += [json.loads(line)["tekst"] for line in path.read_text(encoding="utf-8").splitlines()]
    for path in (tmp_path / "verhalen").glob("*.yml"):
        parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def _valid_bsns(text: str) -> list:
    """Every 9 digits in a row, in any grouping with separators, that pass the 11-proef
    (conversation pseudonyms, hexadecimal, left out)."""
    found = []
    text = re.sub(r"\bg-[0-9a-f]{16}\b", " ", text)
    for run in re.findall(r"\d(?:[\d .\-_/,]*\d)?", text):
        digits = re.sub(r"\D", "", run)
        found += [digits[i : i + 9] for i in range(len(digits) - 8) if bsn.is_valid(digits[i : i + 9])]
    return found


def test_no_bsn_email_phone_or_name_in_any_export(day):
    engine, env, tmp_path = day
    _review(env, tmp_path)
    for sender in ["web-sanne", "web-5", "web-overdracht"]:
        result = subprocess.run(
            [sys.executable, "-m", "bot.maintenance.stories", sender], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    text = _texts(tmp_path)
    assert "ongeveer tien jaar" in text and "[BSN]" in text and "[naam]" in text
    assert _valid_bsns(text) == []
    digits = re.sub(r"\D", "", re.sub(r"\bg-[0-9a-f]{16}\b", " ", text))
    for number in BSNS:
        assert number not in digits, number
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", text)
    assert not re.search(r"(?:\+31|0031|\b0)[ \-]?\d(?:[ \-]?\d){7,8}\b", text), re.findall(r"\b0\d[\d \-]{7,}", text)
    for secret in BSNS + NAMES + ["fatima", "Bram", "Bakker", "Jong", "\x00", "\x1b"] + list(CONVERSATIONS):
        assert secret not in text, secret
    assert "\x00" not in (tmp_path / "review").joinpath(next((tmp_path / "review").glob("*.jsonl")).name).read_text()


def test_samenvoegen_fails_loudly_on_a_wrong_file_and_reads_what_excel_saves(day, tmp_path):
    engine, env, work = day
    wrong = work / "verkeerd.csv"
    wrong.write_text("text,intent\nhallo,greet\n", encoding="utf-8")
    result = make(env, "samenvoegen", f"BESTAND={wrong}")
    assert result.returncode != 0
    assert "mist de kolom(men) tekst, juiste_intent, opnemen" in result.stderr
    data = work / "data"
    shutil.copytree(ROOT / "bot" / "data", data)
    before = {p: p.read_text() for p in (data / "nlu").glob("*.yml")}
    # what Dutch Excel saves: Windows-1252, semicolons
    unknown = work / "onbekend.csv"
    unknown.write_bytes(
        "tekst;juiste_intent;opnemen\nik wil graag leraar worden;greet;ja\n"
        "één vraag over zij-instroom;bestaat_niet;ja\n".encode("cp1252")
    )
    merge = lambda path: subprocess.run(  # noqa: E731
        [
            sys.executable,
            "-m",
            "bot.maintenance.review",
            "samenvoegen",
            str(path),
            "--data",
            str(data),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    result = merge(unknown)
    assert result.returncode == 1 and "Onbekende intent(s): bestaat_niet (regel 3)" in result.stderr
    assert {p: p.read_text() for p in (data / "nlu").glob("*.yml")} == before  # nothing added
    good = work / "goed.csv"
    good.write_bytes(
        "tekst;juiste_intent;opnemen\nik wil één keer iets anders vragen;out_of_scope;ja\n".encode("cp1252")
    )
    result = merge(good)
    assert result.returncode == 0 and "Toegevoegd: 1" in result.stdout, result.stdout + result.stderr
    assert "    - ik wil één keer iets anders vragen" in "".join(p.read_text() for p in (data / "nlu").glob("*.yml"))


def test_make_analyse_funnel_adds_up_without_test_traffic(day):
    engine, env, tmp_path = day
    result = make(env, "analyse", "SINDS=2000-01-01")
    assert result.returncode == 0, result.stdout + result.stderr
    people = len(CONVERSATIONS) - len(TEST_TRAFFIC)
    assert f"Gesprekken: {people} (niet meegeteld als testverkeer: {len(TEST_TRAFFIC)})" in result.stdout
    (report,) = (tmp_path / "rapporten").glob("analyse-*/analyse.md")
    text = report.read_text()
    stages = re.search(r"## Waar eindigde het gesprek\?(.*?)## Afhakers", text, re.S).group(1)
    numbers = [int(n) for n in re.findall(r"^\| [^|*]+ \| (\d+) \|", stages, re.M)]
    assert len(numbers) == 5 and sum(numbers) == people
    assert f"| **totaal** | **{people}** |" in stages
    assert f"| Eerste bericht | {people} | 100.0% |" in text
    assert (
        "| Overdracht aan een medewerker opgeslagen | 1 |" in text
        and "| Advies gekregen (geen overdracht) | 1 |" in text
    )
    assert "| Jaren werkervaring | 6 |" in text and "| Vóór de eerste vraag | 1 |" in text  # plain Dutch labels
    assert "werkervaring_jaren" not in text
    for chart in ("trechter.png", "einde.png", "afhakers.png"):
        assert (report.parent / chart).read_bytes()[:4] == b"\x89PNG"


def test_after_opschonen_dagen_0_no_line_of_a_removed_conversation_remains(day):
    engine, env, tmp_path = day
    _review(env, tmp_path)
    for sender in ["web-sanne", "web-fout"]:
        subprocess.run(
            [sys.executable, "-m", "bot.maintenance.stories", sender],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    (tmp_path / "verhalen" / "test_gesprekken.yml").write_text(  # a story moved into the suite by hand
        'version: "3.1"\nstories:\n- story: eigen verhaal\n  steps:\n  - intent: greet\n'
        f'- story: echt gesprek {pseudonym("web-3")}\n  steps:\n  - user: "ongeveer tien jaar"\n    intent: inform\n'
    )
    time.sleep(1.1)  # the conversations' last messages lie before "now"
    result = make(env, "opschonen", "DAGEN=0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Opgeschoond (ouder dan 0 dagen): {len(CONVERSATIONS)} gesprek(ken)" in result.stdout
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM events")).scalar() == 0
    everything = "".join(
        p.read_text(encoding="utf-8")
        for p in tmp_path.rglob("*")
        if p.is_file() and p.suffix in {".csv", ".jsonl", ".yml"}
    )
    for sender in CONVERSATIONS:
        assert pseudonym(sender) not in everything and sender not in everything
    assert "ongeveer tien jaar" not in everything and "eigen verhaal" in everything
    assert not list((tmp_path / "review").glob("*")) and not list((tmp_path / "verhalen").glob("test_echt_*"))
    unknown = make(env, "verwijder", "GESPREK=web-sanne")
    assert unknown.returncode != 0 and "niet gevonden" in unknown.stderr


def test_herredigeren_cleans_an_old_store_and_its_exports(day):
    engine, env, tmp_path = day
    old_export = tmp_path / "review" / "gesprekken-oud.jsonl"
    old_export.parent.mkdir()
    old_export.write_text(
        json.dumps(
            {
                "gesprek": "g-0000000000000000",
                "van": "persoon",
                "tijd": time.time(),
                "tekst": "ik ben Sanne, bsn 12 34 56 782, bel 06 12345678",
            }
        )
        + "\n"
    )
    result = make(env, "herredigeren")
    assert result.returncode == 0 and "Opnieuw geredigeerd:" in result.stdout, result.stdout + result.stderr
    with engine.connect() as connection:
        stored = "\n".join(connection.execute(sa.text("SELECT data FROM events")).scalars())
    assert "[BSN]" in stored and not any(number in stored for number in BSNS)
    assert "bram@voorbeeld.nl" not in stored  # the handoff was stored: contact details scrubbed
    assert json.loads(old_export.read_text())["tekst"] == "ik ben [naam], bsn [BSN], bel [telefoonnummer]"
