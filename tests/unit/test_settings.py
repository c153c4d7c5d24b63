"""bot/settings.py: every environment variable in one place, read once, documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import settings
from bot.input_check import MAX_MESSAGE_LENGTH

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "connectors", "rasa_sdk_plugins")
#: The modules that read variables from the environment themselves.
READERS = {"bot/settings.py", "bot/handoff/settings.py"}


def handoff_variables():
    return sorted(set(re.findall(r'"(HANDOFF_[A-Z_]+)"', (ROOT / "bot/handoff/settings.py").read_text())))


def test_defaults_without_environment():
    found = settings.from_env({})
    assert found.mode.modus == settings.LOKAAL and not found.mode.production
    assert found.rasa.auth_token == "" and found.rasa.token == settings.DEFAULT_TOKEN == "lokaal-geheim"
    assert found.rasa.url == "http://localhost:5005"
    assert found.inbox.port == 5080 and found.inbox.host == "127.0.0.1" and not found.inbox.secure_cookies
    assert found.site.max_length is None and found.site.redis_channel == "onderwijsloket-site"
    assert found.nlu.encoder_cache_size == 4096 and found.worker.sweep_seconds == 60.0
    assert found.maintenance.reports_dir == settings.ROOT / "var" / "rapporten"
    assert found.maintenance.kb_max_days == 365
    assert settings.ROOT == ROOT


def test_values_from_a_mapping():
    found = settings.from_env(
        {
            "INTAKE_MODUS": " Productie ",
            "RASA_AUTH_TOKEN": "t",
            "INBOX_PORT": "6000",
            "INBOX_SECURE_COOKIES": "ja",
            "SITE_TRUSTED_PROXIES": "-3",
            "INBOX_TRUSTED_PROXIES": "twee",
            "SITE_RATE_SECONDS": "2.5",
            "ENCODER_CACHE_SIZE": "",
            "REVIEW_DIR": "/tmp/r",
        }
    )
    assert found.mode.production and found.rasa.token == "t"
    assert found.inbox.port == 6000 and found.inbox.secure_cookies
    assert found.site.trusted_proxies == 0 and found.inbox.trusted_proxies == 0  # never negative, 0 for nonsense
    assert found.site.rate_seconds == 2.5
    assert found.nlu.encoder_cache_size == 4096  # empty counts as not set
    assert found.maintenance.review_dir == Path("/tmp/r")


def test_a_number_that_is_not_a_number_is_refused_in_dutch():
    with pytest.raises(settings.SettingsError, match="INBOX_PORT moet een geheel getal zijn, niet 'x'"):
        settings.from_env({"INBOX_PORT": "x"})
    with pytest.raises(settings.SettingsError, match="SWEEP_SECONDS moet een getal zijn"):
        settings.Worker.from_env({"SWEEP_SECONDS": "vaak"})


def test_read_once_until_reset(monkeypatch):
    monkeypatch.setenv("RASA_URL", "http://een:1")
    first = settings.current()
    assert first.rasa.url == "http://een:1"
    import os

    os.environ["RASA_URL"] = "http://twee:2"  # monkeypatch restores it afterwards
    assert settings.current() is first
    settings.reset()
    assert settings.current().rasa.url == "http://twee:2"


def test_secrets_stay_out_of_the_repr():
    text = repr(
        settings.from_env(
            {
                "RASA_AUTH_TOKEN": "zeer-geheim-token",
                "ACTION_SERVER_SECRET": "as-geheim",
                "ONDERWIJSLOKET_DB_URL": "postgresql://u:wachtwoord@h/db",
            }
        )
    )
    assert "zeer-geheim-token" not in text and "as-geheim" not in text and "wachtwoord" not in text


def test_every_variable_has_a_meaning_and_a_unique_name():
    names = [name for name, _default, _doc in settings.variables()]
    assert len(names) == len(set(names))
    assert all(doc.strip() for _name, _default, doc in settings.variables())


@pytest.mark.parametrize("document", ["README.md", ".env.example"])
def test_every_variable_is_documented(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    pattern = "`{}`" if document == "README.md" else "{}="
    missing = [
        name
        for name in [n for n, _d, _m in settings.variables()] + handoff_variables()
        if pattern.format(name) not in text
    ]
    assert not missing, f"{document} noemt deze variabelen niet: {missing}"


def test_only_the_settings_modules_read_the_environment():
    """Other modules get their settings from bot/settings.py; passing the whole environment
    on to a child process ({**os.environ, ...}) is not reading a variable."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = str(path.relative_to(ROOT))
            if relative in READERS or "models" in path.relative_to(ROOT).parts[:2]:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in re.finditer(r"os\.environ|getenv", line):
                    if line[max(0, match.start() - 2) : match.start()] != "**":
                        found.append(f"{relative}:{number}")
    # modus.omgeving(): the environment merged with .env, for the production checks
    assert [place.split(":")[0] for place in found] == ["bot/modus.py"], found


def test_limits_defined_once(monkeypatch):
    monkeypatch.setenv("SITE_TOKEN_SECRET", "test-geheim")
    assert MAX_MESSAGE_LENGTH == 2000
    from bot.texts import TEXTS
    from connectors.site.channel import SiteChannel

    assert f"Maximaal {MAX_MESSAGE_LENGTH} tekens" in TEXTS["invoer_te_lang"]["text"]
    assert SiteChannel([]).max_length == MAX_MESSAGE_LENGTH
    for path in ("connectors/site/channel.py", "connectors/inbox/app.py", "bot/texts.py"):
        assert "2000" not in (ROOT / path).read_text(encoding="utf-8"), path
