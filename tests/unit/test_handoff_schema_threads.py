"""The handoff schema's validator is built once, also when many handoffs arrive at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import jsonschema.validators

from bot.handoff import schema


def test_the_validator_is_built_safely_from_many_threads_without_the_internet(monkeypatch):
    # As in a fresh process: jsonschema's table of meta-schemas is still empty, and there
    # is no internet to fetch a missing one from.
    def offline(uri):
        raise AssertionError(f"no network access expected, asked for {uri}")

    monkeypatch.setattr(jsonschema.validators, "_VOCABULARIES", [])
    monkeypatch.setattr(jsonschema.validators.RefResolver, "resolve_remote", lambda self, uri: offline(uri))
    cached = getattr(schema, "_build", schema.validator)
    cached.cache_clear()
    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            built = list(pool.map(lambda _: schema.validator(), range(64)))
    finally:
        cached.cache_clear()
    assert len({id(v) for v in built}) == 1
