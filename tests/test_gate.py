"""The promotion gate's rules."""

from bot.maintenance.gate import Metrics, decide

OLD = Metrics(0.80, 0.85, {"greet": 0.95, "inform": 0.82, "faq": 0.90}, 1.0)


def test_a_better_model_passes():
    new = Metrics(0.83, 0.87, {"greet": 0.96, "inform": 0.85, "faq": 0.91}, 1.0)
    decision = decide(OLD, new)
    assert decision.promote and decision.reasons[0] == "intent macro-F1 0.800 -> 0.830 (+0.030)"


def test_within_the_threshold_passes():
    assert decide(OLD, Metrics(0.795, 0.85, OLD.per_intent, 1.0)).promote


def test_a_worse_model_is_blocked_with_reasons():
    new = Metrics(0.60, 0.70, {"greet": 0.95, "inform": 0.50, "faq": 0.90}, 0.75)
    decision = decide(OLD, new)
    assert not decision.promote
    assert decision.reasons == [
        "intent macro-F1 daalt van 0.800 naar 0.600 (-0.200; toegestaan: -0.010)",
        "intent 'inform' daalt van 0.82 naar 0.50 (meer dan 0.10)",
        "testgesprekken goed: 100% -> 75% (minder)",
    ]


def test_one_intent_collapsing_blocks_even_when_the_average_holds():
    new = Metrics(0.80, 0.85, {"greet": 0.95, "inform": 0.82, "faq": 0.70}, 1.0)
    assert not decide(OLD, new).promote
