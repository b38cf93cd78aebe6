"""What every part of the settings reads: where the project lives, the environment's
values, and DEBUG."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_rate(name: str, default: str) -> tuple[int, int]:
    """ "20/600": at most 20 in 600 seconds."""
    count, seconds = os.environ.get(name, default).split("/")
    return int(count), int(seconds)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
