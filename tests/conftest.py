"""Test tiers and shared fixtures (the running stack for HTTP, story and browser tests).

Every test is in one tier, by its folder; a test in a lighter folder that needs more says so
with the tier's marker (``pytest.mark.services`` on a PostgreSQL case, say):

  unit      plain Python, no services, no trained model, no running bot   make test-unit
  services  PostgreSQL, Redis or RabbitMQ on this machine                 make test-services
  stack     the running bot (scripts/run.sh or make run-productie)        make test-stack
  browser   Chromium against the running bot                             make test-browser
  slow      training models                                               make test-slow
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot import readiness, settings

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
TIERS = ("unit", "services", "stack", "browser", "slow")


def pytest_collection_modifyitems(config, items):
    """Marks each test with its tier: an explicit tier marker, else its folder's."""
    for item in items:
        explicit = [tier for tier in TIERS if item.get_closest_marker(tier) is not None]
        folder = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        if folder not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: elke test staat in een map per laag ({', '.join(TIERS)})")
        if not explicit:
            item.add_marker(getattr(pytest.mark, folder))


class _MonkeyPatch(pytest.MonkeyPatch):
    """pytest's MonkeyPatch; changing the environment also forgets the settings read so far
    (bot/settings.py reads the environment once per process)."""

    def setenv(self, name: str, value: str, prepend: Any = None) -> None:
        super().setenv(name, value, prepend)
        settings.reset()

    def delenv(self, name: str, raising: bool = True) -> None:
        super().delenv(name, raising)
        settings.reset()

    def undo(self) -> None:
        super().undo()
        settings.reset()


@pytest.fixture
def monkeypatch():
    with _MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(autouse=True)
def _fresh_settings():
    """Every test starts from the environment as it is, not from settings an earlier test read."""
    settings.reset()
    yield
    settings.reset()


WEBHOOK_SECRET = "stack-webhook-geheim"


@dataclass
class Stack:
    rasa: str
    actions: str
    token: str
    log_dir: Path
    tracker_db: Path
    inbox: str = ""
    app_db: str = ""
    webhook: Any = None
    mail: Any = None

    def say(self, sender: str, message: Any) -> List[Dict[str, Any]]:
        """Posts one message to the REST channel and returns the bot's messages."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.rasa}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            return json.loads(response.read())

    def tracker(self, sender: str) -> Dict[str, Any]:
        with urllib.request.urlopen(f"{self.rasa}/conversations/{sender}/tracker?token={self.token}", timeout=30) as r:
            return json.loads(r.read())

    def age_conversation(self, sender: str, seconds: float) -> None:
        """Moves every stored event of ``sender`` ``seconds`` into the past."""
        with sqlite3.connect(self.tracker_db) as db:
            changed = db.execute(
                "UPDATE events SET timestamp = timestamp - ?, "
                "data = json_set(data, '$.timestamp', json_extract(data, '$.timestamp') - ?) WHERE sender_id = ?",
                (seconds, seconds, sender),
            ).rowcount
        assert changed > 0


POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
def postgres_url():
    """A new, empty database on the local PostgreSQL (dropped afterwards)."""
    import uuid

    import sqlalchemy as sa

    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    name = f"test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        pytest.fail(
            f"PostgreSQL is niet bereikbaar op {POSTGRES_ADMIN_URL} (start het met scripts/services.sh): {error}"
        )
    try:
        yield sa.engine.make_url(POSTGRES_ADMIN_URL).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def catalog():
    """The knowledge base of the repository, loaded into a private in-memory database."""
    from bot.knowledge.catalog import read_catalog
    from bot.knowledge.content import read_content
    from bot.knowledge.load import load
    from bot.store import db

    engine = db.new_engine("sqlite://")
    db.upgrade(engine)
    load(engine, read_content())
    with engine.connect() as connection:
        return read_catalog(connection)


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    """Starts scripts/run.sh on test ports with a fresh SQLite tracker store."""
    from tests.receivers import SmtpReceiver, WebhookReceiver

    work = tmp_path_factory.mktemp("stack")
    rasa_port = os.environ.get("TEST_RASA_PORT", "15005")
    action_port = os.environ.get("TEST_ACTION_PORT", "15055")
    inbox_port = os.environ.get("TEST_INBOX_PORT", "15080")
    webhook = WebhookReceiver(int(os.environ.get("TEST_WEBHOOK_PORT", "15090")), WEBHOOK_SECRET).start()
    mail = SmtpReceiver(int(os.environ.get("TEST_SMTP_PORT", "15025"))).start()
    token = "test-token"
    env = {
        **os.environ,
        "RASA_PORT": rasa_port,
        "ACTION_PORT": action_port,
        "RASA_AUTH_TOKEN": token,
        "TRACKER_DB": str(work / "tracker.db"),
        "ONDERWIJSLOKET_DB_URL": f"sqlite:///{work / 'app.db'}",
        "INBOX_PORT": inbox_port,
        "RASA_RESERVE": "0",  # one Rasa process is enough here; tests/stack/test_supervision.py covers the reserve
        "RASA_INTERN_PORT": os.environ.get("TEST_RASA_INTERN_PORT", str(int(rasa_port) + 10)),
        "HANDOFF_CONNECTORS": "inbox,webhook,email",
        "HANDOFF_WEBHOOK_URL": webhook.url,
        "HANDOFF_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "HANDOFF_SMTP_HOST": "127.0.0.1",
        "HANDOFF_SMTP_PORT": str(mail.port),
        "HANDOFF_SMTP_TO": "intake@onderwijsloket.example",
        "HANDOFF_SMTP_STARTTLS": "0",  # the test mail server has no TLS
        "HANDOFF_BACKOFF_BASIS": "0.2",
        "HANDOFF_BACKOFF_MAX": "2",
        "HANDOFF_POLL": "0.2",
        "LOG_DIR": str(work / "log"),
        # The tests check the data of this tree: the development model, never a promoted one.
        "RASA_MODEL": str(ROOT / "bot" / "models" / "onderwijsloket.tar.gz"),
        "ACTION_ENDPOINT_URL": f"http://localhost:{action_port}/webhook",
    }
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run.sh")],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=open(work / "run.out", "w"),
        stderr=subprocess.STDOUT,
    )
    result = Stack(
        f"http://localhost:{rasa_port}",
        f"http://localhost:{action_port}",
        token,
        work / "log",
        work / "tracker.db",
        f"http://localhost:{inbox_port}",
        env["ONDERWIJSLOKET_DB_URL"],
        webhook,
        mail,
    )
    try:
        if not readiness.wait(result.rasa, result.actions, token, timeout=420, pids=[process.pid], inbox=result.inbox):
            logs = "\n".join(p.read_text()[-3000:] for p in (work / "log").glob("*.log"))
            pytest.fail(f"De stack start niet.\n{(work / 'run.out').read_text()}\n{logs}")
        yield result
    finally:
        readiness.stop(process)
        webhook.stop()
        mail.stop()
