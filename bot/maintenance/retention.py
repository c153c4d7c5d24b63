"""Retention and the right to erasure (AVG).

  python -m bot.maintenance.retention opschonen --dagen N
      deletes conversations whose last message is older than N days (from the tracker
      store, and their lines in every export and their test stories, by the age of the
      conversation, not of the file), handoffs older than N days (``--overdracht-dagen``
      to keep those longer) and export files older than N days
  python -m bot.maintenance.retention verwijder GESPREK_ID
      deletes everything about one conversation: its events in the tracker store, its
      handoffs (with their deliveries and inbox items), its lines in the review exports and
      the test stories made from it; GESPREK_ID may be the id or its pseudonym (g-...) from
      an export. Fails when nothing about the conversation is found.

  python -m bot.maintenance.retention herredigeren
      after the redactor improved: runs the store's redaction again over every stored event
      (and the contact scrub over conversations whose handoff is done), and the export
      cleaning over every review export and test story

All print what they did. They touch nothing else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.handoff.tables import overdracht
from bot.privacy.exports import conversation_ages, export_dir, stories_dir, strip_exports, strip_stories
from bot.privacy.pseudonym import pseudonym
from bot.privacy.trackers import GeenTrackerStore, events, tracker_engine, tracker_url

EXPORT_DIR = export_dir()
STORIES_DIR = stories_dir()


@dataclass
class Removed:
    gebeurtenissen: int = 0
    gesprekken: int = 0
    overdrachten: int = 0
    exportregels: int = 0
    exportbestanden: int = 0
    testverhalen: int = 0

    def __str__(self) -> str:
        return (
            f"{self.gesprekken} gesprek(ken), {self.gebeurtenissen} gebeurtenissen, {self.overdrachten} "
            f"overdracht(en), {self.exportregels} exportregel(s), {self.exportbestanden} exportbestand(en), "
            f"{self.testverhalen} testverha(a)l(en)"
        )

    @property
    def anything(self) -> bool:
        return any((self.gebeurtenissen, self.overdrachten, self.exportregels, self.exportbestanden, self.testverhalen))


def _has_events_table(engine: Engine) -> bool:
    return sa.inspect(engine).has_table("events")


def _senders(trackers: Engine) -> List[str]:
    if not _has_events_table(trackers):
        return []
    with trackers.connect() as connection:
        return connection.execute(sa.select(events.c.sender_id).distinct()).scalars().all()


def resolve(conversation_id: str, trackers: Engine) -> str:
    """The conversation id for a pseudonym from an export (g-...); any other id as it is."""
    if conversation_id.startswith("g-"):
        for sender in _senders(trackers):
            if pseudonym(sender) == conversation_id:
                return sender
    return conversation_id


def delete_conversation(
    conversation_id: str,
    trackers: Engine,
    app: Optional[Engine],
    export_dir: Path = EXPORT_DIR,
    stories_dir: Path = STORIES_DIR,
) -> Removed:
    removed = Removed()
    conversation_id = resolve(conversation_id, trackers)
    alias = (
        conversation_id
        if conversation_id.startswith("g-") and conversation_id not in _senders(trackers)
        else pseudonym(conversation_id)
    )
    if _has_events_table(trackers):
        with trackers.begin() as connection:
            removed.gebeurtenissen = connection.execute(
                events.delete().where(events.c.sender_id == conversation_id)
            ).rowcount
    removed.gesprekken = int(removed.gebeurtenissen > 0)
    if app is not None:
        with app.begin() as connection:
            removed.overdrachten = connection.execute(
                overdracht.delete().where(overdracht.c.conversation_id == conversation_id)
            ).rowcount
    removed.exportregels, removed.exportbestanden = strip_exports(export_dir, {alias})
    removed.testverhalen = strip_stories(stories_dir, {alias})
    return removed


def purge(
    days: float,
    trackers: Engine,
    app: Optional[Engine],
    handoff_days: Optional[float] = None,
    export_dir: Path = EXPORT_DIR,
    now: Optional[float] = None,
    stories_dir: Path = STORIES_DIR,
) -> Removed:
    now = now if now is not None else time.time()
    cutoff = now - days * 86400
    removed = Removed()
    senders: List[str] = []
    if _has_events_table(trackers):
        with trackers.begin() as connection:
            old = (
                sa.select(events.c.sender_id)
                .group_by(events.c.sender_id)
                .having(sa.func.max(events.c.timestamp) < cutoff)
            )
            senders = connection.execute(old).scalars().all()
            removed.gesprekken = len(senders)
            for chunk in range(0, len(senders), 500):
                removed.gebeurtenissen += connection.execute(
                    events.delete().where(events.c.sender_id.in_(senders[chunk : chunk + 500]))
                ).rowcount
    if app is not None:
        limit = dt.datetime.utcfromtimestamp(now - (handoff_days if handoff_days is not None else days) * 86400)
        with app.begin() as connection:
            removed.overdrachten = connection.execute(
                overdracht.delete().where(overdracht.c.aangemaakt_op < limit)
            ).rowcount
    kept = {pseudonym(sender) for sender in _senders(trackers)}
    aliases = {pseudonym(sender) for sender in senders}
    aliases |= {alias for alias, last in conversation_ages(export_dir).items() if last < cutoff and alias not in kept}
    if export_dir.exists():  # a file older than the cutoff holds only older conversations
        for path in list(export_dir.glob("*.csv")) + list(export_dir.glob("*.jsonl")):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.exportbestanden += 1
    # Lines in newer files go by the age of their conversation: removed from the store now,
    # or (removed earlier) last seen in the exports before the cutoff.
    lines, files = strip_exports(export_dir, aliases)
    removed.exportregels, removed.exportbestanden = lines, removed.exportbestanden + files
    removed.testverhalen = strip_stories(stories_dir, aliases)
    return removed


def reclean(trackers: Engine, export_dir: Path = EXPORT_DIR, stories_dir: Path = STORIES_DIR) -> Dict[str, int]:
    """Cleans the store and the exports again with the current redaction."""
    from bot.privacy import events as privacy
    from bot.privacy.exports import CONVERSATIONS, read_csv, write_csv, write_jsonl

    done = {"gebeurtenissen": 0, "exportregels": 0, "testverhalen": 0}
    for sender in _senders(trackers):
        with trackers.begin() as connection:
            rows = connection.execute(
                sa.select(events.c.id, events.c.data).where(events.c.sender_id == sender).order_by(events.c.id)
            ).all()
            history = [json.loads(data) for _, data in rows]
            contacts = privacy.contact_values(history) if privacy.handoff_finished(history) else set()
            for (row_id, _data), event in zip(rows, history):
                cleaned = privacy.redact_event(event)
                if contacts:
                    cleaned = privacy.scrub_contacts(cleaned, contacts)
                if cleaned != event:
                    connection.execute(events.update().where(events.c.id == row_id).values(data=json.dumps(cleaned)))
                    done["gebeurtenissen"] += 1
    for path in sorted(export_dir.glob("*.jsonl")) if export_dir.exists() else []:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_conversation: Dict[str, list] = {}
        for line in lines:
            by_conversation.setdefault(line.get("gesprek"), []).append(line)
        changed = 0
        for members in by_conversation.values():
            cleaner = privacy.ExportCleaner(
                [{"event": "user", "text": m.get("tekst")} for m in members if m.get("van") == "persoon"]
            )
            for member in members:
                text = cleaner.text(member.get("tekst"))
                if text != member.get("tekst"):
                    member["tekst"], changed = text, changed + 1
        if changed:
            write_jsonl(path, lines)
            done["exportregels"] += changed
    for path in sorted(export_dir.glob("*.csv")) if export_dir.exists() else []:
        fields, rows = read_csv(path)
        changed = 0
        for row in rows:
            cleaner = privacy.ExportCleaner([{"event": "user", "text": row.get("tekst")}])
            for column in fields:
                if column in {CONVERSATIONS, "laatst", "aantal", "zekerheid", "sectie", "reden", "gesprek", "tijd"}:
                    continue
                text = cleaner.text(row.get(column))
                if text != (row.get(column) or ""):
                    row[column], changed = text, changed + 1
        if changed:
            write_csv(path, fields, rows)
            done["exportregels"] += changed
    for path in sorted(stories_dir.glob("test_echt_*.yml")) if stories_dir.exists() else []:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        changed = 0
        for story in data.get("stories") or []:
            steps = story.get("steps") or []
            cleaner = privacy.ExportCleaner([{"event": "user", "text": s.get("user")} for s in steps if "user" in s])
            for step in steps:
                if "user" in step and cleaner.text(step["user"]) != step["user"]:
                    step["user"], changed = cleaner.text(step["user"]), changed + 1
        if changed:
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            done["testverhalen"] += 1
    return done


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.maintenance.retention",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--tracker-url",
        default=None,
        help="standaard TRACKER_DB_URL, anders de tracker_store van het endpoints-bestand van Rasa",
    )
    parser.add_argument(
        "--exports", type=Path, default=EXPORT_DIR, help="map met exports (standaard REVIEW_DIR of var/review)"
    )
    parser.add_argument(
        "--testverhalen",
        type=Path,
        default=STORIES_DIR,
        help="map met testverhalen (standaard TESTVERHALEN_DIR of tests)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    clean = commands.add_parser("opschonen")
    clean.add_argument("--dagen", type=float, required=True)
    clean.add_argument("--overdracht-dagen", type=float, default=None)
    erase = commands.add_parser("verwijder")
    erase.add_argument("gesprek")
    commands.add_parser("herredigeren", help="store en exports opnieuw door de huidige redactie halen")
    args = parser.parse_args(argv)
    try:
        tracker_url(args.tracker_url)
    except GeenTrackerStore as error:
        print(f"{error} Ik doe niets.", file=sys.stderr)
        return 2
    if args.command == "herredigeren":
        done = reclean(tracker_engine(args.tracker_url), args.exports, args.testverhalen)
        print(
            f"Opnieuw geredigeerd: {done['gebeurtenissen']} gebeurtenis(sen) in de store, "
            f"{done['exportregels']} exportregel(s), {done['testverhalen']} testverha(a)l(en)"
        )
        return 0
    if args.command == "opschonen" and args.dagen < 0:
        print("--dagen moet 0 of meer zijn", file=sys.stderr)
        return 2
    from bot.store import db

    app = db.get_engine()
    db.upgrade(app)
    trackers = tracker_engine(args.tracker_url)
    if args.command == "verwijder":
        removed = delete_conversation(args.gesprek, trackers, app, args.exports, args.testverhalen)
        if not removed.anything:
            print(
                f"Gesprek {args.gesprek} niet gevonden: geen gebeurtenissen, overdrachten, exportregels of "
                "testverhalen. Er is niets verwijderd. Controleer het id (of het pseudoniem g-... uit een export).",
                file=sys.stderr,
            )
            return 1
        print(f"Verwijderd voor gesprek {args.gesprek}: {removed}")
    else:
        removed = purge(args.dagen, trackers, app, args.overdracht_dagen, args.exports, stories_dir=args.testverhalen)
        print(f"Opgeschoond (ouder dan {args.dagen:g} dagen): {removed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
