import datetime
import random
import time

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from tqdm import tqdm

from articles import demo, plugins, search
from articles.models import Article, NewsCodeCounter, Section, Tag
from newsroom.pagecache import versions
from newsroom.persian.text import fold, slugify

VERBS = ["آغاز شد", "افتتاح شد", "برگزار شد", "تصویب شد", "اعلام شد", "افزایش یافت", "کاهش یافت"]


class Command(BaseCommand):
    help = (
        "Fills the database fast with invented published articles, their tags and what other "
        "apps add to them (the comments)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="articles to add")
        parser.add_argument("--tags", type=int, default=200, help="size of the tag pool")
        parser.add_argument("--days", type=int, default=365, help="spread over this many days back")
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1405)
        for part in plugins.content:
            part.add_arguments(parser)

    def handle(self, *args, count, tags, days, batch, seed, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        rng = random.Random(seed)
        started = time.perf_counter()
        author = self._author()
        sections = self._sections()
        tag_pool = self._tags(tags)
        now = timezone.now()
        show = options["verbosity"] > 0

        with transaction.atomic():
            first = NewsCodeCounter.next_code()
            NewsCodeCounter.objects.filter(pk=1).update(last=F("last") + count - 1)
        made = dict.fromkeys((part.name for part in plugins.content), 0)
        with tqdm(total=count, unit="article", disable=not show, desc="articles") as bar:
            for offset in range(0, count, batch):
                size = min(batch, count - offset)
                with transaction.atomic():
                    ids = self._batch(
                        rng, first + offset, size, author, sections, tag_pool, days, now
                    )
                    written = plugins.GeneratedBatch(rng, ids, now, options)
                    for part in plugins.content:
                        made[part.name] += part.generate(written)
                bar.update(size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, so the planner picks the indexes
        versions.content_changed()
        seconds = time.perf_counter() - started
        counts = [f"{count} articles", *(f"{n} {name}" for name, n in made.items() if n)]
        self.stdout.write(
            f"Generated {', '.join(counts)}, {len(tag_pool)} tags "
            f"in {seconds:.1f} s ({count / seconds:.0f} articles/s)."
        )

    def _author(self):
        User = get_user_model()
        user = User.objects.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            user, _ = User.objects.get_or_create(
                username="generator", defaults={"is_active": False}
            )
        return user

    def _sections(self) -> list[Section]:
        for section in demo.SECTIONS:
            Section.objects.get_or_create(
                slug=section.slug, defaults={"name": section.name, "order": section.order}
            )
        return list(Section.objects.all())

    def _tags(self, size: int) -> list[Tag]:
        existing = list(Tag.objects.all()[:size])
        names = {tag.name for tag in existing}
        rng = random.Random(size)
        new = []
        while len(existing) + len(new) < size:
            name = f"{rng.choice(demo.WORDS)} {rng.choice(demo.WORDS)}"
            if name not in names:
                names.add(name)
                new.append(Tag(name=name, slug=slugify(name)))
        Tag.objects.bulk_create(new, ignore_conflicts=True)
        return list(Tag.objects.all()[:size])

    def _batch(self, rng, first_code, size, author, sections, tag_pool, days, now) -> list[int]:
        adapt = connection.ops.adapt_datetimefield_value
        stamp = adapt(now)
        articles, documents, tag_names = [], [], []
        for i in range(size):
            title = f"{demo.sentence(rng, rng.randint(4, 8))} {rng.choice(VERBS)}"
            kicker = demo.sentence(rng, 3) if rng.random() < 0.4 else ""
            lead = f"{demo.sentence(rng, rng.randint(15, 25))}."
            paragraphs = [f"{demo.sentence(rng, rng.randint(30, 60))}." for _ in range(3)]
            chosen = rng.sample(tag_pool, rng.randint(0, 3)) if tag_pool else []
            published = now - datetime.timedelta(seconds=rng.randint(60, days * 86400))
            articles.append(
                (first_code + i, kicker, title, slugify(title) or "news", lead,
                 "".join(f"<p>{p}</p>" for p in paragraphs), "به گزارش خبرنگار ما،", "",
                 author.pk, rng.choice(sections).pk, False, True, True,
                 Article.Status.PUBLISHED, adapt(published), stamp, stamp, 1)
            )  # fmt: skip
            names = " ".join(tag.name for tag in chosen)
            documents.append(
                (fold(f"{kicker} {title} {names}"), fold(f"{lead} {' '.join(paragraphs)}"))
            )
            tag_names.append(chosen)

        # Straight to the tables: Django's per-object preparation would cost more than
        # everything else here together. The codes are ours, so the ids are found by them.
        table = Article._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (code, kicker, title, slug, lead, body, source, byline,"
                " author_id, section_id, is_featured, comments_open, feedback_enabled, status,"
                " published_at, created_at, updated_at, version) VALUES ("
                + ", ".join(["%s"] * 18)
                + ")",
                articles,
            )
            cursor.execute(
                f"SELECT code, id FROM {table} WHERE code BETWEEN %s AND %s",
                [first_code, first_code + size - 1],
            )
            ids = dict(cursor.fetchall())
            article_ids = [ids[first_code + i] for i in range(size)]
            search.store([(pk, *docs) for pk, docs in zip(article_ids, documents, strict=True)])
            cursor.executemany(
                f"INSERT INTO {Article.tags.through._meta.db_table} (article_id, tag_id)"
                " VALUES (%s, %s)",
                [
                    (pk, tag.pk)
                    for pk, tags in zip(article_ids, tag_names, strict=True)
                    for tag in tags
                ],
            )
            self._revisions(cursor, first_code, size)
        return article_ids

    def _revisions(self, cursor, first_code: int, size: int) -> None:
        """Each new article's first revision, as a save would record it, so the editors' desk
        can list, compare and restore it (bulk inserts send no signal to do that)."""
        revisions = Article.history.model
        revision_tags = apps.get_model("articles", "HistoricalArticle_tags")
        columns = ", ".join(
            field.column
            for field in revisions._meta.concrete_fields
            if not field.name.startswith("history")
        )
        cursor.execute(
            f"INSERT INTO {revisions._meta.db_table} ({columns}, history_date, history_type,"
            f" history_change_reason, history_user_id) SELECT {columns}, created_at, '+', %s,"
            f" author_id FROM {Article._meta.db_table} WHERE code BETWEEN %s AND %s",
            ["نسخه آغازین", first_code, first_code + size - 1],
        )
        cursor.execute(
            f"INSERT INTO {revision_tags._meta.db_table} (id, article_id, tag_id, history_id)"
            f" SELECT link.id, link.article_id, link.tag_id, revision.history_id"
            f" FROM {Article.tags.through._meta.db_table} link"
            f" JOIN {revisions._meta.db_table} revision ON revision.id = link.article_id"
            " WHERE revision.code BETWEEN %s AND %s",
            [first_code, first_code + size - 1],
        )
