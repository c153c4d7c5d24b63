"""Local or production mode: one setting, ``INTAKE_MODUS`` (``lokaal`` by default, or
``productie``), and the checks that make start-up refuse an unsafe production setup.

  python -m bot.modus controleer       the problems (in Dutch), exit 1 when there are any
  python -m bot.modus endpoints        the endpoints file Rasa and the maintenance commands use
  python -m bot.modus credentials      the channel file Rasa uses

In production ``controleer()`` refuses: the default API token or one shorter than 32
characters, a missing or short ACTION_SERVER_SECRET or SITE_TOKEN_SECRET, a tracker store
that is not configured (the ``tracker_store`` of the endpoints file with its environment
variables, e.g. POSTGRES_*) or is SQLite, a missing ONDERWIJSLOKET_DB_URL, a channel file
with the ``rest`` channel, a webhook URL with http:// or a short webhook secret, e-mail
without STARTTLS, and the Rasa API or the action server bound to all interfaces.
Locally nothing is refused. See docs/productie.md. The variables are described in
bot/settings.py; the checks read them from the environment merged with ``.env``.

Plain Python: no Rasa imports.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

import yaml

# DEFAULT_TOKEN, LOKAAL, PRODUCTIE and ROOT are defined in bot/settings.py; they are names of this module too.
from bot.settings import DEFAULT_TOKEN, LOKAAL, PRODUCTIE, ROOT, Mode, Rasa, Secrets, Storage

MIN_SECRET = 32
ALL_INTERFACES = frozenset({"", "0.0.0.0", "::", "[::]", "*"})
ENDPOINTS = {LOKAAL: "endpoints.yml", PRODUCTIE: "deploy/endpoints.production.yml"}
CREDENTIALS = {LOKAAL: "credentials.yml", PRODUCTIE: "deploy/credentials.productie.yml"}


class ConfigFout(ValueError):
    """The configuration cannot be read (a message in Dutch)."""


def omgeving(env: Optional[Mapping[str, str]] = None, root: Path = ROOT) -> Dict[str, str]:
    """The environment with the values of ``.env`` that it does not set itself (as run.sh)."""
    merged = dict(os.environ if env is None else env)
    path = root / ".env"
    if env is None and path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            key = key.strip()
            if sep and key and not key.startswith("#") and not merged.get(key):
                merged[key] = value
    return merged


def modus(env: Mapping[str, str]) -> str:
    return Mode.from_env(env).modus


def productie(env: Optional[Mapping[str, str]] = None) -> bool:
    return modus(omgeving(env)) == PRODUCTIE


def _path(value: str, root: Path) -> Path:
    path = Path(value)
    return path if path.is_absolute() else root / path


def endpoints_file(env: Mapping[str, str], root: Path = ROOT) -> Path:
    """RASA_ENDPOINTS, else endpoints.yml (local) or deploy/endpoints.production.yml (production)."""
    mode = Mode.from_env(env)
    return _path(mode.endpoints or ENDPOINTS.get(mode.modus, ENDPOINTS[LOKAAL]), root)


def credentials_file(env: Mapping[str, str], root: Path = ROOT) -> Path:
    """RASA_CREDENTIALS, else credentials.yml (local) or deploy/credentials.productie.yml."""
    mode = Mode.from_env(env)
    return _path(mode.credentials or CREDENTIALS.get(mode.modus, CREDENTIALS[LOKAAL]), root)


_VARIABLE = re.compile(r"\$\{([^}]+)\}")


def expand(value: Any, env: Mapping[str, str]) -> Any:
    """``${NAME}`` replaced by the environment variable, as Rasa does when it reads the
    endpoints file; a variable that is not set is an error, as in Rasa."""
    if isinstance(value, dict):
        return {key: expand(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [expand(item, env) for item in value]
    if not isinstance(value, str):
        return value
    missing = [name for name in _VARIABLE.findall(value) if name not in env]
    if missing:
        raise ConfigFout(f"{', '.join(missing)} is niet ingesteld")
    return _VARIABLE.sub(lambda m: env[m.group(1)], value)


def tracker_store(env: Mapping[str, str], root: Path = ROOT) -> Optional[Dict[str, Any]]:
    """The ``tracker_store`` section of the endpoints file, variables filled in; None when
    the file has none (Rasa then keeps conversations in memory only)."""
    path = endpoints_file(env, root)
    if not path.is_file():
        raise ConfigFout(f"het endpoints-bestand {path} bestaat niet")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    section = data.get("tracker_store")
    if not section:
        return None
    try:
        return expand(section, env)
    except ConfigFout as error:
        raise ConfigFout(f"tracker_store in {path.name}: {error}") from None


def tracker_url(config: Mapping[str, Any], root: Path = ROOT) -> str:
    """The database URL of an SQL tracker store configuration, built as Rasa's
    ``SQLTrackerStore.get_db_url`` builds it."""
    from urllib.parse import quote_plus, urlsplit

    dialect = config.get("dialect") or "sqlite"
    db = str(config.get("db") or "rasa.db")
    host = config.get("url")
    if dialect == "sqlite":
        return f"sqlite:///{_path(db, root)}"
    if host and "://" in str(host):
        return str(host)
    port = config.get("port")
    if host:
        parsed = urlsplit(f"scheme://{host}")
        port = parsed.port or port
        host = parsed.hostname or host
    user, password = config.get("username"), config.get("password")
    auth = ""
    if user:
        auth = quote_plus(str(user)) + (f":{quote_plus(str(password))}" if password else "") + "@"
    location = f"{host or ''}" + (f":{port}" if port and host else "")
    return f"{dialect}://{auth}{location}/{db}"


def _short(value: Optional[str]) -> bool:
    return len(value or "") < MIN_SECRET


def _has_rest(path: Path) -> bool:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return any(str(name) == "rest" or str(name).split(".")[-1] == "RestInput" for name in data)


def controleer(env: Optional[Mapping[str, str]] = None, root: Path = ROOT) -> List[str]:
    """The problems with this configuration, in Dutch; empty when it is safe (or local)."""
    env = omgeving(env, root)
    mode = modus(env)
    if mode not in (LOKAAL, PRODUCTIE):
        return [f"INTAKE_MODUS is '{env.get('INTAKE_MODUS')}': kies 'lokaal' of 'productie'."]
    if mode == LOKAAL:
        return []
    problems: List[str] = []
    rasa, secrets = Rasa.from_env(env), Secrets.from_env(env)
    token = rasa.auth_token
    if not token or token == DEFAULT_TOKEN:
        problems.append(
            f"RASA_AUTH_TOKEN ontbreekt of is het standaardtoken '{DEFAULT_TOKEN}'. "
            f"Kies een lange willekeurige waarde (minstens {MIN_SECRET} tekens)."
        )
    elif _short(token):
        problems.append(f"RASA_AUTH_TOKEN is korter dan {MIN_SECRET} tekens.")
    for name, what, secret in (
        ("ACTION_SERVER_SECRET", "het gedeelde geheim van de actieserver", secrets.action_server),
        ("SITE_TOKEN_SECRET", "het geheim van de gesprekstokens van de site", secrets.site_token),
    ):
        if not secret:
            problems.append(f"{name} ontbreekt ({what}).")
        elif _short(secret):
            problems.append(f"{name} is korter dan {MIN_SECRET} tekens.")
    try:
        store = tracker_store(env, root)
    except ConfigFout as error:
        problems.append(f"De tracker store is niet goed ingesteld: {error} (zie {endpoints_file(env, root).name}).")
    else:
        if store is None:
            problems.append(f"Er is geen tracker_store ingesteld in {endpoints_file(env, root).name}.")
        elif (store.get("dialect") or "sqlite") == "sqlite":
            problems.append("De tracker store is SQLite. Gebruik in productie PostgreSQL (POSTGRES_*).")
        elif not store.get("url"):
            problems.append("De tracker store heeft geen host (POSTGRES_HOST).")
    if not Storage.from_env(env).db_url:
        problems.append("ONDERWIJSLOKET_DB_URL ontbreekt (de database van kennisbank en overdrachten).")
    credentials = credentials_file(env, root)
    if not credentials.is_file():
        problems.append(f"Het kanalenbestand {credentials} bestaat niet.")
    elif _has_rest(credentials):
        problems.append(
            f"{credentials.name} bevat het rest-kanaal. Gebruik in productie "
            "deploy/credentials.productie.yml (alleen het site-kanaal)."
        )
    connectors = [c.strip() for c in (env.get("HANDOFF_CONNECTORS") or "inbox").split(",")]
    if "webhook" in connectors:
        if not (env.get("HANDOFF_WEBHOOK_URL") or "").lower().startswith("https://"):
            problems.append("HANDOFF_WEBHOOK_URL moet met https:// beginnen.")
        if _short(env.get("HANDOFF_WEBHOOK_SECRET")):
            problems.append(f"HANDOFF_WEBHOOK_SECRET ontbreekt of is korter dan {MIN_SECRET} tekens.")
    if "email" in connectors and (env.get("HANDOFF_SMTP_STARTTLS") or "1").strip().lower() in {
        "0",
        "false",
        "nee",
        "no",
        "uit",
    }:
        problems.append("E-mail zonder STARTTLS: zet HANDOFF_SMTP_STARTTLS=1 (of laat het weg).")
    # run.sh binds both to 127.0.0.1 unless told otherwise; rasa-sdk itself binds to all
    # interfaces when SANIC_HOST is not set (systemd: set it in the environment file).
    for name, what, address in (
        ("RASA_INTERFACE", "De Rasa-API", rasa.interface),
        ("SANIC_HOST", "De actieserver", rasa.action_server_host),
    ):
        if address.strip() in ALL_INTERFACES:
            problems.append(
                f"{what} luistert op alle netwerkadressen ({name}={address}). "
                "Gebruik 127.0.0.1 of een intern adres achter de proxy."
            )
    return problems


def weiger_onveilig(onderdeel: str, env: Optional[Mapping[str, str]] = None) -> None:
    """Stops the process (exit 1) with the problems when production mode is not safe."""
    problems = controleer(env)
    if problems:
        print(f"{onderdeel} start niet: de productie-instellingen zijn niet veilig.", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        raise SystemExit(1)


def main(argv: Optional[List[str]] = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m bot.modus",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("opdracht", choices=("controleer", "endpoints", "credentials"))
    args = parser.parse_args(argv)
    env = omgeving()
    if args.opdracht == "endpoints":
        print(
            endpoints_file(env).relative_to(ROOT) if endpoints_file(env).is_relative_to(ROOT) else endpoints_file(env)
        )
        return 0
    if args.opdracht == "credentials":
        print(
            credentials_file(env).relative_to(ROOT)
            if credentials_file(env).is_relative_to(ROOT)
            else credentials_file(env)
        )
        return 0
    problems = controleer(env)
    if problems:
        print(f"Niet veilig voor productie (INTAKE_MODUS={modus(env)}):", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    print(f"In orde (INTAKE_MODUS={modus(env)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
