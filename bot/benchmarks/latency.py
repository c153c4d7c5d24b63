"""Latency and throughput of this bot next to a bare ``rasa init`` bot of the same Rasa.

    python -m bot.benchmarks.latency [--niveaus 1,5,10,20] [--rondes 3] [--referentie DIR]

It creates the reference bot with ``rasa init --no-prompt`` in a temporary folder with
this project's own environment (the same Rasa), trained there (``--referentie DIR`` reuses
or keeps one), starts it on a free port, and starts this bot with scripts/run.sh on free
ports (its own temporary databases, no reserve Rasa). Both get the same scripted Dutch
conversations over the REST channel. This bot is measured the way a site reaches it
(through the front, connectors/front.py) and directly on its internal Rasa port.

Conversations: three Dutch scripts of eight messages; short answers repeat as on the site,
the long free-text message differs per conversation (``script``). Interleaving: at each level of concurrency (1, 5, 10, 20 conversations at a time) every
round runs one block per target (reference, this bot through the front, this bot
directly) in turn, in a different order each round, so slow moments of the machine fall
on all of them alike. A block is ``max(level, 3)`` conversations with at most ``level``
running at once; each conversation is a fresh sender. Per target and level: p50, p95 and
max per message, and messages per second (the saturation throughput is the best level).
Both Rasa servers' resident memory (RSS) is read after loading and after the run. Every
process it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bot import readiness
from bot.benchmarks.server_memory import _rasa_pid
from bot.maintenance.production import DEVELOPMENT
from bot.settings import ROOT, current

RASA = ROOT / ".venv/bin/rasa"

#: Dutch conversations as a person on the site would type them (the same for both bots).
#: Short answers repeat as they do on the site; the long free-text message of each
#: conversation differs per conversation ({jaren}, {beroep}, {studie}), so the in-memory
#: cache of sentence embeddings (bot/nlu/encoders.py) helps only where it would in use.
SCRIPTS: List[List[str]] = [
    [
        "hallo",
        "ik heb een wo-master {studie} en werk {jaren} jaar als {beroep}",
        "nee",
        "nog geen bevoegdheid",
        "middelbare school",
        "nee",
        "deeltijd",
        "Utrecht",
    ],
    [
        "goedemiddag",
        "ik wil leraar worden",
        "hbo bachelor {studie}, nu {jaren} jaar {beroep}",
        "ja",
        "nee",
        "basisschool",
        "voltijd",
        "Noord-Brabant",
    ],
    [
        "hoi",
        "wat kost een zij-instroomtraject?",
        "ik ben nu {beroep} sinds {jaren} jaar",
        "ja klopt",
        "mbo",
        "ja",
        "weet ik nog niet",
        "Gelderland",
    ],
]
BEROEPEN = [
    "lab-analist",
    "accountmanager",
    "verpleegkundige",
    "software-ontwikkelaar",
    "boekhouder",
    "monteur",
    "jurist",
    "marketeer",
    "projectleider",
    "kok",
    "fysiotherapeut",
    "journalist",
]
STUDIES = [
    "scheikunde",
    "bedrijfskunde",
    "geschiedenis",
    "wiskunde",
    "biologie",
    "rechten",
    "Engels",
    "natuurkunde",
    "psychologie",
    "economie",
    "informatica",
    "aardrijkskunde",
]


def script(variant: int) -> List[str]:
    """The messages of conversation ``variant``: the same variant gives the same texts."""
    fill = {
        "jaren": 1 + variant % 35,
        "beroep": BEROEPEN[variant // 35 % len(BEROEPEN)],
        "studie": STUDIES[variant // 7 % len(STUDIES)],
    }
    return [text.format(**fill) for text in SCRIPTS[variant % len(SCRIPTS)]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> Dict[str, str]:
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
    }


def _stop(process: Optional[subprocess.Popen]) -> None:
    if process is not None:
        readiness.stop(process)


class Reference:
    """``rasa init --no-prompt`` (trained there) served by ``rasa run`` on a free port."""

    def __init__(self, directory: Optional[Path]) -> None:
        self.keep = directory is not None
        self.dir = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="bench-latency-ref-"))
        self.process: Optional[subprocess.Popen] = None
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if not list((self.dir / "models").glob("*.tar.gz")):
            print(f"referentiebot maken en trainen: rasa init --no-prompt --init-dir {self.dir}", flush=True)
            self.dir.mkdir(parents=True, exist_ok=True)
            with open(self.dir / "init.log", "w") as log:
                subprocess.run(
                    [str(RASA), "init", "--no-prompt", "--init-dir", str(self.dir)],
                    cwd=self.dir,
                    env=_env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    check=True,
                )
        self.process = subprocess.Popen(
            [
                str(RASA),
                "run",
                "--enable-api",
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--model",
                "models",
            ],
            cwd=self.dir,
            env=_env(),
            start_new_session=True,
            stdout=open(self.dir / "run.log", "w"),
            stderr=subprocess.STDOUT,
        )

    def ready(self) -> bool:
        return readiness.model_loaded(self.url, "")

    def stop(self) -> None:
        _stop(self.process)
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)


class ThisBot:
    """scripts/run.sh on free ports with temporary databases and without a reserve Rasa."""

    token = "bench-token"

    def __init__(self, extra_env: Optional[Dict[str, str]] = None) -> None:
        self.extra_env = extra_env or {}
        self.work = Path(tempfile.mkdtemp(prefix="bench-latency-bot-"))
        self.ports = {
            name: str(_free_port()) for name in ("RASA_PORT", "ACTION_PORT", "INBOX_PORT", "RASA_INTERN_PORT")
        }
        self.url = f"http://127.0.0.1:{self.ports['RASA_PORT']}"
        self.direct = f"http://127.0.0.1:{self.ports['RASA_INTERN_PORT']}"
        self.actions = f"http://127.0.0.1:{self.ports['ACTION_PORT']}"
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> None:
        env = {
            **_env(),
            **self.ports,
            "RASA_AUTH_TOKEN": self.token,
            "TRACKER_DB": str(self.work / "tracker.db"),
            "ONDERWIJSLOKET_DB_URL": f"sqlite:///{self.work / 'app.db'}",
            "LOG_DIR": str(self.work / "log"),
            "HANDOFF_CONNECTORS": "inbox",
            "RASA_RESERVE": "0",
            "ACTION_ENDPOINT_URL": f"http://localhost:{self.ports['ACTION_PORT']}/webhook",
            "RASA_MODEL": str(current().rasa.model or DEVELOPMENT),
            **self.extra_env,
        }
        self.process = subprocess.Popen(
            [str(ROOT / "scripts/run.sh")],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=open(self.work / "run.out", "w"),
            stderr=subprocess.STDOUT,
        )

    def ready(self) -> bool:
        return readiness.actions_ready(self.actions) and readiness.model_loaded(self.url, self.token)

    def stop(self) -> None:
        _stop(self.process)
        shutil.rmtree(self.work, ignore_errors=True)


def say(url: str, sender: str, text: str) -> float:
    """Seconds for one message over the REST channel."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return time.perf_counter() - start


@dataclass
class Block:
    seconds: List[float] = field(default_factory=list)
    messages: int = 0
    wall: float = 0.0


_counter = iter(range(10**9))
_counter_lock = threading.Lock()


def block(url: str, level: int, conversations: int, label: str, first: int = 0) -> Block:
    """``conversations`` scripted conversations (variants ``first``, ``first + 1``, ...), at
    most ``level`` at a time."""
    result = Block()
    lock = threading.Lock()

    def conversation(i: int) -> None:
        with _counter_lock:
            n = next(_counter)
        sender = f"bench-{label}-{level}-{n}"
        for text in script(first + i):
            took = say(url, sender, text)
            with lock:
                result.seconds.append(took)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=level) as pool:
        list(pool.map(conversation, range(conversations)))
    result.wall = time.perf_counter() - start
    result.messages = len(result.seconds)
    return result


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def _rss(pid: int) -> Dict[str, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values


def wait_ready(things, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for thing in things:
            if thing.process is not None and thing.process.poll() is not None:
                raise SystemExit(f"{type(thing).__name__} stopte tijdens het starten")
        if all(thing.ready() for thing in things):
            return
        time.sleep(1)
    raise SystemExit("de servers starten niet op tijd")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--niveaus", default="1,5,10,20", help="conversations at a time, comma-separated")
    parser.add_argument("--rondes", type=int, default=3, help="rounds per level (one block per target per round)")
    parser.add_argument("--referentie", help="folder for the reference bot: reused when trained, kept afterwards")
    parser.add_argument("--zonder-direct", action="store_true", help="measure this bot only through the front")
    parser.add_argument(
        "--bot-env",
        action="append",
        default=[],
        metavar="NAAM=WAARDE",
        help="extra environment for this bot only (to compare a setting)",
    )
    parser.add_argument("--out", default=str(ROOT / "var/bench/latency.json"))
    args = parser.parse_args()
    levels = [int(x) for x in args.niveaus.split(",")]

    extra = dict(item.split("=", 1) for item in args.bot_env)
    reference, bot = Reference(Path(args.referentie) if args.referentie else None), ThisBot(extra)
    try:
        reference.start()
        bot.start()
        wait_ready([reference, bot], timeout=600)
        targets = {"referentie": reference.url, "bot (front)": bot.url}
        if not args.zonder_direct:
            targets["bot (direct)"] = bot.direct
        pids = {"referentie": reference.process.pid, "bot": _rasa_pid(int(bot.ports["RASA_INTERN_PORT"]))}
        memory = {name: {"na laden": _rss(pid)["VmRSS"]} for name, pid in pids.items()}
        for url in targets.values():  # warm up: first calls build graphs and caches
            block(url, 1, len(SCRIPTS), "warm", first=10_000)
        for name, pid in pids.items():
            memory[name]["na opwarmen"] = _rss(pid)["VmRSS"]

        random.seed(15)
        results: Dict[str, Dict[int, Block]] = {name: {} for name in targets}
        for level in levels:
            for round_ in range(args.rondes):
                order = list(targets)
                random.shuffle(order)
                for name in order:
                    # Every target gets the same conversations in a round.
                    done = block(targets[name], level, max(level, 3), name.split()[0], first=1000 * level + 50 * round_)
                    total = results[name].setdefault(level, Block())
                    total.seconds += done.seconds
                    total.messages += done.messages
                    total.wall += done.wall
            print(f"niveau {level} klaar", flush=True)
        for name, pid in pids.items():
            values = _rss(pid)
            memory[name]["na meting"] = values["VmRSS"]
            memory[name]["piek"] = values["VmHWM"]
    finally:
        bot.stop()
        reference.stop()

    report = report_of(results, memory, levels)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_report(report)


def report_of(results: Dict[str, Dict[int, Block]], memory: Dict[str, Dict[str, float]], levels: List[int]) -> Dict:
    table = {}
    for name, per_level in results.items():
        table[name] = {}
        for level, b in per_level.items():
            ms = [s * 1000 for s in b.seconds]
            table[name][str(level)] = {
                "berichten": b.messages,
                "p50_ms": statistics.median(ms),
                "p95_ms": percentile(ms, 95),
                "max_ms": max(ms),
                "per_seconde": b.messages / b.wall,
            }
    saturation = {name: max(v["per_seconde"] for v in per_level.values()) for name, per_level in table.items()}
    ref = table["referentie"]
    bot = table["bot (front)"]
    first = str(levels[0])
    checks = {
        "p95 bij 1 gesprek, bot / referentie": (bot[first]["p95_ms"] / ref[first]["p95_ms"], "<= 1.5"),
        "verzadigde doorvoer, bot / referentie": (saturation["bot (front)"] / saturation["referentie"], ">= 0.8"),
        "geheugen (RSS na meting), bot / referentie": (
            memory["bot"]["na meting"] / memory["referentie"]["na meting"],
            "<= 1.3",
        ),
    }
    if "10" in bot:
        checks["p95 bij 10 gesprekken, bot (ms)"] = (bot["10"]["p95_ms"], "<= 1000")
    return {
        "datum": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "per_niveau": table,
        "verzadigd_per_seconde": saturation,
        "geheugen_mib": memory,
        "doelen": {k: {"waarde": v, "doel": goal} for k, (v, goal) in checks.items()},
    }


def print_report(report: Dict) -> None:
    print(f"\nbench-latency {report['datum']} ({report['cpus']} cpu's)")
    print(f"{'doel':14} {'niveau':>6} {'berichten':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'ber./s':>7}")
    for name, per_level in report["per_niveau"].items():
        for level, v in per_level.items():
            print(
                f"{name:14} {level:>6} {v['berichten']:>9} {v['p50_ms']:>8.0f} {v['p95_ms']:>8.0f} "
                f"{v['max_ms']:>8.0f} {v['per_seconde']:>7.1f}"
            )
    print(
        "verzadigde doorvoer (ber./s): " + ", ".join(f"{k} {v:.1f}" for k, v in report["verzadigd_per_seconde"].items())
    )
    for name, values in report["geheugen_mib"].items():
        print(f"RSS {name}: " + ", ".join(f"{k} {v:.0f} MiB" for k, v in values.items()))
    for name, check in report["doelen"].items():
        value, goal = check["waarde"], check["doel"]
        sign, bound = goal.split()
        ok = value <= float(bound) if sign == "<=" else value >= float(bound)
        print(f"{name}: {value:.2f} (doel {goal}) {'gehaald' if ok else 'NIET gehaald'}")


if __name__ == "__main__":
    sys.exit(main())
