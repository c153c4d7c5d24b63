"""Every environment variable the Python code reads, in one place: its name, type, default
and meaning, grouped by the part of the system that uses it, read once per process.

  settings.current().site.redis_url           this process's value (read once, then cached)
  settings.from_env({"SITE_REDIS_URL": ...})   settings built from a mapping (checks, tests)
  settings.Site.from_env(env)                  one section from a mapping
  settings.reset()                             forget the cached settings (a test that changed
                                               os.environ; tests/conftest.py does this for
                                               every test and after monkeypatch.setenv)

An empty variable counts as not set. A number that is not a number stops the process with
a message in Dutch (``SettingsError``). The handoff delivery (HANDOFF_*) is a section of
its own with the same pattern, in bot/handoff/settings.py. Variables that only the shell
scripts or Rasa's endpoints file read (ports in scripts/run.sh, TRACKER_DB, POSTGRES_*) are
in the README's configuration table and in .env.example, like every variable here.

Also defined here, once: the project root (``ROOT``), the default API token
(``DEFAULT_TOKEN``) and the names of the two modes.

Plain Python: no Rasa imports, no project imports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Optional, Tuple, Type, TypeVar

#: The project root: the directory with domain.yml, bot/ and connectors/.
ROOT = Path(__file__).resolve().parents[1]
LOKAAL, PRODUCTIE = "lokaal", "productie"
#: The API token when RASA_AUTH_TOKEN is not set; refused in production (bot/modus.py).
DEFAULT_TOKEN = "lokaal-geheim"


class SettingsError(ValueError):
    """An environment variable with a value that cannot be used (a message in Dutch)."""


def _text(name: str, value: str) -> str:
    return value


def _lower(name: str, value: str) -> str:
    return value.strip().lower()


def _path(name: str, value: str) -> Path:
    return Path(value)


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} moet een geheel getal zijn, niet '{value}'") from None


def _float(name: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise SettingsError(f"{name} moet een getal zijn, niet '{value}'") from None


def _yes(name: str, value: str) -> bool:
    return value.strip().lower() in {"1", "true", "ja"}


def _proxies(name: str, value: str) -> int:
    """A count of proxies: never negative, and 0 for a value that is not a number."""
    try:
        return max(0, int(value))
    except ValueError:
        return 0


def _setting(name: str, default: Any, doc: str, parse: Callable[[str, str], Any] = _text, secret: bool = False) -> Any:
    """One variable: ``secret`` keeps its value out of the settings' repr (logs, tracebacks)."""
    return field(default=default, repr=not secret, metadata={"env": name, "doc": doc, "parse": parse})


S = TypeVar("S", bound="_Section")


class _Section:
    @classmethod
    def from_env(cls: Type[S], env: Optional[Mapping[str, str]] = None) -> S:
        env = os.environ if env is None else env
        values = {}
        for item in fields(cls):  # type: ignore[arg-type]
            name = item.metadata["env"]
            raw = env.get(name)
            if raw:
                values[item.name] = item.metadata["parse"](name, raw)
        return cls(**values)


@dataclass(frozen=True)
class Mode(_Section):
    modus: str = _setting(
        "INTAKE_MODUS",
        LOKAAL,
        "lokaal or productie: production refuses unsafe settings at start-up (bot/modus.py, docs/productie.md)",
        _lower,
    )
    endpoints: Optional[str] = _setting(
        "RASA_ENDPOINTS",
        None,
        "endpoints file of Rasa; default endpoints.yml, in production deploy/endpoints.production.yml",
    )
    credentials: Optional[str] = _setting(
        "RASA_CREDENTIALS",
        None,
        "channel file of Rasa; default credentials.yml, in production deploy/credentials.productie.yml",
    )

    @property
    def production(self) -> bool:
        return self.modus == PRODUCTIE


@dataclass(frozen=True)
class Rasa(_Section):
    url: str = _setting("RASA_URL", "http://localhost:5005", "the Rasa server the inbox calls for a live takeover")
    auth_token: str = _setting(
        "RASA_AUTH_TOKEN",
        "",
        f"token of Rasa's HTTP API; not set: '{DEFAULT_TOKEN}' "
        "(refused in production and by the site channel's staff endpoint)",
        secret=True,
    )
    model: Optional[Path] = _setting(
        "RASA_MODEL",
        None,
        "model file to serve (scripts/run.sh, the benchmarks); default bot/models/onderwijsloket.tar.gz",
        _path,
    )
    interface: str = _setting("RASA_INTERFACE", "127.0.0.1", "address the Rasa API listens on (scripts/run.sh)")
    action_server_host: str = _setting("SANIC_HOST", "0.0.0.0", "address the action server (rasa-sdk) listens on")
    cache_dir: Path = _setting(
        "RASA_CACHE_DIRECTORY",
        Path(".rasa", "cache"),
        "Rasa's training cache; the sentence encoder keeps its embeddings in it",
        _path,
    )

    @property
    def token(self) -> str:
        """The token a client of the API uses: RASA_AUTH_TOKEN, else the default."""
        return self.auth_token or DEFAULT_TOKEN


@dataclass(frozen=True)
class Secrets(_Section):
    """Not set: a random secret generated once into var/ (bot/geheim.py)."""

    action_server: Optional[str] = _setting(
        "ACTION_SERVER_SECRET",
        None,
        "shared secret Rasa sends to the action server; default random, kept in var/action-server-secret.txt",
        secret=True,
    )
    site_token: Optional[str] = _setting(
        "SITE_TOKEN_SECRET",
        None,
        "key of the site's conversation tokens; default random, kept in var/site-token-secret.txt",
        secret=True,
    )
    pseudonym: Optional[str] = _setting(
        "PSEUDONIEM_SECRET",
        None,
        "key of the pseudonyms in review exports; default random, kept in var/pseudoniem-secret.txt",
        secret=True,
    )


@dataclass(frozen=True)
class Site(_Section):
    """Not set: the value in the channel file (credentials.yml), else the channel's default."""

    origins: Optional[str] = _setting(
        "SITE_ORIGINS",
        None,
        "origins (comma-separated) allowed to open the site's Socket.IO connection; default http://localhost:5005",
    )
    max_length: Optional[int] = _setting(
        "SITE_MAX_LENGTH", None, "longest message the site channel accepts (default 2000 characters)", _int
    )
    rate_messages: Optional[int] = _setting(
        "SITE_RATE_MESSAGES", None, "messages per conversation within SITE_RATE_SECONDS (default 15)", _int
    )
    rate_seconds: Optional[float] = _setting(
        "SITE_RATE_SECONDS", None, "window of SITE_RATE_MESSAGES (default 30 seconds)", _float
    )
    ip_messages: Optional[int] = _setting(
        "SITE_IP_MESSAGES", None, "messages per client address per minute (default 120)", _int
    )
    new_per_ip: Optional[int] = _setting(
        "SITE_NEW_PER_IP", None, "new conversations per client address per 10 minutes (default 60)", _int
    )
    trusted_proxies: int = _setting(
        "SITE_TRUSTED_PROXIES",
        0,
        "proxies in front of Rasa that add to X-Forwarded-For (scripts/run.sh: the front)",
        _proxies,
    )
    redis_url: Optional[str] = _setting(
        "SITE_REDIS_URL", None, "Redis for Socket.IO rooms across Rasa replicas; not set: rooms in one process"
    )
    redis_channel: str = _setting(
        "SITE_REDIS_CHANNEL", "onderwijsloket-site", "Redis pub/sub channel of the rooms (one per deployment)"
    )


@dataclass(frozen=True)
class Inbox(_Section):
    port: int = _setting("INBOX_PORT", 5080, "port of the intaker inbox", _int)
    host: str = _setting("INBOX_HOST", "127.0.0.1", "address the intaker inbox listens on")
    secure_cookies: bool = _setting(
        "INBOX_SECURE_COOKIES", False, "1: the inbox's cookies only over HTTPS (behind HTTPS)", _yes
    )
    trusted_proxies: int = _setting(
        "INBOX_TRUSTED_PROXIES", 0, "proxies in front of the inbox that add to X-Forwarded-For", _proxies
    )
    intaker_password: Optional[str] = _setting(
        "INTAKER_WACHTWOORD", None, "password for `intaker-toevoegen` (not set: asked)", secret=True
    )


@dataclass(frozen=True)
class Storage(_Section):
    db_url: Optional[str] = _setting(
        "ONDERWIJSLOKET_DB_URL",
        None,
        "application database; default sqlite:///var/onderwijsloket.db, a PostgreSQL URL in production",
        secret=True,
    )
    tracker_db_url: Optional[str] = _setting(
        "TRACKER_DB_URL",
        None,
        "database of the conversations for the maintainers' tools; default the tracker_store of the endpoints file",
        secret=True,
    )


@dataclass(frozen=True)
class Maintenance(_Section):
    reports_dir: Path = _setting(
        "RAPPORT_DIR",
        ROOT / "var" / "rapporten",
        "where `make analyse` writes its reports (default var/rapporten)",
        _path,
    )
    review_dir: Path = _setting(
        "REVIEW_DIR", ROOT / "var" / "review", "where review exports go (default var/review)", _path
    )
    stories_dir: Path = _setting(
        "TESTVERHALEN_DIR", ROOT / "tests", "where test stories from real conversations go (default tests/)", _path
    )
    productie_dir: Optional[Path] = _setting(
        "PRODUCTIE_DIR", None, "the promoted model's directory (default bot/models/productie)", _path
    )
    kb_max_days: int = _setting("KB_MAX_DAGEN", 365, "how old a source may be before `make kb-check` fails", _int)


@dataclass(frozen=True)
class Nlu(_Section):
    encoder_cache_size: int = _setting(
        "ENCODER_CACHE_SIZE",
        4096,
        "sentence embeddings of recent message texts kept in memory per Rasa process; 0: none",
        _int,
    )
    spacy_model: Optional[str] = _setting(
        "ONDERWIJSLOKET_SPACY_MODEL", None, "spaCy model name or path; wins over config.yml (default nl_core_news_sm)"
    )


@dataclass(frozen=True)
class Worker(_Section):
    sweep_seconds: float = _setting(
        "SWEEP_SECONDS", 60.0, "how often the worker scrubs contact details of abandoned handoff forms", _float
    )


SECTIONS = (Mode, Rasa, Secrets, Site, Inbox, Storage, Maintenance, Nlu, Worker)


@dataclass(frozen=True)
class Settings:
    mode: Mode = field(default_factory=Mode)
    rasa: Rasa = field(default_factory=Rasa)
    secrets: Secrets = field(default_factory=Secrets)
    site: Site = field(default_factory=Site)
    inbox: Inbox = field(default_factory=Inbox)
    storage: Storage = field(default_factory=Storage)
    maintenance: Maintenance = field(default_factory=Maintenance)
    nlu: Nlu = field(default_factory=Nlu)
    worker: Worker = field(default_factory=Worker)


def from_env(env: Optional[Mapping[str, str]] = None) -> Settings:
    """Settings from ``env`` (default: this process's environment), read now."""
    env = os.environ if env is None else env
    return Settings(
        **{
            item.name: item.default_factory.from_env(env)  # type: ignore[union-attr, misc]
            for item in fields(Settings)
        }
    )


_current: Optional[Settings] = None


def current() -> Settings:
    """This process's settings, read from the environment the first time."""
    global _current
    if _current is None:
        _current = from_env()
    return _current


def reset() -> None:
    """Forget the settings read so far; the next ``current()`` reads the environment again."""
    global _current
    _current = None


def variables() -> Iterator[Tuple[str, Any, str]]:
    """(name, default, meaning) of every variable, section by section (docs, tests)."""
    for section in SECTIONS:
        for item in fields(section):
            yield item.metadata["env"], item.default, item.metadata["doc"]
