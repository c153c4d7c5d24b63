"""The chat widget in a real headless Chromium (Debian's package, driven by Playwright):
a whole conversation by keyboard only, reload, 320 px, Escape, and axe-core (WCAG 2.1 A/AA)
in the closed, open, advice and handoff states. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.site_client import conversation_in

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
STORY = "Ik ben 38, heb hbo bedrijfskunde en een basisschool in Zwolle wil me per augustus aannemen."
ANSWERS = {
    "Heb je je diploma in het buitenland gehaald?": "nee",
    "Is Nederlands je moedertaal?": "ja",
    "Wat voor werk doe je nu?": "ik werk als projectleider",
    "Hoeveel jaar werkervaring": "10 jaar",
    "bevoegdheid": "nog geen bevoegdheid",
    "voltijd": "deeltijd",
}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: scripts/setup.sh installeert het pakket 'chromium'")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL", bypass_csp=True)
    tab = context.new_page()
    tab.goto(f"{stack.rasa}/webhooks/site/")
    yield tab
    context.close()


def axe(page: Page, state: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], f"axe ({state}): {json.dumps(violations, ensure_ascii=False)}"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def bot_count(page: Page) -> int:
    return page.locator(".olc-bot, .olc-staff").count()


def type_and_wait(page: Page, text: str) -> None:
    """Types a message with the keyboard, sends it with Enter and waits for the answer."""
    before = bot_count(page)
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator(".olc-bot, .olc-staff")).not_to_have_count(before, timeout=30000)
    page.wait_for_timeout(300)  # the rest of the turn
    expect(page.locator(".olc-typing")).to_be_hidden(timeout=30000)


def open_by_keyboard(page: Page) -> None:
    page.keyboard.press("Tab")  # skip link
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "olc-launcher":
            break
    assert page.evaluate("document.activeElement.textContent") == "Chat met de assistent"
    page.keyboard.press("Enter")
    expect(page.locator(".olc-launcher")).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#olc-input")).to_be_focused()
    expect(page.locator(".olc-bot").first).to_contain_text("Ik ben een computer, geen mens", timeout=30000)
    expect(page.locator(".olc-typing")).to_be_hidden(timeout=30000)


def answer_profile_questions(page: Page) -> None:
    for _ in range(8):
        last = page.locator(".olc-bot").last.inner_text()
        if "Klopt dit?" in last:
            return
        answer = next((a for q, a in ANSWERS.items() if q in last), None)
        assert answer, f"onverwachte vraag: {last}"
        type_and_wait(page, answer)
    pytest.fail("het profiel werd niet compleet")


def test_keyboard_only_from_hello_to_route_cards_and_consented_handoff(page, stack):
    axe(page, "dicht")
    shot(page, "1-dicht")
    open_by_keyboard(page)
    axe(page, "open")
    type_and_wait(page, STORY)
    answer_profile_questions(page)
    type_and_wait(page, "ja")
    cards = page.locator(".olc-card h3")
    expect(cards.first).to_have_text("Zij-instroom in het beroep, basisonderwijs", timeout=30000)
    expect(page.locator(".olc-card a").first).to_have_attribute(
        "href",
        "https://www.rijksoverheid.nl/onderwerpen/"
        "werken-in-het-onderwijs/vraag-en-antwoord/"
        "hoe-word-ik-zijinstromer-in-het-onderwijs",
    )
    axe(page, "advies")
    shot(page, "2-advies")

    type_and_wait(page, "ik wil een mens spreken")
    type_and_wait(page, "Sanne de Vries")
    # The contact preference by keyboard: Shift+Tab from the input reaches the answer buttons.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "E-mail"
    before = bot_count(page)
    page.keyboard.press("Enter")
    expect(page.locator(".olc-bot")).not_to_have_count(before, timeout=30000)
    expect(page.locator("#olc-input")).to_be_focused()  # the widget returns focus to the input
    type_and_wait(page, "sanne@voorbeeld.nl")
    expect(page.locator(".olc-summary")).to_contain_text("Naam: Sanne de Vries", timeout=30000)
    axe(page, "overdracht")
    shot(page, "3-overdracht")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Ja, dat mag"
    page.keyboard.press("Enter")
    expect(page.locator(".olc-bot").last).to_contain_text("Je gegevens zijn goed opgeslagen", timeout=30000)


def test_reload_keeps_the_conversation(page, stack):
    page.get_by_role("button", name="Chat met de assistent").click()
    expect(page.locator(".olc-bot").first).to_contain_text("geen mens", timeout=30000)
    page.locator("#olc-input").focus()
    type_and_wait(page, "ik heb havo en werk als kok")
    page.reload()
    expect(page.locator(".olc-panel")).to_be_visible()  # still open after the reload
    expect(page.locator(".olc-person").last).to_have_text("ik heb havo en werk als kok", timeout=30000)
    expect(page.locator(".olc-bot").first).to_contain_text("geen mens")


def test_escape_closes_and_returns_focus(page, stack):
    page.get_by_role("button", name="Chat met de assistent").click()
    expect(page.locator("#olc-input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".olc-panel")).to_be_hidden()
    expect(page.locator(".olc-launcher")).to_be_focused()
    expect(page.locator(".olc-launcher")).to_have_attribute("aria-expanded", "false")


def test_usable_at_320_pixels(browser, stack):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"{stack.rasa}/webhooks/site/")
        page.get_by_role("button", name="Chat met de assistent").click()
        expect(page.locator(".olc-bot").first).to_contain_text("geen mens", timeout=30000)
        page.locator("#olc-input").focus()
        type_and_wait(page, "ik heb een wo-master scheikunde")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        box = page.locator(".olc-panel").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
        for name in ("Praat met een medewerker", "Opnieuw beginnen", "Verstuur", "Chat sluiten"):
            control = page.get_by_role("button", name=name).bounding_box()
            assert control["x"] >= 0 and control["x"] + control["width"] <= 320, name
        axe(page, "320 px")
        shot(page, "4-320px")
    finally:
        context.close()


def test_zoom_200_percent_keeps_everything_reachable(browser, stack):
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(f"{stack.rasa}/webhooks/site/")
        page.get_by_role("button", name="Chat met de assistent").click()
        expect(page.locator(".olc-bot").first).to_contain_text("geen mens", timeout=30000)
        for control in (".olc-human", ".olc-restart", ".olc-form button", ".olc-close", "#olc-input"):
            expect(page.locator(control)).to_be_in_viewport()
    finally:
        context.close()


def test_person_sees_when_a_human_joins_and_when_the_bot_is_back(page, stack):
    import urllib.request

    page.get_by_role("button", name="Chat met de assistent").click()
    expect(page.locator(".olc-bot").first).to_contain_text("geen mens", timeout=30000)
    conversation_id = conversation_in(page.evaluate("localStorage.getItem('olc-token')"))

    def events(body, side_effects=True):
        query = "&output_channel=latest&execute_side_effects=true" if side_effects else ""
        request = urllib.request.Request(
            f"{stack.rasa}/conversations/{conversation_id}/tracker/events?token={stack.token}{query}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        assert urllib.request.urlopen(request, timeout=20).status == 200

    status = {"type": "medewerker_status", "status": "aanwezig", "naam": "Lotte"}
    events([{"event": "pause"}], side_effects=False)
    events([{"event": "bot", "text": None, "data": {"custom": status}, "metadata": {"medewerker": "Lotte"}}])
    events([{"event": "bot", "text": "Hoi, ik ben Lotte van het Onderwijsloket.", "metadata": {"medewerker": "Lotte"}}])
    expect(page.locator(".olc-status")).to_have_text(
        "Lotte van het Onderwijsloket praat nu met je. Je praat met een mens."
    )
    expect(page.locator(".olc-who-line")).to_have_text("Je chat nu met Lotte, een medewerker van het Onderwijsloket.")
    expect(page.locator(".olc-staff .olc-who")).to_have_text("Medewerker Lotte:")
    axe(page, "medewerker")
    shot(page, "5-medewerker")
    events([{"event": "bot", "text": None, "data": {"custom": {**status, "status": "weg"}}}])
    events([{"event": "resume"}], side_effects=False)
    expect(page.locator(".olc-status")).to_have_text("De assistent is weer terug.")
