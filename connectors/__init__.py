"""Channels to the intakers' systems: the handoff outbox, its delivery worker and connectors
(webhook, e-mail, the built-in intaker inbox)."""
