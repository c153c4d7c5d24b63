"""Dutch universities (wo) and universities of applied sciences (hbo) as people name them.

``level(folded)`` says whether a text names a wo or an hbo institution; the extractor uses
it to settle an unclear "master" or "bachelor" ("MSc TU Delft" is a university master), and
``spans(folded)`` keeps institution names out of the field of study and the province.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Tuple

WO = (
    "tu delft",
    "technische universiteit delft",
    "tu eindhoven",
    "tu/e",
    "tue",
    "technische universiteit eindhoven",
    "universiteit twente",
    "utwente",
    "uva",
    "universiteit van amsterdam",
    "vu",
    "vrije universiteit",
    "rug",
    "rijksuniversiteit groningen",
    "radboud",
    "radboud universiteit",
    "erasmus universiteit",
    "eur",
    "universiteit leiden",
    "leiden university",
    "universiteit utrecht",
    "utrecht university",
    "uu",
    "tilburg university",
    "universiteit tilburg",
    "maastricht university",
    "universiteit maastricht",
    "wur",
    "wageningen university",
    "wageningen universiteit",
    "open universiteit",
    "ou",
    # Universities abroad, by the word people use for them.
    "universiteit",
    "university",
    "universität",
    "universitat",
    "université",
    "universite",
    "universidad",
    "universidade",
    "università",
    "universita",
    "uniwersytet",
    "universitet",
    "univerzita",
    "egyetem",
    "üniversitesi",
    "universitesi",
    "universiteti",
    "institute of technology",
    "iit",
    "politecnico",
    "eth zürich",
    "eth zurich",
)
HBO = (
    "hva",
    "hogeschool van amsterdam",
    "hu",
    "hogeschool utrecht",
    "fontys",
    "hanze",
    "hanzehogeschool",
    "saxion",
    "han",
    "hogeschool van arnhem en nijmegen",
    "inholland",
    "avans",
    "windesheim",
    "zuyd",
    "nhl stenden",
    "nhl",
    "stenden",
    "hz",
    "hogeschool zeeland",
    "hogeschool rotterdam",
    "haagse hogeschool",
    "thuas",
    "artez",
    "hogeschool leiden",
    "marnix academie",
    "ipabo",
    "iselinge",
    "viaa",
    "driestar",
    "kpz",
    "de kempel",
    "thomas more",
    "hogeschool",
    "university of applied sciences",
    "hochschule",
    "fachhochschule",
    "haute école",
    "haute ecole",
    "hogescholen",
)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(WO + HBO, key=len, reverse=True)
    return re.compile(r"(?<![\w/])(" + "|".join(re.escape(n) for n in names) + r")(?![\w/])")


def spans(folded: str) -> List[Tuple[int, int, str]]:
    """(start, end, "wo" or "hbo") of every institution named in lower-case ``folded`` text."""
    found = []
    for match in _pattern().finditer(folded):
        name = match.group(1)
        if name in ("hu", "han", "ou", "eur", "hz", "vu", "uu") and not re.search(
            r"\b(?:aan|op|bij|van|de|gestudeerd|afgestudeerd|master|bachelor|msc|bsc|ma|ba)\s*$",
            folded[: match.start()],
        ):
            continue  # short names only where they clearly name a school ("aan de HAN")
        found.append((match.start(), match.end(), "wo" if name in WO else "hbo"))
    return found


def level(folded: str) -> Optional[str]:
    """ "wo" or "hbo" when the text names institutions of one kind only."""
    kinds = {kind for _, _, kind in spans(folded)}
    return kinds.pop() if len(kinds) == 1 else None
