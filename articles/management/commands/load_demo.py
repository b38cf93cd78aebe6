import datetime
import io
import random
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html

from articles import demo, plugins
from articles.admin.articles import COPYEDITED
from articles.models import Article, BreakingNews, GalleryItem, HomePin, Image, Section, Tag
from newsroom.persian import copyedit
from newsroom.persian.text import normalize

# Printed by the command and the README; only ever set where DEBUG is on.
DEMO_PASSWORD = "newsroom-demo-1405"
DEMO_USERS = [
    # (username, first name, last name, group or None for the superuser)
    ("admin", "مدیر", "سامانه", None),
    ("editor", "سردبیر", "نمونه", "Editors"),
    ("reporter", "خبرنگار", "نمونه", "Reporters"),
    ("moderator", "ناظر", "نظرات", "Moderators"),
    ("analyst", "تحلیلگر", "نمونه", "Analysts"),
]


class Command(BaseCommand):
    help = "Loads demo sections, articles and (with DEBUG on) a user per role. Safe to run twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            users = self.load_users()
            sections = self.load_sections()
            created = self.load_articles(users, sections)
            self.load_gallery()
            self.load_breaking(users)
            self.load_pins(users)
            self.load_live(users)
            for part in plugins.content:
                part.demo(users)
        total = Article.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content: {created} articles added, {total} in the database.")
        )

    def load_users(self) -> dict:
        User = get_user_model()
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off: no demo users are created (they have a known password)."
                )
            )
            owner = User.objects.filter(is_superuser=True).order_by("pk").first()
            if owner is None:
                raise CommandError(
                    "With DEBUG off the demo articles need an existing superuser as their "
                    "author: run `manage.py createsuperuser` first."
                )
            return {"editor": owner, "reporter": owner}

        users = {}
        rows = []
        for username, first, last, group in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "is_staff": True,
                    "is_superuser": group is None,
                    "email": f"{username}@example.com",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                if group:
                    user.groups.add(Group.objects.get(name=group))
            password = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(changed by you)"
            rows.append(f"  {username:<10} {password:<20} {group or 'superuser'}")
            users[username] = user
        self.stdout.write("Demo users (log in at http://127.0.0.1:8000/admin/):")
        self.stdout.write("\n".join(rows))
        return users

    def load_sections(self) -> dict[str, Section]:
        sections = {}
        for section in demo.SECTIONS:
            sections[section.slug], _ = Section.objects.get_or_create(
                slug=section.slug, defaults={"name": section.name, "order": section.order}
            )
        return sections

    def load_articles(self, users: dict, sections: dict[str, Section]) -> int:
        now = timezone.now().replace(second=0, microsecond=0)
        created = 0
        items = [
            demo.SAMPLE_ARTICLE,
            *demo.ARTICLES,
            *demo.UNPUBLISHED_ARTICLES,
            demo.LIVE["article"],
        ]
        for index, item in enumerate(items):
            title = normalize(item["title"])
            if Article.objects.filter(title=title).exists():
                continue
            published_at = publish_time(item, now)
            status = item.get("status", Article.Status.PUBLISHED)
            article = Article(
                section=sections[item["section"]],
                kicker=item.get("kicker", ""),
                title=title,
                lead=item["lead"],
                body="".join(map(demo_paragraph, item["body"])),
                source=item.get("source", ""),
                author=users[
                    item.get("author", "reporter" if status == Article.Status.DRAFT else "editor")
                ],
                is_featured=item.get("featured", False),
                status=status,
                published_at=published_at if status == Article.Status.PUBLISHED else None,
            )
            # Every article leads with a picture in the library, its renditions made by the
            # worker (`make run` starts one).
            colours = demo.SECTION_COLOURS[item["section"]]
            photo = demo_photo(*colours, seed=index, size=(1600, 900))
            photo.name = f"demo-{index}.jpg"
            article.lead_image = Image.objects.create(
                file=photo,
                alt=normalize(item["image_alt"]),
                caption=normalize(item.get("image_caption", "")),
                credit="آرشیو نیوزروم",
                uploaded_by=article.author,
            )
            article.save()
            article.tags.set(Tag.objects.get_or_create(name=name)[0] for name in item["tags"])
            if item.get("copyedit"):
                copyedit_article(article, by=users["editor"])
            for note in item.get("notes", []):
                at = now - datetime.timedelta(**note["ago"])
                article.add_note(note["kind"], note["text"], by=users["editor"], at=at)
            created += 1
        return created

    def load_gallery(self) -> None:
        """The demo's «گزارش تصویری»: twelve generated pictures in the library, in one
        article's gallery; their renditions are made by the worker, as for any upload."""
        article = Article.objects.filter(title=normalize(demo.GALLERY["article"])).first()
        if article is None or article.gallery_items.exists():
            return
        for position, picture in enumerate(demo.GALLERY["pictures"], start=1):
            photo = demo_photo(picture["sky"], picture["field"], seed=position)
            photo.name = f"gallery-{position}.jpg"
            # Saved as an upload is: cleaned, then its renditions enqueued.
            image = Image.objects.create(
                file=photo, alt=picture["alt"], caption=picture["caption"], credit=picture["credit"]
            )
            GalleryItem.objects.create(article=article, image=image, position=position)

    def load_breaking(self, users: dict) -> None:
        """The demo's «خبر فوری», on every reader page for some hours from now; loaded
        again, the one still showing is kept."""
        text = normalize(demo.BREAKING["text"])
        if BreakingNews.objects.showing().filter(text=text).exists():
            return
        now = timezone.now().replace(second=0, microsecond=0)
        BreakingNews.objects.create(
            text=text,
            starts_at=now,
            ends_at=now + datetime.timedelta(**demo.BREAKING["lasts"]),
            created_by=users["editor"],
        )

    def load_pins(self, users: dict) -> None:
        """«چینش صفحه اول» as an editor left it: pinned through the write path, so the
        activity log names the demo's editor."""
        if HomePin.objects.exists():
            return
        now = timezone.now().replace(second=0, microsecond=0)
        titles = [normalize(item["title"]) for item in demo.PINS]
        articles = {a.title: a for a in Article.objects.filter(title__in=titles)}
        positions: dict[str, int] = {}
        for item in demo.PINS:
            positions[item["place"]] = positions.get(item["place"], 0) + 1
            section = Section.objects.get(slug=item["section"]) if "section" in item else None
            ends_in = item.get("ends_in")
            HomePin(
                article=articles[normalize(item["title"])],
                place=item["place"],
                section=section,
                position=positions[item["place"]],
                ends_at=now + datetime.timedelta(**ends_in) if ends_in else None,
            ).put(by=users["editor"])

    def load_live(self, users: dict) -> None:
        """«لحظه‌به‌لحظه»: the live story, its coverage started by the demo's editor and its
        entries written through the write path (the reporter's, one pinned by the editor)."""
        article = Article.objects.filter(title=normalize(demo.LIVE["article"]["title"])).first()
        if article is None or article.has_live_coverage:
            return
        now = timezone.now().replace(second=0, microsecond=0)
        article.start_live(by=users["editor"], at=now - datetime.timedelta(**demo.LIVE["started"]))
        for position, entry in enumerate(demo.LIVE["entries"], start=1):
            image = None
            if entry.get("picture"):
                colours = demo.SECTION_COLOURS[demo.LIVE["article"]["section"]]
                photo = demo_photo(*colours, seed=100 + position, size=(1200, 800))
                photo.name = f"live-{position}.jpg"
                image = Image.objects.create(
                    file=photo,
                    alt=normalize(entry["text"])[:120],
                    credit="آرشیو نیوزروم",
                    uploaded_by=users["reporter"],
                )
            article.add_live_entry(
                by=users["editor" if entry.get("pinned") else "reporter"],
                text=entry["text"],
                image=image,
                is_pinned=entry.get("pinned", False),
                at=now - datetime.timedelta(**entry["ago"]),
            )


def demo_paragraph(paragraph: str | dict) -> str:
    """A paragraph of the body: text, or a link pasted on a line of its own
    ({"link", "title"}), which the article's save makes an embed (articles/embeds.py)."""
    if isinstance(paragraph, dict):
        return format_html('<p><a href="{}">{}</a></p>', paragraph["link"], paragraph["title"])
    return f"<p>{escape(paragraph)}</p>"


def copyedit_article(article: Article, by) -> None:
    """What the admin's «ویرایش خودکار نگارش» does, saved as a revision of its own: the demo
    shows the text after the project's copy-editor, and its history shows what changed."""
    for field in COPYEDITED:
        setattr(article, field, copyedit.fix(getattr(article, field)))
    article.body = copyedit.fix_html(article.body)
    article.edit(by=by, reason="ویرایش خودکار نگارش")


def publish_time(item: dict, now: datetime.datetime) -> datetime.datetime | None:
    """Demo times count from the moment of loading, so the demo looks the same at any hour:
    "ago" for what readers see, "ahead" for the one scheduled article."""
    if "ahead" in item:
        return now + datetime.timedelta(**item["ahead"])
    if "ago" in item:
        return now - datetime.timedelta(**item["ago"])
    return None


def demo_photo(
    sky: Sequence[int], field: Sequence[int], seed: int, size: tuple[int, int] = (1200, 800)
) -> ContentFile:
    """A landscape of plain shapes (a sky, hills, a field in rows, a sun), so the demo's
    gallery shows twelve different pictures without a photo from anywhere."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    width, height = size
    horizon = height * rng.randint(32, 48) // 100
    image = Image.new("RGB", (width, height), tuple(sky))
    draw = ImageDraw.Draw(image)
    for y in range(horizon):  # the sky lightens towards the horizon
        shade = tuple(min(255, c + y * 40 // horizon) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    radius = height // 18
    sun = (rng.randint(3 * radius, width - 3 * radius), rng.randint(2 * radius, horizon - radius))
    draw.ellipse(
        [sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius], fill=(255, 236, 170)
    )
    hills = tuple(max(0, c - 30) for c in field)
    points = [(0, horizon)]
    for x in range(0, width + width // 12, width // 12):
        points.append((x, horizon - rng.randint(height // 40, height // 9)))
    points += [(width, horizon), (0, horizon)]
    draw.polygon(points, fill=hills)
    draw.rectangle([0, horizon, width, height], fill=tuple(field))
    rows = tuple(min(255, c + 35) for c in field)
    for i in range(-width, 2 * width, width // 17):  # rows of seedlings up to the horizon
        draw.line([(width // 2, horizon), (i, height)], fill=rows, width=max(2, width // 240))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue())
