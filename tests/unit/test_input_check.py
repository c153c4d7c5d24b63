"""Messages the language model should not classify get a fixed kind."""

import pytest

from bot.input_check import InputKind, classify, has_personal_number


@pytest.mark.parametrize(
    "text, kind",
    [
        ("", InputKind.EMPTY),
        ("   ", InputKind.EMPTY),
        (None, InputKind.EMPTY),
        ("😀😀😀", InputKind.NO_WORDS),
        ("👍", InputKind.NO_WORDS),
        ("?!?", InputKind.NO_WORDS),
        ("<script>alert(1)</script>", InputKind.MARKUP),
        ("<b></b>", InputKind.MARKUP),
        ("123456782", InputKind.PERSONAL_NUMBER),
        ("1234 56 782", InputKind.PERSONAL_NUMBER),
        ("123 - 456 - 782", InputKind.PERSONAL_NUMBER),
        ("bsn123456782", InputKind.PERSONAL_NUMBER),
        ("123456789", InputKind.NO_WORDS),  # fails the 11-proef: no personal number, no words either
        ("NL91ABNA0417164300", InputKind.PERSONAL_NUMBER),
        ("mijn bsn is 123456782", InputKind.PERSONAL_NUMBER),
        ("a" * 5000, InputKind.TOO_LONG),
        ("Hello, I would like to become a teacher, can you help me?", InputKind.ENGLISH),
        ("what do I need to teach in the netherlands", InputKind.ENGLISH),
    ],
)
def test_unusable_input(text, kind):
    assert classify(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "hallo",
        "ik heb hbo",
        "12",
        "ik wil docent engels worden",
        "is het mogelijk om in deeltijd te studeren",
        "<b>ik heb hbo</b>",
        "ok",
        "ik ben 42 en werk 12 jaar als lab-analist",
        "hi",
    ],
)
def test_ordinary_messages_pass(text):
    assert classify(text) is None


def test_short_numbers_are_not_personal_numbers():
    assert not has_personal_number("ik werk 12 jaar en ben 42")
