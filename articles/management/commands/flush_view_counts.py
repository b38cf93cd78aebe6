import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles import popularity


class Command(BaseCommand):
    help = "Writes the page views counted in the cache to the database (run every few minutes)."

    def handle(self, *args, **options):
        hours = popularity.LOOKBACK_HOURS + 1
        show = options["verbosity"] > 0 and sys.stderr.isatty()
        with tqdm(total=hours, unit="hour", desc="views", disable=not show) as bar:
            result = popularity.flush(progress=lambda done, total: bar.update(1))
        self.stdout.write(
            f"Flushed {result.views} views of {result.articles} articles over {result.hours} hours."
        )
