"""HTML of the inbox (server-rendered, no JavaScript). Everything user-given is escaped.
Times are stored in UTC and shown in Dutch local time (Europe/Amsterdam), as DD-MM-JJJJ UU:MM."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any, Dict, List, Optional
from zoneinfo import ZoneInfo

from bot.handoff.summary import readable
from bot.input_check import MAX_MESSAGE_LENGTH

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9;line-height:1.5}
header{background:#00437a;color:#fff;padding:.8rem 1.2rem;display:flex;justify-content:space-between;align-items:center}
header a,header button{color:#fff}main{max-width:60rem;margin:0 auto;padding:1rem 1.2rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d0d4da;vertical-align:top}
.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#e3e8ee}.dood{background:#ffd9d9}
button{font:inherit;padding:.4rem .9rem;border:2px solid #00437a;background:#00437a;color:#fff;border-radius:.3rem;cursor:pointer}
header button{background:transparent;border-color:#fff}a{color:#00437a}:focus{outline:3px solid #ffbf47;outline-offset:2px}
.melding{padding:.6rem .9rem;background:#fff3cd;border-left:4px solid #b58100}.fout{background:#ffe1e1;border-color:#b00020}
label{display:block;margin:.6rem 0 .2rem}input,select,textarea{font:inherit;padding:.4rem;width:18rem;max-width:100%}
textarea{width:100%;min-height:6rem}.filter{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap;margin:.5rem 0 1rem}
.filter label{margin:0}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.transcript p{margin:.3rem 0}.persoon{font-weight:600}
"""


def layout(title: str, body: str, user: Optional[str] = None, csrf: Optional[str] = None) -> str:
    logout = ""
    if user:
        logout = (f"<form method='post' action='/logout'><input type='hidden' name='csrf' value='{escape(csrf or '')}'>"
                  f"<span>{escape(user)}</span> <button type='submit'>Uitloggen</button></form>")
    return (f"<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width,initial-scale=1'><title>{escape(title)} - Intake-inbox</title>"
            f"<style>{STYLE}</style></head><body><header><a href='/'><strong>Intake-inbox</strong></a>{logout}</header>"
            f"<main>{body}</main></body></html>")


def login(error: Optional[str] = None, csrf: str = "") -> str:
    message = f"<p class='melding fout' role='alert'>{escape(error)}</p>" if error else ""
    return layout("Inloggen", f"""<h1>Inloggen</h1>{message}
<form method='post' action='/login'><input type='hidden' name='csrf' value='{escape(csrf)}'>
<label for='gebruikersnaam'>Gebruikersnaam</label><input id='gebruikersnaam' name='gebruikersnaam' autocomplete='username' required>
<label for='wachtwoord'>Wachtwoord</label><input id='wachtwoord' name='wachtwoord' type='password' autocomplete='current-password' required>
<p><button type='submit'>Inloggen</button></p></form>""")


LOCAL = ZoneInfo("Europe/Amsterdam")
NOTICES = {"geclaimd": "Je hebt deze overdracht geclaimd.",
           "afgerond": "Klaar: de overdracht is afgerond. Je notities zijn bewaard."}
FILTERS = (("", "Alle"), ("nieuw", "Nieuw"), ("geclaimd", "Geclaimd"), ("afgerond", "Afgerond"))


def local_time(stamp: Optional[str], with_date: bool = True) -> str:
    """'2026-11-23T16:05:00Z' (UTC) -> '23-11-2026 17:05' (Amsterdam time)."""
    if not stamp:
        return ""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(LOCAL).strftime("%d-%m-%Y %H:%M" if with_date else "%H:%M")


def _status(item: Dict[str, Any]) -> str:
    text = {"nieuw": "nieuw", "geclaimd": f"geclaimd door {item['geclaimd_door']}", "afgerond": "afgerond"}[item["status"]]
    return f"<span class='tag'>{escape(text)}</span>"


def overview(items: List[Dict[str, Any]], dead: List[Dict[str, Any]], user: str, csrf: str,
             notice: Optional[str] = None, status: Optional[str] = None) -> str:
    rows = "".join(
        f"<tr><td><a href='/overdracht/{escape(i['id'])}'>{escape(i['naam'] or 'onbekend')}</a></td>"
        f"<td><code>{escape(i['kenmerk'])}</code></td>"
        f"<td>{_status(i)}</td><td>{escape(local_time(i['ontvangen_op']))}</td>"
        f"<td>{escape(i['samenvatting'])}</td></tr>" for i in items
    ) or (f"<tr><td colspan='5'>{'Er zijn geen overdrachten met deze status.' if status else 'Er zijn nog geen overdrachten.'}"
          "</td></tr>")
    warning = ""
    if dead:
        listed = "".join(f"<li>{escape(d['connector'])}: overdracht {escape(d['overdracht_id'][:8])}, "
                         f"{d['pogingen']} pogingen. Laatste fout: {escape(d['laatste_fout'] or '')}</li>" for d in dead)
        warning = (f"<section class='melding fout' aria-labelledby='afl'><h2 id='afl'>Afleverproblemen</h2>"
                   f"<p>Deze overdrachten konden niet worden afgeleverd. Zet ze opnieuw klaar met "
                   f"<code>python -m bot.handoff.outbox opnieuw ID</code>.</p><ul>{listed}</ul></section>")
    text = NOTICES.get(notice or "")
    note = f"<p class='melding' role='status'>{escape(text)}</p>" if text else ""
    options = "".join(f"<option value='{value}'{' selected' if (status or '') == value else ''}>{label}</option>"
                      for value, label in FILTERS)
    shown = dict(FILTERS).get(status or "", "Alle")
    return layout("Overdrachten", f"""{note}{warning}<h1>Overdrachten</h1>
<form class='filter' method='get' action='/'><div><label for='status'>Status</label>
<select id='status' name='status'>{options}</select></div><button type='submit'>Toon</button></form>
<table><caption class='visually-hidden'>Overdrachten ({escape(shown.lower())}), nieuwste eerst</caption>
<thead><tr><th scope='col'>Naam</th><th scope='col'>Kenmerk</th><th scope='col'>Status</th>
<th scope='col'>Ontvangen</th><th scope='col'>Samenvatting</th></tr></thead>
<tbody>{rows}</tbody></table>
<p><small>Tijden in Nederlandse tijd. Het kenmerk is wat de persoon van de assistent kreeg.</small></p>""", user, csrf)


def detail(item: Dict[str, Any], user_id: int, user: str, csrf: str, notice: Optional[str] = None) -> str:
    summary = item["summary"]
    facts = "".join(f"<li>{escape(line)}</li>" for line in readable(summary))
    advice = summary.get("advies") or {}
    routes = "".join(f"<li><strong>{escape(r.get('titel') or r['id'])}</strong>: {escape(r.get('waarom') or '')} "
                     f"<a href='{escape(r.get('bron') or '#')}' rel='noopener noreferrer'>bron</a></li>"
                     for r in advice.get("routes") or []) or "<li>Nog geen advies gegeven.</li>"
    questions = "".join(f"<li>{escape(q)}</li>" for q in summary.get("vragen_open") or []) or "<li>Geen.</li>"
    talk = "".join(f"<p><span class='{escape(line['van'])}'>{'Persoon' if line['van'] == 'persoon' else 'Bot'}"
                   f"{' (' + escape(local_time(line.get('tijd'), False)) + ')' if line.get('tijd') else ''}:</span> "
                   f"{escape(line['tekst'])}</p>" for line in summary.get("transcript") or []
                   if not (line["van"] == "persoon" and str(line["tekst"]).lstrip().startswith("/")))
    remarks = "".join(f"<li>{escape(n)}</li>" for n in summary.get("notities") or []) or "<li>Niets extra.</li>"
    actions = ""
    if item["status"] == "nieuw":
        actions = _button(f"/overdracht/{item['id']}/claim", "Claim deze overdracht", csrf)
    elif item["status"] == "geclaimd" and item["geclaimd_door_id"] == user_id:
        actions = (f"<p><a href='/overdracht/{escape(item['id'])}/live'>Open het live gesprek</a> "
                   "(de persoon moet de chat op de site nog open hebben)</p>"
                   f"<form method='post' action='/overdracht/{escape(item['id'])}/afronden'>"
                   f"<input type='hidden' name='csrf' value='{escape(csrf)}'>"
                   "<label for='notitie'>Notities bij het afronden (wat je hebt afgesproken)</label>"
                   f"<textarea id='notitie' name='notitie' maxlength='4000'></textarea>"
                   "<p><button type='submit'>Afronden</button></p></form>")
    elif item["status"] == "afgerond":
        actions = (f"<h2>Notities van de intaker</h2><p>Afgerond op {escape(local_time(item.get('afgerond_op')))}.</p>"
                   f"<p class='notitie'>{escape(item.get('notitie') or 'Geen notities.')}</p>")
    text = NOTICES.get(notice or "", notice)
    note = f"<p class='melding' role='status'>{escape(text)}</p>" if text else ""
    return layout(item["naam"] or "Overdracht", f"""{note}<p><a href='/'>&larr; Alle overdrachten</a></p>
<h1>{escape(item['naam'] or 'Overdracht')}</h1>
<p>{_status(item)} Kenmerk <code>{escape(item['kenmerk'])}</code>, ontvangen {escape(local_time(item['ontvangen_op']))}</p>{actions}
<h2>Samenvatting</h2><p>{escape(summary['samenvatting'])}</p><ul>{facts}</ul>
<h2>Wat de persoon nog zei</h2><ul>{remarks}</ul>
<h2>Advies van de bot</h2><ul>{routes}</ul><h2>Vragen die de bot niet kon beantwoorden</h2><ul>{questions}</ul>
<h2>Gesprek</h2><div class='transcript'>{talk}</div>
<p>Gesprek-id: <code>{escape(summary['conversation_id'])}</code>, overdracht <code>{escape(item['id'])}</code></p>""",
                  user, csrf)


def confirm_finish(item: Dict[str, Any], note: str, user: str, csrf: str) -> str:
    """The confirmation step of finishing: the notes are shown and can still be changed."""
    return layout("Afronden bevestigen", f"""<p><a href='/overdracht/{escape(item['id'])}'>&larr; Terug zonder af te ronden</a></p>
<h1>Weet je zeker dat je wilt afronden?</h1>
<p>Je rondt de overdracht van {escape(item['naam'] or 'deze persoon')} (kenmerk <code>{escape(item['kenmerk'])}</code>) af.
Daarna kun je het gesprek niet meer overnemen.</p>
<form method='post' action='/overdracht/{escape(item['id'])}/afronden'>
<input type='hidden' name='csrf' value='{escape(csrf)}'><input type='hidden' name='bevestigd' value='ja'>
<label for='notitie'>Notities</label><textarea id='notitie' name='notitie' maxlength='4000'>{escape(note)}</textarea>
<p><button type='submit'>Ja, rond af</button></p></form>""", user, csrf)


def _button(action: str, label: str, csrf: str) -> str:
    return (f"<form method='post' action='{escape(action)}'><input type='hidden' name='csrf' value='{escape(csrf)}'>"
            f"<button type='submit'>{escape(label)}</button></form>")


def live(item: Dict[str, Any], user: str, csrf: str) -> str:
    name = escape(item["naam"] or "de persoon")
    return layout(f"Live gesprek met {item['naam'] or 'de persoon'}", f"""<p><a href='/overdracht/{escape(item['id'])}'>&larr; Terug naar de overdracht</a></p>
<h1>Live gesprek met {name}</h1>
<div id='live' data-api='/api/overdrachten/{escape(item['id'])}/live' data-csrf='{escape(csrf)}'>
<p id='live-status' role='status' aria-live='polite'>Bezig met laden...</p>
<p><button type='button' id='overnemen'>Neem het gesprek over</button>
<button type='button' id='teruggeven' hidden>Geef terug aan de assistent</button></p>
<div id='gesprek' role='log' aria-live='polite' aria-label='Gesprek' class='transcript'></div>
<form id='bericht-form' hidden><label for='bericht'>Jouw bericht aan {name}</label>
<input id='bericht' autocomplete='off' maxlength='{MAX_MESSAGE_LENGTH}'> <button type='submit'>Verstuur</button></form>
</div><script src='/static/live.js'></script>""", user, csrf)
