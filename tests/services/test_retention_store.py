"""Retention and erasure (make opschonen / make verwijder) use the tracker store Rasa uses:
the endpoints file's ``tracker_store`` with its environment variables (POSTGRES_*), and
fail with exit code 2 when none is configured instead of using an empty SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]


def _run(args, env, timeout=60):
    full = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("POSTGRES_", "HANDOFF_", "RASA_", "TRACKER_"))},
        "PYTHONPATH": str(ROOT),
        **env,
    }
    return subprocess.run(args, cwd=ROOT, env=full, capture_output=True, text=True, timeout=timeout)


def _events_table(url):
    engine = sa.create_engine(url, future=True)
    metadata = sa.MetaData()
    table = sa.Table(
        "events",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255)),
        sa.Column("type_name", sa.String(255)),
        sa.Column("timestamp", sa.Float),
        sa.Column("intent_name", sa.String(255)),
        sa.Column("action_name", sa.String(255)),
        sa.Column("data", sa.Text),
    )
    metadata.create_all(engine)
    return engine, table


def _retention(tmp_path, env, *args):
    return _run(
        [
            sys.executable,
            "-m",
            "bot.maintenance.retention",
            "--exports",
            str(tmp_path / "review"),
            "--testverhalen",
            str(tmp_path / "verhalen"),
            *args,
        ],
        {"ONDERWIJSLOKET_DB_URL": f"sqlite:///{tmp_path / 'app.db'}", **env},
    )


def test_erasure_and_retention_act_on_the_postgresql_store_rasa_uses(tmp_path, postgres_url):
    engine, table = _events_table(postgres_url)
    old = time.time() - 200 * 86400
    with engine.begin() as connection:
        for sender, when in (("wis-mij", time.time()), ("oud", old), ("blijft", time.time())):
            connection.execute(
                table.insert().values(
                    sender_id=sender, type_name="user", timestamp=when, data='{"event": "user", "text": "hallo"}'
                )
            )
    env = {
        "RASA_ENDPOINTS": "deploy/endpoints.production.yml",
        "POSTGRES_HOST": postgres_url.host,
        "POSTGRES_PORT": str(postgres_url.port or 5432),
        "POSTGRES_DB": postgres_url.database,
        "POSTGRES_USER": postgres_url.username or "postgres",
        "POSTGRES_PASSWORD": postgres_url.password or "",
    }
    result = _retention(tmp_path, env, "verwijder", "wis-mij")
    assert result.returncode == 0, result.stderr
    result = _retention(tmp_path, env, "opschonen", "--dagen", "90")
    assert result.returncode == 0, result.stderr
    with engine.connect() as connection:
        assert connection.execute(sa.select(table.c.sender_id)).scalars().all() == ["blijft"]
    engine.dispose()


def test_retention_fails_loudly_without_a_tracker_store(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://localhost:5055/webhook\n", encoding="utf-8")
    for args in (["verwijder", "iemand"], ["opschonen", "--dagen", "90"]):
        result = _retention(tmp_path, {"RASA_ENDPOINTS": str(endpoints)}, *args)
        assert result.returncode == 2, (result.returncode, result.stderr)
        assert "geen tracker_store" in result.stderr
    result = _retention(tmp_path, {"INTAKE_MODUS": "productie"}, "opschonen", "--dagen", "90")
    assert result.returncode == 2 and "POSTGRES_HOST" in result.stderr
    result = _retention(tmp_path, {"TRACKER_DB": str(tmp_path / "bestaat-niet.db")}, "verwijder", "iemand")
    assert result.returncode == 2 and "bestaat niet" in result.stderr
    assert not (tmp_path / "bestaat-niet.db").exists()
