"""Flood limits: how many times one address, or one reader, may do a thing in a period."""

import math

from django.http import HttpRequest
from django.utils import timezone

from newsroom.readers import tallies
from newsroom.readers.identity import address_hash


def address_over_limit(request: HttpRequest, scope: str, limit: int, period: int) -> bool:
    """Count one more `scope` action from this address; True once past `limit` in `period` s."""
    return _count_and_check_over(f"flood:{scope}:{address_hash(request)}", limit, period)


def address_wait(request: HttpRequest, scope: str, limit: int, period: int) -> int:
    """Count one more `scope` action from this address: 0 while within `limit` in `period`
    seconds, else how many seconds until its window ends (a Retry-After)."""
    key = f"flood:{scope}:{address_hash(request)}"
    if tallies.add(key, period) <= limit:
        return 0
    ends = tallies.window_end(key)
    left = (ends - timezone.now()).total_seconds() if ends is not None else period
    return max(1, math.ceil(left))


def _count_and_check_over(key: str, limit: int, period: int) -> bool:
    """One more in a window of `period` seconds; True once past `limit`. Counted in the
    database: exact across workers and machines, with or without Redis."""
    return tallies.add(key, period) > limit


def reader_over_limit(reader: str, scope: str, limit: int, period: int) -> bool:
    """Like `address_over_limit`, counted per reader (cookie or account) instead of per address."""
    return _count_and_check_over(f"flood:{scope}:reader:{reader}", limit, period)
