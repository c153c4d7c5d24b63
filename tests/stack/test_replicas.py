"""The production set of `make run-productie` (scripts/run_productie.sh): nginx in front of
two Rasa replicas on PostgreSQL (tracker store) and Redis (lock store, Socket.IO rooms).

Started once for this module on free ports, with a throwaway PostgreSQL database and Redis
db number; stopped (and both emptied) afterwards. Skipped only when nginx is not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot import readiness
from bot.benchmarks.replicas import free_block, free_ports
from tests.conftest import POSTGRES_ADMIN_URL
from tests.site_client import Person

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        shutil.which("nginx") is None,
        reason="nginx is niet geïnstalleerd (make setup installeert het als root: apt-get install nginx)",
    ),
]


@dataclass
class Productie:
    public: str
    intern: str
    replicas: List[str]
    token: str
    log_dir: Path
    process: subprocess.Popen

    def tracker(self, conversation_id: str) -> Dict[str, Any]:
        url = f"{self.intern}/conversations/{conversation_id}/tracker?token={self.token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())

    def user_texts(self, conversation_id: str) -> List[str]:
        return [e["text"] for e in self.tracker(conversation_id)["events"] if e.get("event") == "user"]

    def wait_handled(self, conversation_id: str, texts: List[str], timeout: float = 60) -> None:
        """Until the tracker holds exactly ``texts`` as the person's messages and the bot has
        finished answering the last one (its last action is action_listen)."""
        deadline = time.monotonic() + timeout
        seen: Any = None
        while time.monotonic() < deadline:
            tracker = self.tracker(conversation_id)
            seen = [e["text"] for e in tracker["events"] if e.get("event") == "user"]
            last = tracker.get("latest_action_name")
            if seen == texts and last == "action_listen" and tracker["events"][-1].get("event") != "user":
                return
            assert seen == texts[: len(seen)], f"volgorde of inhoud klopt niet: {seen}"
            time.sleep(0.2)
        raise AssertionError(f"niet afgehandeld binnen {timeout} s: {seen}")

    def staff(self, base: str, conversation_id: str, action: str, text: str = "") -> Dict[str, Any]:
        body = json.dumps(
            {"conversation_id": conversation_id, "actie": action, "naam": "Sanne", "tekst": text}
        ).encode()
        request = urllib.request.Request(
            f"{base}/webhooks/site/medewerker?token={self.token}",
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def rasa_pid(self, n: int) -> int:
        found = re.findall(rf"\[rasa-{n}\] gestart \(pid (\d+)\)", (self.log_dir / "supervisie.log").read_text())
        return int(found[-1])


@pytest.fixture(scope="module")
def productie(tmp_path_factory):
    import redis
    import sqlalchemy as sa

    work = tmp_path_factory.mktemp("productie")
    database = f"test_{uuid.uuid4().hex[:12]}"
    redis_db = 10 + int(uuid.uuid4().int % 6)
    public, intern, inbox = free_ports(3)
    rasa_base, action_base = free_block(2), free_block(2)
    replicas = [f"http://127.0.0.1:{rasa_base + n}" for n in range(2)]
    origins = [f"http://127.0.0.1:{public}", f"http://localhost:{public}", *replicas]
    env = {
        **os.environ,
        "PUBLIC_PORT": str(public),
        "PUBLIC_INTERFACE": "127.0.0.1",
        "INTERN_PORT": str(intern),
        "RASA_BASE_PORT": str(rasa_base),
        "ACTION_BASE_PORT": str(action_base),
        "INBOX_PORT": str(inbox),
        "POSTGRES_DB": database,
        "REDIS_DB": str(redis_db),
        "PRODUCTIE_DIR": str(work),
        "SITE_ORIGINS": ",".join(origins),
        "SITE_REDIS_CHANNEL": f"test-site-{database}",
        "RASA_MODEL": str(ROOT / "bot" / "models" / "onderwijsloket.tar.gz"),
        # the tests send quickly from one address; the limits themselves: tests/unit/test_site_limits.py
        "SITE_RATE_MESSAGES": "200",
    }
    for name in (
        "RASA_AUTH_TOKEN",
        "ACTION_SERVER_SECRET",
        "SITE_TOKEN_SECRET",
        "RASA_URL",
        "ONDERWIJSLOKET_DB_URL",
        "SITE_REDIS_URL",
        "LOG_DIR",
    ):
        env.pop(name, None)
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run_productie.sh")],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=open(work / "run.out", "w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 600
        while "Klaar." not in (work / "run.out").read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                logs = "\n".join(p.read_text()[-2000:] for p in (work / "log").glob("*.log"))
                pytest.fail(f"make run-productie start niet.\n{(work / 'run.out').read_text()}\n{logs}")
            time.sleep(1)
        secrets = dict(line.split("=", 1) for line in (work / "geheimen.env").read_text().split())
        yield Productie(
            f"http://127.0.0.1:{public}",
            f"http://127.0.0.1:{intern}",
            replicas,
            secrets["RASA_AUTH_TOKEN"],
            work / "log",
            process,
        )
    finally:
        readiness.stop(process, timeout=90)
        admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()
        redis.Redis(host="127.0.0.1", port=6379, db=redis_db).flushdb()


def test_only_site_and_inbox_are_public(productie):
    def status(url: str) -> int:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert status(f"{productie.public}/webhooks/site/") == 200
    assert status(f"{productie.public}/health") == 200  # the inbox
    for path in (
        f"/status?token={productie.token}",
        "/webhooks/rest/webhook",
        "/model",
        f"/webhooks/site/medewerker?token={productie.token}",
        f"/conversations/x/tracker?token={productie.token}",
    ):
        assert status(productie.public + path) == 404, path
    assert status(f"{productie.intern}/status?token={productie.token}") == 200


def test_conversation_alternating_between_replicas(productie):
    first = Person(productie.replicas[0]).connect()
    token, conversation = first.session["token"], first.session["conversation_id"]
    second = Person(productie.replicas[1]).connect(token)
    assert second.session["conversation_id"] == conversation
    messages = ["hoi", "ik heb een wo-master scheikunde", "ik wil in utrecht lesgeven", "voltijd"]
    try:
        for n, text in enumerate(messages):
            person = (first, second)[n % 2]
            other = (first, second)[(n + 1) % 2]
            before = len(other.of("bot_uttered"))
            person.say(text)
            # A person waits for the answer before typing on; "typing" events of the previous
            # answer may still be under way through Redis, so wait for the tracker instead.
            productie.wait_handled(conversation, messages[: n + 1])
            # the socket on the other replica sees the answer too (the room spans both)
            other.wait_for("bot_uttered", before + 1, timeout=30)
        assert productie.user_texts(conversation) == messages
        slots = productie.tracker(conversation)["slots"]
        assert slots["vooropleiding"] == "wo-master"
        assert slots["studierichting"] == "scheikunde"
        assert slots["provincie"] == "utrecht"
    finally:
        first.close()
        second.close()


def test_takeover_reaches_socket_on_other_replica(productie):
    person = Person(productie.replicas[1]).connect()
    conversation = person.session["conversation_id"]
    try:
        person.reply_to("hoi", timeout=60)
        # the intakers' inbox reaches Rasa through nginx's internal server: replica 1 first
        assert productie.staff(productie.intern, conversation, "overnemen")["gepauzeerd"] is True
        person.wait_for("bot_uttered", where=lambda m: (m.get("custom") or {}).get("status") == "aanwezig")
        productie.staff(productie.intern, conversation, "bericht", "Hallo, ik ben Sanne van het Onderwijsloket.")
        found = person.wait_for("bot_uttered", where=lambda m: m.get("medewerker") == "Sanne" and m.get("text"))
        assert found[-1]["text"] == "Hallo, ik ben Sanne van het Onderwijsloket."
        # and directly on replica 1, to be sure it is the other process
        productie.staff(productie.replicas[0], conversation, "bericht", "Nog een vraag?")
        person.wait_for("bot_uttered", where=lambda m: m.get("text") == "Nog een vraag?")
        productie.staff(productie.replicas[0], conversation, "teruggeven")
        person.wait_for("bot_uttered", where=lambda m: (m.get("custom") or {}).get("status") == "weg")
    finally:
        person.close()


def test_long_polling_through_nginx_stays_on_one_replica(productie):
    """A browser without websockets: every request of the connection reaches the same replica."""
    person = Person(productie.public, origin=productie.public).connect()
    try:
        person.reply_to("hoi", timeout=60)
        person.reply_to("ik heb een vwo-diploma", timeout=60)
        assert productie.user_texts(person.session["conversation_id"]) == ["hoi", "ik heb een vwo-diploma"]
    finally:
        person.close()


def test_replica_killed_conversation_continues_on_other(productie):
    """Last in this module: it kills replica 1 (its supervisor starts it again)."""
    person = Person(productie.replicas[0]).connect()
    token, conversation = person.session["token"], person.session["conversation_id"]
    sent = ["hoi", "ik heb een hbo-bachelor bedrijfskunde"]
    for text in sent:
        person.reply_to(text, timeout=60)
    os.kill(productie.rasa_pid(1), signal.SIGKILL)
    # The page reconnects through nginx; replica 1 is gone, so nginx sends it to replica 2.
    again = Person(productie.public).connect(token)
    try:
        assert again.session["conversation_id"] == conversation
        history = again.wait_for("history")[-1]["berichten"]
        assert [m["text"] for m in history if m["van"] == "persoon"] == sent
        next_text = "ik wil in gelderland lesgeven"
        again.reply_to(next_text, timeout=60)
        assert productie.user_texts(conversation) == [*sent, next_text]
        slots = productie.tracker(conversation)["slots"]
        assert slots["vooropleiding"] == "hbo-bachelor" and slots["provincie"] == "gelderland"
    finally:
        again.close()
        try:
            person.close()
        except Exception:  # noqa: BLE001 - its server is gone
            pass
