"""Where the conversations are: the tracker store's ``events`` table (SQLite or PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
events = sa.table("events", sa.column("id"), sa.column("sender_id"), sa.column("type_name"),
                  sa.column("timestamp"), sa.column("intent_name"), sa.column("action_name"), sa.column("data"))


def tracker_url(url: str = None) -> str:
    """TRACKER_DB_URL, else the SQLite file of TRACKER_DB (default var/tracker.db)."""
    if url:
        return url
    if os.environ.get("TRACKER_DB_URL"):
        return os.environ["TRACKER_DB_URL"]
    path = Path(os.environ.get("TRACKER_DB") or "var/tracker.db")
    return f"sqlite:///{path if path.is_absolute() else ROOT / path}"


def tracker_engine(url: str = None) -> Engine:
    return sa.create_engine(tracker_url(url), future=True)
