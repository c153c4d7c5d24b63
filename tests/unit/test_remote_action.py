"""The compiled check of action server responses (bot/remote_action.py) against Rasa's own."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions import action as rasa_action
from rasa.core.actions import forms as rasa_forms
from rasa.core.actions.action import action_for_name_or_text
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

import bot.privacy.tracker_store  # noqa: F401 - installs the compiled check, as Rasa's import does
from bot import remote_action

VALID = [
    {},
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "sector", "value": "vo"}],
        "responses": [{"response": "utter_vraag_sector"}, {"text": "Hallo", "buttons": []}],
    },
    {
        "events": [
            {"event": "active_loop", "name": "profiel_form"},
            {"event": "slot", "name": "requested_slot", "value": None},
            {"event": "followup", "name": "action_listen"},
        ],
        "responses": [],
    },
    {"events": [{"event": "bot", "text": "hoi", "data": {}, "metadata": {}}], "extra": 1},
]
INVALID = [
    {"events": "geen lijst"},
    {"events": [{"name": "x"}]},
    {"events": [{"event": "onbekend"}]},
    {"events": [{"event": "slot"}]},
    {"events": [{"event": "slot", "name": 3, "value": 1}]},
    {"responses": "tekst"},
    {"responses": [1, 2]},
    {"events": [], "responses": [{"text": "ok"}, "geen object"]},
    [],
    "tekst",
]


def _rasa(result):
    """Rasa's own check (jsonschema.validate on every call)."""
    return remote_action.RasaRemoteAction("action_x", None)._validate_action_result(result)


def _compiled(result):
    return remote_action.CompiledRemoteAction("action_x", None)._validate_action_result(result)


@pytest.mark.parametrize("result", VALID)
def test_accepts_what_rasa_accepts(result):
    assert _rasa(result) is True
    assert _compiled(result) is True


@pytest.mark.parametrize("result", INVALID)
def test_rejects_what_rasa_rejects_with_the_same_error(result):
    with pytest.raises(ValidationError) as rasa_error:
        _rasa(result)
    with pytest.raises(ValidationError) as compiled_error:
        _compiled(result)
    assert compiled_error.value.message == rasa_error.value.message
    assert list(compiled_error.value.path) == list(rasa_error.value.path)
    assert compiled_error.value.validator == rasa_error.value.validator
    assert "Failed to validate Action server response" in compiled_error.value.message


def test_validator_compiled_once_per_process():
    remote_action.response_validator()
    before = remote_action.compilations
    assert before == 1
    for result in VALID * 20:
        _compiled(result)
    for result in INVALID:
        with pytest.raises(ValidationError):
            _compiled(result)
    assert remote_action.compilations == before


def test_rasa_creates_the_compiled_action_for_custom_actions_and_form_validation():
    assert rasa_action.RemoteAction is remote_action.CompiledRemoteAction
    assert rasa_forms.RemoteAction is remote_action.CompiledRemoteAction
    domain = Domain.from_yaml("""
version: "3.1"
actions: [action_advies]
forms:
  profiel_form:
    required_slots: []
""")
    endpoint = EndpointConfig("http://localhost:1/webhook")
    found = action_for_name_or_text("action_advies", domain, endpoint)
    assert type(found) is remote_action.CompiledRemoteAction
    assert found.name() == "action_advies"
    assert isinstance(found, remote_action.RasaRemoteAction)


def test_install_is_idempotent():
    remote_action.install()
    remote_action.install()
    assert rasa_action.RemoteAction is remote_action.CompiledRemoteAction
    assert remote_action.RasaRemoteAction is not remote_action.CompiledRemoteAction


# --- the call of action_validate_slot_mappings that the Rasa server skips -------------------

import asyncio  # noqa: E402
import itertools  # noqa: E402

from rasa.shared.core.events import ActiveLoop, UserUttered  # noqa: E402
from rasa.shared.core.trackers import DialogueStateTracker  # noqa: E402
from rasa.shared.exceptions import RasaException  # noqa: E402
from rasa_sdk import Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

from bot.actions.profile_form import ValidateSlotMappings  # noqa: E402

FORMS = [None, "profiel_form", "overdracht_form"]
INTENTS = ["inform", "advies_vraag", "faq", "correct", "nlu_fallback"]
FACTS = [{}, {"sector": "vo"}, {"werkervaring_jaren": 10, "huidig_beroep": "lab-analist"}]


def _rasa_tracker(form, paused):
    events = [UserUttered("ik werk al tien jaar", {"name": "inform"})]
    if form:
        events.insert(0, ActiveLoop(form))
    tracker = DialogueStateTracker.from_events("t", events, slots=Domain.empty().slots)
    if paused:
        tracker._paused = True
    return tracker


def _sdk_tracker(form, paused, intent, facts):
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "x", "parse_data": {"intent": {"name": intent}}},
    ]
    events += [{"event": "slot", "name": k, "value": v} for k, v in facts.items()]
    slots = {**facts, "advies_gegeven": intent == "advies_vraag"}
    return Tracker(
        "t",
        slots,
        {"text": "x", "intent": {"name": intent}, "entities": []},
        events,
        paused,
        None,
        {"name": form} if form else {},
        "action_listen",
    )


@pytest.mark.parametrize("form,paused", list(itertools.product(FORMS, [False, True])))
def test_rasa_skips_the_slot_mapping_check_only_while_a_form_runs_unpaused(form, paused):
    action = remote_action.CompiledRemoteAction(remote_action.VALIDATE_SLOT_MAPPINGS, None)
    tracker = _rasa_tracker(form, paused)
    if form and not paused:
        assert asyncio.run(action.run(None, None, tracker, Domain.empty())) == []
    else:  # it calls the action server (here: none configured, so Rasa's own error)
        with pytest.raises(RasaException):
            asyncio.run(action.run(None, None, tracker, Domain.empty()))


def test_other_actions_are_never_skipped():
    action = remote_action.CompiledRemoteAction("validate_profiel_form", None)
    with pytest.raises(RasaException):
        asyncio.run(action.run(None, None, _rasa_tracker("profiel_form", False), Domain.empty()))


@pytest.mark.parametrize("form,intent,facts", list(itertools.product(FORMS[1:], INTENTS, FACTS)))
def test_the_skipped_call_would_have_returned_nothing(form, intent, facts):
    """Where the server skips the call, the action itself returns no events and says nothing."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateSlotMappings().run(dispatcher, _sdk_tracker(form, False, intent, facts), {}))
    assert events == [] and dispatcher.messages == []
    # While paused it does answer (it keeps the profile as it was), so that call is made.
    paused = asyncio.run(
        ValidateSlotMappings().run(CollectingDispatcher(), _sdk_tracker(form, True, intent, facts), {})
    )
    assert len(paused) == len(facts)


# --- one kept-alive session for the action server calls ------------------------------------

from aiohttp import web  # noqa: E402


def test_action_server_calls_reuse_one_connection_and_drop_it_when_idle():
    async def scenario():
        peers = []

        async def webhook(request):
            peers.append(request.transport.get_extra_info("peername")[1])
            return web.json_response({"events": [], "responses": [], "body": await request.json()})

        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        try:
            action = remote_action.CompiledRemoteAction("action_x", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
            assert isinstance(action.action_endpoint, remote_action.KeepAliveEndpoint)
            answers = [await action.action_endpoint.request(json={"n": n}, method="post") for n in range(3)]
            again = remote_action.CompiledRemoteAction("action_y", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
            answers.append(await again.action_endpoint.request(json={"n": 3}, method="post"))
            assert [a["body"]["n"] for a in answers] == [0, 1, 2, 3]
            assert len(set(peers)) == 1  # one connection for all four calls
            await asyncio.sleep(remote_action.IDLE_SECONDS + 0.5)
            await action.action_endpoint.request(json={"n": 4}, method="post")
            assert len(set(peers)) == 2  # the idle one was closed by the client, a new one opened
        finally:
            await runner.cleanup()

    asyncio.run(scenario())
