"""Where places are: a small shipped table, for "opleidingen bij mij in de buurt".

Source: approximate WGS84 coordinates (rounded to 0.01 degree, a few km) of the town
centres of the cities with a teacher training institution in ``content/instellingen.yml``
and of the twelve provincial capitals, written down from public knowledge of Dutch
geography (they match the coordinates of the municipalities in open map data such as
OpenStreetMap and the CBS "Wijk- en buurtkaart" within a few km). A province is
represented by the approximate geographic centre of its land area, so that a person in
Limburg is closer to Sittard than to Maastricht's neighbours abroad. ``make kb-check``
fails when an institution's city is missing here.
"""

from __future__ import annotations

import math
from typing import Dict, Iterable, List, Optional, Tuple, TypeVar

Point = Tuple[float, float]

#: Town centres (latitude, longitude).
PLAATSEN: Dict[str, Point] = {
    "'s-Hertogenbosch": (51.69, 5.30),
    "Alkmaar": (52.63, 4.75),
    "Almere": (52.37, 5.22),
    "Amsterdam": (52.37, 4.90),
    "Arnhem": (51.98, 5.91),
    "Assen": (52.99, 6.56),
    "Breda": (51.59, 4.78),
    "Delft": (52.01, 4.36),
    "Den Haag": (52.08, 4.30),
    "Deventer": (52.25, 6.16),
    "Doetinchem": (51.97, 6.29),
    "Ede": (52.04, 5.67),
    "Eindhoven": (51.44, 5.48),
    "Emmeloord": (52.71, 5.75),
    "Enschede": (52.22, 6.89),
    "Gouda": (52.01, 4.71),
    "Groningen": (53.22, 6.57),
    "Haarlem": (52.38, 4.64),
    "Helmond": (51.48, 5.66),
    "Leeuwarden": (53.20, 5.79),
    "Leiden": (52.16, 4.49),
    "Lelystad": (52.52, 5.47),
    "Maastricht": (50.85, 5.69),
    "Middelburg": (51.50, 3.61),
    "Nijmegen": (51.84, 5.86),
    "Rotterdam": (51.92, 4.48),
    "Sittard": (51.00, 5.87),
    "Terneuzen": (51.34, 3.83),
    "Tilburg": (51.56, 5.09),
    "Utrecht": (52.09, 5.12),
    "Venlo": (51.37, 6.17),
    "Roermond": (51.19, 5.99),
    "Heerlen": (50.89, 5.98),
    "Vlissingen": (51.44, 3.57),
    "Wageningen": (51.97, 5.67),
    "Zwolle": (52.51, 6.09),
}

#: Approximate geographic centre of each province (profile slot ``provincie``).
PROVINCIES: Dict[str, Point] = {
    "groningen": (53.25, 6.75),
    "friesland": (53.10, 5.85),
    "drenthe": (52.86, 6.62),
    "overijssel": (52.44, 6.45),
    "flevoland": (52.53, 5.60),
    "gelderland": (52.06, 5.95),
    "utrecht": (52.08, 5.20),
    "noord-holland": (52.58, 4.87),
    "zuid-holland": (52.00, 4.55),
    "zeeland": (51.45, 3.85),
    "noord-brabant": (51.56, 5.20),
    "limburg": (51.21, 5.94),
}

T = TypeVar("T")


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine, earth radius 6371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def point_of(provincie: Optional[str] = None, plaats: Optional[str] = None) -> Optional[Point]:
    """The person's place when known, else the centre of the province."""
    if plaats:
        for name, point in PLAATSEN.items():
            if name.lower() == plaats.strip().lower():
                return point
    return PROVINCIES.get(provincie or "")


def by_distance(items: Iterable[T], origin: Optional[Point], place_of) -> List[T]:
    """``items`` nearest first (stable; items in an unknown place last)."""
    listed = list(items)
    if origin is None:
        return listed

    def key(item: T) -> float:
        point = PLAATSEN.get(place_of(item))
        return distance_km(origin, point) if point else math.inf

    return sorted(listed, key=key)
