"""Waits until the action server and Rasa (with a loaded model) are ready.

An open port is not enough: Rasa starts even when the model fails to load and then
drops every message. Ready means: the action server's ``/health`` answers 200 and
Rasa's ``/status`` names a loaded model.

    python -m bot.readiness --rasa http://localhost:5005 --actions http://localhost:5055 \
        --token TOKEN [--timeout 300] [--pids 123 456]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Optional, Sequence


def stop(process: subprocess.Popen, timeout: float = 60) -> None:
    """Stops a set started with ``start_new_session=True`` (scripts/run.sh, run_productie.sh).

    SIGTERM goes to the leader only, which stops what it supervises in order; whatever still
    runs after ``timeout`` seconds gets SIGKILL. (Not SIGINT to the group: a shell started in
    the background ignores SIGINT and cannot trap it, while its children would stop and be
    restarted by their supervisors.)
    """
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _get_json(url: str) -> Optional[dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            if response.status != 200:
                return None
            body = response.read()
            return json.loads(body) if body else {}
    except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError, OSError):
        return None


def actions_ready(base: str) -> bool:
    return _get_json(f"{base}/health") is not None


def model_loaded(base: str, token: str) -> bool:
    status = _get_json(f"{base}/status?token={token}")
    return bool(status and status.get("model_id") and status.get("model_file"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def wait(
    rasa: str, actions: str, token: str, timeout: float, pids: Sequence[int] = (), inbox: Optional[str] = None
) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dead = [pid for pid in pids if not _alive(pid)]
        if dead:
            print(f"Proces(sen) {dead} zijn gestopt tijdens het starten.", file=sys.stderr)
            return False
        if actions_ready(actions) and (inbox is None or actions_ready(inbox)) and model_loaded(rasa, token):
            return True
        time.sleep(1)
    print(f"Niet klaar binnen {timeout:.0f} seconden.", file=sys.stderr)
    return False


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa", required=True)
    parser.add_argument("--actions", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--pids", type=int, nargs="*", default=[])
    parser.add_argument("--inbox", default=None, help="base URL of the intaker inbox (its /health)")
    args = parser.parse_args(argv)
    return 0 if wait(args.rasa, args.actions, args.token, args.timeout, args.pids, args.inbox) else 1


if __name__ == "__main__":
    sys.exit(main())
