"""Maintainers' tools: review exports, merging reviewed examples, test stories from real
conversations (plain Python over the tracker store's tables)."""
