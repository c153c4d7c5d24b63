"""Redaction finds personal numbers by their structure and touches nothing else.

Property tests: every valid BSN, IBAN and card number in every common spelling, inside
Dutch text, is redacted; UUIDs, dates, URLs, phone numbers, postcodes and reference numbers
pass untouched; the bot's own texts (domain, FAQ answers, knowledge base) never change.
And the tracker store keeps ids and bot texts exactly as they were.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from stdnum import iban as stdnum_iban
from stdnum import luhn

from bot import texts
from bot.privacy import events as privacy
from bot.privacy.redact import BSN_LABEL, CARD_LABEL, IBAN_LABEL, LABELS, is_bsn, redact
from bot.privacy.tracker_store import RedactingSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
WORDS = (
    "ik",
    "heb",
    "mijn",
    "nummer",
    "is",
    "en",
    "de",
    "het",
    "een",
    "graag",
    "school",
    "werk",
    "bij",
    "gemeente",
    "bellen",
    "morgen",
    "leraar",
    "worden",
    "kan",
    "dat",
    "hier",
    "wel",
    "nog",
    "even",
    "toch",
)
#: Separators people put between groups of digits.
SEPARATORS = ("", " ", "  ", ".", "-", " - ", ",", ", ", "_", "/", " . ")
#: How a nine-digit number is grouped.
BSN_GROUPS = ((9,), (3, 3, 3), (4, 2, 3), (2, 2, 2, 3))

dutch_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)


def _grouped(digits: str, sizes, separator: str) -> str:
    parts, position = [], 0
    for size in sizes:
        parts.append(digits[position : position + size])
        position += size
    return separator.join(parts)


@st.composite
def bsns(draw) -> str:
    first = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    check = sum(d * w for d, w in zip(first, range(9, 1, -1))) % 11
    digits = "".join(map(str, first)) + str(check)
    if check == 10 or not is_bsn(digits):
        first[0] = (first[0] + 1) % 10
        return draw(bsns())
    return digits


@st.composite
def ibans(draw) -> str:
    country = draw(st.sampled_from(["NL", "BE", "DE"]))
    if country == "NL":
        bban = draw(st.sampled_from(["ABNA", "INGB", "RABO", "TRIO"])) + draw(
            st.text("0123456789", min_size=10, max_size=10)
        )
    elif country == "BE":
        bban = draw(st.text("0123456789", min_size=12, max_size=12))
    else:
        bban = draw(st.text("0123456789", min_size=18, max_size=18))
    check = stdnum_iban.calc_check_digits(country + "00" + bban)
    number = country + check + bban
    if not stdnum_iban.is_valid(number):  # a BE number needs its own national check too
        return draw(ibans())
    return number


@st.composite
def cards(draw) -> str:
    body = draw(st.sampled_from(["4", "51", "55", "37"])) + draw(st.text("0123456789", min_size=14, max_size=14))
    return body + luhn.calc_check_digit(body)


def _assert_gone(text: str, written: str, digits: str, label: str) -> None:
    result = redact(text)
    assert label in result.text, (text, result.text)
    assert written not in result.text and digits not in re.sub(r"\D", "", result.text), (text, result.text)


@settings(max_examples=600, deadline=None)
@given(
    number=bsns(),
    sizes=st.sampled_from(BSN_GROUPS),
    separator=st.sampled_from(SEPARATORS),
    before=dutch_text,
    after=dutch_text,
    glue=st.sampled_from(["", "bsn", "BSN:", "bsn:", "nr"]),
)
def test_every_bsn_spelling_inside_dutch_text_is_redacted(number, sizes, separator, before, after, glue):
    written = _grouped(number, sizes, separator)
    text = f"{before} {glue}{written} {after}".strip()
    _assert_gone(text, written, number, BSN_LABEL)


@settings(max_examples=300, deadline=None)
@given(
    number=ibans(),
    separator=st.sampled_from(["", " ", "-", ".", "_"]),
    lower=st.booleans(),
    before=dutch_text,
    after=dutch_text,
    glue=st.sampled_from(["", "iban:", "rekening "]),
)
def test_every_iban_spelling_inside_dutch_text_is_redacted(number, separator, lower, before, after, glue):
    written = separator.join(number[i : i + 4] for i in range(0, len(number), 4))
    written = written.lower() if lower else written
    text = f"{before} {glue}{written} {after}".strip()
    result = redact(text)
    assert IBAN_LABEL in result.text and written not in result.text, (text, result.text)


@settings(max_examples=300, deadline=None)
@given(
    number=cards(),
    separator=st.sampled_from(["", " ", "  ", "-", " - ", ".", "_"]),
    before=dutch_text,
    after=dutch_text,
)
def test_every_card_number_spelling_inside_dutch_text_is_redacted(number, separator, before, after):
    written = separator.join(number[i : i + 4] for i in range(0, len(number), 4))
    _assert_gone(f"{before} kaart {written} {after}", written, number, CARD_LABEL)


# What must pass untouched.
uuids = st.uuids().map(str)
iso_dates = st.dates().filter(lambda d: 1900 <= d.year <= 2099).map(lambda d: d.isoformat())
iso_times = st.datetimes().filter(lambda d: 1900 <= d.year <= 2099).map(lambda d: d.isoformat(timespec="seconds") + "Z")
dutch_dates = (
    st.dates()
    .filter(lambda d: 1900 <= d.year <= 2099)
    .flatmap(
        lambda d: st.sampled_from(
            [
                f"{d.day:02d}-{d.month:02d}-{d.year}",
                f"{d.day}-{d.month}-{d.year}",
                f"{d.day:02d}.{d.month:02d}.{d.year}",
                f"{d.day}/{d.month}/{d.year}",
                f"{d.day:02d}-{d.month:02d}-{d.year % 100:02d}",
            ]
        )
    )
)
urls = st.builds(
    lambda path, n: f"https://www.onderwijsloket.com/kennisbank/{path}/{n}?id={n * 7}",
    st.sampled_from(["zij-instroom", "pabo", "artikel"]),
    st.integers(0, 10**12),
)
mobile = st.text("0123456789", min_size=8, max_size=8).flatmap(
    lambda n: st.sampled_from(
        [
            f"06{n}",
            f"06 {n}",
            f"06-{n}",
            f"06 {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
            f"+316{n}",
            f"+31 6 {n}",
            f"+31 (0)6 {n}",
            f"0031 6 {n}",
            f"06-{n[:4]} {n[4:]}",
        ]
    )
)
landline = st.text("0123456789", min_size=7, max_size=7).map(lambda n: f"020-{n}") | st.text(
    "0123456789", min_size=6, max_size=6
).map(lambda n: f"0318 {n}")
postcodes = st.builds(
    lambda n, letters: f"{n} {letters}",
    st.integers(1000, 9999),
    st.text("ABCDEFGHJKLMNPRSTVWXZ", min_size=2, max_size=2),
)
references = (
    uuids.map(lambda u: u[:8])
    | st.integers(1, 99999).map(lambda n: f"OL-2026-{n:05d}")
    | st.integers(2010, 2030).map(lambda y: f"{y}-{y + 4}")
)
untouched = st.one_of(uuids, iso_dates, iso_times, dutch_dates, urls, mobile, landline, postcodes, references)


@settings(max_examples=1500, deadline=None)
@given(item=untouched, before=dutch_text, after=dutch_text)
def test_ids_dates_urls_phone_numbers_postcodes_and_references_pass_untouched(item, before, after):
    text = f"{before} {item} {after}".strip()
    assert redact(text).text == text


@settings(max_examples=300, deadline=None)
@given(items=st.lists(untouched, min_size=2, max_size=5))
def test_several_structured_items_together_pass_untouched(items):
    text = " en ".join(items)
    assert redact(text).text == text


def test_examples_from_real_messages():
    assert redact("db4c1a56-4743-4102-b465-0ae15ba52ab7").text == "db4c1a56-4743-4102-b465-0ae15ba52ab7"
    assert redact("(bijgewerkt 2026-11-23)").text == "(bijgewerkt 2026-11-23)"
    for written in ("123  456  782", "123 - 456 - 782", "123,456,782", "123_456_782", "bsn123456782"):
        assert BSN_LABEL in redact(f"mijn bsn is {written}").text, written
    assert redact("NL91ABNA0417164300graag").text == "[IBAN]graag"
    assert redact("2012, 2015, 2018, 2021").text == "2012, 2015, 2018, 2021"  # years, not a card
    assert redact("12-03-2024 123 456 782").text == "12-03-2024 [BSN]"
    assert redact("bel 06-12345678 of mail, bsn 123456782").text == "bel 06-12345678 of mail, bsn [BSN]"
    assert redact("ik ben 35 en heb 2 kinderen, 12 jaar ervaring").found == {}


def _bot_texts():
    """Every text the bot can send: domain responses, FAQ answers, texts.py, knowledge base strings."""
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(yaml.safe_load((ROOT / "domain.yml").read_text())["responses"])
    for path in sorted((ROOT / "bot/data/responses").glob("*.yml")):
        walk(yaml.safe_load(path.read_text()).get("responses"))
    walk(
        {
            name: value
            for name, value in vars(texts).items()
            if not name.startswith("_") and isinstance(value, (str, dict, list))
        }
    )
    for path in sorted((ROOT / "bot/knowledge/content").glob("*.yml")):
        walk(yaml.safe_load(path.read_text()))
    return found


def test_bot_texts_are_never_changed():
    bot_texts = _bot_texts()
    assert len(bot_texts) > 300
    for text in bot_texts:
        assert privacy.redact_event({"event": "bot", "text": text}) == {"event": "bot", "text": text}
        assert redact(text).text == text, text  # no structure in them looks like a personal number either


def test_only_what_the_person_typed_is_redacted():
    user = {
        "event": "user",
        "text": "bsn 123456782",
        "message_id": "123456782",
        "timestamp": 1764000000.123456,
        "metadata": {"kanaal": "site", "id": "123-456-782"},
        "parse_data": {
            "text": "bsn 123456782",
            "intent": {"name": "inform", "confidence": 1.0},
            "entities": [{"entity": "getal", "value": 123456782, "start": 4, "end": 13}],
        },
    }
    clean = privacy.redact_event(user)
    assert clean["text"] == clean["parse_data"]["text"] == "bsn [BSN]"
    assert clean["parse_data"]["entities"][0]["value"] == "[BSN]"
    assert clean["message_id"] == "123456782" and clean["metadata"] == user["metadata"]
    assert clean["timestamp"] == user["timestamp"]
    assert (
        privacy.redact_event({"event": "slot", "name": "huidig_beroep", "value": "bsn 123456782"})["value"]
        == "bsn [BSN]"
    )
    handoff_id = "db4c1a56-4743-4102-b465-0ae15ba52ab7"
    assert privacy.redact_event({"event": "slot", "name": "overdracht_id", "value": handoff_id})["value"] == handoff_id
    assert "overdracht_id" not in privacy.user_text_slots() and "advies" not in privacy.user_text_slots()
    assert {"studierichting", "huidig_beroep", "naam", "telefoon"} <= privacy.user_text_slots()


def _stored_events(store: RedactingSQLTrackerStore, sender: str):
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).all()
        return [json.loads(row.data) for row in rows]


def test_store_keeps_handoff_ids_and_bot_texts_50_times(tmp_path):
    """A fresh random handoff id each time: the stored id always equals the handoff's id."""
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = RedactingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for round_ in range(50):
        sender, handoff_id = f"gesprek-{round_}", str(uuid.uuid4())
        thanks = texts.TEXTS["overdracht_opgeslagen"]["text"].format(
            naam="Sanne", contact="per e-mail", kenmerk=handoff_id[:8]
        )
        card = "Lerarenopleiding (bijgewerkt 2026-11-23, bron https://www.onderwijsloket.com/kennisbank/123456782)"
        tracker = DialogueStateTracker(sender, slots=domain.slots)
        tracker.update(UserUttered("mijn bsn is 123 - 456 - 782", intent={"name": "inform", "confidence": 1.0}))
        tracker.update(BotUttered(card))
        tracker.update(SlotSet("overdracht_id", handoff_id))
        tracker.update(BotUttered(thanks, data={"custom": {"type": "handoff", "id": handoff_id}}))
        tracker.update(ActionExecuted("action_overdracht_opslaan"))
        asyncio.run(store.save(tracker))

        retrieved = asyncio.run(store.retrieve(sender))
        assert retrieved.get_slot("overdracht_id") == handoff_id
        stored = _stored_events(store, sender)
        bots = [e for e in stored if e["event"] == "bot"]
        assert [b["text"] for b in bots] == [card, thanks]
        assert bots[1]["data"]["custom"]["id"] == handoff_id
        assert not any(label in json.dumps(b) for b in bots for label in LABELS)
        user = next(e for e in stored if e["event"] == "user")
        assert user["text"] == "mijn bsn is [BSN]"


def test_store_redacts_only_new_events(tmp_path, monkeypatch):
    """Each save looks only at the events not stored yet; what is stored is the same as
    when every event was redacted each time, contact details scrubbed after the handoff."""
    from bot.privacy import tracker_store

    domain = Domain.load(str(ROOT / "domain.yml"))
    store = RedactingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    seen = []
    real = privacy.redact_event
    monkeypatch.setattr(tracker_store.privacy, "redact_event", lambda data: seen.append(data) or real(data))
    sender = "gesprek-nieuw"
    tracker = DialogueStateTracker(sender, slots=domain.slots)
    turns = [
        [UserUttered("mijn bsn is 123456782", intent={"name": "inform", "confidence": 1.0}), BotUttered("Dank je.")],
        [
            UserUttered("ik heet Sanne Jansen", intent={"name": "inform", "confidence": 1.0}),
            SlotSet("naam", "Sanne Jansen"),
            SlotSet("telefoon", "+31612345678"),
        ],
        [
            UserUttered("ja, bel me op 0612345678", intent={"name": "affirm", "confidence": 1.0}),
            ActionExecuted("action_overdracht_opslaan"),
            BotUttered("Opgeslagen."),
        ],
    ]
    for events in turns:
        seen.clear()
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))
        assert len(seen) == len(events)  # only the new ones
        tracker = asyncio.run(store.retrieve(sender))

    stored = _stored_events(store, sender)
    text = json.dumps(stored)
    assert "123456782" not in text and "[BSN]" in text
    assert "Sanne Jansen" not in text and "0612345678" not in text and "+31612345678" not in text
    assert [e["text"] for e in stored if e["event"] == "bot"] == ["Dank je.", "Opgeslagen."]
    assert len(stored) == sum(len(events) for events in turns)


def test_contacts_to_scrub_matches_the_event_rules():
    from bot.privacy.tracker_store import contacts_to_scrub

    events = [SlotSet("naam", "Sanne"), SlotSet("email", "s@example.nl")]
    assert contacts_to_scrub(events) == set()
    events.append(ActionExecuted("action_overdracht_opslaan"))
    assert contacts_to_scrub(events) == {"Sanne", "s@example.nl"}
    events.append(SlotSet("telefoon", "+31612345678"))  # a new contact detail: not finished again yet
    assert contacts_to_scrub(events) == set()
    events.append(ActionExecuted("action_geen_toestemming"))
    assert contacts_to_scrub(events) == {"Sanne", "s@example.nl", "+31612345678", "0612345678"}
    raw = [e.as_dict() for e in events]
    assert contacts_to_scrub(events) == privacy.contact_values(raw)
