"""Retention and the right to erasure (AVG).

  python -m bot.privacy.retention opschonen --dagen N
      deletes conversations whose last message is older than N days, handoffs older than
      N days (``--overdracht-dagen`` to keep those longer) and review exports older than N days
  python -m bot.privacy.retention verwijder GESPREK_ID
      deletes everything about one conversation: its events in the tracker store, its
      handoffs (with their deliveries and inbox items) and its lines in review exports

Both print what they removed. They touch nothing else.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.privacy.pseudonym import pseudonym
from bot.privacy.trackers import ROOT, events, tracker_engine

EXPORT_DIR = ROOT / "var" / "review"


@dataclass
class Removed:
    gebeurtenissen: int = 0
    gesprekken: int = 0
    overdrachten: int = 0
    exportregels: int = 0
    exportbestanden: int = 0
    details: Dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return (f"{self.gesprekken} gesprek(ken), {self.gebeurtenissen} gebeurtenissen, {self.overdrachten} "
                f"overdracht(en), {self.exportregels} exportregel(s), {self.exportbestanden} exportbestand(en)")


def _has_events_table(engine: Engine) -> bool:
    return sa.inspect(engine).has_table("events")


def delete_conversation(conversation_id: str, trackers: Engine, app: Optional[Engine],
                        export_dir: Path = EXPORT_DIR) -> Removed:
    removed = Removed()
    if _has_events_table(trackers):
        with trackers.begin() as connection:
            removed.gebeurtenissen = connection.execute(
                events.delete().where(events.c.sender_id == conversation_id)).rowcount
    removed.gesprekken = int(removed.gebeurtenissen > 0)
    if app is not None:
        from connectors.tables import overdracht

        with app.begin() as connection:
            removed.overdrachten = connection.execute(
                overdracht.delete().where(overdracht.c.conversation_id == conversation_id)).rowcount
    removed.exportregels = _strip_exports(export_dir, pseudonym(conversation_id))
    return removed


def _strip_exports(export_dir: Path, alias: str) -> int:
    """Removes every line of one conversation from the review exports (CSV and JSON lines)."""
    removed = 0
    for path in sorted(export_dir.glob("*.csv")) if export_dir.exists() else []:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
            fields = rows[0].keys() if rows else None
        kept = [row for row in rows if row.get("gesprek") != alias]
        if len(kept) != len(rows):
            removed += len(rows) - len(kept)
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(fields))
                writer.writeheader()
                writer.writerows(kept)
    for path in sorted(export_dir.glob("*.jsonl")) if export_dir.exists() else []:
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if json.loads(line).get("gesprek") != alias]
        if len(kept) != len(lines):
            removed += len(lines) - len(kept)
            path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    return removed


def purge(days: float, trackers: Engine, app: Optional[Engine], handoff_days: Optional[float] = None,
          export_dir: Path = EXPORT_DIR, now: Optional[float] = None) -> Removed:
    now = now if now is not None else time.time()
    cutoff = now - days * 86400
    removed = Removed()
    if _has_events_table(trackers):
        with trackers.begin() as connection:
            old = sa.select(events.c.sender_id).group_by(events.c.sender_id).having(
                sa.func.max(events.c.timestamp) < cutoff)
            senders = connection.execute(old).scalars().all()
            removed.gesprekken = len(senders)
            for chunk in range(0, len(senders), 500):
                removed.gebeurtenissen += connection.execute(
                    events.delete().where(events.c.sender_id.in_(senders[chunk:chunk + 500]))).rowcount
    if app is not None:
        from connectors.tables import overdracht

        limit = dt.datetime.utcfromtimestamp(now - (handoff_days if handoff_days is not None else days) * 86400)
        with app.begin() as connection:
            removed.overdrachten = connection.execute(
                overdracht.delete().where(overdracht.c.aangemaakt_op < limit)).rowcount
    if export_dir.exists():
        for path in list(export_dir.glob("*.csv")) + list(export_dir.glob("*.jsonl")):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.exportbestanden += 1
    return removed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.privacy.retention", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tracker-url", default=None, help="standaard TRACKER_DB_URL of de SQLite van TRACKER_DB")
    commands = parser.add_subparsers(dest="command", required=True)
    clean = commands.add_parser("opschonen")
    clean.add_argument("--dagen", type=float, required=True)
    clean.add_argument("--overdracht-dagen", type=float, default=None)
    erase = commands.add_parser("verwijder")
    erase.add_argument("gesprek")
    args = parser.parse_args(argv)
    if args.command == "opschonen" and args.dagen < 0:
        print("--dagen moet 0 of meer zijn", file=sys.stderr)
        return 2
    from bot.store import db

    app = db.get_engine()
    db.upgrade(app)
    trackers = tracker_engine(args.tracker_url)
    if args.command == "verwijder":
        removed = delete_conversation(args.gesprek, trackers, app)
        print(f"Verwijderd voor gesprek {args.gesprek}: {removed}")
    else:
        removed = purge(args.dagen, trackers, app, args.overdracht_dagen)
        print(f"Opgeschoond (ouder dan {args.dagen:g} dagen): {removed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
