"""Advice latency: knowledge-base read (content-hash check, catalog) + engine + text + payload.

  python -m bot.benchmarks.advice [--url URL] [--rondes N]

Runs every profile of tests/data/advies_profielen.yml plus profiles of the grid that kb-check
runs (bot/advice/coverage.py), several rounds, and prints p50/p95/p99/max in milliseconds.
Target: p95 <= 20 ms on SQLite.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
from pathlib import Path
from typing import List

import yaml

from bot.advice import AdviceProfile, advise
from bot.advice.coverage import profile_grid
from bot.advice.render import messages, payload
from bot.knowledge.catalog import KnowledgeBase
from bot.knowledge.load import prepare
from bot.settings import ROOT

TARGET_P95_MS = 20.0


def profiles(grid_size: int) -> List[AdviceProfile]:
    table = yaml.safe_load((ROOT / "tests" / "data" / "advies_profielen.yml").read_text(encoding="utf-8"))
    out = [AdviceProfile.from_mapping(case["profiel"]) for case in table["profielen"]]
    out += list(itertools.islice(profile_grid(), 0, grid_size * 37, 37))  # spread over the grid
    return out


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=None, help="database-URL (standaard: een nieuwe SQLite-database)")
    parser.add_argument("--rondes", type=int, default=20)
    parser.add_argument("--grid", type=int, default=300, help="aantal extra profielen uit het kb-check-raster")
    args = parser.parse_args(argv)
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    kb = KnowledgeBase(prepare(url))

    start = time.perf_counter()
    kb.catalog()
    cold_ms = (time.perf_counter() - start) * 1000

    cases = profiles(args.grid)
    timings: List[float] = []
    for _ in range(args.rondes):
        for profile in cases:
            start = time.perf_counter()
            advice = advise(profile, kb.catalog())
            payload(advice)
            messages(advice)
            timings.append((time.perf_counter() - start) * 1000)
    p95 = percentile(timings, 0.95)
    print(f"database: {kb.engine.url.render_as_string(hide_password=True)}")
    print(f"profielen: {len(cases)}, rondes: {args.rondes}, metingen: {len(timings)}")
    print(f"eerste keer catalogus lezen: {cold_ms:.1f} ms")
    print(
        f"per advies (ms): p50 {statistics.median(timings):.2f}  p95 {p95:.2f}  "
        f"p99 {percentile(timings, 0.99):.2f}  max {max(timings):.2f}"
    )
    print(f"doel p95 <= {TARGET_P95_MS:.0f} ms: {'gehaald' if p95 <= TARGET_P95_MS else 'NIET gehaald'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
