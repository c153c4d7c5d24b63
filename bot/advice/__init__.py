"""The advice engine: from a profile to ranked routes, gaps, exemptions, costs and next steps.

Plain Python over the knowledge-base catalog; nothing here knows Rasa. ``advise`` is
deterministic: the same profile and catalog always give the same advice.
"""

from bot.advice.advice_profile import AdviceProfile
from bot.advice.engine import advise

__all__ = ["advise", "AdviceProfile"]
