"""The Redis cache when Redis cannot be reached (newsroom/serving/cache.py). What gunicorn does
with a Redis killed, hung and started again is in tests/production/test_redis_failure.py."""

import logging

import pytest
from django_redis.cache import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from newsroom.serving import cache as newsroom_cache
from newsroom.serving.cache import RedisCache


@pytest.fixture
def nowhere(unreachable_redis) -> RedisCache:
    return RedisCache(unreachable_redis["LOCATION"], unreachable_redis)


def test_a_redis_that_cannot_be_reached_is_an_empty_cache_that_keeps_nothing(nowhere):
    assert nowhere.set("page", "html") is False
    assert nowhere.get("page") is None
    assert nowhere.get("page", "default") == "default"
    assert nowhere.get_many(["page", "versions"]) == {}
    assert nowhere.get_or_set("rankings", lambda: ["built"]) == ["built"]
    assert nowhere.add("flood", 1) is False
    assert nowhere.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert nowhere.has_key("page") is False
    assert nowhere.delete("pages:content") is False


def test_a_counter_starts_afresh_so_flood_limits_let_readers_through(nowhere):
    # limits.address_over_limit: add, else incr and compare with the limit.
    assert nowhere.incr("flood:votes", 1) == 1
    assert nowhere.incr("views:1", 5) == 5
    assert nowhere.decr("views:1", 5) == -5


def test_an_outage_is_logged_once_not_per_call(nowhere, caplog):
    with caplog.at_level(logging.WARNING, logger="newsroom.serving.cache"):
        for _ in range(20):
            nowhere.get("page")
            nowhere.delete("pages:content")
    warnings = [r for r in caplog.records if r.name == "newsroom.serving.cache"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    assert "Redis cannot be reached" in warnings[0].getMessage()


def test_after_a_failure_redis_is_left_alone_for_a_while_but_deletes_are_tried(
    nowhere, monkeypatch
):
    asked = []

    def unreachable(self, *args, **kwargs):
        asked.append(args[0])
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(DjangoRedisCache, "get", unreachable)
    monkeypatch.setattr(DjangoRedisCache, "delete", unreachable)
    for _ in range(10):
        nowhere.get("page")
    for _ in range(3):
        nowhere.delete("pages:content")  # an editor's change: its expiry is always tried
    assert asked == ["page"] + ["pages:content"] * 3


def test_errors_other_than_an_unreachable_redis_still_raise(nowhere, monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(DjangoRedisCache, "get", broken)
    with pytest.raises(ValueError):
        nowhere.get("page")


def test_the_health_check_forgives_nothing(unreachable_redis, settings):
    settings.CACHES = {"default": unreachable_redis}
    with pytest.raises(RedisConnectionError):
        newsroom_cache.check()


@pytest.mark.django_db
def test_healthz_names_the_cache_when_redis_cannot_be_reached(unreachable_redis, settings, client):
    settings.CACHES = {"default": unreachable_redis}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
