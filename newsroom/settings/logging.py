"""Logs: one JSON object a line in production (plain text while developing), and a line
for each request."""

import os

from newsroom.settings.environment import DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "newsroom.serving.logs.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver prints its own request lines; ours are for production.
        "newsroom.requests": {
            "level": os.environ.get("REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "INFO")
        },
    },
}
