"""The intaker's day in Chromium (desktop): the list with reference, status filter and
Dutch local time; the detail with province and remarks and no commands in the transcript;
finishing with notes and a confirmation. axe-core finds nothing on each page.
Screenshots: tests/artifacts/."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import expect

from bot.handoff.summary import build_summary
from bot.store import db
from connectors.delivery import InboxConnector
from connectors.inbox import auth
from connectors.inbox.tables import inbox_item
from tests.browser.test_widget_browser import axe, browser, shot  # noqa: F401
from tests.services.test_handoff_delivery import store

PASSWORD = "wachtwoord-voor-de-inbox"
SLOTS = {
    "vooropleiding": "hbo-bachelor",
    "studierichting": "economie",
    "sector": "vo",
    "schoolvak": "economie",
    "provincie": "limburg",
    "huidig_beroep": "accountmanager",
    "werkervaring_jaren": 8,
    "baan_op_school": "nee",
    "naam": "Noor Bakker",
    "email": None,
    "telefoon": "+31612345678",
    "contactvoorkeur": "telefoon",
}
EVENTS = [
    {"event": "user", "text": "ik werk 4 dagen per week als accountmanager, bel na 17u", "timestamp": 1763900000.0},
    {"event": "user", "text": '/inform{"contactvoorkeur":"telefoon"}', "timestamp": 1763900010.0},
    {"event": "bot", "text": "Op welk telefoonnummer kan de medewerker je bellen?", "timestamp": 1763900011.0},
]


def _deliver(stack, conversation_id: str, received: dt.datetime) -> str:
    engine = db.get_engine(stack.app_db)
    try:
        auth.add_intaker(engine, "ilse", "Ilse", PASSWORD)
    except auth.AccountError:
        pass
    handoff_id = store(engine, ["inbox"], build_summary(conversation_id, SLOTS, EVENTS))
    with ThreadPoolExecutor(1) as pool:  # Playwright's event loop runs in this thread
        pool.submit(asyncio.run, InboxConnector(engine).deliver(handoff_id, {})).result()
    with engine.begin() as connection:
        connection.execute(
            inbox_item.update().where(inbox_item.c.overdracht_id == handoff_id).values(ontvangen_op=received)
        )
    return handoff_id


def test_list_detail_and_finishing_with_notes(browser, stack):  # noqa: F811
    handoff_id = _deliver(stack, "inbox-browser-1", dt.datetime(2026, 11, 23, 16, 5))  # 17:05 in Amsterdam
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"{stack.inbox}/login")
        page.get_by_label("Gebruikersnaam").fill("ilse")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(f"{stack.inbox}/")
        row = page.locator("tr", has_text="Noor Bakker")
        expect(row).to_contain_text(handoff_id[:8])
        expect(row).to_contain_text("23-11-2026 17:05")
        expect(page.get_by_role("columnheader", name="Kenmerk")).to_be_visible()
        axe(page, "inbox lijst")
        shot(page, "inbox-1-lijst")

        page.get_by_label("Status").select_option("afgerond")
        page.get_by_role("button", name="Toon").click()
        expect(page).to_have_url(re.compile(r"status=afgerond"))
        expect(page.locator("tr", has_text="Noor Bakker")).to_have_count(0)
        page.get_by_label("Status").select_option("nieuw")
        page.get_by_role("button", name="Toon").click()
        expect(page.locator("tr", has_text="Noor Bakker")).to_have_count(1)

        page.get_by_role("link", name="Noor Bakker").first.click()
        expect(page.locator("main")).to_contain_text("in de provincie Limburg")
        expect(page.locator("main")).to_contain_text("Bel na 17u")
        expect(page.locator(".transcript")).not_to_contain_text("/inform")
        page.get_by_role("button", name="Claim deze overdracht").click()
        expect(page.locator(".melding")).to_have_text("Je hebt deze overdracht geclaimd.")
        page.get_by_label("Notities bij het afronden (wat je hebt afgesproken)").fill("Gebeld om 17:15. Stuurt cv.")
        axe(page, "inbox detail")
        shot(page, "inbox-2-detail")
        page.get_by_role("button", name="Afronden").click()
        expect(page.get_by_role("heading", name="Weet je zeker dat je wilt afronden?")).to_be_visible()
        expect(page.get_by_label("Notities")).to_have_value("Gebeld om 17:15. Stuurt cv.")
        axe(page, "inbox bevestigen")
        shot(page, "inbox-3-bevestigen")
        page.get_by_role("button", name="Ja, rond af").click()
        expect(page.locator(".melding")).to_have_text("Klaar: de overdracht is afgerond. Je notities zijn bewaard.")
        expect(page.locator(".notitie")).to_have_text("Gebeld om 17:15. Stuurt cv.")
        axe(page, "inbox afgerond")
        shot(page, "inbox-4-afgerond")
    finally:
        context.close()
