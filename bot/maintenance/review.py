"""Turning logged conversations into reviewed training data.

  python -m bot.maintenance.review exporteer --sinds 2026-11-01
      writes var/review/review-<datum>.csv (messages worth a human look, grouped by text)
      and var/review/gesprekken-<datum>.jsonl (the conversations), pseudonymised and cleaned
  python -m bot.maintenance.review naar-yaml var/review/review-<datum>.csv > nagekeken.yml
  python -m bot.maintenance.review naar-csv nagekeken.yml var/review/nagekeken.csv
      the review file as Rasa NLU YAML and back, for those who prefer to edit YAML
  python -m bot.maintenance.review samenvoegen var/review/review-<datum>.csv
      adds the rows marked `opnemen = ja` with a `juiste_intent` to bot/data/nlu, in the
      file that already holds that intent, without duplicates; fails (and changes nothing)
      on a file without the expected columns or with an unknown intent

The review file has one row per distinct text (how often, from which conversations), the
bot's question before it and its reply after it, in three sections:
  1 nakijken: low NLU confidence, not understood (fallback), corrections, a request for a
    human right after the bot said it did not understand;
  2 zeker maar mogelijk fout: a confident prediction right before a correction, a restart
    or a request for a human;
  3 bewust afgehandeld: input the bot handled on purpose (empty, no words, markup, a
    personal number, too long, English).
Answers to the handoff questions (contact details) are never exported. Every text passes
through ExportCleaner (bot/privacy/events.py): no personal numbers, e-mail addresses,
phone numbers or names.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.privacy.events import ExportCleaner
from bot.privacy.exports import (
    CONVERSATIONS,
    ExportFileError,
    excel_safe,
    export_dir,
    format_ids,
    from_excel,
    read_csv,
    write_csv,
    write_jsonl,
)
from bot.privacy.pseudonym import pseudonym
from bot.privacy.trackers import ROOT, events, tracker_engine

EXPORT_DIR = export_dir()
DATA_DIR = ROOT / "bot" / "data"
LOW_CONFIDENCE = 0.6
FIELDS = [
    "sectie",
    "tekst",
    "aantal",
    "voorspelde_intent",
    "zekerheid",
    "reden",
    "vraag_van_de_bot",
    "antwoord_van_de_bot",
    "entiteiten",
    CONVERSATIONS,
    "laatst",
    "juiste_intent",
    "opnemen",
]
REQUIRED = ("tekst", "juiste_intent", "opnemen")
YES = {"ja", "j", "x", "1", "yes", "true"}
SECTIONS = ("1 nakijken", "2 zeker maar mogelijk fout", "3 bewust afgehandeld")
#: What comes right after a confident prediction that was probably wrong.
AFTERMATH = {
    "correct": "zeker_daarna_correctie",
    "restart": "zeker_daarna_opnieuw",
    "human_handoff": "zeker_daarna_medewerker",
}
MISUNDERSTOOD = {"aanbod_medewerker", "verduidelijk", "verduidelijk_vraag"}


def _conversations(engine: Engine, since: float) -> Dict[str, List[Dict[str, Any]]]:
    with engine.connect() as connection:
        recent = (
            sa.select(events.c.sender_id).group_by(events.c.sender_id).having(sa.func.max(events.c.timestamp) >= since)
        )
        rows = connection.execute(
            sa.select(events.c.sender_id, events.c.data)
            .where(events.c.sender_id.in_(recent))
            .order_by(events.c.sender_id, events.c.id)
        ).all()
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


def _intent(event: Dict[str, Any]) -> Tuple[Optional[str], float]:
    intent = (event.get("parse_data") or {}).get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0)


def _input_kind(event: Dict[str, Any]) -> Optional[str]:
    for entity in (event.get("parse_data") or {}).get("entities") or []:
        if entity.get("entity") == "invoer_soort":
            return str(entity.get("value"))
    return None


def _time(timestamp: Any) -> str:
    return dt.datetime.utcfromtimestamp(float(timestamp or 0)).isoformat(timespec="seconds") + "Z"


def review_rows(
    conversation_id: str, history: Iterable[Dict[str, Any]], cleaner: Optional[ExportCleaner] = None
) -> List[Dict[str, Any]]:
    """The messages of one conversation worth a look, one row per message (not grouped)."""
    history = list(history)
    cleaner = cleaner or ExportCleaner(history)
    alias = pseudonym(conversation_id)
    loop: Optional[str] = None
    last_bot_key: Optional[str] = None
    last_bot_text = ""
    pending: List[Dict[str, Any]] = []  # rows still waiting for the bot's reply
    rows: List[Dict[str, Any]] = []
    previous: Optional[Dict[str, Any]] = None  # the last confident prediction, for what comes next
    for raw in history:
        kind = raw.get("event")
        if kind == "active_loop":
            loop = raw.get("name")
        if kind == "restart" and previous is not None:
            previous["reden"].append(AFTERMATH["restart"])
            previous = None
        if kind == "bot":
            last_bot_key = (raw.get("metadata") or {}).get("tekst")
            last_bot_text = cleaner.text(raw.get("text"))
            for row in pending:
                row["antwoord_van_de_bot"] = last_bot_text
            pending = []
            continue
        if kind != "user":
            continue
        name, confidence = _intent(raw)
        if previous is not None and name in AFTERMATH:
            previous["reden"].append(AFTERMATH[name])
        previous = None
        pending = []
        if loop == "overdracht_form":
            continue
        text = cleaner.text(raw.get("text"))
        if text.startswith("/"):
            continue
        reasons: List[str] = []
        input_kind = _input_kind(raw)
        if input_kind:
            section, reasons = SECTIONS[2], [f"invoer_{input_kind}"]
        else:
            section = SECTIONS[0]
            if name == "nlu_fallback":
                reasons.append("niet_begrepen")
            elif confidence < LOW_CONFIDENCE:
                reasons.append("lage_zekerheid")
            if name == "correct":
                reasons.append("correctie")
            if name == "human_handoff" and last_bot_key in MISUNDERSTOOD:
                reasons.append("medewerker_na_misverstand")
        entities = [
            {"entity": e.get("entity"), "value": cleaner.value(e.get("value"))}
            for e in (raw.get("parse_data") or {}).get("entities") or []
        ]
        row = {
            "sectie": section,
            "tekst": text,
            "voorspelde_intent": name,
            "zekerheid": confidence,
            "reden": reasons,
            "vraag_van_de_bot": last_bot_text,
            "antwoord_van_de_bot": "",
            "entiteiten": json.dumps(entities, ensure_ascii=False),
            "gesprek": alias,
            "tijd": float(raw.get("timestamp") or 0),
        }
        pending.append(row)
        rows.append(row)
        if not input_kind and name not in AFTERMATH and name != "nlu_fallback" and confidence >= LOW_CONFIDENCE:
            previous = row
    for row in rows:
        if row["sectie"] == SECTIONS[0] and not row["reden"]:
            continue
        if any(r in AFTERMATH.values() for r in row["reden"]) and not any(
            r in {"niet_begrepen", "lage_zekerheid", "correctie", "medewerker_na_misverstand"} for r in row["reden"]
        ):
            row["sectie"] = SECTIONS[1]
    return [row for row in rows if row["reden"]]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def group_rows(rows: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """One row per section and distinct text (ignoring case and spacing): how often, from
    which conversations, the most common prediction, question and reply."""
    groups: Dict[Tuple[str, str], List[Dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["sectie"], _key(row["tekst"])), []).append(row)
    out = []
    for (section, _), members in groups.items():
        common = lambda field: Counter(m[field] for m in members).most_common(1)[0][0]  # noqa: E731, B023
        reasons = list(dict.fromkeys(r for m in members for r in m["reden"]))
        out.append(
            {
                "sectie": section,
                "tekst": excel_safe(common("tekst")),
                "aantal": len(members),
                "voorspelde_intent": common("voorspelde_intent"),
                "zekerheid": f"{sum(m['zekerheid'] for m in members) / len(members):.2f}",
                "reden": ",".join(reasons),
                "vraag_van_de_bot": excel_safe(common("vraag_van_de_bot")),
                "antwoord_van_de_bot": excel_safe(common("antwoord_van_de_bot")),
                "entiteiten": common("entiteiten"),
                CONVERSATIONS: format_ids(Counter(m["gesprek"] for m in members)),
                "laatst": _time(max(m["tijd"] for m in members)),
                "juiste_intent": "",
                "opnemen": "",
            }
        )
    out.sort(key=lambda r: (r["sectie"], -r["aantal"], r["tekst"]))
    return out


def conversation_lines(
    conversation_id: str, history: Iterable[Dict[str, Any]], cleaner: Optional[ExportCleaner] = None
) -> List[Dict[str, Any]]:
    """The messages of one conversation for the JSON-lines export (contact details left out)."""
    history = list(history)
    cleaner = cleaner or ExportCleaner(history)
    alias, loop, lines = pseudonym(conversation_id), None, []
    for raw in history:
        if raw.get("event") == "active_loop":
            loop = raw.get("name")
        if raw.get("event") not in {"user", "bot"} or not raw.get("text"):
            continue
        if raw.get("event") == "user" and loop == "overdracht_form":
            continue  # contact details stay out of exports
        name, confidence = _intent(raw)
        line = {
            "gesprek": alias,
            "van": "persoon" if raw["event"] == "user" else "bot",
            "tekst": cleaner.text(raw.get("text")),
            "tijd": raw.get("timestamp"),
        }
        if raw["event"] == "user":
            line.update(intent=name, zekerheid=round(confidence, 4), invoer_soort=_input_kind(raw))
        lines.append(line)
    return lines


def export(engine: Engine, since: dt.date, out_dir: Optional[Path] = None, today: Optional[dt.date] = None) -> Export:
    out_dir = out_dir or export_dir()
    stamp = (today or dt.date.today()).isoformat()
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.timezone.utc).timestamp()
    conversations = _conversations(engine, start)
    review_path, conversations_path = out_dir / f"review-{stamp}.csv", out_dir / f"gesprekken-{stamp}.jsonl"
    rows: List[Dict[str, Any]] = []
    lines: List[Dict[str, Any]] = []
    for conversation_id, history in sorted(conversations.items()):
        cleaner = ExportCleaner(history)
        rows += review_rows(conversation_id, history, cleaner)
        lines += conversation_lines(conversation_id, history, cleaner)
    grouped = group_rows(rows)
    write_jsonl(conversations_path, lines)
    write_csv(review_path, FIELDS, grouped)
    return Export(review_path, conversations_path, len(grouped), len(conversations))


def _normal(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


_INTENT = re.compile(r"^- intent: (?P<name>\S+)\s*$")


def _intent_block(path: Path, lines: List[str], intent: str) -> Tuple[Path, List[str], int, int]:
    """The lines [start, end) of the first block of ``intent`` in one NLU file."""
    start = next(
        i for i, line in enumerate(lines) if _INTENT.match(line) and _INTENT.match(line).group("name") == intent
    )
    end = start + 1
    while end < len(lines) and not lines[end].startswith("- "):
        end += 1
    return path, lines, start, end


def _nlu_files(data_dir: Path) -> List[Path]:
    return sorted((data_dir / "nlu").glob("*.yml"))


def known_examples(data_dir: Path) -> set:
    found = set()
    for path in _nlu_files(data_dir):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if (
                stripped.startswith("- ")
                and not stripped.startswith("- intent:")
                and not stripped.startswith("- lookup:")
                and not stripped.startswith("- synonym:")
                and not stripped.startswith("- regex:")
            ):
                found.add(_normal(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", stripped[2:])))
    return found


def _approved(review_csv: Path) -> List[Tuple[int, str, str]]:
    """(line number, text, intent) of the rows marked for inclusion. Raises ExportFileError
    (in Dutch) for a file without the expected columns or an approved row without an intent."""
    _, rows = read_csv(review_csv, REQUIRED)
    approved, problems = [], []
    for number, row in enumerate(rows, start=2):
        if (row.get("opnemen") or "").strip().lower() not in YES:
            continue
        intent = (row.get("juiste_intent") or "").strip()
        text = " ".join(from_excel((row.get("tekst") or "").strip()).split())
        if not intent or not text:
            problems.append(
                f"regel {number}: 'opnemen' is ja maar " + ("'juiste_intent'" if not intent else "'tekst'") + " is leeg"
            )
            continue
        approved.append((number, text, intent))
    if problems:
        raise ExportFileError(f"{review_csv}: " + "; ".join(problems))
    return approved


def merge(review_csv: Path, data_dir: Path = DATA_DIR) -> Dict[str, Any]:
    """Adds the approved rows to the NLU file of their intent. Returns what happened.
    Changes nothing and raises ExportFileError when a column is missing, an approved row has
    no intent or an intent is unknown."""
    approved = _approved(review_csv)
    files = {path: path.read_text(encoding="utf-8").splitlines() for path in _nlu_files(data_dir)}
    known = {_INTENT.match(line).group("name") for lines in files.values() for line in lines if _INTENT.match(line)}
    unknown = sorted({intent for _, _, intent in approved if intent not in known})
    if unknown:
        lines = [str(n) for n, _, intent in approved if intent in unknown]
        raise ExportFileError(
            f"Onbekende intent(s): {', '.join(unknown)} (regel {', '.join(lines)}). "
            "Er is niets toegevoegd. Kies een intent uit domain.yml / bot/data/nlu."
        )
    seen = known_examples(data_dir)
    added, duplicates = 0, 0
    changed = set()
    for _, text, intent in approved:
        if _normal(text) in seen:
            duplicates += 1
            continue
        # The topic file where the intent has most of its examples (a file of extra variants
        # may hold a few of them too).
        path, lines, start, end = max(
            (
                _intent_block(path, lines, intent)
                for path, lines in files.items()
                if any(_INTENT.match(line) and _INTENT.match(line).group("name") == intent for line in lines)
            ),
            key=lambda block: block[3] - block[2],
        )
        last = max(i for i in range(start, end) if lines[i].strip().startswith("- "))
        lines.insert(last + 1, "    - " + text)
        seen.add(_normal(text))
        changed.add(path)
        added += 1
    for path in changed:
        path.write_text("\n".join(files[path]) + "\n", encoding="utf-8")
    return {"toegevoegd": added, "dubbel": duplicates, "onbekende_intents": []}


def to_nlu_yaml(review_csv: Path) -> str:
    """The approved rows of a review file as Rasa NLU YAML (one block per intent)."""
    by_intent: Dict[str, List[str]] = {}
    for _, text, intent in _approved(review_csv):
        by_intent.setdefault(intent, []).append(text)
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
                rows.append(
                    {
                        **{f: "" for f in FIELDS},
                        "tekst": excel_safe(line.strip()[2:]),
                        "juiste_intent": block["intent"],
                        "opnemen": "ja",
                        "reden": "yaml",
                        "aantal": 1,
                    }
                )
    write_csv(review_csv, FIELDS, rows)
    return len(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.maintenance.review",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--tracker-url", default=None)
    commands = parser.add_subparsers(dest="command", required=True)
    out = commands.add_parser("exporteer")
    out.add_argument("--sinds", type=dt.date.fromisoformat, required=True, help="JJJJ-MM-DD")
    out.add_argument("--uit", type=Path, default=None, help="standaard REVIEW_DIR of var/review")
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
        print(f"{result.rows} verschillende bericht(en) om na te kijken in {result.review}")
        print("Vul per regel 'juiste_intent' in en zet 'opnemen' op 'ja'; daarna: make samenvoegen BESTAND=...")
        return 0
    source = args.yaml if args.command == "naar-csv" else args.bestand
    if not source.exists():
        print(f"Bestand niet gevonden: {source}", file=sys.stderr)
        return 1
    if args.command == "naar-csv":
        print(f"{from_nlu_yaml(args.yaml, args.bestand)} regel(s) in {args.bestand}")
        return 0
    try:
        if args.command == "naar-yaml":
            sys.stdout.write(to_nlu_yaml(args.bestand))
            return 0
        result = merge(args.bestand, args.data)
    except ExportFileError as error:
        print(f"Samenvoegen mislukt: {error}", file=sys.stderr)
        return 1
    print(f"Toegevoegd: {result['toegevoegd']}, al aanwezig: {result['dubbel']}")
    if not result["toegevoegd"] and not result["dubbel"]:
        print("Geen regels met 'opnemen' = ja gevonden.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
