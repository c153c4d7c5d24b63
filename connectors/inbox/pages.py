"""HTML of the inbox (server-rendered; only the live page has JavaScript), from the Jinja2
templates in ``templates/``. Autoescape is on, so everything a template prints is escaped.
Times are stored in UTC and shown in Dutch local time (Europe/Amsterdam), as DD-MM-JJJJ UU:MM.

The templates join lines with ``{#- #}`` and ``-`` so the HTML stays as compact as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Dict, List, Optional
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.handoff.summary import readable
from bot.input_check import MAX_MESSAGE_LENGTH

LOCAL = ZoneInfo("Europe/Amsterdam")
NOTICES = {
    "geclaimd": "Je hebt deze overdracht geclaimd.",
    "afgerond": "Klaar: de overdracht is afgerond. Je notities zijn bewaard.",
}
FILTERS = (("", "Alle"), ("nieuw", "Nieuw"), ("geclaimd", "Geclaimd"), ("afgerond", "Afgerond"))


def local_time(stamp: Optional[str], with_date: bool = True) -> str:
    """'2026-11-23T16:05:00Z' (UTC) -> '23-11-2026 17:05' (Amsterdam time)."""
    if not stamp:
        return ""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(LOCAL).strftime("%d-%m-%Y %H:%M" if with_date else "%H:%M")


def status_text(item: Dict[str, Any]) -> str:
    texts = {"nieuw": "nieuw", "geclaimd": f"geclaimd door {item['geclaimd_door']}", "afgerond": "afgerond"}
    return texts[item["status"]]


#: One environment per process; templates are compiled on first use and kept (no reloading).
ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    auto_reload=False,
)
ENV.filters.update(local_time=local_time, status_text=status_text)


def _render(template: str, user: Optional[str] = None, csrf: Optional[str] = None, **values: Any) -> str:
    """A page; with ``user``, the header shows the name and a logout form (which needs ``csrf``)."""
    return ENV.get_template(template).render(user=user, csrf=csrf, **values)


def message(
    title: str, text: str, user: Optional[str] = None, csrf: Optional[str] = None, css: Optional[str] = None
) -> str:
    """A page with the heading ``title`` and one paragraph of text (with class ``css``, when given)."""
    return _render("message.html", user, csrf, title=title, text=text, css=css)


def login(error: Optional[str] = None, csrf: str = "") -> str:
    return _render("login.html", csrf=csrf, error=error)


def overview(
    items: List[Dict[str, Any]],
    dead: List[Dict[str, Any]],
    user: str,
    csrf: str,
    notice: Optional[str] = None,
    status: Optional[str] = None,
) -> str:
    return _render(
        "overview.html",
        user,
        csrf,
        items=items,
        dead=dead,
        note=NOTICES.get(notice or ""),
        status=status,
        filters=FILTERS,
        shown=dict(FILTERS).get(status or "", "Alle"),
    )


def detail(item: Dict[str, Any], user_id: int, user: str, csrf: str, notice: Optional[str] = None) -> str:
    summary = item["summary"]
    # Commands the widget sent for a button ("/inform" and the like) are not part of the conversation.
    talk = [
        line
        for line in summary.get("transcript") or []
        if not (line["van"] == "persoon" and str(line["tekst"]).lstrip().startswith("/"))
    ]
    return _render(
        "detail.html",
        user,
        csrf,
        item=item,
        user_id=user_id,
        summary=summary,
        facts=readable(summary),
        routes=(summary.get("advies") or {}).get("routes") or [],
        talk=talk,
        note=NOTICES.get(notice or "", notice),
    )


def confirm_finish(item: Dict[str, Any], note: str, user: str, csrf: str) -> str:
    """The confirmation step of finishing: the notes are shown and can still be changed."""
    return _render("confirm_finish.html", user, csrf, item=item, note=note)


def live(item: Dict[str, Any], user: str, csrf: str) -> str:
    return _render("live.html", user, csrf, item=item, max_length=MAX_MESSAGE_LENGTH)
