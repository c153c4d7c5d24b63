"""The decision rules R1-R14 as candidate proposals (which rule lives where: docs/kennisbank.md).

Each rule proposes routes with a score (higher = better fit) and a reason in Dutch. The
engine then checks every candidate's entry requirements: ineligible candidates are never
suggested; their missing requirements become "je mist ..." lines. Scores only order
eligible routes; they are not probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, List, Tuple

from bot.advice.advice_profile import HBO_ENTRY, MBO_3_PLUS, AdviceProfile
from bot.knowledge.catalog import Catalog
from bot.knowledge.slugs import CONTRACT_ROUTE_IDS


def _routes(*route_ids: str) -> frozenset:
    """A set of route ids; each must be one of the contract's (bot/knowledge/slugs.py)."""
    for route_id in route_ids:
        _known(route_id)
    return frozenset(route_ids)


def _known(route_id: str) -> None:
    if route_id not in CONTRACT_ROUTE_IDS:
        raise ValueError(f"onbekende route-id '{route_id}' (niet in docs/contract.md)")


#: Routes where the school employs and pays you from day one.
EMPLOYED = _routes(
    "zib-po",
    "zib-vo-2e",
    "zib-vo-1e",
    "zib-vmbo-beroeps",
    "zib-mbo",
    "pdg-mbo",
    "pdc-instructeur-mbo",
    "trainees-in-onderwijs",
)

#: Routes at university level, and the hbo study routes they compete with, for someone who
#: wants to study "op academisch niveau".
ACADEMIC = _routes(
    "academische-pabo",
    "empo",
    "ulo-1jr",
    "educatieve-master-2jr",
    "educatieve-module",
    "educatieve-minor",
    "zib-vo-1e",
    "trainees-in-onderwijs",
)
HBO_STUDY = _routes("pabo-deeltijd", "pabo-verkort", "tweedegraads-deeltijd", "kopopleiding")
#: Full bachelor's programmes that start at the beginning.
FROM_THE_START = _routes("pabo-deeltijd", "tweedegraads-deeltijd")
#: Routes with a selection where you teach in Dutch from the first day.
SELECTION = _routes("trainees-in-onderwijs", "zib-vo-1e")


@dataclass(frozen=True)
class Candidate:
    route_id: str
    score: int
    reason: str
    rules: Tuple[str, ...]
    #: Profile facts the proposal rests on (slot names).
    facts: Tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _known(self.route_id)  # the rules name contract routes only; kb-check runs every rule


def _job_score(p: AdviceProfile, ja: int, in_gesprek: int, unknown: int, nee: int) -> int:
    return {"ja": ja, "in-gesprek": in_gesprek, "nee": nee}.get(p.baan_op_school or "", unknown)


def propose(p: AdviceProfile, c: Catalog) -> List[Candidate]:
    """All candidates, before eligibility; the same route may appear more than once."""
    out: List[Candidate] = []
    out += _doubt(p)
    out += _foreign(p)
    out += _teacher(p)
    if p.sectors & {"po", "so"}:
        out += _primary(p, c)
    if "vo" in p.sectors:
        out += _secondary(p, c)
    if "mbo" in p.sectors:
        out += _vocational(p, c)
    if p.huidige_bevoegdheid == "buitenlands" and p.has_bachelor:
        # R10: a teacher from abroad with a degree has DUO's recognition and the short routes;
        # a bachelor's programme from the start is no alternative.
        out = [x for x in out if x.route_id not in FROM_THE_START]
    if p.undecided:
        out = [
            Candidate(
                x.route_id,
                x.score - 15 + (5 if _counts_in_vo_and_mbo(x.route_id, c) else 0),
                x.reason,
                x.rules + ("R2",),
                x.facts,
            )
            for x in out
            if x.route_id != "orientatie"
        ] + [x for x in out if x.route_id == "orientatie"]
        out.append(
            Candidate(
                "orientatie",
                60 if p.schoolvak else 90,
                "Je weet nog niet in welk onderwijs je wilt lesgeven. Loop eerst mee "
                "op een basisschool, een middelbare school of een mbo-school. Dan weet je wat bij je past.",
                ("R1", "R2"),
                ("sector",),
            )
        )
    return list(_adjust(p, c, out))


def _counts_in_vo_and_mbo(route_id: str, c: Catalog) -> bool:
    return {"vo", "mbo"} <= c.route(route_id).sectoren


def _doubt(p: AdviceProfile) -> List[Candidate]:
    if not p.twijfelt:
        return []
    return [
        Candidate(
            "orientatie",
            100,
            "Je twijfelt nog of lesgeven bij je past. Ontdek dat eerst: loop een dag mee "
            "op een school of volg een korte cursus.",
            ("R1",),
            ("twijfelt",),
        )
    ]


def _foreign(p: AdviceProfile) -> List[Candidate]:
    if p.huidige_bevoegdheid == "buitenlands":
        return [
            Candidate(
                "duo-erkenning-buitenland",
                100,
                "Je bent in het buitenland al leraar geworden. Vraag DUO om "
                "je bevoegdheid te erkennen. Dan hoef je misschien geen nieuwe opleiding te doen.",
                ("R10",),
                ("huidige_bevoegdheid",),
            )
        ]
    return []


def _teacher(p: AdviceProfile) -> List[Candidate]:
    out: List[Candidate] = []
    if p.huidige_bevoegdheid == "tweedegraads" and p.sectors & {"vo", "mbo"}:
        out.append(
            Candidate(
                "hbo-master-1e",
                92,
                "Je bent al tweedegraads bevoegd. Met een hbo-master word je "
                "eerstegraads bevoegd, naast je werk. De lerarenbeurs kan je collegegeld betalen.",
                ("R9",),
                ("huidige_bevoegdheid",),
            )
        )
    if p.huidige_bevoegdheid == "pdg" and "vo" in p.sectors and p.sector != "mbo":
        out.append(
            Candidate(
                "tweedegraads-deeltijd",
                86,
                "Met je PDG mag je alleen in het mbo lesgeven. Voor het vo "
                "haal je een tweedegraads bevoegdheid; je PDG geeft vrijstellingen.",
                ("R9", "R2"),
                ("huidige_bevoegdheid", "sector"),
            )
        )
    return out


def _primary(p: AdviceProfile, c: Catalog) -> List[Candidate]:
    out: List[Candidate] = []
    if p.huidige_bevoegdheid == "po":
        return out
    if p.has_bachelor:
        out.append(
            Candidate(
                "zib-po",
                _job_score(p, 95, 88, 62, 55),
                "Je hebt een hbo- of wo-bachelor en een school wil je aannemen. Dan werk je meteen als "
                "leraar en krijg je salaris. De school betaalt je opleiding.",
                ("R5", "R12"),
                ("vooropleiding", "baan_op_school"),
            )
        )
        verkort = 86 if p.baan_op_school in {None, "nee"} else 70
        if p.studievorm == "deeltijd" and p.baan_op_school != "ja":
            verkort += 2
        out.append(
            Candidate(
                "pabo-verkort",
                verkort,
                "Je hebt al een hbo- of wo-diploma. Daarom mag je de verkorte pabo doen, zonder "
                "toelatingstoetsen. Je hebt er geen baan op een school voor nodig.",
                ("R5",),
                ("vooropleiding",),
            )
        )
        if p.has_wo_bachelor:
            related = c.in_group("gedrag-en-maatschappij", p.studierichting)
            score = (90 if p.studievorm == "voltijd" else 66) if related else (45 if p.studievorm == "voltijd" else 30)
            out.append(
                Candidate(
                    "empo",
                    score,
                    "Je hebt een wo-bachelor in gedrag en maatschappij. Met de educatieve master primair "
                    "onderwijs haal je in 2 jaar voltijd een master én je bevoegdheid."
                    if related
                    else "Met je wo-bachelor kun je na een premaster de educatieve master "
                    "primair onderwijs doen (2 jaar voltijd).",
                    ("R5",),
                    ("vooropleiding", "studierichting", "studievorm"),
                )
            )
    else:
        out.append(Candidate("zib-po", 40, "", ("R3",), ("vooropleiding",)))
        if p.vooropleiding is not None:
            out.append(
                Candidate(
                    "pabo-deeltijd",
                    88,
                    "Voor zij-instroom heb je een bachelor nodig. Die heb je (nog) niet. Met je diploma "
                    "kun je wel naar de pabo in deeltijd, naast je werk.",
                    ("R3",),
                    ("vooropleiding",),
                )
            )
        if p.vooropleiding == "vwo" and p.studievorm != "deeltijd":
            out.append(
                Candidate(
                    "academische-pabo",
                    80 if p.studievorm == "voltijd" else 60,
                    ("Je hebt vwo en je wilt op academisch niveau studeren. " if p.academisch else "Je hebt vwo. ")
                    + "Op de academische pabo haal je in 3 à 4 jaar voltijd je "
                    "bevoegdheid én een universitaire bachelor.",
                    ("R2",),
                    ("vooropleiding", "studievorm") + (("academisch",) if p.academisch else ()),
                )
            )
    return out


def _zib_first_degree(
    p: AdviceProfile, with_job: int, reason: str, condition: str, rules: Tuple[str, ...], facts: Tuple[str, ...]
) -> Candidate:
    """Zij-instroom for the eerstegraads bevoegdheid: a wo degree that fits the subject and a school."""
    return Candidate(
        "zib-vo-1e",
        _job_score(p, with_job, 86, 58, 50),
        f"{reason} en een school wil je aannemen. Dan werk je meteen en haal je via de universiteit je "
        f"eerstegraads bevoegdheid.{condition}",
        rules,
        facts + ("baan_op_school",),
    )


def _secondary(p: AdviceProfile, c: Catalog) -> List[Candidate]:
    out: List[Candidate] = []
    if p.huidige_bevoegdheid in {"eerstegraads"}:
        return out
    relation = c.relation(p.studierichting, p.schoolvak)
    if p.huidige_bevoegdheid == "tweedegraads":
        # Already tweedegraads: only routes to the eerstegraads bevoegdheid (R9).
        if p.has_wo_master and relation in {"vak", "verwant"}:
            out.append(
                Candidate(
                    "ulo-1jr",
                    80,
                    "Je bent al tweedegraads bevoegd en hebt een wo-master die bij het "
                    "vak past. In één jaar word je eerstegraads bevoegd.",
                    ("R9", "R7"),
                    ("huidige_bevoegdheid", "vooropleiding", "studierichting"),
                )
            )
        return out
    vocational = c.in_group("beroepsgericht", p.schoolvak)
    facts = ("vooropleiding", "studierichting", "schoolvak")
    if vocational:
        out.append(
            Candidate(
                "zib-vmbo-beroeps",
                _job_score(p, 92, 86, 62, 50),
                "Je wilt lesgeven in een beroepsgericht vak op het vmbo. Daarvoor kan een mbo-diploma "
                "met werkervaring genoeg zijn. Je werkt meteen en krijgt salaris.",
                ("R4", "R12"),
                facts + ("baan_op_school",),
            )
        )
    if not p.has_bachelor:
        out.append(Candidate("zib-vo-2e", 40, "", ("R3",), ("vooropleiding",)))
        if p.vooropleiding is not None:
            out.append(
                Candidate(
                    "tweedegraads-deeltijd",
                    85 if not vocational else 78,
                    "Voor zij-instroom heb je een hbo- of wo-diploma nodig. Met je diploma kun je wel de "
                    "tweedegraads lerarenopleiding in deeltijd doen, naast je werk.",
                    ("R3",),
                    ("vooropleiding",),
                )
            )
        return out
    # hbo/wo bachelor or higher.
    if p.has_wo_bachelor and relation == "vak":
        if p.has_wo_master:
            out.append(
                Candidate(
                    "ulo-1jr",
                    88,
                    "Je hebt een wo-master en je bachelor is in het vak. In één jaar word je eerstegraads bevoegd.",
                    ("R7",),
                    facts,
                )
            )
        else:
            out.append(
                Candidate(
                    "educatieve-module",
                    88,
                    "Je hebt een wo-bachelor in het vak. Met de educatieve "
                    "module mag je het snelst lesgeven: na een half jaar in het vmbo en de onderbouw.",
                    ("R7",),
                    facts,
                )
            )
            out.append(
                Candidate(
                    "educatieve-master-2jr",
                    76,
                    "Je hebt een wo-bachelor in het vak maar nog geen "
                    "master. De educatieve master geeft je in 2 jaar een master én een eerstegraads "
                    "bevoegdheid.",
                    ("R7",),
                    facts,
                )
            )
        out.append(_zib_first_degree(p, 94, "Je hebt een wo-opleiding in het vak", "", ("R7", "R12"), facts))
    if p.has_wo_master and relation in {"vak", "verwant"}:
        out.append(
            Candidate(
                "trainees-in-onderwijs",
                74 if relation == "vak" else 62,
                "Je hebt een wo-master die bij "
                "het vak past. Als trainee werk je betaald op een school en haal je je eerstegraads "
                "bevoegdheid. Er is wel een selectie.",
                ("R7", "R13"),
                facts,
            )
        )
    if relation in {"verwant", "vak", None}:
        if relation == "verwant" and p.has_wo_master:
            # R7/R8: with a wo-master that fits the subject, the eerstegraads route in one year
            # comes before a part-time second-degree bachelor; with a school, ZiB eerstegraads.
            out.append(
                Candidate(
                    "ulo-1jr",
                    82,
                    "Je hebt een wo-master en je opleiding past bij het vak. Heb je "
                    "genoeg vakinhoud, dan word je in één jaar eerstegraads bevoegd.",
                    ("R8",),
                    facts,
                )
            )
            out.append(
                _zib_first_degree(
                    p,
                    92,
                    "Je hebt een wo-master die bij het vak past",
                    " Dit kan als genoeg van je opleiding over het vak ging.",
                    ("R7", "R8", "R12"),
                    facts,
                )
            )
        if relation == "verwant" and p.has_wo_bachelor:
            out += _bridging(p, c, 70, facts)
        out.append(
            Candidate(
                "zib-vo-2e",
                _job_score(p, 90, 84, 56, 50),
                "Je hebt een hbo- of wo-diploma dat bij het "
                "vak past en een school wil je aannemen. Dan werk je meteen als leraar en krijg je "
                "salaris.",
                ("R6", "R12"),
                facts + ("baan_op_school",),
            )
        )
        kop = 80 if p.studievorm == "voltijd" else 72
        if relation == "vak" and p.has_wo_bachelor:
            kop -= 10
        out.append(
            Candidate(
                "kopopleiding",
                kop,
                "Je bachelor past bij het vak. Met de kopopleiding word je in één jaar voltijd tweedegraads bevoegd.",
                ("R6",),
                facts + ("studievorm",),
            )
        )
        out.append(
            Candidate(
                "tweedegraads-deeltijd",
                78 if p.studievorm == "deeltijd" else 66,
                "Je wilt naast je werk studeren. De tweedegraads lerarenopleiding in deeltijd kan "
                "korter met vrijstellingen voor je diploma.",
                ("R6",),
                facts + ("studievorm",),
            )
        )
    if relation == "geen":
        out.append(Candidate("zib-vo-2e", 45, "", ("R8",), facts))
        if p.has_wo_master:
            out.append(Candidate("ulo-1jr", 45, "", ("R8",), facts))
        if p.has_wo_bachelor:
            out += _bridging(p, c, 86, facts)
        out.append(
            Candidate(
                "tweedegraads-deeltijd",
                80,
                "Je opleiding past niet bij het vak. Met de tweedegraads "
                "lerarenopleiding in deeltijd leer je het vak en het lesgeven, naast je werk.",
                ("R8",),
                facts,
            )
        )
    if p.huidig_beroep and "student" in p.huidig_beroep and relation == "vak":
        out.append(
            Candidate(
                "educatieve-minor",
                84,
                "Je studeert nog. Met de educatieve minor haal je binnen je "
                "bachelor al een beperkte tweedegraads bevoegdheid.",
                ("R7",),
                facts + ("huidig_beroep",),
            )
        )
    return out


def _bridging(p: AdviceProfile, c: Catalog, score: int, facts: Tuple[str, ...]) -> List[Candidate]:
    """R8: academics whose subject knowledge falls short close the gap with free courses first."""
    for group, route_id, name in (("beta", "beta4all", "Beta4all"), ("talen", "alfa4all", "Alfa4all")):
        if c.in_group(group, p.schoolvak):
            return [
                Candidate(
                    route_id,
                    score,
                    f"Mis je vakkennis van {p.schoolvak.replace('-', ' ')}? Met gratis "
                    f"cursussen van {name} spijker je die bij. Daarna kun je naar de universitaire "
                    "lerarenopleiding.",
                    ("R8",),
                    facts,
                )
            ]
    return []


def _vocational(p: AdviceProfile, c: Catalog) -> List[Candidate]:
    out: List[Candidate] = []
    if p.huidige_bevoegdheid in {"pdg", "tweedegraads", "eerstegraads"}:
        return out
    facts = ("vooropleiding", "werkervaring_jaren", "baan_op_school")
    if p.has_bachelor:
        out.append(
            Candidate(
                "pdg-mbo",
                _job_score(p, 92, 86, 60, 50),
                "Je hebt een hbo- of wo-diploma en een "
                "mbo-school wil je aannemen. Met een PDG mag je in het mbo lesgeven. Meestal betaalt de "
                "school.",
                ("R2", "R12"),
                facts,
            )
        )
        out.append(
            Candidate(
                "zib-mbo",
                _job_score(p, 89, 83, 56, 50),
                "Als zij-instromer in het mbo werk je meteen "
                "als docent en haal je een tweede- of eerstegraads bevoegdheid. Die geldt ook in het vo.",
                ("R2", "R12"),
                facts,
            )
        )
        if p.baan_op_school != "ja":
            # Without an mbo post: a tweedegraads bevoegdheid counts in the mbo too (R2).
            relation = c.relation(p.studierichting, p.schoolvak)
            out.append(
                Candidate(
                    "tweedegraads-deeltijd",
                    74 if p.studievorm != "voltijd" else 66,
                    "Zonder baan op een mbo-school kun je een tweedegraads bevoegdheid halen, naast je "
                    "werk. Die geldt in het mbo én in het vo.",
                    ("R2",),
                    facts + ("studievorm",),
                )
            )
            if relation in {"vak", "verwant"}:
                out.append(
                    Candidate(
                        "kopopleiding",
                        76 if p.studievorm == "voltijd" else 68,
                        "Je bachelor past bij "
                        "het vak. Met de kopopleiding word je in één jaar voltijd tweedegraads bevoegd. "
                        "Dat geldt ook in het mbo.",
                        ("R2", "R6"),
                        facts + ("studievorm",),
                    )
                )
        return out
    if p.vooropleiding in {"mbo-3", "mbo-4", "associate-degree"}:
        out.append(
            Candidate(
                "pdg-mbo",
                _job_score(p, 86, 82, 58, 50),
                "Je hebt een mbo-diploma en ervaring in je "
                "vak. Als de school vindt dat je hbo-niveau hebt, kun je met een PDG docent worden.",
                ("R4", "R12"),
                facts,
            )
        )
        out.append(
            Candidate(
                "zib-mbo",
                _job_score(p, 80, 76, 54, 48),
                "Met een mbo-diploma, minstens 3 jaar "
                "ervaring en hbo-niveau kun je als zij-instromer in het mbo beginnen.",
                ("R4",),
                facts,
            )
        )
        out.append(
            Candidate(
                "pdc-instructeur-mbo",
                _job_score(p, 62, 60, 50, 40),
                "Wil je vooral praktijkles geven? Als instructeur in het mbo beoordeelt de school of je dat kunt.",
                ("R4",),
                facts,
            )
        )
    craft = p.mentions("instructeur") or p.mentions("praktijk")
    if craft or (p.vooropleiding not in MBO_3_PLUS and (p.werkervaring_jaren or 0) >= 3):
        out.append(
            Candidate(
                "pdc-instructeur-mbo",
                _job_score(p, 90 if craft else 80, 84 if craft else 76, 60, 40),
                "Je hebt veel ervaring in je vak. Als instructeur geef je praktijkles in het mbo. "
                "De school beoordeelt of je dat kunt.",
                ("R4",),
                facts + ("huidig_beroep",),
            )
        )
    if p.vooropleiding is not None:
        out.append(
            Candidate(
                "tweedegraads-deeltijd",
                72,
                "Een tweedegraads bevoegdheid geldt in het mbo én in het vo. Je haalt hem naast je werk.",
                ("R2", "R3"),
                ("vooropleiding",),
            )
        )
    return out


def _adjust(p: AdviceProfile, c: Catalog, candidates: List[Candidate]) -> Iterator[Candidate]:
    """Stated wishes shift the scores: study form and age (R11), free days (R11), income (R12),
    university level, Dutch below B2 (R10), a diploma below hbo entry (R3), and shortage subjects (R13)."""
    shortage = p.schoolvak in c.shortage and c.shortage[p.schoolvak][0] == "groot"
    for x in candidates:
        score, rules = x.score, x.rules
        route = c.route(x.route_id)
        if p.studievorm == "deeltijd" and not route.deeltijd:
            score, rules = score - 25, rules + ("R11",)
        if p.studievorm == "voltijd" and not route.voltijd and x.route_id not in EMPLOYED:
            score -= 15
        if (
            p.studievorm is None
            and p.leeftijd is not None
            and p.leeftijd <= 25
            and route.voltijd
            and x.route_id not in EMPLOYED
        ):
            score += 4  # young people usually study full time
        if p.academisch:
            score += 20 if x.route_id in ACADEMIC else -10 if x.route_id in HBO_STUDY else 0
        if p.little_time and x.route_id in EMPLOYED:
            rules += ("R11",)
        if p.inkomen_nodig:
            score += 12 if x.route_id in EMPLOYED else -4
            rules += ("R12",)
        if p.nederlands_niveau == "b1-of-lager" and x.route_id in SELECTION:
            score, rules = score - 30, rules + ("R10",)  # they ask Dutch at B2 (NT2 programma II)
        if x.route_id in FROM_THE_START and p.vooropleiding is not None and p.vooropleiding not in HBO_ENTRY:
            score, rules = score - 10, rules + ("R3",)  # the 21+ entry test comes first
        if shortage and x.route_id in {"zib-vo-1e", "zib-vo-2e", "trainees-in-onderwijs"}:
            score, rules = score + 5, rules + ("R13",)
        yield Candidate(x.route_id, score, x.reason, tuple(dict.fromkeys(rules)), x.facts)
