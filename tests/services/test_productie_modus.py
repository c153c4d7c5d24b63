"""Production mode (INTAKE_MODUS=productie) refuses an unsafe configuration; the production
channel file has no `rest`; retention and erasure use Rasa's own tracker store settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import modus

ROOT = Path(__file__).resolve().parents[2]
STRONG = "x" * 40


def safe_env(**changes):
    env = {
        "INTAKE_MODUS": "productie",
        "RASA_AUTH_TOKEN": "t" * 40,
        "ACTION_SERVER_SECRET": "a" * 40,
        "SITE_TOKEN_SECRET": "s" * 40,
        "POSTGRES_HOST": "db.intern",
        "POSTGRES_PORT": "5432",
        "POSTGRES_DB": "onderwijsloket",
        "POSTGRES_USER": "onderwijsloket",
        "POSTGRES_PASSWORD": "pw",
        "REDIS_HOST": "localhost",
        "REDIS_PORT": "6379",
        "REDIS_DB": "0",
        "RABBITMQ_HOST": "localhost",
        "RABBITMQ_USER": "u",
        "RABBITMQ_PASSWORD": "p",
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook",
        "ONDERWIJSLOKET_DB_URL": "postgresql://onderwijsloket@db.intern/onderwijsloket",
        "HANDOFF_CONNECTORS": "inbox,webhook,email",
        "HANDOFF_WEBHOOK_URL": "https://intake.example.nl/x",
        "HANDOFF_WEBHOOK_SECRET": STRONG,
        "HANDOFF_SMTP_TO": "intake@example.nl",
        "SANIC_HOST": "127.0.0.1",
    }
    env.update(changes)
    return {k: v for k, v in env.items() if v is not None}


def test_local_mode_refuses_nothing():
    assert modus.controleer({}) == []
    assert modus.controleer({"RASA_AUTH_TOKEN": "lokaal-geheim"}) == []


def test_a_safe_production_configuration_passes():
    assert modus.controleer(safe_env()) == []


@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"RASA_AUTH_TOKEN": "lokaal-geheim"}, "RASA_AUTH_TOKEN"),
        ({"RASA_AUTH_TOKEN": None}, "RASA_AUTH_TOKEN"),
        ({"RASA_AUTH_TOKEN": "kort-maar-niet-standaard"}, "korter dan 32"),
        ({"ACTION_SERVER_SECRET": None}, "ACTION_SERVER_SECRET"),
        ({"SITE_TOKEN_SECRET": None}, "SITE_TOKEN_SECRET"),
        ({"POSTGRES_HOST": None}, "POSTGRES_HOST"),
        ({"RASA_ENDPOINTS": "endpoints.yml", "TRACKER_DB": "var/x.db"}, "SQLite"),
        ({"ONDERWIJSLOKET_DB_URL": None}, "ONDERWIJSLOKET_DB_URL"),
        ({"HANDOFF_WEBHOOK_URL": "http://intake.example.nl/x"}, "https://"),
        ({"HANDOFF_WEBHOOK_SECRET": "geheim"}, "HANDOFF_WEBHOOK_SECRET"),
        ({"HANDOFF_SMTP_STARTTLS": "0"}, "STARTTLS"),
        ({"SANIC_HOST": None}, "actieserver"),
        ({"SANIC_HOST": "0.0.0.0"}, "actieserver"),
        ({"RASA_INTERFACE": "0.0.0.0"}, "Rasa-API"),
        ({"RASA_CREDENTIALS": "credentials.yml"}, "rest-kanaal"),
        ({"INTAKE_MODUS": "prod"}, "INTAKE_MODUS"),
    ],
)
def test_production_refuses(changes, fragment):
    problems = modus.controleer(safe_env(**changes))
    assert any(fragment in p for p in problems), problems


def test_production_channel_file_has_only_the_site_channel():
    data = yaml.safe_load((ROOT / "deploy" / "credentials.productie.yml").read_text(encoding="utf-8"))
    assert list(data) == ["connectors.site.channel.SiteChannel"]
    assert modus.credentials_file(safe_env()) == ROOT / "deploy" / "credentials.productie.yml"
    assert modus.credentials_file({}) == ROOT / "credentials.yml"


def _run(args, env, timeout=60):
    full = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("POSTGRES_", "HANDOFF_", "RASA_", "TRACKER_"))},
        "PYTHONPATH": str(ROOT),
        **env,
    }
    return subprocess.run(args, cwd=ROOT, env=full, capture_output=True, text=True, timeout=timeout)


def test_cli_exits_1_with_the_problems():
    result = _run([sys.executable, "-m", "bot.modus", "controleer"], safe_env(RASA_AUTH_TOKEN="lokaal-geheim"))
    assert result.returncode == 1 and "RASA_AUTH_TOKEN" in result.stderr
    assert _run([sys.executable, "-m", "bot.modus", "controleer"], safe_env()).returncode == 0


def test_run_sh_refuses_the_default_token_in_production(tmp_path):
    env = safe_env(
        RASA_AUTH_TOKEN="lokaal-geheim",
        RASA_MODEL=str(tmp_path / "geen-model.tar.gz"),
        LOG_DIR=str(tmp_path),
        RASA_PORT="16405",
        ACTION_PORT="16455",
        INBOX_PORT="16480",
    )
    result = _run(["scripts/run.sh"], env)
    assert result.returncode == 1
    assert "RASA_AUTH_TOKEN" in result.stderr and "lokaal-geheim" in result.stderr


def test_run_sh_refuses_a_channel_file_with_rest(tmp_path):
    env = safe_env(
        RASA_CREDENTIALS="credentials.yml",
        RASA_MODEL=str(tmp_path / "geen-model.tar.gz"),
        LOG_DIR=str(tmp_path),
        RASA_PORT="16405",
        ACTION_PORT="16455",
        INBOX_PORT="16480",
    )
    result = _run(["scripts/run.sh"], env)
    assert result.returncode == 1 and "rest-kanaal" in result.stderr


@pytest.mark.parametrize(
    "command", [["connectors.worker", "--eenmalig"], ["connectors.inbox", "serve", "--port", "16481"]]
)
def test_worker_and_inbox_refuse_an_unsafe_production_setup(tmp_path, command):
    env = safe_env(SITE_TOKEN_SECRET=None, ONDERWIJSLOKET_DB_URL=f"sqlite:///{tmp_path / 'app.db'}")
    result = _run([sys.executable, "-m", *command], env, timeout=30)
    assert result.returncode == 1 and "SITE_TOKEN_SECRET" in result.stderr
