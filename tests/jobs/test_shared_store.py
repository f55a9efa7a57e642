"""Sessions in the shared store (REDIS_URL): cached in the real Redis, kept in the database,
so a Redis flush or a Redis that does not answer signs nobody out."""

import uuid

import pytest
import redis
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache
from django.urls import reverse


@pytest.fixture
def shared_store(redis_url, settings):
    """The settings REDIS_URL gives (config/settings.py), with a key prefix of this test's own
    (its keys are deleted afterwards; the Redis database may be shared with other tests)."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "config.sessions"
    yield
    server = redis.Redis.from_url(redis_url)
    keys = server.keys(f"{prefix}:*")
    if keys:
        server.delete(*keys)


def _home(client):
    return client.get(reverse("account"))


def test_a_signed_in_session_is_cached_in_redis_and_survives_a_flush(client, province, shared_store):
    client.force_login(province.board)
    assert _home(client).status_code == 200
    key = KEY_PREFIX + client.session.session_key
    assert cache.get(key)["_auth_user_id"] == str(province.board.pk)  # in Redis

    cache.delete(key)  # as FLUSHDB would, for this session
    assert _home(client).status_code == 200  # read back from the database
    assert cache.get(key) is not None  # and cached again


def test_a_redis_that_does_not_answer_signs_nobody_out(client, province, shared_store, settings):
    client.force_login(province.board)
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    response = _home(client)
    assert response.status_code == 200 and response.wsgi_request.user == province.board
    # Signing in and out still work, from the database alone.
    assert client.post(reverse("logout")).status_code == 302
    assert _home(client).status_code == 302


def test_the_cache_itself_is_the_shared_redis(shared_store, redis_url):
    cache.set("figure", 42, 30)
    assert cache.get("figure") == 42
    assert redis.Redis.from_url(redis_url).ttl(cache.make_key("figure")) > 0  # really in the server
