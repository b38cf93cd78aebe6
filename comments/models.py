"""Reader comments, their 👍/👎, their reports, and the words that keep them off the site."""

import datetime
import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connections, models, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.compiled import bound
from newsroom.pagecache.bulk import BulkChangeQuerySet
from newsroom.persian import jalali
from newsroom.persian.text import normalize, to_persian_digits


class BannedWord(models.Model):
    """A word or phrase that keeps a comment from being published by itself."""

    class Action(models.TextChoices):
        SPAM = "spam", _("هرزنامه")
        HOLD = "hold", _("نگه‌داشتن برای بررسی")

    word = models.CharField(_("واژه یا عبارت"), max_length=100, unique=True)
    action = models.CharField(_("نتیجه"), max_length=8, choices=Action, default=Action.HOLD)

    class Meta:
        ordering = ["word"]
        verbose_name = _("واژه ممنوع")
        verbose_name_plural = _("واژه‌های ممنوع")

    def __str__(self) -> str:
        return self.word

    def save(self, *args, **kwargs):
        self.word = normalize(self.word).strip()
        super().save(*args, **kwargs)

    def pattern(self) -> re.Pattern:
        """The word on its own, not inside another word: «بد» does not match «بدون»."""
        return re.compile(rf"(?<!\w){re.escape(self.word)}(?!\w)", re.IGNORECASE)


LINK = re.compile(
    r"(https?://\S+|www\.\S+|[\w-]+(\.[\w-]+)*\.(com|ir|net|org|info|xyz|io|me|co|app|site)(/\S*)?)",
    re.IGNORECASE,
)


def count_links(text: str) -> int:
    """How many words of `text` are web addresses."""
    return sum(1 for word in text.split() if LINK.fullmatch(word.strip("()[]«»،,.!؟?:؛\"'")))


@dataclass(frozen=True)
class Threads:
    """A page of an article's threads, each with its replies, and how many comments in all.
    Each comment is a row of what a page shows of it (`Comment.as_row()`)."""

    page: Page
    threads: list[tuple[dict, list[dict]]]
    count: int


class CommentQuerySet(BulkChangeQuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def set_status(self, status: str, by=None) -> int:
        """Moderate many at once, each change recorded as `by`'s (the pages that show them
        expire: comments/signals.py). Returns how many were chosen."""
        with transaction.atomic():
            changing = list(self.select_related(None).exclude(status=status))
            count = self.update(status=status)
            ModerationEvent.record(changing, ModerationEvent.Action(status), by)
        return count

    def moderate_delete(self, by=None) -> int:
        """Delete these comments, and the replies that go with them, each recorded as `by`'s
        (the pages that showed them expire: comments/signals.py). Returns how many went."""
        with transaction.atomic():
            ids = list(self.values_list("pk", flat=True))
            going = Comment.objects.filter(Q(pk__in=ids) | Q(parent__in=ids))
            ModerationEvent.record(going, ModerationEvent.Action.DELETED, by)
            return Comment.objects.filter(pk__in=ids).delete()[1].get(Comment._meta.label, 0)

    def with_reactions(self):
        """Each comment with its 👍 and 👎 counts, in the same query."""
        return self.annotate(
            likes=Count("reactions", filter=Q(reactions__value=CommentReaction.LIKE)),
            dislikes=Count("reactions", filter=Q(reactions__value=CommentReaction.DISLIKE)),
        )

    def threads(self, article: Article, number, per_page: int) -> Threads:
        """Page `number` of `article`'s approved threads, newest first, their replies oldest
        first, with reactions — two queries, however many (one without any)."""
        sql, params = _counts(self.db)
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, bound(params, {_ANY_ARTICLE: article.pk}))
            _, total, thread_count = cursor.fetchone() or (None, 0, 0)
        # The threads counted: the paginator only numbers the pages; the page's rows come
        # from the SQL below.
        page = Paginator(range(thread_count), per_page).get_page(number)
        if not thread_count:
            return Threads(page=page, threads=[], count=total)
        sql, params = _page_of_threads(self.db, page.start_index() - 1, per_page)
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, bound(params, {_ANY_ARTICLE: article.pk}))
            columns = [column[0] for column in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        # A row written around the model (raw SQL) without its html: rendered here.
        if uncooked := {row["id"]: row for row in rows if not row["html"]}:
            for comment in Comment.objects.using(self.db).filter(pk__in=uncooked):
                comment.cook()
                uncooked[comment.pk]["html"] = comment.html
        roots: list[dict] = []
        replies: dict[int, list[dict]] = {}
        for row in rows:
            if row["parent_id"] is None:
                roots.append(row)
            else:
                replies.setdefault(row["parent_id"], []).append(row)
        roots.reverse()  # newest first, as the page chose them
        threads = [(root, replies.get(root["id"], [])) for root in roots]
        return Threads(page=page, threads=threads, count=total)

    def most_commented(self, since: datetime.datetime, limit: int) -> list[Article]:
        """«پربحث‌ترین»: the `limit` published articles with the most of these comments since
        `since`, most first, each with its count as `recent_comments` — two queries."""
        return self.ranked_articles(self.counts_since(since, limit), limit)

    def counts_since(self, since: datetime.datetime, limit: int) -> dict[int, int]:
        """Comments per article since `since`, of the most commented: enough for `limit`."""
        # From the recent comments to their articles: the window, not the archive, is read.
        return dict(
            self.filter(created_at__gte=since)
            .values_list("article")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .values_list("article", "n")[: limit * 3]
        )

    @staticmethod
    def ranked_articles(counts: dict[int, int], limit: int) -> list[Article]:
        """The published ones of the articles counted in `counts`, most commented first."""
        articles = Article.objects.ranked({"": counts}, limit)[""]
        for article in articles:
            article.recent_comments = counts[article.pk]
        return articles


# An article id no article has: it marks where the threads' SQL (compiled once, below)
# takes the article's.
_ANY_ARTICLE = -7_777_778


@functools.lru_cache(maxsize=8)
def _counts(db: str) -> tuple[str, tuple]:
    """The SQL of how many approved comments an article has, and how many threads: a row
    (article, comments, threads), none without any; compiled once a process."""
    counted = (
        Comment.objects.using(db)
        .approved()
        .filter(article_id=_ANY_ARTICLE)
        .values("article")
        .annotate(total=Count("pk"), threads=Count("pk", filter=Q(parent=None)))
        .order_by()
    )
    return counted.values_list("article", "total", "threads").query.sql_with_params()


@functools.lru_cache(maxsize=64)
def _page_of_threads(db: str, offset: int, per_page: int) -> tuple[str, tuple]:
    """The SQL of a page of an article's approved threads (the page's threads by the index,
    as a subquery) and their replies, with their reactions counted for the page alone, in
    one query; built and compiled once a process for each page, as building and compiling
    it through the ORM cost five times running it. Its parameters name `_ANY_ARTICLE`."""
    comments = Comment.objects.using(db).approved().filter(article_id=_ANY_ARTICLE)
    root_ids = comments.filter(parent=None).order_by("-created_at", "-pk").values("pk")
    shown = (
        comments.filter(
            Q(pk__in=root_ids[offset : offset + per_page])
            | Q(parent__in=root_ids[offset : offset + per_page])
        )
        .with_reactions()
        .order_by("created_at", "pk")
        .values(*Comment.SHOWN)
    )
    return shown.query.sql_with_params()


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار بررسی")
        APPROVED = "approved", _("تأییدشده")
        REJECTED = "rejected", _("ردشده")
        SPAM = "spam", _("هرزنامه")

    class Held(models.TextChoices):
        """Why the rules, not a moderator, chose the status."""

        NONE = "", _("—")
        BANNED_WORD = "banned_word", _("واژه ممنوع")
        LINKS = "links", _("پیوندهای زیاد")
        REPORTS = "reports", _("گزارش خوانندگان")
        TRUSTED = "trusted", _("تأیید خودکار (نویسنده شناخته‌شده)")

    TEXT_MAX_LENGTH = 1500
    NAME_MAX_LENGTH = 60

    article = models.ForeignKey(
        Article, verbose_name=_("خبر"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("در پاسخ به"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("نام"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("ایمیل"), blank=True, help_text=_("هرگز نمایش داده نمی‌شود."))
    text = models.TextField(_("متن"), max_length=TEXT_MAX_LENGTH)
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    held = models.CharField(_("قاعده خودکار"), max_length=12, choices=Held, blank=True)
    is_staff_reply = models.BooleanField(_("پاسخ تحریریه"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reader = models.CharField(_("خواننده"), max_length=64, blank=True)
    address_hash = models.CharField(_("نشانی (درهم‌شده)"), max_length=64, blank=True)
    # Set when the comment is made, not by the save (auto_now_add), so `html` can show it.
    created_at = models.DateTimeField(
        _("زمان ارسال"), default=timezone.now, editable=False, db_index=True
    )
    # Its writer, time and text as readers see them (COOKED_FROM), rendered when it is
    # written rather than on every page that shows it; blank for a row written around the
    # model (raw SQL), which the page then renders itself.
    html = models.TextField(blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("نظر")
        verbose_name_plural = _("نظرات")
        indexes = [
            models.Index(fields=["article", "status", "parent", "created_at"]),
            # Trusted commenters (COMMENTS_AUTO_APPROVE): a reader's approved comments.
            models.Index(fields=["reader", "status"], name="comment_reader_status"),
            # The moderation queue's order (the admin adds the id to make it total).
            models.Index(fields=["created_at", "id"], name="comment_queue_order"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"

    # What `html` is made of: a write to any of them renders it again (comments/signals.py).
    COOKED_FROM = frozenset({"name", "text", "created_at", "is_staff_reply"})
    # What a page of threads shows of each comment (`as_row()`), with its reactions' counts.
    SHOWN = ("id", "parent_id", "name", "is_staff_reply", "html", "likes", "dislikes")

    def save(self, *args, **kwargs):
        self.name = normalize(self.name).strip()
        self.text = normalize(self.text).strip()
        self.cook()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    def cook(self) -> None:
        """Render `html` from what it is made of (like a forum's "cooked" posts)."""
        self.html = cooked_html(self.name, self.is_staff_reply, self.created_at, self.text)

    def as_row(self) -> dict:
        """This comment as a page of threads gives it (SHOWN): a new one, with no reactions."""
        return {
            "id": self.pk,
            "parent_id": self.parent_id,
            "name": self.name,
            "is_staff_reply": self.is_staff_reply,
            "html": self.html,
            "likes": 0,
            "dislikes": 0,
        }

    def reply_as_staff(self, text: str, by) -> "Comment":
        """«پاسخ تحریریه»: a reply under this comment, published at once, with the badge.
        Answering a waiting comment publishes it too: the reply would make no sense alone."""
        with transaction.atomic():
            reply = Comment.objects.create(
                article=self.article,
                parent=self.parent or self,
                name=by.get_full_name() or by.get_username(),
                text=text,
                status=self.Status.APPROVED,
                is_staff_reply=True,
                user=by,
            )
            ModerationEvent.record([self], ModerationEvent.Action.REPLIED, by)
            if self.status == self.Status.PENDING:
                Comment.objects.filter(pk=self.pk).set_status(self.Status.APPROVED, by=by)
                self.status = self.Status.APPROVED
        return reply

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        comment = super().from_db(db, field_names, values, **kwargs)
        comment._was_approved = comment.__dict__.get("status") == cls.Status.APPROVED
        return comment

    def apply_rules(self, banned_words=None) -> None:
        """Choose the status before a human sees it: spam, held, trusted or the queue."""
        text = f"{self.name}\n{self.text}"
        words = BannedWord.objects.all() if banned_words is None else banned_words
        matched = [w for w in words if w.pattern().search(text)]
        if any(w.action == BannedWord.Action.SPAM for w in matched):
            self.status, self.held = self.Status.SPAM, self.Held.BANNED_WORD
        elif matched:
            self.status, self.held = self.Status.PENDING, self.Held.BANNED_WORD
        elif count_links(self.text) > 2:
            self.status, self.held = self.Status.PENDING, self.Held.LINKS
        elif self.is_trusted_commenter():
            self.status, self.held = self.Status.APPROVED, self.Held.TRUSTED
        else:
            self.status, self.held = self.Status.PENDING, self.Held.NONE

    def is_trusted_commenter(self) -> bool:
        """Enough approved comments from this same reader, where the site allows trusting.

        The reader is their account or their signed reader cookie
        (`newsroom.readers.identity.reader_key`): something a stranger cannot type, as they
        can type anyone's email.
        """
        needed = settings.COMMENTS_TRUST_AFTER
        if not (settings.COMMENTS_AUTO_APPROVE and self.reader and needed):
            return False
        approved = Comment.objects.approved().filter(reader=self.reader)
        return approved[:needed].count() >= needed


def cooked_html(name: str, is_staff_reply: bool, created_at, text: str) -> str:
    """A comment's writer, badge, Jalali time and text, as the comments' section prints them
    (templates/comments/section.html); for a comment not yet made, its time is now."""
    comment = {
        "name": name,
        "is_staff_reply": is_staff_reply,
        "created_at": created_at or timezone.now(),
        "text": text,
    }
    return render_to_string("comments/section.html#cooked", {"comment": comment}).strip()


class ModerationEventQuerySet(models.QuerySet):
    def recent(self, limit: int) -> list["ModerationEvent"]:
        """The `limit` latest, with who made them."""
        return list(self.select_related("actor")[:limit])


class ModerationEvent(models.Model):
    """«سابقه نظارت»: who did what to which comment, and when. The comment is named by its
    number, its writer and a little of its text, so the record outlives its deletion."""

    class Action(models.TextChoices):
        # The first four share their values with Comment.Status: a decision is its status.
        APPROVED = "approved", _("تأیید کرد")
        REJECTED = "rejected", _("رد کرد")
        SPAM = "spam", _("هرزنامه شمرد")
        PENDING = "pending", _("به صف بررسی برگرداند")
        DELETED = "deleted", _("حذف کرد")
        REPLIED = "replied", _("پاسخ تحریریه داد")

    EXCERPT_LENGTH = 120

    action = models.CharField(_("کار"), max_length=10, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("انجام‌دهنده"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article = models.ForeignKey(
        Article, verbose_name=_("خبر"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment_id = models.PositiveBigIntegerField(_("شماره نظر"), db_index=True)  # not a key
    comment_name = models.CharField(_("نویسنده نظر"), max_length=Comment.NAME_MAX_LENGTH)
    excerpt = models.CharField(_("بخشی از متن نظر"), max_length=EXCERPT_LENGTH)
    at = models.DateTimeField(_("زمان"), auto_now_add=True, db_index=True)

    objects = ModerationEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("رویداد نظارت")
        verbose_name_plural = _("سابقه نظارت")

    def __str__(self) -> str:
        """«نظر ۱۲: سردبیر تأیید کرد»"""
        number = to_persian_digits(self.comment_id)
        return f"نظر {number}: {self.actor_name} {self.get_action_display()}"

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return "سامانه"
        return self.actor.get_full_name() or self.actor.get_username()

    @classmethod
    def record(cls, comments, action: str, by=None) -> list["ModerationEvent"]:
        """One row for each of `comments`, done by `by` (None: the system)."""
        return cls.objects.bulk_create(
            cls(
                action=action,
                actor=by,
                article_id=comment.article_id,
                comment_id=comment.pk,
                comment_name=comment.name,
                excerpt=Truncator(comment.text).chars(cls.EXCERPT_LENGTH),
            )
            for comment in comments
        )


class CommentReaction(models.Model):
    """A reader's 👍 or 👎 on a comment; one per reader, which they may change."""

    LIKE, DISLIKE = 1, -1

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    reader = models.CharField(max_length=64)
    value = models.SmallIntegerField(choices=[(LIKE, "👍"), (DISLIKE, "👎")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("واکنش به نظر")
        verbose_name_plural = _("واکنش‌ها به نظرات")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="one_reaction_per_reader")
        ]

    def __str__(self) -> str:
        return str(self.get_value_display())  # 👍 or 👎

    @classmethod
    def record(cls, comment: Comment, reader: str, value: int) -> None:
        with transaction.atomic():
            reaction, created = cls.objects.select_for_update().get_or_create(
                comment=comment, reader=reader, defaults={"value": value}
            )
            if not created and reaction.value != value:
                reaction.value = value
                reaction.save(update_fields=["value"])


class CommentReport(models.Model):
    """«گزارش تخلف»: one per reader; enough of them send a comment back to the queue."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reader = models.CharField(max_length=64)
    address_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("گزارش تخلف")
        verbose_name_plural = _("گزارش‌های تخلف")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        """When it was sent: «سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴»; the comment is its page's."""
        return jalali.format_datetime(self.created_at) if self.created_at else ""

    @classmethod
    def record(cls, comment: Comment, reader: str, address_hash: str = "") -> None:
        with transaction.atomic():
            # Reports on one comment queue here, so the one that reaches the threshold
            # sees every report before it, whatever the isolation level.
            Comment.objects.select_for_update().filter(pk=comment.pk).first()
            cls.objects.get_or_create(
                comment=comment, reader=reader, defaults={"address_hash": address_hash}
            )
            # Addresses, not readers, count: a reader without a cookie is a new one on
            # every request, so one address could otherwise hide any comment alone.
            addresses = (
                cls.objects.filter(comment=comment).values("address_hash").distinct().count()
            )
            if addresses >= settings.COMMENTS_REPORT_THRESHOLD:
                Comment.objects.filter(pk=comment.pk, status=Comment.Status.APPROVED).update(
                    status=Comment.Status.PENDING, held=Comment.Held.REPORTS
                )
