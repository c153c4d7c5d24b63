"""The promotion gate's rules: a block names the intent, its support and the messages that
changed; a drop on too little support gives no verdict."""

from bot.maintenance.gate import Metrics, decide

SUPPORT = {"greet": 20, "inform": 40, "faq": 30}
OLD = Metrics(0.80, 0.85, {"greet": 0.95, "inform": 0.82, "faq": 0.90}, 1.0, SUPPORT)


def test_a_better_model_passes():
    new = Metrics(0.83, 0.87, {"greet": 0.96, "inform": 0.85, "faq": 0.91}, 1.0, SUPPORT)
    decision = decide(OLD, new)
    assert decision.promote and decision.reasons[0] == "intent macro-F1 0.800 -> 0.830 (+0.030)"


def test_within_the_threshold_passes():
    assert decide(OLD, Metrics(0.795, 0.85, OLD.per_intent, 1.0, SUPPORT)).promote


def test_a_worse_model_is_blocked_with_reasons():
    new = Metrics(0.60, 0.70, {"greet": 0.95, "inform": 0.50, "faq": 0.90}, 0.75, SUPPORT)
    decision = decide(OLD, new)
    assert not decision.promote
    assert decision.reasons == [
        "intent macro-F1 daalt van 0.800 naar 0.600 (-0.200; toegestaan: -0.010)",
        "intent 'inform' daalt van 0.82 naar 0.50 (meer dan 0.10); 40 apart gehouden voorbeeld(en), "
        "0 bericht(en) anders voorspeld",
        "testgesprekken goed: 100% -> 75% (minder)",
    ]


def test_one_intent_collapsing_blocks_even_when_the_average_holds():
    new = Metrics(0.80, 0.85, {"greet": 0.95, "inform": 0.82, "faq": 0.70}, 1.0, SUPPORT)
    assert not decide(OLD, new).promote


def _predictions(wrong: int, total: int, intent: str = "out_of_scope"):
    """``total`` held-out messages of ``intent``; the first ``wrong`` predicted as faq."""
    return {f"bericht {i}": (intent, "faq" if i < wrong else intent) for i in range(total)}


def test_a_block_names_the_intent_its_support_and_the_changed_messages():
    old = Metrics(
        0.80, 0.85, {"out_of_scope": 0.90, "faq": 0.90}, None, {"out_of_scope": 12, "faq": 30}, _predictions(1, 12)
    )
    new = Metrics(
        0.795, 0.85, {"out_of_scope": 0.60, "faq": 0.88}, None, {"out_of_scope": 12, "faq": 30}, _predictions(4, 12)
    )
    decision = decide(old, new)
    assert not decision.promote
    (drop,) = decision.drops
    assert drop.intent == "out_of_scope" and drop.support == 12 and drop.blocks
    assert [str(c) for c in drop.changes] == [
        '"bericht 1" (hoort bij out_of_scope): out_of_scope -> faq',
        '"bericht 2" (hoort bij out_of_scope): out_of_scope -> faq',
        '"bericht 3" (hoort bij out_of_scope): out_of_scope -> faq',
    ]
    assert (
        "intent 'out_of_scope' daalt van 0.90 naar 0.60 (meer dan 0.10); 12 apart gehouden voorbeeld(en), "
        "3 bericht(en) anders voorspeld" in decision.reasons
    )


def test_no_verdict_on_one_changed_message_or_on_tiny_support():
    # The drop of the issue: 12 held-out examples, one message changed.
    old = Metrics(0.80, 0.85, {"out_of_scope": 0.27}, None, {"out_of_scope": 12}, _predictions(8, 12))
    new = Metrics(0.80, 0.85, {"out_of_scope": 0.14}, None, {"out_of_scope": 12}, _predictions(9, 12))
    decision = decide(old, new)
    assert decision.promote and not decision.drops[0].blocks and len(decision.drops[0].changes) == 1
    assert "geen oordeel, te weinig steun" in decision.reasons[1]
    # Three examples in all, every one changed: still too little support for a verdict.
    tiny_old = Metrics(
        0.80, 0.85, {"bot_challenge": 1.0}, None, {"bot_challenge": 3}, _predictions(0, 3, "bot_challenge")
    )
    tiny_new = Metrics(
        0.80, 0.85, {"bot_challenge": 0.0}, None, {"bot_challenge": 3}, _predictions(3, 3, "bot_challenge")
    )
    assert decide(tiny_old, tiny_new).promote
