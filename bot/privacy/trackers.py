"""Where the conversations are: the tracker store's ``events`` table (SQLite or PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import modus
from bot.settings import ROOT, Storage

events = sa.table(
    "events",
    sa.column("id"),
    sa.column("sender_id"),
    sa.column("type_name"),
    sa.column("timestamp"),
    sa.column("intent_name"),
    sa.column("action_name"),
    sa.column("data"),
)


class GeenTrackerStore(RuntimeError):
    """No usable tracker store is configured (the message says why, in Dutch)."""


#: Store types whose conversations are in an SQL database (the ``events`` table).
SQL_TYPES = frozenset(
    {"sql", "SQL", "rasa.core.tracker_store.SQLTrackerStore", "bot.privacy.tracker_store.RedactingSQLTrackerStore"}
)


def tracker_url(url: str = None, env: Mapping[str, str] = None) -> str:
    """The database of the conversations, as Rasa finds it: ``url`` or TRACKER_DB_URL when
    given, else the ``tracker_store`` of the endpoints file Rasa uses (endpoints.yml, or
    deploy/endpoints.production.yml in production, or RASA_ENDPOINTS) with its environment
    variables filled in (POSTGRES_*, TRACKER_DB; locally TRACKER_DB defaults to
    var/tracker.db as in scripts/run.sh). Raises ``GeenTrackerStore`` when there is none,
    when a variable is not set, or when the SQLite file does not exist."""
    if url:
        return url
    env = modus.omgeving(env)
    configured = Storage.from_env(env).tracker_db_url
    if configured:
        return configured
    if modus.modus(env) != modus.PRODUCTIE:
        env.setdefault("TRACKER_DB", "var/tracker.db")
    where = modus.endpoints_file(env, ROOT)
    try:
        config = modus.tracker_store(env, ROOT)
    except modus.ConfigFout as error:
        raise GeenTrackerStore(f"De tracker store is niet ingesteld: {error}.") from None
    if not config:
        raise GeenTrackerStore(
            f"Er is geen tracker_store ingesteld in {where}: Rasa bewaart de gesprekken "
            "dan alleen in het geheugen en er is niets om op te schonen."
        )
    if str(config.get("type") or "") not in SQL_TYPES:
        raise GeenTrackerStore(f"De tracker store in {where} is geen SQL-store (type {config.get('type')!r}).")
    found = modus.tracker_url(config, ROOT)
    if found.startswith("sqlite:///") and not Path(found[len("sqlite:///") :]).is_file():
        raise GeenTrackerStore(
            f"De tracker store {found[len('sqlite:///') :]} bestaat niet "
            f"(uit {where.name}). Klopt TRACKER_DB of INTAKE_MODUS?"
        )
    return found


def tracker_engine(url: str = None) -> Engine:
    return sa.create_engine(tracker_url(url), future=True)
