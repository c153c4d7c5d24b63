"""500 synthetic valid BSNs through real conversations leave none in the database, the logs
or the exports."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from bot.maintenance import review
from bot.privacy.redact import LABELS, is_bsn

pytestmark = pytest.mark.stack


def valid_bsns(count: int, seed: int = 20261123):
    rng, found = random.Random(seed), []
    while len(found) < count:
        digits = [rng.randint(0, 9) for _ in range(8)]
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1))) % 11
        number = "".join(map(str, digits)) + str(last)
        if last < 10 and is_bsn(number) and number not in found and not number.startswith("0"):
            found.append(number)
    return found


TEMPLATES = [
    "mijn bsn is {plain}",
    "{plain}",
    "BSN: {dotted}",
    "ik heb havo, burgerservicenummer {spaced}",
    "hier is mijn nummer {plain} voor de aanmelding",
    "bsn{plain}",
    "mijn bsn: {dashed}",
    "{commas} is mijn bsn",
    "nummer {underscores} graag",
    "bsn  {double}",
]
SPELLINGS = {
    "plain": lambda n: n,
    "dotted": lambda n: f"{n[:4]}.{n[4:6]}.{n[6:]}",
    "spaced": lambda n: f"{n[:3]} {n[3:6]} {n[6:]}",
    "dashed": lambda n: f"{n[:3]} - {n[3:6]} - {n[6:]}",
    "commas": lambda n: f"{n[:3]},{n[3:6]},{n[6:]}",
    "underscores": lambda n: f"{n[:3]}_{n[3:6]}_{n[6:]}",
    "double": lambda n: f"{n[:3]}  {n[3:6]}  {n[6:]}",
}


def test_500_bsns_leave_no_trace(stack, tmp_path, monkeypatch):
    numbers = valid_bsns(500)

    def line(position: int) -> str:
        bsn = numbers[position]
        return TEMPLATES[position % len(TEMPLATES)].format(**{k: f(bsn) for k, f in SPELLINGS.items()})

    def conversation(index: int) -> None:
        # five messages of five lines: every template and spelling, each number on a line of its own
        for message in range(5):
            first = (index * 5 + message) * 5
            stack.say(f"bsn-{index}", "\n".join(line(position) for position in range(first, first + 5)))

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(conversation, range(20)))

    engine = sa.create_engine(f"sqlite:///{stack.tracker_db}", future=True)
    with engine.connect() as connection:
        rows = list(connection.execute(sa.text("SELECT data FROM events WHERE sender_id LIKE 'bsn-%'")).scalars())
    stored = "\n".join(rows)
    assert stored.count("[BSN]") >= 500
    bot_texts = [json.loads(row) for row in rows if json.loads(row)["event"] == "bot"]
    assert bot_texts and not [b for b in bot_texts if any(label in json.dumps(b) for label in LABELS)]
    logs = "\n".join(path.read_text(errors="replace") for path in stack.log_dir.glob("*.log"))
    monkeypatch.setenv("PSEUDONIEM_SECRET", "test")
    result = review.export(engine, dt.date.today() - dt.timedelta(days=1), tmp_path / "review")
    exported = result.review.read_text() + result.conversations.read_text()
    assert result.count >= 20

    def found(number: str, text: str) -> bool:
        # Whole numbers only: the digits may occur inside a float such as a confidence.
        return re.search(rf"(?<![\d.]){re.escape(number)}(?!\d)", text) is not None

    leaks = [
        n
        for n in numbers
        if found(n, stored)
        or found(n, logs)
        or found(n, exported)
        or any(found(spell(n), stored) or found(spell(n), exported) for spell in SPELLINGS.values())
    ]
    assert leaks == []


def test_a_number_inside_a_message_is_kept_out_and_the_person_is_told(stack):
    reply = stack.say("bsn-los-1", "ik heb havo en mijn bsn is 111222333")
    texts = [m.get("text") or "" for m in reply]
    assert texts[0].startswith("Let op: je bericht bevat een persoonlijk nummer")
    assert any(t.startswith("Dank je! Dit heb ik genoteerd: havo") for t in texts)
    stored = json.dumps(stack.tracker("bsn-los-1")["events"])
    assert "111222333" not in stored and "[BSN]" in stored
