"""The handoff summary: built from the conversation's slots and events, for an intaker.

``build_summary`` returns the ``summary`` object of the contract's ``handoff_summary``
payload. Personal numbers (BSN, IBAN, card numbers) are redacted in the person's messages
in the transcript and in the open questions; contact details appear only in ``contact``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, Iterable, List, Mapping, Optional

from bot import dialogue
from bot.handoff.contact import readable_phone
from bot.handoff.remarks import from_signals, remarks
from bot.nlu_entities import INPUT_KIND
from bot.privacy.redact import redact
from bot.profile import describe, values

#: The texts (bot/texts.py) that tell the person a question goes to the intaker.
PASSED_ON = frozenset(
    {
        "vraag_voor_medewerker",
        "vraag_voor_medewerker_na_intake",
        "advies_nog_niet_vraag",
        "vraag_mee_naar_medewerker",
        "twijfel_voor_medewerker",
    }
)
MAX_TRANSCRIPT = 200
MAX_OPEN_QUESTIONS = 10
PREFERENCE_TEXT = {"email": "per e-mail", "telefoon": "telefonisch", "video": "in een videogesprek"}
SECTOR_TEXT = {sector: f"het {name}" for sector, name in values.SECTOR_NAAM.items()}


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _when(event: Mapping[str, Any]) -> Optional[str]:
    stamp = event.get("timestamp")
    if stamp is None:
        return None
    return _iso(dt.datetime.fromtimestamp(float(stamp), tz=dt.timezone.utc))


def transcript(events: Iterable[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """User and bot messages of the current session, oldest first; the person's messages
    without personal numbers. Button clicks and other internal commands (``/inform{...}``,
    ``/greet``) are left out: they are not something the person typed."""
    lines: List[Dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind in {"session_started", "restart"}:
            lines = []
        if kind not in {"user", "bot"} or not event.get("text"):
            continue
        if kind == "user" and str(event["text"]).lstrip().startswith("/"):
            continue
        lines.append(
            {
                "van": "persoon" if kind == "user" else "bot",
                "tekst": redact(str(event["text"])).text if kind == "user" else str(event["text"]),
                "tijd": _when(event),
            }
        )
    return lines[-MAX_TRANSCRIPT:]


def open_questions(events: Iterable[Mapping[str, Any]]) -> List[str]:
    """What the person asked that the bot could not answer (redacted, without repeats)."""
    found: List[str] = []
    active_loop: Optional[str] = None
    last_text = ""
    for event in events:
        kind = event.get("event")
        if kind in {"session_started", "restart"}:
            found = []
        if kind == "active_loop":
            active_loop = event.get("name")
        if kind == "bot" and (event.get("metadata") or {}).get(dialogue.TEXT_KEY) in PASSED_ON and last_text:
            # The bot told the person it passes this question on.
            clean = redact(last_text).text
            if clean not in found:
                found.append(clean)
        if kind != "user":
            continue
        last_text = str(event.get("text") or "").strip()
        parse = event.get("parse_data") or {}
        intent = (parse.get("intent") or {}).get("name")
        text = str(event.get("text") or "").strip()
        if not text or text.startswith("/"):
            continue
        if any(e.get("entity") == INPUT_KIND for e in parse.get("entities") or []):
            continue  # empty, emoji, a personal number...: not a question
        if intent == "out_of_scope" or (intent == "nlu_fallback" and active_loop is None):
            clean = redact(text).text
            if clean not in found:
                found.append(clean)
    return found[-MAX_OPEN_QUESTIONS:]


_PREPOSITIONS = ("in ", "bij ", "op ", "als ", "voor ", "aan ")
_NO_JOB = frozenset({"geen", "niets", "niks", "werkloos", "geen baan", "geen werk", "nvt", "n.v.t."})


def _work(profile: Mapping[str, Any]) -> str:
    """ " en werkt als lab-analist (12 jaar ervaring)", " en werkt in een kantoorbaan", " en werkt nu niet" """
    job = str(profile.get("huidig_beroep") or "").strip()
    years = profile.get("werkervaring_jaren")
    if not job:
        return ""
    if job.lower() in _NO_JOB:
        return " en werkt nu niet" + ("" if not years else f" ({years} jaar werkervaring)")
    phrase = f" en werkt {job}" if job.lower().startswith(_PREPOSITIONS) else f" en werkt als {job}"
    if years:
        phrase += f" ({years} jaar ervaring)"
    elif years == 0:
        phrase += " (nog geen werkervaring)"
    return phrase


def _sentences(
    profile: Mapping[str, Any],
    contact: Mapping[str, Any],
    advice: Optional[Mapping[str, Any]],
    questions: List[str],
    notes: List[str] = (),
    profile_and_signals: Optional[Mapping[str, Any]] = None,
) -> str:
    name = contact.get("naam") or "Deze persoon"
    sector = profile.get("sector")
    province = describe.PROVINCIE_TEKST.get(profile.get("provincie") or "")
    where = f" in de provincie {province}" if province else ""
    first = (
        f"{name} wil leraar worden in {SECTOR_TEXT[sector]}{where}."
        if sector in SECTOR_TEXT
        else f"{name} oriënteert zich op het leraarschap{where}."
    )
    education = describe.VOOROPLEIDING_TEKST.get(profile.get("vooropleiding"), "een onbekende vooropleiding")
    if profile.get("studierichting"):
        education += f" {profile['studierichting']}"
    if profile.get("diploma_buitenland"):
        education += " (buitenlands diploma)"
    work = _work(profile)
    second = f"Vooropleiding: {education}{work}."
    job = {
        "ja": " en heeft een baan of aanbod van een school",
        "in-gesprek": " en is in gesprek met een school",
        "nee": " en heeft nog geen baan op een school",
    }.get(profile.get("baan_op_school") or "", "")
    first = first[:-1] + job + "."
    if advice and advice.get("routes"):
        titles = [r.get("titel") or r.get("id") for r in advice["routes"]]
        third = "De bot adviseerde: " + "; ".join(titles) + "."
    else:
        third = "De bot heeft nog geen advies gegeven."
    sentences = [first, second, third]
    if notes:
        signals = set(from_signals(profile_and_signals)) if profile_and_signals else set()
        parts = [n[:1].lower() + n[1:].rstrip(".") if n in signals else f"\u201c{n}\u201d" for n in notes]
        sentences.append("Zei ook: " + "; ".join(parts) + ".")
    if questions:
        sentences.append(
            f"Er {'is 1 vraag' if len(questions) == 1 else f'zijn {len(questions)} vragen'} "
            "die de bot niet kon beantwoorden."
        )
    if contact.get("contactvoorkeur"):
        sentences.append(f"Wil graag {PREFERENCE_TEXT[contact['contactvoorkeur']]} contact.")
    return " ".join(sentences[:6])


def build_summary(
    conversation_id: str,
    slots: Mapping[str, Any],
    events: Iterable[Mapping[str, Any]],
    now: Optional[dt.datetime] = None,
) -> Dict[str, Any]:
    events = list(events)
    now = now or dt.datetime.now(dt.timezone.utc)
    profile = {slot: slots.get(slot) for slot in values.PROFILE_SLOTS}
    contact = {field: slots.get(field) for field in values.CONTACT_SLOTS}
    questions = open_questions(events)
    notes = remarks(slots, events)
    advice = slots.get("advies") if isinstance(slots.get("advies"), Mapping) else None
    return {
        "conversation_id": conversation_id,
        "created_at": _iso(now),
        "profiel": profile,
        "contact": contact,
        "advies": advice,
        "vragen_open": questions,
        "samenvatting": _sentences(profile, contact, advice, questions, notes, slots),
        "notities": notes,
        "transcript": transcript(events),
    }


def readable(summary: Mapping[str, Any]) -> List[str]:
    """What will be shared, as short lines for the person (and the e-mail to the intaker)."""
    contact = summary["contact"]
    lines = [f"Naam: {contact.get('naam') or '-'}"]
    if contact.get("email"):
        lines.append(f"E-mail: {contact['email']}")
    if contact.get("telefoon"):
        lines.append(f"Telefoon: {readable_phone(contact['telefoon'])}")
    if contact.get("contactvoorkeur"):
        lines.append(f"Contact: {PREFERENCE_TEXT[contact['contactvoorkeur']]}")
    lines += describe.read_back({k: v for k, v in summary["profiel"].items()})
    advice = summary.get("advies")
    if advice and advice.get("routes"):
        lines.append("Advies: " + "; ".join(r.get("titel") or r["id"] for r in advice["routes"]))
    if summary.get("notities"):
        lines.append("Je zei ook: " + " | ".join(summary["notities"]))
    if summary.get("vragen_open"):
        lines.append("Open vragen: " + " | ".join(summary["vragen_open"]))
    lines.append(f"Het gesprek met mij ({len(summary.get('transcript') or [])} berichten, zonder persoonlijke nummers)")
    return lines
