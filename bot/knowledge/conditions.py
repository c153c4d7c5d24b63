"""The condition names the content may use, and the advice engine implements.

The content names conditions by key: an entry requirement (``eisen`` in routes.yml, table
kb_eis) has a kind and a value; a step, a funding item and an exemption say for whom they
are (``voor``, ``voorwaarde``); a route lists its sectors. This module is the one list of
those keys. ``make kb-check`` accepts only these in the content (bot/knowledge/check.py);
the advice engine (bot/advice/eligibility.py, bot/advice/engine.py) implements exactly these,
which ``python -m bot.advice.coverage`` verifies.
"""

from __future__ import annotations

from typing import Mapping, Optional

from bot.profile import values

#: Requirement kind (kb_eis.soort) -> the values it may take; None: a number of days.
REQUIREMENTS: Mapping[str, Optional[frozenset]] = {
    "niveau": frozenset({"bachelor", "wo-bachelor", "wo-master", "mbo-3", "vwo", "hbo-toelaatbaar", "hbo-niveau"}),
    "verwant": frozenset({"vak", "verwant", "vak-ec", "gedrag-en-maatschappij", "beroep"}),
    "vak": frozenset({"beroepsgericht", "beta", "talen"}),
    "baan": frozenset({"ja"}),
    "tijd": None,
    "studievorm": frozenset(values.STUDIEVORM),
    "bevoegdheid": frozenset(values.HUIDIGE_BEVOEGDHEID),
    "student": frozenset({"wo-bachelor"}),
}

#: For whom a step is (kb_stap.voor).
STEP_FOR = frozenset(
    {"iedereen", "zonder-baan", "zonder-hbo-toelating", "pabo-toetsen", "buitenlands-diploma", "nt2", "weinig-tijd"}
)
#: For whom a funding item is (kb_financiering.voor).
FUNDING_FOR = frozenset({"iedereen", "onderwijs-zorg-diploma", "eerste-studie", "leraar", "tot-57"})
#: When an exemption applies (kb_vrijstelling.voorwaarde).
EXEMPTION_FOR = frozenset(
    {
        "bachelor",
        "werkervaring",
        "onderwijsassistent",
        "verwante-bachelor",
        "verwant-diploma",
        "pdg",
        "pabo-diploma",
        "educatieve-module",
    }
)

#: The sectors a route can be for (kb_route_sector): the profile's sectors without "onbekend".
SECTORS = frozenset(values.SECTOR) - {"onbekend"}
