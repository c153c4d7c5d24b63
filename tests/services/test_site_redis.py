"""The site channel's rooms across replicas: python-socketio's Redis manager with SITE_REDIS_URL."""

from socketio import AsyncRedisManager

from connectors.site.channel import client_manager


def test_no_redis_url_keeps_rooms_in_process():
    assert client_manager({}) is None


def test_redis_url_gives_redis_manager_on_its_channel():
    manager = client_manager({"SITE_REDIS_URL": "redis://127.0.0.1:6379/3", "SITE_REDIS_CHANNEL": "site-a"})
    assert isinstance(manager, AsyncRedisManager)
    assert manager.channel == "site-a"
    assert client_manager({"SITE_REDIS_URL": "redis://127.0.0.1:6379/3"}).channel == "onderwijsloket-site"
