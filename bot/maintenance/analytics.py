"""Conversation analytics from the tracker store, as a Markdown report with charts.

  python -m bot.maintenance.analytics [--sinds 2026-11-01] [--uit var/rapporten]

Per conversation (one person, current and earlier sessions): did it reach the advice, ask
for a human, complete a handoff; where did it stop if it stopped during the profile
questions; and how many messages were not understood.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import sqlalchemy as sa

from bot.privacy.trackers import ROOT, events, tracker_engine
from bot.profile.values import PROFILE_SLOTS

REPORT_DIR = ROOT / "var" / "rapporten"


@dataclass
class Figures:
    conversations: int = 0
    user_messages: int = 0
    fallbacks: int = 0
    advice: int = 0
    handoff_asked: int = 0
    handoff_stored: int = 0
    drop_off: Counter = field(default_factory=Counter)

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def rates(self) -> Dict[str, float]:
        return {
            "advies bereikt": self.rate(self.advice, self.conversations),
            "medewerker gevraagd": self.rate(self.handoff_asked, self.conversations),
            "overdracht opgeslagen": self.rate(self.handoff_stored, self.conversations),
            "niet begrepen (per bericht)": self.rate(self.fallbacks, self.user_messages),
        }


def analyse(conversations: Iterable[List[Dict[str, Any]]]) -> Figures:
    figures = Figures()
    for history in conversations:
        user_messages = [e for e in history if e.get("event") == "user" and not str(e.get("text") or "").startswith("/")]
        if not user_messages:
            continue
        figures.conversations += 1
        figures.user_messages += len(user_messages)
        figures.fallbacks += sum(1 for e in user_messages
                                 if ((e.get("parse_data") or {}).get("intent") or {}).get("name") == "nlu_fallback")
        actions = {e.get("name") for e in history if e.get("event") == "action"}
        intents = {((e.get("parse_data") or {}).get("intent") or {}).get("name") for e in history if e.get("event") == "user"}
        figures.advice += "action_geef_advies" in actions
        figures.handoff_asked += "human_handoff" in intents
        figures.handoff_stored += "action_overdracht_opslaan" in actions
        if "action_lees_profiel_voor" not in actions:
            asked = [e.get("value") for e in history if e.get("event") == "slot" and e.get("name") == "requested_slot"
                     and e.get("value") in PROFILE_SLOTS]
            if asked:
                figures.drop_off[asked[-1]] += 1
    return figures


def load(engine, since: Optional[dt.date]) -> List[List[Dict[str, Any]]]:
    query = sa.select(events.c.sender_id, events.c.data).order_by(events.c.sender_id, events.c.id)
    if since:
        start = dt.datetime.combine(since, dt.time(), tzinfo=dt.timezone.utc).timestamp()
        query = query.where(events.c.sender_id.in_(sa.select(events.c.sender_id).group_by(events.c.sender_id)
                                                    .having(sa.func.max(events.c.timestamp) >= start)))
    grouped: Dict[str, List[Dict[str, Any]]] = {}
    with engine.connect() as connection:
        for sender, data in connection.execute(query):
            grouped.setdefault(sender, []).append(json.loads(data))
    return list(grouped.values())


def _bar(path: Path, labels: List[str], values: List[float], title: str, percent: bool) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 0.5 + 0.45 * max(1, len(labels))))
    axis.barh(labels, values, color="#00437a")
    axis.invert_yaxis()
    axis.set_title(title)
    if percent:
        axis.set_xlim(0, 1)
        axis.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def report(figures: Figures, out_dir: Path, title_date: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    rates = figures.rates
    _bar(out_dir / "percentages.png", list(rates), list(rates.values()), "Gesprekken", percent=True)
    drop = [(slot, figures.drop_off.get(slot, 0)) for slot in PROFILE_SLOTS]
    _bar(out_dir / "afhakers.png", [s for s, _ in drop], [n for _, n in drop], "Gestopt bij profielvraag", percent=False)
    lines = [f"# Gesprekken: analyse ({title_date})", "", f"Gesprekken met minstens één bericht: {figures.conversations}",
             f"Berichten van personen: {figures.user_messages}", "", "| maat | waarde |", "|---|---|"]
    lines += [f"| {name} | {value:.1%} |" for name, value in rates.items()]
    lines += ["", "![percentages](percentages.png)", "", "## Afhakers per profielvraag", "",
              "Gesprekken die stopten voordat het profiel werd voorgelezen, naar de laatst gestelde vraag.", "",
              "| vraag | gesprekken |", "|---|---|"]
    lines += [f"| {slot} | {number} |" for slot, number in drop if number]
    lines += ["", "![afhakers](afhakers.png)", ""]
    path = out_dir / "analyse.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.maintenance.analytics", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sinds", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--uit", type=Path, default=None)
    parser.add_argument("--tracker-url", default=None)
    args = parser.parse_args(argv)
    today = dt.date.today().isoformat()
    figures = analyse(load(tracker_engine(args.tracker_url), args.sinds))
    path = report(figures, args.uit or REPORT_DIR / f"analyse-{today}", today)
    print(f"Rapport: {path}")
    for name, value in figures.rates.items():
        print(f"  {name}: {value:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
