"""The database: SQLite by default, any DATABASE_URL, and a read replica where there is one."""

import os

import dj_database_url

from newsroom.settings.environment import BASE_DIR

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked"; WAL lets readers go on.
    # The connection is kept like any other (CONN_MAX_AGE): opening one costs about as much
    # as rendering an article page from its cached parts.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# A read replica, where there is one: the reader pages that are never cached (search) read
# from it; everything else, cached pages included, from the primary
# (newsroom/serving/replica.py). Without one, no router: Django's default.
DATABASE_ROUTERS = []
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.serving.replica.ReplicaRouter"]

# The hot compiled reads (newsroom/compiled.py) as prepared statements on PostgreSQL. Off
# (DATABASE_PREPARED_STATEMENTS=0) behind a pooler in transaction mode that cannot keep them
# (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0"
if DATABASE_PREPARED_STATEMENTS:
    for database in DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            # psycopg prepares nothing while its threshold is None (Django's default). With
            # this one its own count never gets there: only the reads that ask are prepared.
            database.setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
