"""How the site is served: the request log, HEAD and CSP middleware, the forgiving Redis cache
backend, the read-replica router, static files' storage, JSON logs and the health check."""
