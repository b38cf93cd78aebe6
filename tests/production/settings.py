"""The real settings, with static files collected where the production tier says."""

import os
from pathlib import Path

from newsroom.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["STATIC_ROOT"])
