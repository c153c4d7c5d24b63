"""The JSON Schema of the handoff summary (handoff_summary.schema.json) and its validation."""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, List, Mapping

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parent / "handoff_summary.schema.json"


class InvalidSummary(ValueError):
    def __init__(self, problems: List[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


_lock = threading.Lock()


def validator() -> Draft202012Validator:
    """The validator, built once per process. jsonschema fills its table of meta-schemas on
    first use without a lock: two handoffs stored at the same moment could see it half
    filled and try to fetch a meta-schema from the internet (and fail without one)."""
    with _lock:
        return _build()


@lru_cache(maxsize=1)
def _build() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(summary: Mapping[str, Any]) -> List[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(validator().iter_errors(summary), key=lambda e: list(e.absolute_path))
    ]


def validate(summary: Mapping[str, Any]) -> None:
    """Raises InvalidSummary listing every problem; returns when the summary is valid."""
    found = problems(summary)
    if found:
        raise InvalidSummary(found)
