"""The action server refuses a call without the shared secret (nothing stored or
delivered), Rasa sends the secret on every call, and an unhandled action error puts no
tracker content in any log or error (neither on the action server nor in Rasa)."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestServer

ROOT = Path(__file__).resolve().parents[2]
SECRET = "actieserver-test-geheim-" + "x" * 20
MARKER = "MERKTEKEN-7f3a9c-tracker-inhoud"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("actieserver")
    port = int(os.environ.get("TEST_ACTION_PORT_GEHEIM") or _free_port())
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ACTION_SERVER_SECRET": SECRET,
        "SANIC_HOST": "127.0.0.1",
        "ONDERWIJSLOKET_DB_URL": f"sqlite:///{work / 'app.db'}",
        "HANDOFF_CONNECTORS": "inbox",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    env.pop("INTAKE_MODUS", None)
    log = open(work / "actions.log", "w")
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "rasa"), "run", "actions", "--actions", "bot.actions", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/health", timeout=2)
            break
        except (urllib.error.URLError, OSError):
            if process.poll() is not None:
                raise RuntimeError((work / "actions.log").read_text()) from None
            time.sleep(0.5)
    else:
        process.kill()
        raise RuntimeError("actieserver start niet")
    yield url, work
    process.terminate()
    process.wait(timeout=20)
    log.close()


def _post(url, body, headers=None):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _forged_handoff():
    """A tracker that asks the action server to store and deliver a handoff without consent."""
    slots = {
        "naam": "Vals Persoon",
        "email": "vals@example.nl",
        "telefoon": None,
        "contactvoorkeur": "email",
        "toestemming_overdracht": True,
        "vooropleiding": "wo-master",
    }
    return {
        "next_action": "action_overdracht_opslaan",
        "version": "3.6.0",
        "domain": {},
        "tracker": {
            "sender_id": "vervalst",
            "slots": slots,
            "latest_message": {"text": "ja", "intent": {}},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


def _handoffs(work):
    engine = sa.create_engine(f"sqlite:///{work / 'app.db'}")
    try:
        if not sa.inspect(engine).has_table("overdracht"):
            return 0
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT COUNT(*) FROM overdracht")).scalar()
    finally:
        engine.dispose()


def test_forged_call_without_or_with_a_wrong_secret_is_refused(action_server):
    url, work = action_server
    for headers in ({}, {"X-Action-Server-Secret": "fout"}, {"X-Action-Server-Secret": SECRET[:-1]}):
        status, body = _post(f"{url}/webhook", _forged_handoff(), headers)
        assert status == 401, (status, body)
        assert "Vals Persoon" not in body
    assert _handoffs(work) == 0
    assert urllib.request.urlopen(f"{url}/health", timeout=5).status == 200
    status, _ = _post(f"{url}/webhook", {"next_action": "action_listen"}, {"X-Action-Server-Secret": SECRET})
    assert status != 401


def test_unhandled_action_error_logs_no_tracker_content(action_server):
    url, work = action_server
    call = {
        "next_action": "action_overdracht_opslaan",
        "version": "3.6.0",
        "domain": {},
        "tracker": {"sender_id": MARKER, "slots": MARKER, "events": MARKER, "latest_message": {"text": MARKER}},
    }
    status, body = _post(f"{url}/webhook", call, {"X-Action-Server-Secret": SECRET})
    assert status == 500, body
    assert MARKER not in body
    assert "action_overdracht_opslaan" in body
    time.sleep(0.5)
    log = (work / "actions.log").read_text()
    assert "action_overdracht_opslaan" in log
    assert MARKER not in log


async def test_rasa_sends_the_secret_and_logs_no_error_body(caplog, monkeypatch):
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import EndpointConfig

    from bot import remote_action

    monkeypatch.setattr(remote_action, "_secret", None, raising=False)
    monkeypatch.setenv("ACTION_SERVER_SECRET", SECRET)
    seen = []

    async def webhook(request):
        seen.append(request.headers.get("X-Action-Server-Secret"))
        return web.json_response({"error": "boem", "request_body": {"tracker": MARKER}}, status=500)

    app = web.Application()
    app.add_routes([web.post("/webhook", webhook)])
    async with TestServer(app) as server:
        endpoint = EndpointConfig(str(server.make_url("/webhook")))
        action = remote_action.CompiledRemoteAction("action_advies", endpoint)
        domain = Domain.from_yaml('version: "3.1"\nactions: [action_advies]')
        tracker = DialogueStateTracker(MARKER, domain.slots)
        caplog.set_level(logging.DEBUG)
        with pytest.raises(RasaException) as raised:
            await action.run(
                CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain
            )
    assert seen == [SECRET]
    chain, error = [], raised.value
    while error is not None:
        chain.append(str(error))
        # what a logged traceback shows: the cause, or the context unless it was suppressed
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    assert not any(MARKER in text for text in chain), chain
    assert "action_advies" in chain[0] and "500" in chain[0]
    assert MARKER not in caplog.text
