"""Turning logged conversations into reviewed training data.

  python -m bot.maintenance.review exporteer --sinds 2026-11-01
      writes var/review/review-<datum>.csv (messages worth a human look) and
      var/review/gesprekken-<datum>.jsonl (the conversations), pseudonymised and redacted
  python -m bot.maintenance.review naar-yaml var/review/review-<datum>.csv > nagekeken.yml
  python -m bot.maintenance.review naar-csv nagekeken.yml var/review/nagekeken.csv
      the review file as Rasa NLU YAML and back, for those who prefer to edit YAML
  python -m bot.maintenance.review samenvoegen var/review/review-<datum>.csv
      adds the rows marked `opnemen = ja` with a `juiste_intent` to bot/data/nlu, in the
      file that already holds that intent, without duplicates

Messages worth a look: low NLU confidence, not understood (fallback), corrections, and a
request for a human right after the bot said it did not understand. Answers to the
handoff questions (contact details) are never exported.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.privacy.events import contact_values, redact_event, scrub_contacts
from bot.privacy.pseudonym import pseudonym
from bot.privacy.trackers import ROOT, events, tracker_engine

EXPORT_DIR = ROOT / "var" / "review"
DATA_DIR = ROOT / "bot" / "data"
LOW_CONFIDENCE = 0.6
FIELDS = ["gesprek", "tijd", "tekst", "voorspelde_intent", "zekerheid", "entiteiten", "reden", "juiste_intent",
          "opnemen"]
YES = {"ja", "j", "x", "1", "yes", "true"}


def _conversations(engine: Engine, since: float) -> Dict[str, List[Dict[str, Any]]]:
    with engine.connect() as connection:
        recent = sa.select(events.c.sender_id).group_by(events.c.sender_id).having(
            sa.func.max(events.c.timestamp) >= since)
        rows = connection.execute(sa.select(events.c.sender_id, events.c.data).where(
            events.c.sender_id.in_(recent)).order_by(events.c.sender_id, events.c.id)).all()
    found: Dict[str, List[Dict[str, Any]]] = {}
    for sender, data in rows:
        found.setdefault(sender, []).append(json.loads(data))
    return found


@dataclass
class Export:
    review: Path
    conversations: Path
    rows: int
    count: int


def _clean(event: Dict[str, Any], contacts) -> Dict[str, Any]:
    event = redact_event(event)
    return scrub_contacts(event, contacts) if contacts else event


def review_rows(conversation_id: str, history: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    history = list(history)
    contacts = contact_values(history)
    alias = pseudonym(conversation_id)
    rows: List[Dict[str, Any]] = []
    loop: Optional[str] = None
    last_bot_key: Optional[str] = None
    for raw in history:
        kind = raw.get("event")
        if kind == "active_loop":
            loop = raw.get("name")
        if kind == "bot":
            last_bot_key = (raw.get("metadata") or {}).get("tekst")
        if kind != "user" or loop == "overdracht_form":
            continue
        event = _clean(raw, contacts)
        text = str(event.get("text") or "")
        if not text or text.startswith("/"):
            continue
        parse = event.get("parse_data") or {}
        intent = parse.get("intent") or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0)
        reasons = []
        if name == "nlu_fallback":
            reasons.append("niet_begrepen")
        elif confidence < LOW_CONFIDENCE:
            reasons.append("lage_zekerheid")
        if name == "correct":
            reasons.append("correctie")
        if name == "human_handoff" and last_bot_key in {"aanbod_medewerker", "verduidelijk", "verduidelijk_vraag"}:
            reasons.append("medewerker_na_misverstand")
        if not reasons:
            continue
        entities = [{"entity": e.get("entity"), "value": e.get("value")} for e in parse.get("entities") or []]
        rows.append({
            "gesprek": alias,
            "tijd": dt.datetime.utcfromtimestamp(float(raw.get("timestamp") or 0)).isoformat(timespec="seconds") + "Z",
            "tekst": text, "voorspelde_intent": name, "zekerheid": f"{confidence:.2f}",
            "entiteiten": json.dumps(entities, ensure_ascii=False), "reden": ",".join(reasons),
            "juiste_intent": "", "opnemen": "",
        })
    return rows


def export(engine: Engine, since: dt.date, out_dir: Path = EXPORT_DIR, today: Optional[dt.date] = None) -> Export:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = (today or dt.date.today()).isoformat()
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.timezone.utc).timestamp()
    conversations = _conversations(engine, start)
    review_path, conversations_path = out_dir / f"review-{stamp}.csv", out_dir / f"gesprekken-{stamp}.jsonl"
    rows: List[Dict[str, Any]] = []
    with conversations_path.open("w", encoding="utf-8") as handle:
        for conversation_id, history in sorted(conversations.items()):
            rows += review_rows(conversation_id, history)
            contacts = contact_values(history)
            loop = None
            for raw in history:
                if raw.get("event") == "active_loop":
                    loop = raw.get("name")
                if raw.get("event") not in {"user", "bot"} or not raw.get("text"):
                    continue
                if raw.get("event") == "user" and loop == "overdracht_form":
                    continue  # contact details stay out of exports
                event = _clean(raw, contacts)
                line = {"gesprek": pseudonym(conversation_id), "van": "persoon" if raw["event"] == "user" else "bot",
                        "tekst": event["text"], "intent": ((event.get("parse_data") or {}).get("intent") or {}).get("name"),
                        "tijd": raw.get("timestamp")}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    with review_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return Export(review_path, conversations_path, len(rows), len(conversations))


def _normal(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


_INTENT = re.compile(r"^- intent: (?P<name>\S+)\s*$")


def _nlu_files(data_dir: Path) -> List[Path]:
    return sorted((data_dir / "nlu").glob("*.yml"))


def known_examples(data_dir: Path) -> set:
    found = set()
    for path in _nlu_files(data_dir):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("- ") and not stripped.startswith("- intent:") and not stripped.startswith("- lookup:") \
                    and not stripped.startswith("- synonym:") and not stripped.startswith("- regex:"):
                found.add(_normal(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", stripped[2:])))
    return found


def merge(review_csv: Path, data_dir: Path = DATA_DIR) -> Dict[str, Any]:
    """Adds the approved rows to the NLU file of their intent. Returns what happened."""
    with review_csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    seen = known_examples(data_dir)
    added, duplicates, unknown = 0, 0, []
    files = {path: path.read_text(encoding="utf-8").splitlines() for path in _nlu_files(data_dir)}
    for row in rows:
        intent = (row.get("juiste_intent") or "").strip()
        text = " ".join((row.get("tekst") or "").split())
        if (row.get("opnemen") or "").strip().lower() not in YES or not intent or not text:
            continue
        if _normal(text) in seen:
            duplicates += 1
            continue
        target = next(((path, lines) for path, lines in files.items()
                       if any(_INTENT.match(l) and _INTENT.match(l).group("name") == intent for l in lines)), None)
        if target is None:
            unknown.append(intent)
            continue
        path, lines = target
        start = next(i for i, l in enumerate(lines) if _INTENT.match(l) and _INTENT.match(l).group("name") == intent)
        end = start + 1
        while end < len(lines) and not lines[end].startswith("- "):
            end += 1
        last = max(i for i in range(start, end) if lines[i].strip().startswith("- "))
        lines.insert(last + 1, "    - " + text.replace("\n", " "))
        seen.add(_normal(text))
        added += 1
    for path, lines in files.items():
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"toegevoegd": added, "dubbel": duplicates, "onbekende_intents": sorted(set(unknown))}


def to_nlu_yaml(review_csv: Path) -> str:
    """The approved rows of a review file as Rasa NLU YAML (one block per intent)."""
    with review_csv.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle)
                if (r.get("opnemen") or "").strip().lower() in YES and (r.get("juiste_intent") or "").strip()]
    by_intent: Dict[str, List[str]] = {}
    for row in rows:
        by_intent.setdefault(row["juiste_intent"].strip(), []).append(" ".join(row["tekst"].split()))
    lines = ['version: "3.1"', "nlu:"]
    for intent, texts in by_intent.items():
        lines += [f"- intent: {intent}", "  examples: |"] + [f"    - {text}" for text in dict.fromkeys(texts)]
    return "\n".join(lines) + "\n"


def from_nlu_yaml(nlu_yaml: Path, review_csv: Path) -> int:
    """A review file (all rows approved) from Rasa NLU YAML, e.g. after editing in YAML."""
    import yaml

    data = yaml.safe_load(nlu_yaml.read_text(encoding="utf-8")) or {}
    rows = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                rows.append({**{f: "" for f in FIELDS}, "tekst": line.strip()[2:], "juiste_intent": block["intent"],
                             "opnemen": "ja", "reden": "yaml"})
    with review_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.maintenance.review", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tracker-url", default=None)
    commands = parser.add_subparsers(dest="command", required=True)
    out = commands.add_parser("exporteer")
    out.add_argument("--sinds", type=dt.date.fromisoformat, required=True, help="JJJJ-MM-DD")
    out.add_argument("--uit", type=Path, default=EXPORT_DIR)
    to_yaml = commands.add_parser("naar-yaml", help="goedgekeurde regels als Rasa NLU YAML (naar stdout)")
    to_yaml.add_argument("bestand", type=Path)
    to_csv = commands.add_parser("naar-csv", help="Rasa NLU YAML terug naar een reviewbestand")
    to_csv.add_argument("yaml", type=Path)
    to_csv.add_argument("bestand", type=Path)
    back = commands.add_parser("samenvoegen")
    back.add_argument("bestand", type=Path)
    back.add_argument("--data", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    if args.command == "exporteer":
        result = export(tracker_engine(args.tracker_url), args.sinds, args.uit)
        print(f"{result.count} gesprek(ken) geëxporteerd naar {result.conversations}")
        print(f"{result.rows} bericht(en) om na te kijken in {result.review}")
        print("Vul per regel 'juiste_intent' in en zet 'opnemen' op 'ja'; daarna: make samenvoegen BESTAND=...")
        return 0
    if args.command == "naar-csv":
        print(f"{from_nlu_yaml(args.yaml, args.bestand)} regel(s) in {args.bestand}")
        return 0
    if not args.bestand.exists():
        print(f"Bestand niet gevonden: {args.bestand}", file=sys.stderr)
        return 1
    if args.command == "naar-yaml":
        sys.stdout.write(to_nlu_yaml(args.bestand))
        return 0
    result = merge(args.bestand, args.data)
    print(f"Toegevoegd: {result['toegevoegd']}, al aanwezig: {result['dubbel']}"
          + (f", onbekende intents: {', '.join(result['onbekende_intents'])}" if result["onbekende_intents"] else ""))
    return 1 if result["onbekende_intents"] else 0


if __name__ == "__main__":
    sys.exit(main())
