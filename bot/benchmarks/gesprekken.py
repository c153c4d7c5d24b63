"""Conversation benchmark: personas written by people who never saw the bot, played over REST.

Usage: python -m bot.benchmarks.gesprekken [--deel ontwikkel|heldout|beide] [--url URL --token T]

Without ``--url`` it starts its own stack (scripts/run.sh on free ports, a fresh SQLite
tracker store and app database in a temporary folder) and stops it afterwards.

Each persona (tests/bench/personas/<deel>/*.yml) is played as a person would: the opening,
then the persona's answer to whatever the bot asks (the form's ``requested_slot``, a read-
back, a yes/no question), its side question once during the intake, a request for a human
after the advice, the contact details and consent. Asked its age ("Hoe oud ben je?"), it
gives the age its description states ("62 jaar, ...", "Sanne (29) ..."). Per persona and in total it reports:
reached advice, first route acceptable, no forbidden route, profile exact, handoff
complete, turns, repeated questions (the same question more than twice in a row), dead
ends (a bot turn that asks nothing while the intake is unfinished) and unanswered
questions (neither answered nor listed in the summary's ``vragen_open``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from bot import readiness
from bot.settings import ROOT, current

PERSONAS = ROOT / "tests/bench/personas"
MAX_TURNS = 45
CONTACT = ("naam", "email", "telefoon", "contactvoorkeur")
FREE_TEXT = ("studierichting", "huidig_beroep", "schoolvak")
#: Texts that start the handoff: the answer to "kan ik met iemand praten?".
HANDOFF_STARTED = ("vraag_naam", "vraag_contactvoorkeur", "vraag_email", "vraag_telefoon")


class Rest:
    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url.rstrip("/"), token

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())

    def tracker(self, sender: str) -> Dict[str, Any]:
        with urllib.request.urlopen(f"{self.url}/conversations/{sender}/tracker?token={self.token}", timeout=60) as r:
            return json.loads(r.read())


@dataclass
class Result:
    id: str
    deel: str
    advies: bool = False
    eerste_route_ok: bool = False
    verboden_route: bool = False
    profiel_exact: bool = False
    overdracht: bool = False
    beurten: int = 0
    herhaald: int = 0
    doodlopend: int = 0
    onbeantwoord: int = 0
    routes: List[str] = field(default_factory=list)
    profielfouten: List[str] = field(default_factory=list)
    vragen_onbeantwoord: List[str] = field(default_factory=list)
    verloop: List[str] = field(default_factory=list)


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().replace("-", " ").replace("&", "en").split())
    return value


def _matches(expected: Any, actual: Any) -> bool:
    options = expected if isinstance(expected, list) else [expected]
    return any(_normal(option) == _normal(actual) for option in options)


_AGE_QUESTION = re.compile(r"\bhoe oud ben je\b", re.IGNORECASE)


def _age(persona: Dict[str, Any]) -> Optional[str]:
    """The persona's age as its description states it: "62 jaar, ..." or "Sanne (29) ..."."""
    found = re.match(r"\s*(\d{2})\s+jaar\b", persona.get("beschrijving") or "") or re.search(
        r"\((\d{2})\)", persona.get("beschrijving") or ""
    )
    return found.group(1) if found else None


def _question(reply: List[Dict[str, Any]]) -> Optional[str]:
    """The question the bot's turn ends with (its text), or None when it asks nothing."""
    for message in reversed(reply):
        if message.get("buttons"):
            return message.get("text") or "(knoppen)"
        text = (message.get("text") or "").strip()
        if text:
            return text if "?" in text else None
    return None


def _custom(reply: List[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    return next(
        (m["custom"] for m in reply if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind), None
    )


def _answered(events: List[Dict[str, Any]], since: int) -> bool:
    """An FAQ answer, an advice follow-up or why the bot asks what it asks, in the bot's
    messages after event ``since``."""
    for index, event in enumerate(events[since:], start=since):
        if event.get("event") == "user" and index > since:
            break
        metadata = event.get("metadata") or {}
        text = str(metadata.get("tekst", ""))
        if event.get("event") == "bot" and (
            str(metadata.get("utter_action", "")).startswith("utter_faq")
            or (text.startswith("advies_") and not text.startswith("advies_nog_niet"))
            or text.startswith("uitleg_waarom_")  # "waarom vraag je dat?"
            or text in HANDOFF_STARTED
        ):
            return True
        if event.get("event") == "action" and str(event.get("name", "")).startswith("utter_faq"):
            return True
    return False


def play(persona: Dict[str, Any], deel: str, client: Rest, run: str) -> Result:
    result = Result(persona["id"], deel)
    sender = f"bench-{run}-{persona['id']}"
    answers = persona.get("antwoorden") or {}
    questions: List[str] = []  # questions the person asked, to be answered or listed
    asked: List[str] = []  # what the bot asked, in order
    side_question = persona.get("tussenvraag")
    profile_answers = 0
    human_asked = consent_given = False
    dead_in_a_row = 0

    def send(text: str, own: bool = True) -> List[Dict[str, Any]]:
        """``own``: the persona's words (its questions must be answered), not the driver's."""
        result.beurten += 1
        result.verloop.append(f"> {text}")
        if own and "?" in text:
            questions.append(text)
        reply = client.say(sender, text)
        result.verloop.extend(f"< {m.get('text') or json.dumps(m.get('custom'))[:80]}" for m in reply)
        return reply

    reply = send(persona["opening"])
    while result.beurten < MAX_TURNS:
        tracker = client.tracker(sender)
        slots = tracker.get("slots") or {}
        advice = _custom(reply, "route_suggestions")
        if advice:
            result.advies = True
            result.routes = [r.get("id") for r in advice.get("routes") or []]
        if slots.get("overdracht_id"):
            result.overdracht = True
            break
        question = _question(reply)
        requested = slots.get("requested_slot")
        if _custom(reply, "handoff_summary") and not consent_given:
            consent_given = True
            reply = send(persona.get("toestemming") or "ja")
            continue
        if result.advies and not human_asked and requested not in CONTACT:
            human_asked = True
            reply = send(persona.get("medewerker") or "ik wil graag iemand spreken")
            continue
        key = requested or question
        if key is None:
            result.doodlopend += 1
            dead_in_a_row += 1
            if dead_in_a_row > 2:
                break
            reply = send("en nu?", own=False)
            continue
        dead_in_a_row = 0
        asked.append(str(key))
        if len(asked) >= 3 and asked[-1] == asked[-2] == asked[-3]:
            result.herhaald += 1
            if len(asked) >= 6 and len(set(asked[-6:])) == 1:
                break  # it will not stop asking: give up as a person would
        if requested in answers and side_question and profile_answers == 2:
            reply, side_question = send(side_question), None
            continue
        if question and _AGE_QUESTION.search(question) and _age(persona):
            reply = send(str(_age(persona)))
        elif requested in answers:
            profile_answers += 1
            reply = send(str(answers[requested]))
        elif requested in CONTACT:
            reply = send(str(persona.get(requested) or answers.get("anders") or "weet ik niet"))
        elif question and re.search(r"\bklopt\b|\bjuist\b|\bgoed zo\b", question.lower()):
            reply = send(persona.get("bevestigen") or "ja")
        else:
            reply = send(str(answers.get("anders") or "weet ik niet"))

    final = client.tracker(sender)
    events = final.get("events") or []
    _score(persona, final.get("slots") or {}, result)
    customs = [((e.get("data") or {}).get("custom") or {}) for e in events if e.get("event") == "bot"]
    summary = next((c.get("summary") for c in reversed(customs) if c.get("type") == "handoff_summary"), None) or {}
    listed = " ".join(summary.get("vragen_open") or []).lower()
    user_events = [i for i, e in enumerate(events) if e.get("event") == "user"]
    for question_text in questions:
        index = next((i for i in user_events if events[i].get("text") == question_text), None)
        if index is None:
            continue
        if not _answered(events, index) and question_text.lower()[:40] not in listed:
            result.onbeantwoord += 1
            result.vragen_onbeantwoord.append(question_text)
    return result


def _score(persona: Dict[str, Any], slots: Dict[str, Any], result: Result) -> None:
    acceptable = persona.get("eerste_route_acceptabel") or []
    forbidden = set(persona.get("verboden_routes") or [])
    result.eerste_route_ok = bool(result.routes) and result.routes[0] in acceptable
    result.verboden_route = bool(forbidden & set(result.routes))
    skipped = set(slots.get("overgeslagen") or [])
    for slot, expected in (persona.get("verwacht_profiel") or {}).items():
        if not _matches(expected, slots.get(slot)):
            result.profielfouten.append(f"{slot}: verwacht {expected!r}, kreeg {slots.get(slot)!r}")
    for slot in persona.get("onbekend") or []:
        if slots.get(slot) not in (None, "onbekend") and slot not in skipped:
            result.profielfouten.append(f"{slot}: onbekend verwacht, kreeg {slots.get(slot)!r}")
    result.profiel_exact = not result.profielfouten


def personas(deel: str) -> List[Dict[str, Any]]:
    found = []
    for path in sorted((PERSONAS / deel).glob("*.yml")):
        found += yaml.safe_load(path.read_text(encoding="utf-8"))["personas"]
    return found


def totals(results: List[Result]) -> Dict[str, Any]:
    n = len(results) or 1
    return {
        "personas": len(results),
        "advies bereikt": sum(r.advies for r in results) / n,
        "eerste route goed": sum(r.eerste_route_ok for r in results) / n,
        "verboden routes": sum(r.verboden_route for r in results),
        "profiel exact": sum(r.profiel_exact for r in results) / n,
        "overdracht compleet": sum(r.overdracht for r in results) / n,
        "beurten (gemiddeld)": sum(r.beurten for r in results) / n,
        "herhaalde vragen": sum(r.herhaald for r in results),
        "doodlopend": sum(r.doodlopend for r in results),
        "onbeantwoorde vragen": sum(r.onbeantwoord for r in results),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnStack:
    """scripts/run.sh on free ports with its own temporary databases; stopped on exit."""

    def __enter__(self) -> Rest:
        self.work = Path(tempfile.mkdtemp(prefix="bench-gesprekken-"))
        ports = {name: str(_free_port()) for name in ("RASA_PORT", "ACTION_PORT", "INBOX_PORT")}
        token = "bench-token"
        env = {
            **os.environ,
            **ports,
            "RASA_AUTH_TOKEN": token,
            "TRACKER_DB": str(self.work / "tracker.db"),
            "ONDERWIJSLOKET_DB_URL": f"sqlite:///{self.work / 'app.db'}",
            "LOG_DIR": str(self.work / "log"),
            "HANDOFF_CONNECTORS": "inbox",
            "ACTION_ENDPOINT_URL": f"http://localhost:{ports['ACTION_PORT']}/webhook",
            "RASA_RESERVE": "0",
            "RASA_INTERN_PORT": str(_free_port()),
            # The model of this tree (make train), never a promoted one.
            "RASA_MODEL": str(ROOT / "bot/models/onderwijsloket.tar.gz"),
        }
        self.process = subprocess.Popen(
            [str(ROOT / "scripts/run.sh")],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=open(self.work / "run.out", "w"),
            stderr=subprocess.STDOUT,
        )
        rasa, actions = f"http://localhost:{ports['RASA_PORT']}", f"http://localhost:{ports['ACTION_PORT']}"
        if not readiness.wait(rasa, actions, token, timeout=420, pids=[self.process.pid]):
            self.__exit__()
            raise SystemExit(f"De stack start niet; zie {self.work / 'run.out'}")
        return Rest(rasa, token)

    def __exit__(self, *exc: Any) -> None:
        readiness.stop(self.process)


def _print(name: str, numbers: Dict[str, Any]) -> None:
    shown = ", ".join(
        f"{k} {v:.0%}"
        if isinstance(v, float) and k != "beurten (gemiddeld)"
        else f"{k} {v:.1f}"
        if isinstance(v, float)
        else f"{k} {v}"
        for k, v in numbers.items()
    )
    print(f"{name}: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deel", default="beide", choices=["ontwikkel", "heldout", "nieuw", "beide"])
    parser.add_argument("--url")
    parser.add_argument("--token", default=current().rasa.token)
    parser.add_argument("--out", default=str(ROOT / "var/bench/gesprekken"))
    parser.add_argument("--parallel", type=int, default=3)
    parser.add_argument("--details", action="store_true", help="per persona (never use this on the held-out part)")
    parser.add_argument(
        "--id", action="append", default=[], help="only these personas, e.g. --id G18 (not on the held-out part)"
    )
    args = parser.parse_args()
    if args.id and args.deel in {"heldout", "beide"}:
        parser.error("--id werkt alleen met --deel ontwikkel of --deel nieuw")
    parts = ["ontwikkel", "heldout"] if args.deel == "beide" else [args.deel]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    run = time.strftime("%Y%m%d%H%M%S")

    def go(client: Rest) -> None:
        for part in parts:
            people = [p for p in personas(part) if not args.id or p["id"] in args.id]
            if not people:
                raise SystemExit(f"Geen personas gevonden in {part} voor {', '.join(args.id)}")
            with ThreadPoolExecutor(max_workers=args.parallel) as pool:
                results = list(pool.map(lambda p: play(p, part, client, run), people))  # noqa: B023 - called at once, inside the loop
            numbers = totals(results)
            (out / f"{part}.json").write_text(
                json.dumps({"totaal": numbers, "personas": [asdict(r) for r in results]}, indent=2, ensure_ascii=False)
            )
            _print(part, numbers)
            if args.details and part != "heldout":
                for r in results:
                    flags = "".join(
                        c
                        for c, ok in (
                            ("A", r.advies),
                            ("R", r.eerste_route_ok),
                            ("P", r.profiel_exact),
                            ("O", r.overdracht),
                        )
                        if ok
                    )
                    print(
                        f"  {r.id:5} {flags:5} beurten {r.beurten:2} herhaald {r.herhaald} dood {r.doodlopend} "
                        f"onbeantw {r.onbeantwoord} routes {r.routes[:3]} {'; '.join(r.profielfouten)[:160]}"
                    )

    if args.url:
        go(Rest(args.url, args.token))
    else:
        with OwnStack() as client:
            go(client)


if __name__ == "__main__":
    main()
