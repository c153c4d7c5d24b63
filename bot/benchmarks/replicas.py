"""Messages per second through nginx with two Rasa replicas, next to one replica.

    python -m bot.benchmarks.replicas [--gesprekken 30] [--rondes 3]   (make bench-replicas)

Starts scripts/run_productie.sh (make run-productie) once on free ports, with a throwaway
PostgreSQL database and Redis db number, and drives the site channel the way the site does
(Socket.IO over websocket, python-socketio) with the Dutch scripts of bot/benchmarks/latency.py.
Two targets on the same running set, interleaved (each round runs both, in turn first):

  nginx    the public entry: new connections are spread over both replicas
  1 replica  replica 1 directly (replica 2 stands idle)

A block is ``--gesprekken`` conversations at once, each a new conversation of eight
messages; a message counts when the bot has finished answering it (``typing`` off).
Throughput per target = all messages of its blocks / their total time. Prints the figures
and the ratio, writes them to var/bench/replicas-<date>.json and stops everything it started.
The site channel's per-address limits are raised for the run (every conversation comes from
127.0.0.1); the limits themselves are tested in tests/unit/test_site_limits.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import socketio

from bot import readiness
from bot.benchmarks.latency import script
from bot.maintenance.production import DEVELOPMENT
from bot.settings import ROOT, current

PATH = "/webhooks/site/socket.io"


def free_ports(count: int) -> List[int]:
    sockets = []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def free_block(size: int) -> int:
    """A first port with ``size`` free ports after it (the replicas' ports are consecutive)."""
    for _ in range(200):
        first = free_ports(1)[0]
        if first + size < 65000 and all(_free(first + n) for n in range(size)):
            return first
    raise RuntimeError("geen vrije poorten")


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def conversation(base: str, messages: List[str], timeout: float = 120) -> int:
    """One new conversation on ``base``; returns the number of messages answered.
    (The synchronous client: the asyncio one of python-engineio needs a newer aiohttp than Rasa's.)"""
    client = socketio.Client(reconnection=False)
    confirmed, done = threading.Event(), threading.Event()
    client.on("session_confirm", lambda _data=None: confirmed.set())

    def typing(data=None) -> None:
        if isinstance(data, dict) and data.get("aan") is False:
            done.set()

    client.on("typing", typing)
    client.connect(base, socketio_path=PATH, transports=["websocket"], wait_timeout=20)
    try:
        client.emit("session_request", {"token": None})
        if not confirmed.wait(timeout):
            raise TimeoutError("geen session_confirm")
        answered = 0
        for text in messages:
            done.clear()
            client.emit("user_uttered", {"message": text})
            if not done.wait(timeout):
                raise TimeoutError(f"geen antwoord op {text!r}")
            answered += 1
        return answered
    finally:
        client.disconnect()


def block(base: str, conversations: int, first_variant: int) -> Dict[str, float]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=conversations) as pool:
        counts = list(pool.map(lambda n: conversation(base, script(first_variant + n)), range(conversations)))
    return {"berichten": float(sum(counts)), "seconden": time.perf_counter() - start}


def start_set(work: Path) -> Dict[str, object]:
    database = f"bench_{uuid.uuid4().hex[:10]}"
    redis_db = 10 + uuid.uuid4().int % 6
    public, intern, inbox = free_ports(3)
    rasa_base, action_base = free_block(2), free_block(2)
    replicas = [f"http://127.0.0.1:{rasa_base + n}" for n in range(2)]
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
        "SITE_REDIS_CHANNEL": f"bench-site-{database}",
        "NGINX_ACCESS_LOG": "off",
        "SITE_ORIGINS": ",".join([f"http://127.0.0.1:{public}", *replicas]),
        "RASA_MODEL": str(current().rasa.model or DEVELOPMENT),
        "SITE_RATE_MESSAGES": "100000",
        "SITE_IP_MESSAGES": "100000",
        "SITE_NEW_PER_IP": "100000",
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
    deadline = time.monotonic() + 600
    while "Klaar." not in (work / "run.out").read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            stop_set({"process": process, "database": database, "redis_db": redis_db})
            raise SystemExit(f"make run-productie start niet:\n{(work / 'run.out').read_text()[-3000:]}")
        time.sleep(1)
    return {
        "process": process,
        "database": database,
        "redis_db": redis_db,
        "nginx": f"http://127.0.0.1:{public}",
        "replica": replicas[0],
    }


def stop_set(started: Dict[str, object]) -> None:
    process = started["process"]
    readiness.stop(process, timeout=90)
    try:
        import redis
        import sqlalchemy as sa

        admin = sa.create_engine("postgresql://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{started["database"]}" WITH (FORCE)'))
        admin.dispose()
        redis.Redis(host="127.0.0.1", port=6379, db=int(started["redis_db"])).flushdb()
    except Exception as error:  # noqa: BLE001 - the figures are there; say what is left behind
        print(f"Opruimen niet gelukt: {error}", file=sys.stderr)


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gesprekken", type=int, default=30, help="gesprekken tegelijk per blok")
    parser.add_argument("--rondes", type=int, default=3)
    args = parser.parse_args(argv)
    totals = {"nginx": {"berichten": 0.0, "seconden": 0.0}, "1 replica": {"berichten": 0.0, "seconden": 0.0}}
    rounds = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-replicas-") as tmp:
        started = start_set(Path(tmp))
        try:
            targets = {"nginx": started["nginx"], "1 replica": started["replica"]}
            # warm-up: one conversation through each, not counted
            block(started["nginx"], 2, 100)
            block(started["replica"], 1, 200)
            variant = 0
            for number in range(args.rondes):
                order = ["nginx", "1 replica"] if number % 2 == 0 else ["1 replica", "nginx"]
                for name in order:
                    result = block(targets[name], args.gesprekken, variant)
                    variant += args.gesprekken
                    totals[name]["berichten"] += result["berichten"]
                    totals[name]["seconden"] += result["seconden"]
                    rate = result["berichten"] / result["seconden"]
                    rounds.append({"ronde": number + 1, "doel": name, **result, "berichten_per_s": rate})
                    print(
                        f"ronde {number + 1}  {name:9}  {result['berichten']:.0f} berichten in "
                        f"{result['seconden']:.1f} s = {rate:.2f} berichten/s",
                        flush=True,
                    )
        finally:
            stop_set(started)
    rate = {name: t["berichten"] / t["seconden"] for name, t in totals.items()}
    ratio = rate["nginx"] / rate["1 replica"]
    report = {
        "datum": dt.date.today().isoformat(),
        "gesprekken_tegelijk": args.gesprekken,
        "rondes": args.rondes,
        "berichten_per_s": rate,
        "verhouding": ratio,
        "cores": os.cpu_count(),
        "belasting_voor_en_na": [load_before[0], os.getloadavg()[0]],
        "blokken": rounds,
    }
    out = ROOT / "var" / "bench" / f"replicas-{report['datum']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(
        f"\nnginx, twee replica's: {rate['nginx']:.2f} berichten/s\n"
        f"een replica:           {rate['1 replica']:.2f} berichten/s\n"
        f"verhouding:            {ratio:.2f}x (doel: 1,5x)\n"
        f"belasting van de machine (1 min) voor/na: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} "
        f"op {os.cpu_count()} cores\n(ook in {out.relative_to(ROOT)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
