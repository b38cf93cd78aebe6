import difflib
import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from articles.models import Article
from newsroom.persian import copyedit


class Command(BaseCommand):
    help = (
        "Persian copy-editing. Reads text on standard input and writes it fixed; with "
        "--articles, reports what it would change across the archive; --apply applies it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", action="store_true", help="the archive, not stdin")
        parser.add_argument("--apply", action="store_true", help="with --articles: save")

    def handle(self, *args, articles, apply, **options):
        if not articles:
            self.stdout.write(copyedit.fix(sys.stdin.read()), ending="")
            return
        self.archive(apply, show=options["verbosity"] > 0 and sys.stderr.isatty())

    def archive(self, apply: bool, show: bool) -> None:
        fields = ["kicker", "title", "lead"]
        changed = 0
        queryset = Article.objects.order_by("code")
        for article in tqdm(queryset.iterator(), total=queryset.count(), disable=not show):
            fixed = {field: copyedit.fix(getattr(article, field)) for field in fields}
            fixed["body"] = copyedit.fix_html(article.body)
            edits = {f: v for f, v in fixed.items() if v != getattr(article, f)}
            if not edits:
                continue
            changed += 1
            self.stdout.write(f"\n== {article.code}: {article.title}")
            for field, after in edits.items():
                diff = difflib.unified_diff(
                    getattr(article, field).splitlines(),
                    after.splitlines(),
                    f"{field} (now)",
                    f"{field} (fixed)",
                    lineterm="",
                )
                self.stdout.write("\n".join(diff))
            if apply:
                with transaction.atomic():
                    for field, value in edits.items():
                        setattr(article, field, value)
                    article.edit(reason="ویرایش خودکار نگارش")  # a revision of its own
        verb = "changed" if apply else "would change"
        self.stdout.write(f"\nCopy-editing {verb} {changed} of {queryset.count()} articles.")
