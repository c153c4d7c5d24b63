"""Custom actions, run with ``rasa run actions --actions bot.actions``.

Every module imported here registers its actions with the action server.
"""

from bot.actions import advice, clarification, handoff, profile_form, profile_review  # noqa: F401
