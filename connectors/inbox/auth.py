"""Intaker accounts, password hashing (scrypt) and server-side sessions with a CSRF token."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.db import utcnow
from connectors.inbox.tables import inbox_sessie, intaker

SESSION_HOURS = 8
#: scrypt at the cost OWASP recommends (N=2^17, r=8, p=1): 128 MiB of memory per check,
#: more than OpenSSL's default limit of 32 MiB, hence ``maxmem``.
_N, _R, _P = 2**17, 8, 1
MIN_PASSWORD = 10


def _maxmem(n: int, r: int, p: int) -> int:
    return 128 * r * (n + p + 2) + (1 << 20)


class AccountError(ValueError):
    pass


def hash_password(password: str, salt: Optional[bytes] = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32, maxmem=_maxmem(_N, _R, _P))
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        n, r, p = int(n), int(r), int(p)
        if n > 2**20 or r > 32 or p > 16:  # not a hash this code wrote
            return False
        candidate = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=n,
            r=r,
            p=p,
            dklen=len(bytes.fromhex(digest)),
            maxmem=_maxmem(n, r, p),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


_DUMMY_HASH = hash_password(secrets.token_hex(8))


def needs_rehash(stored: str) -> bool:
    """True for a hash made with other (older, cheaper) parameters than today's."""
    return not stored.startswith(f"scrypt${_N}${_R}${_P}$")


@dataclass(frozen=True)
class Intaker:
    id: int
    gebruikersnaam: str
    naam: str


@dataclass(frozen=True)
class Session:
    intaker: Intaker
    csrf: str


def add_intaker(engine: Engine, username: str, name: str, password: str) -> int:
    username = username.strip().lower()
    if not username or len(username) > 80 or not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
        raise AccountError("gebruikersnaam: alleen letters, cijfers, punt, streep en liggend streepje")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"wachtwoord: minstens {MIN_PASSWORD} tekens")
    with engine.begin() as connection:
        if connection.execute(sa.select(intaker.c.id).where(intaker.c.gebruikersnaam == username)).first():
            raise AccountError(f"gebruikersnaam '{username}' bestaat al")
        return connection.execute(
            intaker.insert().values(
                gebruikersnaam=username,
                naam=name.strip() or username,
                wachtwoord_hash=hash_password(password),
                actief=True,
                aangemaakt_op=utcnow(),
            )
        ).inserted_primary_key[0]


def authenticate(engine: Engine, username: str, password: str) -> Optional[Intaker]:
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(intaker).where(
                intaker.c.gebruikersnaam == (username or "").strip().lower(), intaker.c.actief.is_(True)
            )
        ).first()
    if row is None:
        check_password(password or "", _DUMMY_HASH)  # same work for unknown users
        return None
    if not check_password(password or "", row.wachtwoord_hash):
        return None
    if needs_rehash(row.wachtwoord_hash):  # an old hash: store it again at today's cost
        with engine.begin() as connection:
            connection.execute(
                intaker.update().where(intaker.c.id == row.id).values(wachtwoord_hash=hash_password(password))
            )
    return Intaker(row.id, row.gebruikersnaam, row.naam)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def start_session(engine: Engine, person: Intaker) -> tuple:
    """Returns (cookie token, csrf token); only the hash of the cookie token is stored."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(inbox_sessie.delete().where(inbox_sessie.c.verloopt_op < now))
        connection.execute(
            inbox_sessie.insert().values(
                token_hash=_token_hash(token),
                intaker_id=person.id,
                csrf=csrf,
                verloopt_op=now + dt.timedelta(hours=SESSION_HOURS),
            )
        )
    return token, csrf


def session(engine: Engine, token: Optional[str]) -> Optional[Session]:
    if not token:
        return None
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(intaker.c.id, intaker.c.gebruikersnaam, intaker.c.naam, inbox_sessie.c.csrf)
            .join(intaker, intaker.c.id == inbox_sessie.c.intaker_id)
            .where(
                inbox_sessie.c.token_hash == _token_hash(token),
                inbox_sessie.c.verloopt_op > utcnow(),
                intaker.c.actief.is_(True),
            )
        ).first()
    if row is None:
        return None
    return Session(Intaker(row.id, row.gebruikersnaam, row.naam), row.csrf)


def end_session(engine: Engine, token: Optional[str]) -> None:
    if token:
        with engine.begin() as connection:
            connection.execute(inbox_sessie.delete().where(inbox_sessie.c.token_hash == _token_hash(token)))
