"""How the site is served: the request log, HEAD and CSP middleware, the forgiving Redis cache
backend, the read-replica router, static files' storage, JSON logs, the health check, and
what `make bench` drives to measure it."""
