"""Conversation analytics from the tracker store: one Markdown page with charts.

  python -m bot.maintenance.analytics [--sinds 2026-11-01] [--uit var/rapporten] [--met-testverkeer]

Per conversation (one person, current and earlier sessions), where it got: every
conversation ends in exactly one stage, so the stages add up to the number of
conversations. Drop-off per question in plain Dutch, including the conversations that
ended before the first question. Messages not understood are a rate per message, shown
apart from the rates per conversation.

Test and load traffic is left out (``--met-testverkeer`` counts it): a conversation whose
sender id starts with one of TEST_PREFIXES (``bench-``, ``load-``, ``loadtest-``,
``test-``, ``locust-``, ``k6-``), or with a message whose metadata has ``"testverkeer": true``
(a channel or load tool sets it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import sqlalchemy as sa

from bot.privacy.trackers import events, tracker_engine
from bot.profile.values import PROFILE_SLOTS
from bot.settings import current

TEST_PREFIXES = ("bench-", "load-", "loadtest-", "test-", "locust-", "k6-")
TEST_MARKER = "testverkeer"

#: The questions, as a maintainer would name them.
QUESTION_LABELS = {
    "vooropleiding": "Hoogste opleiding",
    "studierichting": "Studierichting",
    "diploma_buitenland": "Diploma uit het buitenland?",
    "nederlands_niveau": "Niveau Nederlands",
    "huidig_beroep": "Huidig beroep",
    "werkervaring_jaren": "Jaren werkervaring",
    "huidige_bevoegdheid": "Al een lesbevoegdheid?",
    "sector": "Sector (po, vo, mbo)",
    "schoolvak": "Schoolvak",
    "baan_op_school": "Al een baan op een school?",
    "studievorm": "Studievorm (voltijd, deeltijd)",
    "provincie": "Provincie",
}
BEFORE_FIRST = "Vóór de eerste vraag"

#: Where a conversation ended: each conversation in exactly one stage, furthest first.
STAGES = (
    ("overdracht", "Overdracht aan een medewerker opgeslagen"),
    ("advies", "Advies gekregen (geen overdracht)"),
    ("profiel", "Profiel voorgelezen, geen advies"),
    ("vragen", "Gestopt tijdens de vragen"),
    ("begin", "Gestopt vóór de eerste vraag"),
)


def is_test_traffic(sender: str, history: Iterable[Mapping[str, Any]]) -> bool:
    if str(sender).lower().startswith(TEST_PREFIXES):
        return True
    return any(
        e.get("event") == "user" and (e.get("metadata") or {}).get(TEST_MARKER) in (True, "true", "ja", 1)
        for e in history
    )


@dataclass
class Figures:
    conversations: int = 0
    excluded_test: int = 0
    user_messages: int = 0
    fallbacks: int = 0
    asked_question: int = 0
    profile_read: int = 0
    advice: int = 0
    handoff_asked: int = 0
    handoff_stored: int = 0
    stages: Counter = field(default_factory=Counter)
    drop_off: Counter = field(default_factory=Counter)

    @staticmethod
    def rate(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def funnel(self) -> List[Tuple[str, int]]:
        """How many conversations reached each point (of all conversations)."""
        return [
            ("Eerste bericht", self.conversations),
            ("Eerste vraag gesteld", self.asked_question),
            ("Profiel voorgelezen", self.profile_read),
            ("Advies gekregen", self.advice),
            ("Medewerker gevraagd", self.handoff_asked),
            ("Overdracht opgeslagen", self.handoff_stored),
        ]

    @property
    def stage_rows(self) -> List[Tuple[str, int]]:
        return [(label, self.stages.get(key, 0)) for key, label in STAGES]

    @property
    def drop_rows(self) -> List[Tuple[str, int]]:
        return [(BEFORE_FIRST, self.drop_off.get(BEFORE_FIRST, 0))] + [
            (QUESTION_LABELS.get(slot, slot), self.drop_off.get(slot, 0)) for slot in PROFILE_SLOTS
        ]

    @property
    def rates(self) -> Dict[str, float]:
        return {
            "advies bereikt (per gesprek)": self.rate(self.advice, self.conversations),
            "medewerker gevraagd (per gesprek)": self.rate(self.handoff_asked, self.conversations),
            "overdracht opgeslagen (per gesprek)": self.rate(self.handoff_stored, self.conversations),
            "niet begrepen (per bericht)": self.rate(self.fallbacks, self.user_messages),
        }


def _intent(event: Mapping[str, Any]) -> Optional[str]:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def analyse(conversations: Iterable, include_test: bool = False) -> Figures:
    """``conversations``: (sender, events) pairs, or lists of events (sender unknown)."""
    figures = Figures()
    for item in conversations:
        sender, history = item if isinstance(item, tuple) else ("", item)
        user_messages = [
            e for e in history if e.get("event") == "user" and not str(e.get("text") or "").startswith("/")
        ]
        if not user_messages:
            continue
        if not include_test and is_test_traffic(sender, history):
            figures.excluded_test += 1
            continue
        figures.conversations += 1
        figures.user_messages += len(user_messages)
        figures.fallbacks += sum(1 for e in user_messages if _intent(e) == "nlu_fallback")
        actions = {e.get("name") for e in history if e.get("event") == "action"}
        intents = {_intent(e) for e in history if e.get("event") == "user"}
        asked = [
            e.get("value")
            for e in history
            if e.get("event") == "slot" and e.get("name") == "requested_slot" and e.get("value") in PROFILE_SLOTS
        ]
        read, advice = "action_lees_profiel_voor" in actions, "action_geef_advies" in actions
        stored = "action_overdracht_opslaan" in actions
        figures.asked_question += bool(asked)
        figures.profile_read += read
        figures.advice += advice
        figures.handoff_asked += "human_handoff" in intents
        figures.handoff_stored += stored
        stage = (
            "overdracht" if stored else "advies" if advice else "profiel" if read else "vragen" if asked else "begin"
        )
        figures.stages[stage] += 1
        if stage == "vragen":
            figures.drop_off[asked[-1]] += 1
        elif stage == "begin":
            figures.drop_off[BEFORE_FIRST] += 1
    return figures


def load(engine, since: Optional[dt.date]) -> List[Tuple[str, List[Dict[str, Any]]]]:
    query = sa.select(events.c.sender_id, events.c.data).order_by(events.c.sender_id, events.c.id)
    if since:
        start = dt.datetime.combine(since, dt.time(), tzinfo=dt.timezone.utc).timestamp()
        query = query.where(
            events.c.sender_id.in_(
                sa.select(events.c.sender_id)
                .group_by(events.c.sender_id)
                .having(sa.func.max(events.c.timestamp) >= start)
            )
        )
    grouped: Dict[str, List[Dict[str, Any]]] = {}
    with engine.connect() as connection:
        for sender, data in connection.execute(query):
            grouped.setdefault(sender, []).append(json.loads(data))
    return list(grouped.items())


def _bar(path: Path, rows: List[Tuple[str, float]], title: str, unit: str, whole: Optional[int] = None) -> None:
    """A horizontal bar chart with the value (and its share of ``whole``) on every bar."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels, values = [label for label, _ in rows], [value for _, value in rows]
    figure, axis = plt.subplots(figsize=(8, 0.9 + 0.42 * max(1, len(labels))))
    bars = axis.barh(labels, values, color="#00437a")
    axis.invert_yaxis()
    axis.set_title(title)
    axis.set_xlabel(unit)
    if whole is not None:
        texts = [f"{int(v)} ({Figures.rate(int(v), whole):.0%})" for v in values]
    elif unit.startswith("%"):
        texts = [f"{v:.1%}" for v in values]
    else:
        texts = [f"{v:g}" for v in values]
    axis.bar_label(bars, labels=texts, padding=3, fontsize=8)
    top = max(values + [1])
    axis.set_xlim(0, top * 1.25)
    if unit.startswith("%"):
        axis.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _table(header: Tuple[str, str, str], rows: List[Tuple[str, int]], whole: int) -> List[str]:
    lines = [f"| {header[0]} | {header[1]} | {header[2]} |", "|---|---:|---:|"]
    lines += [f"| {label} | {number} | {Figures.rate(number, whole):.1%} |" for label, number in rows]
    return lines


def report(figures: Figures, out_dir: Path, title_date: str, include_test: bool = False) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    n = figures.conversations
    _bar(
        out_dir / "trechter.png",
        figures.funnel,
        f"Hoe ver kwamen de gesprekken? (van {n} gesprekken)",
        "aantal gesprekken",
        whole=n,
    )
    _bar(
        out_dir / "einde.png",
        figures.stage_rows,
        f"Waar eindigde het gesprek? (samen {n} gesprekken)",
        "aantal gesprekken",
        whole=n,
    )
    stopped = figures.stages.get("vragen", 0) + figures.stages.get("begin", 0)
    _bar(
        out_dir / "afhakers.png",
        figures.drop_rows,
        f"Gestopt voor het advies, bij welke vraag? ({stopped} gesprekken)",
        "aantal gesprekken",
        whole=n,
    )
    traffic = (
        "Testverkeer telt mee (--met-testverkeer)."
        if include_test
        else f"Niet meegeteld als test- of belastingverkeer: {figures.excluded_test} gesprek(ken) "
        f"(afzender begint met {', '.join(TEST_PREFIXES)} of een bericht met metadata "
        f"\"{TEST_MARKER}\": true)."
    )
    lines = [
        f"# Gesprekken: analyse ({title_date})",
        "",
        f"Gesprekken met minstens één bericht: **{n}**. Berichten van personen: {figures.user_messages}.",
        traffic,
        "",
        "## Trechter",
        "",
        f"Hoeveel van de {n} gesprekken kwamen tot elk punt (een gesprek kan een medewerker vragen zonder advies).",
        "",
        *_table(("punt", "gesprekken", f"van {n}"), figures.funnel, n),
        "",
        "![trechter](trechter.png)",
        "",
        "## Waar eindigde het gesprek?",
        "",
        f"Elk gesprek staat in precies één regel, het verste punt dat het bereikte; samen {n}.",
        "",
        *_table(("einde", "gesprekken", f"van {n}"), figures.stage_rows, n),
        f"| **totaal** | **{sum(v for _, v in figures.stage_rows)}** | |",
        "",
        "![einde](einde.png)",
        "",
        "## Afhakers per vraag",
        "",
        f"Gesprekken die stopten vóór het profiel werd voorgelezen ({stopped}), naar de laatst gestelde vraag.",
        "",
        *_table(("vraag", "gesprekken", f"van {n}"), figures.drop_rows, n),
        "",
        "![afhakers](afhakers.png)",
        "",
        "## Niet begrepen",
        "",
        f"{figures.fallbacks} van {figures.user_messages} berichten niet begrepen "
        f"({Figures.rate(figures.fallbacks, figures.user_messages):.1%} per bericht).",
        "",
    ]
    path = out_dir / "analyse.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.maintenance.analytics",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sinds", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--uit", type=Path, default=None)
    parser.add_argument("--tracker-url", default=None)
    parser.add_argument("--met-testverkeer", action="store_true", help="test- en belastingverkeer meetellen")
    args = parser.parse_args(argv)
    today = dt.date.today().isoformat()
    figures = analyse(load(tracker_engine(args.tracker_url), args.sinds), args.met_testverkeer)
    path = report(
        figures, args.uit or current().maintenance.reports_dir / f"analyse-{today}", today, args.met_testverkeer
    )
    n = figures.conversations
    print(f"Rapport: {path}")
    print(f"Gesprekken: {n} (niet meegeteld als testverkeer: {figures.excluded_test})")
    print("Trechter:")
    for label, number in figures.funnel:
        print(f"  {label}: {number} van {n} ({Figures.rate(number, n):.1%})")
    print("Waar eindigde het gesprek:")
    for label, number in figures.stage_rows:
        print(f"  {label}: {number}")
    print(f"  totaal: {sum(v for _, v in figures.stage_rows)}")
    print(
        f"Niet begrepen: {figures.fallbacks} van {figures.user_messages} berichten "
        f"({Figures.rate(figures.fallbacks, figures.user_messages):.1%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
