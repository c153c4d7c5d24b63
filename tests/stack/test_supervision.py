"""Supervision in `make run`: a process that stops is started again; Ctrl-C stops everything.

scripts/supervise.sh is tested on its own with small commands; then scripts/run.sh runs on
free ports and each of its processes is killed with SIGKILL in turn: the chat must answer
again within 10 seconds and the killed process must come back.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, Optional

import pytest

from bot import readiness
from tests.receivers import wait_until

ROOT = Path(__file__).resolve().parents[2]
SUPERVISE = str(ROOT / "scripts" / "supervise.sh")
TOKEN = "test-token"
CHAT_WITHIN = 10.0


def free_port(pair: bool = False) -> int:
    """A free port (with ``pair``: one whose next port is free too)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if not pair:
            return port
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue
    raise RuntimeError("geen vrije poorten")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie (killed, not yet reaped) is not alive
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


# --- scripts/supervise.sh on its own ---------------------------------------------------------


def test_a_crashing_process_is_restarted_with_growing_backoff_and_logged(tmp_path):
    log, output = tmp_path / "supervisie.log", tmp_path / "proces.log"
    supervisor = subprocess.Popen(
        [SUPERVISE, "kapot", str(output), "sh", "-c", "echo poging; exit 3"],
        env={**os.environ, "SUPERVISE_LOG": str(log), "SUPERVISE_MAX_DELAY": "4"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: log.exists() and log.read_text().count("gestart") >= 5, timeout=60, what="vijf starts")
    finally:
        supervisor.send_signal(signal.SIGTERM)
        _, stderr = supervisor.communicate(timeout=30)
    assert supervisor.returncode == 0
    lines = log.read_text().splitlines()
    delays = [int(m.group(1)) for m in (re.search(r"opnieuw starten over (\d+) s", line) for line in lines) if m]
    assert delays[:4] == [1, 2, 4, 4]  # doubles, capped at SUPERVISE_MAX_DELAY
    assert all("[kapot] gestopt met code 3" in line for line in lines if "opnieuw starten" in line)
    assert output.read_text().count("poging") >= 5
    assert "opnieuw starten over 1 s" in stderr  # also on the terminal


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_the_supervisor_stops_its_process_and_ends(tmp_path, stop_signal):
    log = tmp_path / "supervisie.log"
    supervisor = subprocess.Popen(
        [SUPERVISE, "slaper", str(tmp_path / "slaper.log"), "sleep", "600"],
        env={**os.environ, "SUPERVISE_LOG": str(log)},
        stderr=subprocess.DEVNULL,
    )
    child = int(
        wait_until(
            lambda: re.search(r"gestart \(pid (\d+)\)", log.read_text() if log.exists() else ""),
            timeout=20,
            what="gestart",
        ).group(1)
    )
    assert alive(child)
    supervisor.send_signal(stop_signal)
    assert supervisor.wait(timeout=30) == 0
    assert not alive(child)
    assert "gestopt op verzoek" in log.read_text()


def test_a_killed_process_comes_back(tmp_path):
    log = tmp_path / "supervisie.log"
    supervisor = subprocess.Popen(
        [SUPERVISE, "slaper", str(tmp_path / "slaper.log"), "sleep", "600"],
        env={**os.environ, "SUPERVISE_LOG": str(log)},
        stderr=subprocess.DEVNULL,
    )
    try:
        first = int(
            wait_until(
                lambda: re.findall(r"gestart \(pid (\d+)\)", log.read_text() if log.exists() else ""), timeout=20
            )[0]
        )
        os.kill(first, signal.SIGKILL)
        pids = wait_until(
            lambda: [int(p) for p in re.findall(r"gestart \(pid (\d+)\)", log.read_text())][1:],
            timeout=20,
            what="herstart",
        )
        assert pids[0] != first and alive(pids[0])
        assert "gestopt door signaal 9" in log.read_text()
    finally:
        supervisor.terminate()
        supervisor.wait(30)


# --- scripts/run.sh: kill each process ------------------------------------------------------


class Run:
    """scripts/run.sh on free ports, in its own process group (like a terminal's)."""

    def __init__(self, work: Path, reserve: int = 1) -> None:
        self.work = work
        self.ports = {
            "RASA_PORT": free_port(),
            "ACTION_PORT": free_port(),
            "INBOX_PORT": free_port(),
            "RASA_INTERN_PORT": free_port(pair=True),
        }
        self.rasa = f"http://localhost:{self.ports['RASA_PORT']}"
        self.actions = f"http://localhost:{self.ports['ACTION_PORT']}"
        self.inbox = f"http://localhost:{self.ports['INBOX_PORT']}"
        self.backends = [f"http://127.0.0.1:{self.ports['RASA_INTERN_PORT'] + n}" for n in range(reserve + 1)]
        self.log_dir = work / "log"
        self.env = {
            **os.environ,
            **{k: str(v) for k, v in self.ports.items()},
            "RASA_AUTH_TOKEN": TOKEN,
            "RASA_RESERVE": str(reserve),
            "TRACKER_DB": str(work / "tracker.db"),
            "ONDERWIJSLOKET_DB_URL": f"sqlite:///{work / 'app.db'}",
            "HANDOFF_CONNECTORS": "inbox",
            "LOG_DIR": str(self.log_dir),
            "SITE_TOKEN_SECRET": "test-geheim",
            "ACTION_ENDPOINT_URL": f"{self.actions}/webhook",
            "RASA_URL": self.rasa,
        }
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> Run:
        self.process = subprocess.Popen(
            [str(ROOT / "scripts" / "run.sh")],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=open(self.work / "run.out", "w"),
            stderr=subprocess.STDOUT,
        )
        if not readiness.wait(self.rasa, self.actions, TOKEN, timeout=420, pids=[self.process.pid], inbox=self.inbox):
            pytest.fail(f"run.sh start niet.\n{self.logs()}")
        return self

    def logs(self) -> str:
        parts = [(self.work / "run.out").read_text()[-3000:]]
        parts += [f"== {p.name}\n{p.read_text()[-2000:]}" for p in sorted(self.log_dir.glob("*.log"))]
        return "\n".join(parts)

    def supervision(self) -> str:
        path = self.log_dir / "supervisie.log"
        return path.read_text() if path.exists() else ""

    def pid_of(self, name: str) -> int:
        """The process id of the last start of ``name`` (from the supervision log)."""
        found = re.findall(rf"\[{re.escape(name)}\] gestart \(pid (\d+)\)", self.supervision())
        assert found, f"{name} niet gestart:\n{self.supervision()}"
        return int(found[-1])

    def children(self) -> Dict[str, int]:
        return {
            name: self.pid_of(name)
            for name in ("actions", "worker", "inbox", "front", "rasa", "rasa-reserve")
            if f"[{name}] gestart" in self.supervision()
        }

    def stop(self, how: str = "ctrl-c") -> int:
        if self.process.poll() is None:
            if how == "ctrl-c":
                os.killpg(self.process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
            else:
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(30)
        return self.process.returncode


def chat_answers(base: str, sender: str) -> bool:
    request = urllib.request.Request(
        f"{base}/webhooks/rest/webhook",
        headers={"Content-Type": "application/json"},
        data=json.dumps({"sender": sender, "message": "hallo"}).encode(),
    )
    try:
        with urllib.request.urlopen(request, timeout=8) as response:
            return response.status == 200 and bool(json.loads(response.read()))
    except (urllib.error.URLError, OSError, ValueError):
        return False


def ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    stack = Run(tmp_path_factory.mktemp("supervisie")).start()
    yield stack
    stack.stop()


@pytest.mark.stack
def test_every_process_of_make_run_comes_back_after_sigkill_and_the_chat_keeps_answering(run):
    # The reserve Rasa loads in the background; wait until both Rasa processes have a model.
    wait_until(
        lambda: all(readiness.model_loaded(url, TOKEN) for url in run.backends),
        timeout=300,
        interval=1,
        what="beide Rasa-processen geladen",
    )
    assert chat_answers(run.rasa, "voor-het-doden")
    back = {
        "worker": lambda: True,
        "inbox": lambda: ok(f"{run.inbox}/health"),
        "actions": lambda: ok(f"{run.actions}/health"),
        "front": lambda: chat_answers(run.rasa, "front-terug"),
        "rasa": lambda: readiness.model_loaded(run.backends[0], TOKEN),
        "rasa-reserve": lambda: readiness.model_loaded(run.backends[1], TOKEN),
    }
    measured = {}
    for name in ("worker", "inbox", "actions", "front", "rasa", "rasa-reserve"):
        old = run.pid_of(name)
        os.kill(old, signal.SIGKILL)
        killed = time.monotonic()
        wait_until(
            lambda: chat_answers(run.rasa, f"na-{name}"),  # noqa: B023 - called at once, inside the loop
            timeout=CHAT_WITHIN,
            interval=0.2,
            what=f"de chat antwoordt binnen {CHAT_WITHIN} s na het doden van {name}",
        )
        measured[name] = round(time.monotonic() - killed, 1)
        new = wait_until(lambda: run.pid_of(name) != old and run.pid_of(name), timeout=60, what=f"{name} herstart")  # noqa: B023 - called at once, inside the loop
        assert alive(new) and not alive(old)
        # Back means serving again (Rasa: its model loaded), so the next kill finds a full stack.
        wait_until(back[name], timeout=300, interval=0.5, what=f"{name} werkt weer")
        assert f"[{name}] gestopt door signaal 9" in run.supervision()
    print("chat weer beschikbaar na (s):", measured)
    assert run.process.poll() is None  # run.sh itself kept running
    assert chat_answers(run.rasa, "na-alles")


@pytest.mark.stack
def test_ctrl_c_stops_every_process(run):
    children = run.children()
    assert set(children) == {"actions", "worker", "inbox", "front", "rasa", "rasa-reserve"}
    assert all(alive(pid) for pid in children.values())
    assert run.stop("ctrl-c") == 0
    wait_until(lambda: not any(alive(pid) for pid in children.values()), timeout=30, what="alles gestopt")
    assert not chat_answers(run.rasa, "na-ctrl-c")
    assert "Gestopt." in (run.work / "run.out").read_text()


@pytest.mark.stack
def test_a_worker_that_keeps_crashing_gets_backoff_and_sigterm_stops_everything(tmp_path):
    stack = Run(tmp_path, reserve=0)
    stack.env["HANDOFF_CONNECTORS"] = "fax"  # the worker stops at once with code 2, every time
    stack.start()
    try:
        wait_until(
            lambda: stack.supervision().count("[worker] gestopt met code 2") >= 4, timeout=120, what="vier keer gestopt"
        )
        delays = [
            int(d)
            for d in re.findall(
                r"\[worker\] gestopt met code 2 na \d+ s; opnieuw starten over (\d+) s", stack.supervision()
            )
        ]
        assert delays[:4] == [1, 2, 4, 8]
        assert "onbekende connector 'fax'" in (stack.log_dir / "worker.log").read_text()
        assert chat_answers(stack.rasa, "tijdens-het-crashen")  # the rest keeps working
        children = {name: pid for name, pid in stack.children().items() if name != "worker"}
        assert set(children) == {"actions", "inbox", "front", "rasa"} and all(map(alive, children.values()))
        assert stack.stop("sigterm") == 0
        wait_until(lambda: not any(alive(pid) for pid in children.values()), timeout=30, what="alles gestopt")
        assert not any(
            alive(pid) for pid in map(int, re.findall(r"\[worker\] gestart \(pid (\d+)\)", stack.supervision()))
        )
    finally:
        stack.stop()
