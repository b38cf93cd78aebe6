from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import Image


class Command(BaseCommand):
    help = (
        "Makes the renditions of the library's pictures that have none, or whose file or "
        "focal point changed since (uploads get theirs from the background worker; pictures "
        "moved into the library by a migration wait for this)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="make them again for every picture",
        )

    def handle(self, *args, everything: bool, **options):
        show = options["verbosity"] > 0
        images = Image.objects.order_by("pk")
        waiting = [
            image for image in images.iterator() if everything or not image.renditions_current
        ]
        for image in tqdm(waiting, unit="image", desc="renditions", disable=not show):
            image.make_renditions()
        if show:
            self.stdout.write(f"{len(waiting)} of {images.count()} pictures given renditions.")
