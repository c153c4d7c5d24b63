"""Advice-engine coverage of the knowledge base (``make kb-check``, second half).

  python -m bot.advice.coverage [--inhoud MAP]

Run on content that passes ``python -m bot.knowledge check``. Checks: the engine implements
exactly the condition keys the content may use (bot/knowledge/conditions.py); the steps and
funding the engine adds by itself are in the content; and every route is reachable: the
engine suggests it for at least one profile of a grid that exercises every rule.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path
from typing import Iterable, List

from bot.advice import eligibility, engine
from bot.advice.advice_profile import AdviceProfile
from bot.advice.engine import advise
from bot.knowledge import conditions
from bot.knowledge.catalog import Catalog
from bot.knowledge.check import content_catalog
from bot.knowledge.content import CONTENT_DIR, ContentError
from bot.profile import values

CONDITIONS_FILE = "bot/knowledge/conditions.py"


def check(directory: Path = CONTENT_DIR) -> List[str]:
    """All problems found for the content of ``directory``; empty when it is fine."""
    problems = engine_problems()
    try:
        catalog = content_catalog(directory)
    except ContentError as error:
        return problems + [str(error)]
    problems += missing_items(catalog)
    if problems:
        return problems
    return reachability(catalog)


def engine_problems() -> List[str]:
    """Where the engine and bot/knowledge/conditions.py disagree about the condition keys."""
    problems = []
    pairs = (
        ("eis-soort", set(conditions.REQUIREMENTS), set(eligibility.EVALUATORS)),
        ("niveau", set(conditions.REQUIREMENTS["niveau"] or ()), set(eligibility.LEVELS) | {eligibility.HBO_LEVEL}),
        ("voorwaarde", conditions.STEP_FOR | conditions.FUNDING_FOR | conditions.EXEMPTION_FOR, set(engine.CONDITIONS)),
    )
    for what, listed, implemented in pairs:
        for key in sorted(listed - implemented):
            problems.append(f"{what} '{key}' staat in {CONDITIONS_FILE}, maar de adviesmotor kent hem niet")
        for key in sorted(implemented - listed):
            problems.append(f"de adviesmotor kent {what} '{key}', maar die staat niet in {CONDITIONS_FILE}")
    return problems


def missing_items(catalog: Catalog) -> List[str]:
    """The steps and funding the engine adds by itself must be in the content."""
    problems = []
    for step_id in engine.OWN_STEPS:
        if step_id not in catalog.steps:
            problems.append(f"stappen.yml: stap '{step_id}' ontbreekt (de adviesregels gebruiken hem)")
    for funding_id in engine.OWN_FUNDING:
        if funding_id not in catalog.funding:
            problems.append(f"financiering.yml: '{funding_id}' ontbreekt (de adviesregels gebruiken hem)")
    return problems


def profile_grid() -> Iterable[AdviceProfile]:
    """Profiles that together exercise every rule."""
    fields = [
        ("scheikunde", "scheikunde"),
        ("bedrijfskunde", "economie"),
        ("rechten", "natuurkunde"),
        ("taalwetenschap", "nederlands"),
        ("psychologie", None),
        ("bouwtechniek", "bouwen-wonen-interieur"),
        (None, None),
    ]
    for level, sector, job, mode, (field, subject), qualification, job_title in itertools.product(
        values.VOOROPLEIDING,
        ("po", "vo", "mbo", "onbekend"),
        ("ja", "nee", None),
        ("voltijd", "deeltijd"),
        fields,
        (None, "tweedegraads", "buitenlands"),
        (None, "student"),
    ):
        yield AdviceProfile(
            vooropleiding=level,
            sector=sector,
            baan_op_school=job,
            studievorm=mode,
            studierichting=field,
            schoolvak=None if sector == "po" else subject,
            huidige_bevoegdheid=qualification,
            huidig_beroep=job_title,
            diploma_buitenland=qualification == "buitenlands",
            werkervaring_jaren=5,
        )
    yield AdviceProfile(twijfelt=True)


def reachability(catalog: Catalog) -> List[str]:
    """Every route of the catalog is suggested for at least one profile of the grid."""
    unreached = set(catalog.routes)
    try:
        for profile in profile_grid():
            unreached -= set(advise(profile, catalog).route_ids)
            if not unreached:
                return []
    except ValueError as error:  # a rule names a route id that is not in the contract
        return [f"adviesregels: {error}"]
    return [
        f"route {route_id}: het advies stelt deze route voor geen enkel profiel voor" for route_id in sorted(unreached)
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.advice.coverage",
        description="Dekt de adviesmotor de kennisbank? (tweede helft van make kb-check)",
    )
    parser.add_argument("--inhoud", type=Path, default=CONTENT_DIR, help="map met de inhoudsbestanden")
    args = parser.parse_args(argv)
    problems = check(args.inhoud)
    for problem in problems:
        print(f"FOUT: {problem}", file=sys.stderr)
    if problems:
        print(f"kb-check (advies): {len(problems)} fout(en) in {args.inhoud}", file=sys.stderr)
        return 1
    print(f"kb-check (advies): elke route bereikbaar ({args.inhoud})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
