"""The outbox's clock: every OUTBOX_SWEEP_SECONDS, the deliveries of scheduled stories whose
time came (no request or event marks that moment) and the tasks of deliveries a crashed worker
left behind. `make serve` runs it beside `db_worker`; `--once` for cron or a test."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from articles.outbox import tasks

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Record the channel deliveries of stories that fell due, and retry stranded ones."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="sweep once and exit")

    def handle(self, *args, once: bool = False, **options):
        while True:
            close_old_connections()
            try:
                again = tasks.sweep()
            except Exception:
                if once:
                    raise
                # A database that is down for a moment must not end the loop.
                logger.exception("outbox sweep failed")
            else:
                if again:
                    logger.info("outbox sweep enqueued %s stranded deliveries again", again)
            if once:
                return
            time.sleep(settings.OUTBOX_SWEEP_SECONDS)
