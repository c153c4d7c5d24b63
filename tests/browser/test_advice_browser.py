"""The advice in a chat, in Chromium at 390x844 (phone) and 1280x800 (desktop): the short
answer first, then collapsible route cards (one per route, no text twice), then the
follow-up buttons; one date format; reachable by keyboard; axe-core finds nothing.
Screenshots: tests/artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_widget_browser import ANSWERS, STORY, axe, browser, shot, type_and_wait  # noqa: F401
from tests.site_client import conversation_in


def answer_profile_questions(page) -> None:
    """Answers the profile questions until the read-back ("Klopt dit?"). The question may
    come a moment after an acknowledgement, so a message without a known question is read
    again after a short wait."""
    for _ in range(30):
        last = page.locator(".olc-bot").last.inner_text()
        if "Klopt dit?" in last:
            return
        answer = next((a for q, a in ANSWERS.items() if q in last), None)
        if answer is None:
            page.wait_for_timeout(500)
            continue
        type_and_wait(page, answer)
    pytest.fail(f"het profiel werd niet compleet: {last}")


MEASURE = """() => {
  const log = document.querySelector('.olc-log');
  const y = (node) => node.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
  const card = document.querySelector('.olc-advice .olc-card');
  const advice = document.querySelector('.olc-advice');
  const groups = document.querySelectorAll('.olc-log .olc-choices');
  const buttons = groups[groups.length - 1];
  return {screen: log.clientHeight, total: log.scrollHeight,
          card_bottom: y(card) + card.getBoundingClientRect().height,
          advice_top: y(advice), advice_end: y(buttons) + buttons.getBoundingClientRect().height,
          buttons_after_cards: y(buttons) > y(card),
          shown_at: log.scrollTop};
}"""


@pytest.mark.parametrize(
    "name, viewport", [("telefoon", {"width": 390, "height": 844}), ("desktop", {"width": 1280, "height": 800})]
)
def test_advice_fits_a_chat(browser, stack, name, viewport):  # noqa: F811
    context = browser.new_context(
        viewport=viewport, locale="nl-NL", bypass_csp=True, is_mobile=name == "telefoon", has_touch=name == "telefoon"
    )
    page = context.new_page()
    try:
        page.goto(f"{stack.rasa}/webhooks/site/")
        page.get_by_role("button", name="Chat met de assistent").click()
        expect(page.locator(".olc-bot").first).to_contain_text("geen mens", timeout=30000)
        expect(page.locator(".olc-launcher")).to_be_hidden()  # not both the open chat and its launcher
        # The header's own buttons (a bot message may offer a person too).
        rows = {round(page.locator(selector).bounding_box()["y"]) for selector in (".olc-human", ".olc-restart")}
        assert len(rows) == 1, f"de knoppen bovenin staan op {len(rows)} rijen"
        page.locator("#olc-input").focus()
        type_and_wait(page, STORY)
        answer_profile_questions(page)
        type_and_wait(page, "ja")
        expect(page.locator(".olc-advice")).to_be_visible(timeout=30000)
        expect(page.locator(".olc-advice-short")).to_contain_text(
            "Mijn advies: Zij-instroom in het beroep, basisonderwijs."
        )
        page.wait_for_timeout(500)
        m = page.evaluate(MEASURE)
        # From opening the chat (the top of the conversation: the earlier questions and answers
        # are folded into "Eerdere berichten") to the whole first route card, from the start of
        # the advice to that card, and the whole advice to the end of the buttons: at most two
        # screens each.
        scroll_to_card = max(0.0, m["card_bottom"] - m["advice_top"] - m["screen"])
        from_top = max(0.0, m["card_bottom"] - m["screen"])
        print(
            f"{name}: scherm {m['screen']} px; scrollen van het begin van het advies tot de eerste routekaart "
            f"{scroll_to_card:.0f} px ({scroll_to_card / m['screen']:.2f} schermen); heel advies "
            f"{m['advice_end'] - m['advice_top']:.0f} px ({(m['advice_end'] - m['advice_top']) / m['screen']:.2f} "
            f"schermen); vanaf het openen van de chat {from_top / m['screen']:.2f} schermen"
        )
        assert scroll_to_card <= 2 * m["screen"], m
        assert from_top <= 2 * m["screen"], m
        assert m["advice_end"] - m["advice_top"] <= 2 * m["screen"], m  # the advice, details closed
        assert m["buttons_after_cards"], m
        assert abs(m["shown_at"] - m["advice_top"]) < m["screen"], m  # the chat shows the start of the advice

        earlier = page.locator(".olc-earlier")
        expect(earlier).to_have_count(1)
        expect(earlier).not_to_have_attribute("open", "")
        expect(earlier.locator("summary")).to_have_text(re.compile(r"^Eerdere berichten \(\d+\)$"))
        earlier.locator("summary").click()
        expect(earlier.locator(".olc-bot").first).to_contain_text("Ik ben een computer, geen mens")
        expect(earlier.locator(".olc-person").first).to_have_text(STORY)
        earlier.locator("summary").click()

        payload = stack.tracker(conversation_in(page.evaluate("localStorage.getItem('olc-token')")))["slots"]["advies"]
        cards = page.locator(".olc-advice li.olc-card")
        expect(cards).to_have_count(len(payload["routes"]))
        for summary in page.locator(".olc-advice summary").all():  # open every part: all text is there once
            summary.click()
        text = page.locator(".olc-log").inner_text()
        for route in payload["routes"]:
            assert text.count(route["waarom"]) == 1, route["id"]
            assert text.count(route["titel"]) >= 1
        assert "Dit is mijn advies voor jou:" not in text  # the plain text version is not shown twice
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "datum als JJJJ-MM-DD"
        assert re.search(r"bijgewerkt: \d{2}-\d{2}-\d{4}", text)
        axe(page, f"advies open ({name})")
        shot(page, f"advies-{name}-open")
        for summary in page.locator(".olc-advice summary").all():
            summary.click()
        page.locator(".olc-advice summary").first.scroll_into_view_if_needed()
        axe(page, f"advies dicht ({name})")
        shot(page, f"advies-{name}")

        # By keyboard: Tab reaches the first card; Enter opens it.
        page.locator(".olc-advice summary").first.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".olc-advice details").first).to_have_attribute("open", "")
        expect(page.locator(".olc-advice details").first.locator("dd").first).to_be_visible()
    finally:
        context.close()
