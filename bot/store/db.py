"""One place that knows the database URL and how to create an engine for it.

SQLite (a file under ``var/``) is the embedded default; set ``ONDERWIJSLOKET_DB_URL`` to a
PostgreSQL URL (``postgresql://user@host/db``) for production. Engines are created once per
process and reused; every caller gets the same engine for the same URL.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Dict, Optional

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from bot.settings import ROOT, current

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'onderwijsloket.db'}"

_engines: Dict[str, Engine] = {}
_lock = threading.Lock()


def utcnow() -> dt.datetime:
    """Now in naive UTC, as every table of the app database stores its times."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def database_url(url: Optional[str] = None) -> str:
    return url or current().storage.db_url or DEFAULT_URL


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def get_engine(url: Optional[str] = None) -> Engine:
    """The process-wide engine for ``url`` (default: the configured database)."""
    url = database_url(url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = new_engine(url)
            _engines[url] = engine
        return engine


def new_engine(url: str) -> Engine:
    """A new engine of its own (not shared), e.g. for a private in-memory database."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, future=True, connect_args={"check_same_thread": False})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, future=True, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the schema to ``revision``; running it again changes nothing."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> Optional[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
