"""Text helpers: folding, clauses, negation, questions and fixed phrases."""

from __future__ import annotations

import re
import unicodedata
from typing import Tuple

from bot.profile.numbers import NUMBER_PATTERN


def fold_same_length(text: str) -> str:
    """Lower case without accents, keeping every character at its position."""
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else low)
    return "".join(out).replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


_CLAUSE_BREAK = re.compile(r"[,.;:!?()\n]|\s(?:en|maar|want|omdat|dus|terwijl|of)\s")
_NEGATION = re.compile(
    r"(?:\bgeen|\bniet|\bniets|\bniks|\bnooit|\bnergens|\bipv|\bi\.p\.v\.?|\bin plaats van|\bzonder)\W*"
    r"(?:(?!behalve\b|maar\b|wel\b|alleen\b)\w+\W*){0,2}$"
)
_WANT = re.compile(
    r"\b(?:wil|wilde|willen|zou|graag|halen|behalen|krijgen|worden|volgen|zoek|zoeken|droom|ambitie|plan|lijkt me|overweeg|twijfel|denk\s+aan|dacht\s+aan)\b"
)
_STUDY = re.compile(
    r"\b(?:master|masters|bachelor|msc|bsc|studie|studeer|studeerde|gestudeerd|afgestudeerd|opleiding|"
    r"propedeuse|hbo|wo|mbo|phd|promotie|gepromoveerd|diploma|achtergrond|richting|afstudeerrichting|"
    r"studeren|doctoraal|ad|associate)\b"
)
_TEACH = re.compile(
    r"\b(?:geven|lesgeven|les geven|les in|onderwijzen|doceren|docent|docente|leraar|lerares|juf|meester|"
    r"vak|vakken|lessen|lesgeven in|doceer|vakdocent|leerkracht)\b"
)


def clause_bounds(text: str, start: int, end: int) -> Tuple[int, int]:
    """The start and end of the clause around [start, end)."""
    left = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, start):
        left = match.end()
    right_match = _CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return left, right


def is_negated(text: str, start: int) -> bool:
    """True when one of the three words before ``start`` negates the match."""
    left, _ = clause_bounds(text, start, start)
    return bool(_NEGATION.search(text[left:start]))


_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]?")
_QUESTION_START = re.compile(
    r"^\s*(?:(?:wat|hoe|waar|wanneer|welke|welk|wie|waarom|hoeveel)\b|"
    r"(?:kan|kun|mag|moet|is|zijn|heb|heeft|bestaat|verdien|verdient)\s+(?:je|jij|u|er|men)\b)"
)
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|me|mij)\b")
_QUESTION_AFTER_ANSWER = re.compile(
    r",\s*(?:(?:of|en|maar)\s+)?(?=(?:kan|kun|mag|moet|is|zijn|wat|hoe|waar|wanneer|welke|wie|waarom|hoeveel|heb|heeft|"
    r"geldt|telt|klopt)\b)"
)
#: A sentence that opens as a question: "Is een PDG hetzelfde als ..., of is dat iets anders?"
#: has no answer before its comma.
_ASKING_START = re.compile(
    r"^\s*(?:is|zijn|kan|kun|kunnen|mag|mogen|moet|moeten|heb|heeft|hebben|wat|hoe|waar|wanneer|welke?|wie|waarom|"
    r"hoeveel|telt|tellen|geldt|gelden|klopt|bestaat|word|wordt|zou|krijg|krijgt)\b"
)
#: A sound or reaction people put before an answer: "uhm", "tja", "haha", "nou".
INTERJECTION = r"(?:haha\w*|hihi|tja|pff+|h+m+|u+h+m*|u+m+|e+h+m*|euh+|nou|oei|oh|ach|lol)"
#: A tag question that checks one's own statement: "dat is toch hbo?", "heet nu mbo 4, toch?", "of niet?".
_CONFIRMATION = re.compile(
    r"\b(?:dat|dit|het)\s+(?:is|was|heet|heette|telt)\b[^?]{0,25}?\btoch\b|[,\s]toch\s*\?\s*$|"
    r"\bof\s+niet\s*\?\s*$|\b(?:klopt\s+dat|toch\s+\w+\s+\w*)\s*\?\s*$|"
    # an answer said with doubt: "B1 denk ik?", "moedertaal, neem ik aan dat u bedoelt?"
    r"\b(?:(?:denk|geloof)\s+ik|volgens\s+mij)\s*\?\s*$|\bneem\s+ik\s+aan\b[^?]{0,30}\?\s*$|"
    # a yes or no with doubt: "uhm nee?"
    rf"^\W*(?:{INTERJECTION}\W+)?(?:ja|nee|niet|geen)\s*\?\s*$"
)


def _same_length(match: re.Match[str], replacement: str) -> str:
    return replacement.ljust(len(match.group(0)))


def _normalise_phrases(folded: str) -> str:
    """Rewrites fixed phrases to plain numbers, keeping every position."""
    folded = re.sub(
        r"\been\s+jaar(?:tje)?\s+of\s+(" + NUMBER_PATTERN + r")\b",
        lambda m: _same_length(m, f"{m.group(1)} jaar"),
        folded,
    )
    folded = re.sub(r"\banderhalf\s+decennium\b", lambda m: _same_length(m, "15 jaar"), folded)
    folded = re.sub(r"\b(?:een\s+)?kwart\s+eeuw\b", lambda m: _same_length(m, "25 jaar"), folded)
    folded = re.sub(r"\b(?:een\s+)?halve\s+eeuw\b", lambda m: _same_length(m, "50 jaar"), folded)
    folded = re.sub(r"\b(?:een\s+)?decennium\b", lambda m: _same_length(m, "10 jaar"), folded)
    folded = re.sub(r"\btwee\s+decennia\b", lambda m: _same_length(m, "20 jaar"), folded)
    return folded


#: An amount of years said with doubt, without a question word: "een jaar of twintig?"
_HESITANT_AMOUNT = re.compile(
    r"^(?!.*\b(?:wat|wie|waar|wanneer|waarom|hoe|hoeveel|welke?|als|telt|tellen|mag|kan|moet)\b)"
    r".*\b(?:(?:\d+|" + NUMBER_PATTERN + r")\s*(?:jaar|jaren|jr)\b|een\s+jaar(?:tje)?\s+of\s+\w+)[^?]*\?\s*$"
)


def _blank(folded: str, own_questions_too: bool) -> str:
    """``folded`` with its questions replaced by spaces, except an amount said with doubt
    ("pfff.. een jaar of twintig in totaal?"), a statement the person checks ("MEAO, dat is
    toch mbo 4?") and the answer before a question ("deeltijd graag, kan dat ook in de
    avond?"). A question about oneself ("kan ik met mijn hbo zij-instromen?") stays unless
    ``own_questions_too``."""
    out = []
    for sentence in _SENTENCE.findall(folded):
        question = sentence.rstrip().endswith("?") or _QUESTION_START.match(sentence)
        if question and not _QUESTION_START.match(sentence) and _HESITANT_AMOUNT.search(sentence):
            question = None
        if question and _CONFIRMATION.search(sentence) and not _QUESTION_START.match(sentence):
            question = None  # "MEAO, dat is toch mbo 4?"; not "waarom vraag je dat, ze willen me toch al hebben?"
        if question and (own_questions_too or not _FIRST_PERSON.search(sentence)):
            asked = _QUESTION_AFTER_ANSWER.search(sentence)
            answer_first = asked and sentence.rstrip().endswith("?") and not _ASKING_START.match(sentence)
            kept = asked.start() if answer_first else 0
            sentence = sentence[:kept] + " " * (len(sentence) - kept)
        out.append(sentence)
    return "".join(out)


def _blank_questions(folded: str) -> str:
    """Replaces general questions by spaces: "wat is een pdg?" states no fact; a question
    about oneself keeps its facts ("kan ik met mijn hbo zij-instromen?")."""
    return _blank(folded, own_questions_too=False)


def statements(text: str) -> str:
    """``text`` with every question blanked, also one about oneself ("telt mijn ervaring bij
    Defensie mee?"); the original letters elsewhere."""
    blanked = _blank(text.lower(), own_questions_too=True)
    return "".join(c if b != " " or c.isspace() else " " for c, b in zip(text, blanked))


#: A reaction before the answer: "haha, ...", "tja, ...".
_REACTION = re.compile(rf"^\W*{INTERJECTION}\b\W*", re.IGNORECASE)


def without_reaction(text: str) -> str:
    """``text`` without a reaction before the answer: "tja, kok" -> "kok"; "Haha, de hele dag
    pipetteren. Laboratoriumanalist" -> "Laboratoriumanalist" (the sentence after it)."""
    reaction = _REACTION.match(text)
    if not reaction:
        return text
    return re.split(r"(?<=[.!])\s+", text[reaction.end() :], maxsplit=1)[-1]


def _sentence_around(folded: str, position: int) -> str:
    left = max(folded.rfind(ch, 0, position) for ch in ".!?\n") + 1
    rights = [i for i in (folded.find(ch, position) for ch in ".!?\n") if i >= 0]
    return folded[left : min(rights) if rights else len(folded)]


def in_question(folded: str, position: int) -> bool:
    """True when ``position`` lies in a sentence that asks something ("telt mijn
    bachelor mee?"): free text there names no fact about the person."""
    sentence = _sentence_around(folded, position)
    end = folded.find(sentence, max(0, position - len(sentence))) + len(sentence) if sentence else position
    return (end < len(folded) and folded[end] == "?") or bool(_QUESTION_START.match(sentence.strip()))


#: Someone other than the person: "mijn vrouw", "haar zus".
OTHER_PERSON = re.compile(
    r"\b(?:mijn|m'n|mn|haar|zijn)\s+(?:vrouw|man|partner|vriend|vriendin|zus|broer|moeder|vader|dochter|zoon|"
    r"buurvrouw|buurman|collega|schoonzus|zwager)\b"
)


def clause_asks(folded: str, start: int, end: int) -> bool:
    """True when the clause around [start, end) asks something: "kan ik de pabo in deeltijd
    doen?" asks, "voltijd liefst, mag dat ook als ik 50 ben?" answers first (``in_question``
    looks at the whole sentence)."""
    left, right = clause_bounds(folded, start, end)
    return folded[right : right + 1] == "?" or bool(_QUESTION_START.match(folded[left:right]))


_ACKNOWLEDGEMENT = re.compile(
    r"^\W*(?:ok[eéè]?|okay|hoor|ja|jawel|jep|jup|yes|nee|nope|prima|goed|top|hoi|hallo|hey|hee|dag|doei|dank\w*|bedankt|"
    r"weet\s+ik\s+niet|geen\s+idee)\W*(?:hoor|prima|hoi|dank je)?\W*$",
    re.IGNORECASE,
)


def is_acknowledgement(text: str) -> bool:
    """ "oké", "ja hoor", "hoi": a reply that names nothing, so no study or job title."""
    return bool(_ACKNOWLEDGEMENT.match(text or ""))


def clean_free_text(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation."""
    text = re.sub(r"\s+", " ", text.lower()).strip(" \t.,;:!?\"'(")
    # "pabo dus", "timmerman zeg maar": without the filler words after the name
    text = re.sub(r"(?:\s+(?:dus|zeg\s+maar|ofzo|of\s+zo|eigenlijk|natuurlijk|hoor|haha|lol))+$", "", text)
    if text.endswith(")") and text.count("(") < text.count(")"):
        text = text.rstrip(")").strip()
    if text.count("(") > text.count(")"):
        text += ")"  # "advocaat (arbeidsrecht" -> "advocaat (arbeidsrecht)"
    return text
