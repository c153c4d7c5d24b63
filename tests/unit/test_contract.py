"""The promises of docs/contract.md: slot names and values, in the domain and the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from bot import texts
from bot.profile import values

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))

CONTRACT_VALUES = {
    "vooropleiding": [
        "geen",
        "vmbo",
        "havo",
        "vwo",
        "mbo-1",
        "mbo-2",
        "mbo-3",
        "mbo-4",
        "associate-degree",
        "hbo-bachelor",
        "hbo-master",
        "wo-bachelor",
        "wo-master",
        "doctoraat",
    ],
    "sector": ["po", "vo", "mbo", "so", "onbekend"],
    "baan_op_school": ["ja", "in-gesprek", "nee"],
    "studievorm": ["voltijd", "deeltijd"],
    "provincie": [
        "groningen",
        "friesland",
        "drenthe",
        "overijssel",
        "flevoland",
        "gelderland",
        "utrecht",
        "noord-holland",
        "zuid-holland",
        "zeeland",
        "noord-brabant",
        "limburg",
    ],
    "nederlands_niveau": ["moedertaal", "c2", "c1", "b2", "b1-of-lager"],
    "huidige_bevoegdheid": ["geen", "po", "tweedegraads", "eerstegraads", "pdg", "buitenlands"],
}


def test_closed_values_are_exactly_the_contract():
    for slot, expected in CONTRACT_VALUES.items():
        assert list(values.CLOSED_VALUES[slot]) == expected, slot


def test_every_profile_slot_is_in_the_domain_and_filled_from_its_own_entity():
    for slot in values.PROFILE_SLOTS:
        mappings = DOMAIN["slots"][slot]["mappings"]
        assert mappings[0] == {"type": "from_entity", "entity": slot}, slot
        assert slot in DOMAIN["entities"]
    assert DOMAIN["slots"]["diploma_buitenland"]["type"] == "bool"


def test_form_asks_every_profile_slot_and_each_has_a_question():
    assert DOMAIN["forms"]["profiel_form"]["required_slots"] == list(values.PROFILE_SLOTS)
    for slot in values.PROFILE_SLOTS:
        assert f"action_ask_{slot}" in DOMAIN["actions"]
        assert f"vraag_{slot}" in texts.TEXTS


def test_every_button_payload_uses_contract_values():
    for key, template in texts.TEXTS.items():
        for button in template.get("buttons", []):
            match = re.fullmatch(r"/(\w+)(\{.*\})?", button["payload"])
            assert match, (key, button)
            assert match.group(1) in DOMAIN["intents"]
            for slot, value in json.loads(match.group(2) or "{}").items():
                assert values.is_valid(slot, value), (key, slot, value)
