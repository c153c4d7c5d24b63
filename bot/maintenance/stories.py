"""A test story from a real conversation, for the end-to-end suite (tests/test_*.yml).

  python -m bot.maintenance.stories GESPREK_ID [--uit tests/test_echt_<pseudoniem>.yml]

The story holds the person's messages (cleaned as for the review export: no personal
numbers, contact details, e-mail addresses, phone numbers or names), the intent
NLU gave them, and the bot's actions; review it before adding it to the suite.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List

import sqlalchemy as sa
import yaml

from bot.privacy.events import ExportCleaner
from bot.privacy.exports import stories_dir, story_name
from bot.privacy.pseudonym import pseudonym
from bot.privacy.trackers import events, tracker_engine

SKIP_ACTIONS = {"action_listen", "action_session_start", "action_extract_slots", "action_validate_slot_mappings"}


def story_steps(history: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    history = list(history)
    cleaner = ExportCleaner(history)
    steps: List[Dict[str, Any]] = []
    for raw in history:
        kind = raw.get("event")
        if kind in {"session_started", "restart"}:
            steps = []
        elif kind == "user":
            intent = ((raw.get("parse_data") or {}).get("intent") or {}).get("name")
            steps.append({"user": cleaner.text(raw.get("text")), "intent": intent})
        elif kind == "action" and raw.get("name") not in SKIP_ACTIONS:
            steps.append({"action": raw["name"]})
        elif kind == "active_loop":
            steps.append({"active_loop": raw.get("name")})
    return steps


def story(conversation_id: str, history: Iterable[Dict[str, Any]]) -> str:
    data = {
        "version": "3.1",
        "stories": [{"story": story_name(pseudonym(conversation_id)), "steps": story_steps(history)}],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.maintenance.stories",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gesprek")
    parser.add_argument("--uit", type=Path, default=None)
    parser.add_argument("--tracker-url", default=None)
    args = parser.parse_args(argv)
    with tracker_engine(args.tracker_url).connect() as connection:
        rows = (
            connection.execute(sa.select(events.c.data).where(events.c.sender_id == args.gesprek).order_by(events.c.id))
            .scalars()
            .all()
        )
    if not rows:
        print(f"Gesprek {args.gesprek} niet gevonden.", file=sys.stderr)
        return 1
    text = story(args.gesprek, [json.loads(r) for r in rows])
    out = args.uit or stories_dir() / f"test_echt_{pseudonym(args.gesprek)}.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"Verhaal geschreven naar {out}. Kijk het na voor je het aan de testset toevoegt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
