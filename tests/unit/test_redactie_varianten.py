"""Redaction of every separator variant, also Unicode spaces, and no over-redaction of the
bot's own texts: the thanks after a handoff and words that contain a contact detail."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from bot import texts
from bot.privacy import events as privacy
from bot.privacy.redact import BSN_LABEL, CARD_LABEL, IBAN_LABEL, redact

#: Spaces people (and their phones) put between digits: normal, no-break, thin, narrow no-break.
SPACES = (" ", "\u00a0", "\u2009", "\u202f", "\t")
PUNCTUATION = ("", ".", "-", ",", "_", "/")


def bsns():
    """Valid BSNs: eight digits and the last digit that passes the 11-proef."""

    def complete(body: str) -> str:
        for last in "0123456789":
            if stdnum_bsn.is_valid(body + last):
                return body + last
        return ""

    body = st.integers(min_value=10_000_000, max_value=99_999_999).map(lambda n: f"{n:08d}")
    return body.map(complete).filter(bool)


@settings(max_examples=400, deadline=None)
@given(
    number=bsns(),
    space=st.sampled_from(SPACES),
    count=st.integers(0, 2),
    mark=st.sampled_from(PUNCTUATION),
    glue=st.sampled_from(["", "bsn", "BSN:", "mijnbsn"]),
    after=st.sampled_from(["", " graag", "graag", "."]),
)
def test_bsn_with_any_spaces_and_separators_is_redacted(number, space, count, mark, glue, after):
    pad = space * count
    separator = f"{pad}{mark}{pad}" if mark else (space * max(count, 1))
    written = separator.join([number[:3], number[3:6], number[6:]])
    text = f"ik heb {glue}{written}{after}"
    result = redact(text).text
    assert BSN_LABEL in result, (text, result)
    assert number not in re.sub(r"\D", "", result), (text, result)


def test_examples_of_the_issue():
    for text in (
        "123  456  782",
        "123 - 456 - 782",
        "123,456,782",
        "123\u00a0456\u00a0782",
        "123\u2009456\u2009782",
        "bsn123456782",
        "mijn bsn is 123\u202f456\u202f782 graag",
    ):
        assert BSN_LABEL in redact(text).text, text
    assert redact("NL91\u00a0ABNA\u00a00417\u00a01643\u00a000").text == IBAN_LABEL
    assert redact("4111\u20091111\u20091111\u20091111").text == CARD_LABEL


def test_dates_and_source_lines_stay():
    for text in (
        "(bijgewerkt 2026-11-02)",
        "Bron: https://www.onderwijsloket.com/x (bijgewerkt: 02-11-2026)",
        "bijgewerkt\u00a02026-11-02",
        "2026-11-02T10:00:00+00:00",
    ):
        assert redact(text).text == text


def test_thanks_after_a_handoff_does_not_carry_the_name():
    """The thanks is a bot text: scrubbing the name later must not turn it into
    "Dank je, [contactgegevens]!"."""
    rendered = texts.render("overdracht_opgeslagen", contact="per e-mail", kenmerk="abcd1234")
    assert "{naam}" not in texts.TEXTS["overdracht_opgeslagen"]["text"]
    assert rendered["text"].startswith("Dank je wel!")
    event = {"event": "bot", "text": rendered["text"], "timestamp": 1.0}
    assert privacy.scrub_contacts(event, {"Sanne", "sanne@example.nl"}) == event


def test_contact_scrub_uses_word_boundaries():
    bot = {
        "event": "bot",
        "timestamp": 1.0,
        "text": "In januari start de opleiding van Jan Peters; bel 0612345678 of 06123456789.",
    }
    cleaned = privacy.scrub_contacts(bot, {"Jan", "0612345678"})["text"]
    assert "januari" in cleaned
    assert "Peters" in cleaned and "[contactgegevens] Peters" in cleaned
    assert "bel [contactgegevens] of 06123456789." in cleaned
    user = {"event": "user", "text": "ik ben Jan, Jansen is mijn achternaam", "timestamp": 1.0}
    assert privacy.scrub_contacts(user, {"Jan"})["text"] == "ik ben [contactgegevens], Jansen is mijn achternaam"
