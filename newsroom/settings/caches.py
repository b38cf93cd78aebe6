"""The cache: Redis in production; memory or files without it. How long whole pages and
their parts are kept, and what names a deploy."""

import os

from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

from newsroom.settings.environment import BASE_DIR, DEBUG, env_bool, env_list

# Redis in production. Without it, one process (runserver) keeps its cache in memory, and
# several (gunicorn's workers) share files, so an editor's change reaches every worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_CACHE_OPTIONS = {
    # A Redis that is gone or hangs costs a request milliseconds, not seconds.
    "SOCKET_CONNECT_TIMEOUT": 0.25,
    "SOCKET_TIMEOUT": 0.5,
    # One connection per process: no check of a pooled one before each command.
    "REDIS_CLIENT_KWARGS": {"single_connection_client": True},
    "CONNECTION_POOL_KWARGS": {
        # A connection that died with a restarted Redis is replaced and the command sent
        # again, once; one idle for long is pinged first.
        "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
        "health_check_interval": 30,
    },
}
if REDIS_URL:
    # django-redis; readers go on without Redis when it fails (newsroom/serving/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "newsroom.serving.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.serving.cache.FileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Anonymous readers get whole pages from the cache for up to this long (0: off); any change
# they could see expires them at once (newsroom/pagecache/).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# The parts of an article's page are cached apart for up to this long (0: off), each under
# the versions of what it shows, so a page the page cache lacks is quick to build
# (newsroom/pagecache/parts.py). Comment reaction counts may lag by as much, as on cached pages.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300"))
# When a page's versions change, the readers who miss it together wait up to this long for
# the one who rebuilds it, then build it themselves (0: each builds its own;
# newsroom/pagecache/locks.py). Its lock expires as soon: a builder that died holds no one.
PAGE_BUILD_WAIT_SECONDS = float(os.environ.get("PAGE_BUILD_WAIT_SECONDS", "1"))
# Names this deploy (a commit, say): cached pages and parts of another are not used. Left
# empty, a digest of the templates, the code and the static files' names stands for it.
RELEASE = os.environ.get("RELEASE", "")

# The edge in front (Varnish, a CDN: newsroom/pagecache/edge.py). EDGE_PURGER names the class
# that purges it ("newsroom.pagecache.edge.XkeyPurger" for the Varnish of `make serve-edge`);
# empty: no edge, and pages carry no Surrogate-* headers. EDGE_PURGE_URLS: where it listens
# for purges (each Varnish of the tier). EDGE_CACHE_SECONDS: how long the edge may keep a
# page at most; the next change nobody purges (a scheduled article, midnight, the rankings'
# five minutes) cuts it shorter.
EDGE_PURGER = os.environ.get("EDGE_PURGER", "")
EDGE_PURGE_URLS = env_list("EDGE_PURGE_URLS", "http://127.0.0.1:8000")
EDGE_CACHE_SECONDS = int(os.environ.get("EDGE_CACHE_SECONDS", "86400"))
# A purge that failed is kept in the database and tried again this often (and by every purge).
EDGE_PURGE_RETRY_SECONDS = float(os.environ.get("EDGE_PURGE_RETRY_SECONDS", "5"))
# Behind an edge most reads never reach the origin, so an article's view is counted when the
# reader's browser asks for the page's one-pixel image (/seen/<code>.gif, never kept by
# anyone) rather than when the page is built: on by default wherever there is an edge.
VIEW_BEACON = env_bool("VIEW_BEACON", bool(EDGE_PURGER))
