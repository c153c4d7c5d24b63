"""The entity benchmark reads both corpus formats and passes the asked slot on."""

from __future__ import annotations

from bot.benchmarks import entities


def test_reads_the_message_format_with_asked_slot(tmp_path):
    corpus = tmp_path / "berichten.yml"
    corpus.write_text(
        "berichten:\n"
        "  - tekst: \"Deventer\"\n    intent: inform\n    faq: null\n    context: provincie\n"
        "    entiteiten: {provincie: overijssel}\n"
        "  - tekst: \"hoi\"\n    intent: greet\n    faq: null\n    context: null\n    entiteiten: {}\n",
        encoding="utf-8",
    )
    items = entities.load(str(corpus))
    assert items == [
        {"text": "Deventer", "facts": {"provincie": "overijssel"}, "expected": "provincie"},
        {"text": "hoi", "facts": {}, "expected": None},
    ]
    counts, errors = entities.evaluate(items)
    assert counts["provincie"]["tp"] == 1 and not errors


def test_reads_the_text_and_facts_format(tmp_path):
    corpus = tmp_path / "messages.yml"
    corpus.write_text(
        "messages:\n  - text: \"ik woon in Zwolle\"\n    facts: {provincie: overijssel}\n", encoding="utf-8"
    )
    counts, errors = entities.evaluate(entities.load(str(corpus)))
    assert counts["provincie"]["tp"] == 1 and not errors
