"""The inbox templates (connectors/inbox/templates): whatever a person, an intaker or a
delivery error wrote is escaped on every page, and every form that posts carries the CSRF token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connectors.inbox import pages

EVIL = "<script>alert('x')</script>\"&{{ 7*7 }}"
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#34;&amp;{{ 7*7 }}"
TEMPLATES = Path(pages.__file__).resolve().parent / "templates"


def item(status: str) -> dict:
    summary = {
        "conversation_id": EVIL,
        "samenvatting": EVIL,
        "profiel": {},
        "notities": [EVIL],
        "vragen_open": [EVIL],
        "contact": {"naam": EVIL, "email": EVIL, "telefoon": None, "contactvoorkeur": None},
        "advies": {"routes": [{"id": EVIL, "titel": EVIL, "waarom": EVIL, "bron": EVIL}]},
        "transcript": [
            {"van": "persoon", "tekst": EVIL, "tijd": "2026-11-23T16:05:00Z"},
            {"van": EVIL, "tekst": EVIL, "tijd": None},
        ],
    }
    return {
        "id": EVIL,
        "naam": EVIL,
        "kenmerk": EVIL,
        "status": status,
        "geclaimd_door": EVIL,
        "geclaimd_door_id": 1,
        "ontvangen_op": "2026-11-23T16:05:00Z",
        "afgerond_op": "2026-11-24T09:00:00Z",
        "samenvatting": EVIL,
        "notitie": EVIL,
        "summary": summary,
    }


def all_pages():
    dead = [{"connector": EVIL, "overdracht_id": EVIL, "pogingen": 3, "laatste_fout": EVIL}]
    yield "login", pages.login(EVIL, csrf=EVIL)
    yield "message", pages.message(EVIL, EVIL, EVIL, EVIL)
    yield "overview", pages.overview([item(s) for s in ("nieuw", "geclaimd", "afgerond")], dead, EVIL, EVIL, EVIL)
    for status in ("nieuw", "geclaimd", "afgerond"):
        yield f"detail {status}", pages.detail(item(status), 1, EVIL, EVIL, EVIL)
    yield "confirm_finish", pages.confirm_finish(item("geclaimd"), EVIL, EVIL, EVIL)
    yield "live", pages.live(item("geclaimd"), EVIL, EVIL)


@pytest.mark.parametrize("name,html", list(all_pages()))
def test_user_text_is_escaped_everywhere(name, html):
    assert "<script>alert" not in html and "alert('x')" not in html
    assert ESCAPED in html, name  # "{{ 7*7 }}" stays text: user input is never a template


@pytest.mark.parametrize("name,html", list(all_pages()))
def test_every_post_form_has_the_csrf_field(name, html):
    forms = re.findall(r"<form method='post'[^>]*>(.*?)</form>", html, re.S)
    assert forms or name == "message"
    for form in forms:
        assert "<input type='hidden' name='csrf' value='" in form


def test_no_template_switches_escaping_off():
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"\|\s*safe\b|\{%-?\s*autoescape", text), template.name
    assert pages.ENV.autoescape is True
