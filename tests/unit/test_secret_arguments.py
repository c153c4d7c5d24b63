"""A generated secret may start with "-" (token_urlsafe): the scripts pass secrets as
--name=value, which argparse (Rasa's CLI, bot.readiness) reads as the value, not an option."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import readiness

ROOT = Path(__file__).resolve().parents[2]
SECRET_OPTIONS = ("--auth-token", "--token")


def test_readiness_takes_a_token_that_starts_with_a_dash(monkeypatch):
    seen = {}
    monkeypatch.setattr(readiness, "wait", lambda *args, **kwargs: seen.setdefault("token", args[2]) or True)
    readiness.main(["--rasa", "http://127.0.0.1:1", "--actions", "http://127.0.0.1:2", "--token=-abc_DEF"])
    assert seen["token"] == "-abc_DEF"


@pytest.mark.parametrize(
    "path", ["scripts/run.sh", "scripts/run_productie.sh", "deploy/systemd/onderwijsloket-rasa@.service"]
)
def test_scripts_pass_secrets_as_name_is_value(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    for option in SECRET_OPTIONS:
        assert not re.search(rf"{option}\s+[\"$]", text), f"{path}: {option} VALUE in plaats van {option}=VALUE"
