"""«در حال ویرایش توسط ...»: who is editing an article in the admin.

A lock lives in the cache and expires by itself LOCK_SECONDS after its holder last showed
signs of life: opening the form, saving, and the page's heartbeat, which beats only while
they work in the form (admin-lock.js: every HEARTBEAT_SECONDS, until IDLE_SECONDS pass
without a keystroke, click or focus). Leaving the page releases it at once. So an article
someone only looked at is free within two minutes, and one left open and idle within
twelve. An editor may take a lock over; the holder learns so when they next save.

The lock is advisory: losing the cache loses no work, because a save over a newer version
is refused anyway (ArticleAdminForm's `opened_version`).
"""

import datetime
import time
from dataclasses import dataclass

from django.core.cache import cache

from newsroom.persian import jalali
from newsroom.staff.names import display_name

LOCK_SECONDS = 2 * 60
HEARTBEAT_SECONDS = 30
IDLE_SECONDS = 10 * 60


@dataclass(frozen=True)
class Lock:
    user_id: int
    name: str
    since: float
    taken_from: str = ""
    # Checked against our own clock, whatever the cache backend does with its timeout.
    expires: float = 0.0

    @property
    def since_display(self) -> str:
        return jalali.format_datetime(datetime.datetime.fromtimestamp(self.since, datetime.UTC))


def _key(article_id: int) -> str:
    return f"article-lock:{article_id}"


def _alive(lock: Lock | None) -> Lock | None:
    return lock if lock is not None and lock.expires > time.time() else None


def current(article_id: int) -> Lock | None:
    return _alive(cache.get(_key(article_id)))


def hold(article_id: int, user) -> Lock | None:
    """Take or refresh `user`'s lock if the article is free or already theirs; else return
    the other person's lock."""
    lock = current(article_id)
    if lock is not None and lock.user_id != user.pk:
        return lock
    now = time.time()
    mine = Lock(
        user.pk, display_name(user), lock.since if lock else now, expires=now + LOCK_SECONDS
    )
    cache.set(_key(article_id), mine, LOCK_SECONDS)
    return None


def take_over(article_id: int, user) -> Lock:
    previous = current(article_id)
    taken_from = previous.name if previous and previous.user_id != user.pk else ""
    now = time.time()
    lock = Lock(user.pk, display_name(user), now, taken_from=taken_from, expires=now + LOCK_SECONDS)
    cache.set(_key(article_id), lock, LOCK_SECONDS)
    # The one it was taken from hears of it on their next save.
    if previous and previous.user_id != user.pk:
        cache.set(f"article-lock-taken:{article_id}:{previous.user_id}", lock, 24 * 3600)
    return lock


def taken_from_me(article_id: int, user) -> Lock | None:
    """The lock that was taken from `user` on this article, told once."""
    key = f"article-lock-taken:{article_id}:{user.pk}"
    lock = cache.get(key)
    if lock is not None:
        cache.delete(key)
    return lock


def release(article_id: int, user) -> None:
    lock = current(article_id)
    if lock is not None and lock.user_id == user.pk:
        cache.delete(_key(article_id))
