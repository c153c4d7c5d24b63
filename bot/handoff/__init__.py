"""The handoff to a human intaker: contact details, the summary, its schema (plain Python)."""
