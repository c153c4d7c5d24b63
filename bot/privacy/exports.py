"""The export files made from conversations, and removing a conversation from them.

Review exports (var/review): ``review-<datum>.csv`` for people (UTF-8 with BOM and ``;``,
so Dutch Excel opens it as it should; one row per distinct text, column ``gesprekken``
lists every conversation the text came from) and ``gesprekken-<datum>.jsonl`` (one line
per message, field ``gesprek``). Both are written to a temporary file and renamed, so a
failure never leaves a partial file.

Test stories made from a conversation (``tests/test_echt_<pseudoniem>.yml``, story
``echt gesprek <pseudoniem>``) are an export too.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Set, Tuple

from bot.settings import current

DELIMITER = ";"
ENCODING = "utf-8-sig"
CONVERSATIONS = "gesprekken"
#: Excel runs a cell starting with one of these as a formula; such a text gets a leading "'".
_FORMULA = ("=", "+", "-", "@")


def export_dir() -> Path:
    """Where review exports go: REVIEW_DIR, else var/review."""
    return current().maintenance.review_dir


def stories_dir() -> Path:
    """Where test stories from real conversations go: TESTVERHALEN_DIR, else tests/."""
    return current().maintenance.stories_dir


class ExportFileError(ValueError):
    """A file that cannot be read as a review file (message in Dutch)."""


def strip_control(text: Any) -> str:
    """The text without control characters (null bytes, escapes); line breaks and tabs
    become spaces, runs of spaces one space."""
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in str(text if text is not None else ""))
    return " ".join(text.split())


def excel_safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


def from_excel(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA) else text


def _atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", newline="", encoding=ENCODING if path.suffix == ".csv" else "utf-8") as out:
            write(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_csv(path: Path, fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    rows = list(rows)

    def write(out):
        writer = csv.DictWriter(out, fieldnames=list(fields), delimiter=DELIMITER, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)

    _atomic(path, write)


def write_jsonl(path: Path, lines: Iterable[Mapping[str, Any]]) -> None:
    lines = list(lines)
    _atomic(path, lambda out: out.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))


def read_csv(path: Path, required: Sequence[str] = ()) -> Tuple[List[str], List[Dict[str, str]]]:
    """The columns and rows of a CSV file as Excel or a text editor saves it: UTF-8 (with or
    without BOM) or Windows-1252, separated by ``;``, ``,`` or tabs."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise ExportFileError(f"{path} is geen tekstbestand (UTF-8 of Windows-1252).")
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=header.count) if header else DELIMITER
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields = [f.strip() for f in reader.fieldnames or []]
    missing = [column for column in required if column not in fields]
    if missing:
        found = ", ".join(f for f in fields if f) or "geen"
        raise ExportFileError(
            f"{path} mist de kolom(men) {', '.join(missing)} (gevonden: {found}). "
            "Gebruik het bestand van make review; bewaar het als CSV."
        )
    rows = [{(k or "").strip(): (v if isinstance(v, str) else "") for k, v in row.items()} for row in reader]
    return fields, rows


def format_ids(counts: Mapping[str, int]) -> str:
    """``{"g-a": 2, "g-b": 1}`` -> ``"g-a (2), g-b"``: every conversation with its number of messages."""
    return ", ".join(f"{alias} ({n})" if n > 1 else alias for alias, n in counts.items())


def parse_ids(text: str) -> Counter:
    counts: Counter = Counter()
    for part in (text or "").split(","):
        match = re.fullmatch(r"\s*(\S+)(?:\s*\((\d+)\))?\s*", part)
        if match:
            counts[match.group(1)] += int(match.group(2) or 1)
    return counts


def _rows_without(rows: List[Dict[str, str]], aliases: Set[str]) -> Tuple[List[Dict[str, str]], int]:
    kept, removed = [], 0
    for row in rows:
        if row.get("gesprek") in aliases:  # one row per message (older exports)
            removed += 1
            continue
        if CONVERSATIONS in row:
            counts = parse_ids(row[CONVERSATIONS])
            gone = {alias: n for alias, n in counts.items() if alias in aliases}
            if gone:
                removed += 1
                for alias in gone:
                    del counts[alias]
                if not counts:
                    continue
                row = {**row, CONVERSATIONS: format_ids(counts), "aantal": str(sum(counts.values()))}
        kept.append(row)
    return kept, removed


def conversation_ages(export_dir: Path) -> Dict[str, float]:
    """Per conversation in the JSON-lines exports: the time of its last message."""
    last: Dict[str, float] = {}
    for path in sorted(export_dir.glob("*.jsonl")) if export_dir.exists() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                alias, at = data.get("gesprek"), float(data.get("tijd") or 0)
                last[alias] = max(at, last.get(alias, at))
    return last


def strip_exports(export_dir: Path, aliases: Set[str]) -> Tuple[int, int]:
    """Removes every line of the given conversations from the exports in ``export_dir``;
    a file left without lines is removed. Returns (lines, files) removed."""
    lines = files = 0
    if not aliases or not export_dir.exists():
        return 0, 0
    for path in sorted(export_dir.glob("*.csv")):
        fields, rows = read_csv(path)
        kept, removed = _rows_without(rows, aliases)
        if removed:
            lines += removed
            if kept:
                write_csv(path, fields, kept)
            else:
                path.unlink()
                files += 1
    for path in sorted(export_dir.glob("*.jsonl")):
        text = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in text if line.strip() and json.loads(line).get("gesprek") not in aliases]
        if len(kept) != len(text):
            lines += len(text) - len(kept)
            if kept:
                _atomic(path, lambda out: out.writelines(line + "\n" for line in kept))  # noqa: B023 - called at once, inside the loop
            else:
                path.unlink()
                files += 1
    return lines, files


def story_name(alias: str) -> str:
    return f"echt gesprek {alias}"


def strip_stories(stories_dir: Path, aliases: Set[str]) -> int:
    """Removes the test stories made from the given conversations: the file
    ``test_echt_<pseudoniem>.yml``, or the story ``echt gesprek <pseudoniem>`` where it was
    moved to. Returns the number of stories removed."""
    removed = 0
    if not aliases or not stories_dir.exists():
        return 0
    names = {story_name(alias) for alias in aliases}
    for path in sorted(stories_dir.rglob("*.yml")):
        if path.stem.startswith("test_echt_") and path.stem[len("test_echt_") :] in aliases:
            path.unlink()
            removed += 1
            continue
        text = path.read_text(encoding="utf-8")
        if not any(name in text for name in names):
            continue
        lines, out, index = text.splitlines(keepends=True), [], 0
        while index < len(lines):
            match = re.match(r"^(\s*)- story:\s*[\"']?(.*?)[\"']?\s*$", lines[index])
            if match and match.group(2) in names:
                indent = len(match.group(1))
                index += 1
                while index < len(lines) and (
                    not lines[index].strip() or len(lines[index]) - len(lines[index].lstrip()) > indent
                ):
                    index += 1
                removed += 1
                continue
            out.append(lines[index])
            index += 1
        remaining = "".join(out)
        if re.search(r"^\s*- (story|rule):", remaining, re.MULTILINE):
            path.write_text(remaining, encoding="utf-8")
        else:
            path.unlink()
    return removed
