import posixpath

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import Article, Image


class Command(BaseCommand):
    help = (
        "Makes the renditions of the library's pictures that have none, or whose file or "
        "focal point changed since (uploads get theirs from the background worker). With "
        "--articles, first moves the articles' older lead images into the library."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="make them again for every picture",
        )
        parser.add_argument(
            "--articles",
            action="store_true",
            help="give every article with an older lead image (its image, alt text and "
            "caption fields) a library picture made from it first",
        )

    def handle(self, *args, everything: bool, articles: bool, **options):
        show = options["verbosity"] > 0
        if articles:
            self.adopt_article_images(show)
        images = Image.objects.order_by("pk")
        waiting = [
            image for image in images.iterator() if everything or not image.renditions_current
        ]
        for image in tqdm(waiting, unit="image", desc="renditions", disable=not show):
            image.make_renditions()
        if show:
            self.stdout.write(f"{len(waiting)} of {images.count()} pictures given renditions.")

    def adopt_article_images(self, show: bool) -> None:
        """Each article's older lead image becomes a library picture (stripped of EXIF as an
        upload is) that the article leads with. The older fields are left as they were, for
        the revisions that name them."""
        older = Article.objects.filter(lead_image__isnull=True).exclude(image="").order_by("pk")
        missing = 0
        for article in tqdm(list(older), unit="article", desc="articles", disable=not show):
            try:
                with article.image.open("rb") as stored:
                    data = stored.read()
            except OSError:  # the file is gone: nothing to move
                missing += 1
                continue
            image = Image.objects.create(
                file=ContentFile(data, name=posixpath.basename(article.image.name)),
                alt=article.image_alt.strip() or article.title,
                caption=article.image_caption,
            )
            # update(), not an edit: no revision for a move of storage, yet the pages and
            # the search index follow it (bulk_change).
            Article.objects.filter(pk=article.pk).update(lead_image=image)
        if show and missing:
            self.stdout.write(f"{missing} articles' images were not found and stay as they are.")
