import sys

from django.core.management.base import BaseCommand

from articles import popularity


class Command(BaseCommand):
    help = "Writes the page views counted in the cache to the database (run every few minutes)."

    def handle(self, *args, **options):
        show = sys.stdout.isatty() and options["verbosity"] > 0

        def progress(done: int, total: int) -> None:
            if show:
                filled = int(30 * done / total)
                self.stdout.write(
                    f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} hours", ending=""
                )

        result = popularity.flush(progress)
        if show:
            self.stdout.write("")
        self.stdout.write(
            f"Flushed {result.views} views of {result.articles} articles over {result.hours} hours."
        )
