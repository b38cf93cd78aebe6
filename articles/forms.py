import dataclasses
import datetime
import re

from ckeditor.widgets import CKEditorWidget
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import embeds, search
from articles.models import Article, ArticleNote, BreakingNews, Image, LiveEntry, Tag
from newsroom.persian import jalali
from newsroom.persian.fields import AdminJalaliSplitDateTime, JalaliDateTimeFormField
from newsroom.persian.forms import PersianCharField, PersianModelChoiceField
from newsroom.persian.text import normalize, slugify, to_persian_digits
from newsroom.staff.names import display_name


class TagNamesField(forms.CharField):
    """Tags typed by name, separated by «،» or «,» (as WordPress's tag box takes them):
    normalised, each once, in the order typed."""

    SEPARATORS = re.compile(r"[,،؛;\n]+")
    MAX_TAGS = 20

    def to_python(self, value) -> list[str]:
        names, seen = [], set()
        for part in self.SEPARATORS.split(super().to_python(value)):
            name = " ".join(normalize(part).split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return names

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        longest = Tag._meta.get_field("name").max_length
        for name in value:
            if len(name) > longest:
                raise forms.ValidationError(
                    "برچسب «%(name)s» بلند است؛ هر برچسب حداکثر %(limit)s نویسه.",
                    code="max_length",
                    params={"name": name, "limit": to_persian_digits(longest)},
                )
            if not slugify(name):
                raise forms.ValidationError(
                    "برچسب «%(name)s» حرف یا رقمی ندارد.", code="invalid", params={"name": name}
                )
        if len(value) > self.MAX_TAGS:
            raise forms.ValidationError(
                "حداکثر %(limit)s برچسب؛ %(count)s برچسب نوشته‌اید.",
                code="max_tags",
                params={
                    "limit": to_persian_digits(self.MAX_TAGS),
                    "count": to_persian_digits(len(value)),
                },
            )


@dataclasses.dataclass(frozen=True)
class DeclaredChange:
    """What an editor says a change to a published article is (ArticleAdminForm)."""

    TYPO = "typo"
    KINDS = [
        (ArticleNote.Kind.CORRECTION, "اصلاحیه: چیزی نادرست بود و درست شد"),
        (ArticleNote.Kind.UPDATE, "به‌روزرسانی: خبر تازه‌ای افزوده شد"),
        (TYPO, "اصلاح جزئی (ویرایش نگارشی): معنای خبر عوض نشد"),
    ]

    kind: str
    text: str = ""

    @property
    def reason(self) -> str:
        """What the revision says of itself (its «توضیح» column, a hundred characters)."""
        if self.kind == self.TYPO:
            return "اصلاح جزئی (ویرایش نگارشی)"
        label = ArticleNote.Kind(self.kind).label
        return f"{label}: {self.text}"[:100]

    def record(self, article: Article, by) -> None:
        """The note readers see, or the typo fix the activity log keeps; the revision
        already names it (`reason`)."""
        if self.kind == self.TYPO:
            article.record_typo_fix(by=by)
        else:
            article.add_note(self.kind, self.text, by=by)


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened; a save over a newer one is refused (optimistic locking).
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The workflow button pressed («ارسال برای بررسی», «انتشار»…), an Article.Move: the save
    # goes on to make that transition. Sent by the buttons, never shown as a field.
    move = forms.CharField(required=False)
    tag_names = TagNamesField(
        label="برچسب‌ها",
        required=False,
        help_text="با «،» جدا کنید. برچسبی که هنوز نیست، با ذخیره ساخته می‌شود.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "vTextField"}),
    )
    # While readers see the article, what a change to what they read is: a correction
    # or an update (with its text, shown on the article), or a typo fix (the history's).
    change_kind = forms.ChoiceField(
        label="این تغییر چیست؟",
        choices=DeclaredChange.KINDS,
        required=False,
        widget=forms.RadioSelect,
        help_text="این خبر روی سایت است: هر تغییر در متن، تیتر یا تصویر آن یکی از این‌هاست.",
    )
    change_note = forms.CharField(
        label="متن اصلاحیه یا به‌روزرسانی",
        required=False,
        max_length=ArticleNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text="زیر خبر با تاریخ می‌آید؛ برای اصلاح جزئی لازم نیست.",
    )
    # Who fills the form in: the admin's get_form sets it; their role decides the transitions.
    user: AbstractBaseUser

    class Meta:
        model = Article
        fields = [
            "kicker", "title", "lead", "body", "source", "byline", "section",
            "lead_image",
            "status", "published_at", "is_featured", "comments_open", "feedback_enabled",
        ]  # fmt: skip
        widgets = {
            "body": CKEditorUploadingWidget(),
            "lead": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        }
        # Stored as any datetime; typed as a Jalali date and a Tehran time.
        field_classes = {"published_at": JalaliDateTimeFormField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # (status, publish time) the save is to move the article to, through its transition.
        self.status_change: tuple[str, datetime.datetime | None] | None = None
        # The tags to set on save: those found, and the names of those to create.
        self.tags_to_set: tuple[list[Tag], list[str]] = ([], [])
        # What the editor said this change is, to record with the save (DeclaredChange).
        self.declared_change: DeclaredChange | None = None
        if not (self.instance.pk and self.instance.is_visible()):
            del self.fields["change_kind"], self.fields["change_note"]
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version
            links = Article.tags.through.objects.filter(article=self.instance).order_by("pk")
            self.fields["tag_names"].initial = "، ".join(  # in the order they were typed
                link.tag.name for link in links.select_related("tag")
            )
        # Where the tag box asks for the names of existing tags (admin-article.js).
        self.fields["tag_names"].widget.attrs["data-suggest-url"] = reverse(
            "admin:articles_article_tags"
        )
        if isinstance(body := getattr(self.fields.get("body"), "widget", None), CKEditorWidget):
            # «جاسازی» in the editor reads the allow-list from its config (plugin.js).
            body.config = {**body.config, "newsroomEmbeds": embeds.editor_config()}
        if isinstance(
            when := getattr(self.fields.get("published_at"), "widget", None), forms.MultiWidget
        ):
            # Its label is a fieldset's legend, which names neither box.
            labels = ["تاریخ انتشار", "ساعت انتشار"]
            for widget, label in zip(when.widgets, labels, strict=False):
                widget.attrs.setdefault("aria-label", label)

    def clean_tag_names(self) -> list[str]:
        """Find the tags named (by name, or a name that makes the same slug); the others
        are to be created, by those whose role may."""
        names = self.cleaned_data["tag_names"]
        slugs = {name: slugify(name) for name in names}
        found = Tag.objects.filter(Q(name__in=names) | Q(slug__in=slugs.values()))
        by_name = {tag.name: tag for tag in found}
        by_slug = {tag.slug: tag for tag in found}
        tags, new = [], []
        for name in names:
            tag = by_name.get(name) or by_slug.get(slugs[name])
            if tag is None:
                new.append(name)
            elif tag not in tags:
                tags.append(tag)
        if new and not self.user.has_perm("articles.add_tag"):
            raise forms.ValidationError(
                "ساختن برچسب تازه («%(names)s») از شما برنمی‌آید؛ از برچسب‌های موجود بنویسید.",
                code="new_tag",
                params={"names": "، ".join(new)},
            )
        self.tags_to_set = (tags, new)
        return names

    def save(self, commit: bool = True) -> Article:
        article = super().save(commit)
        if commit:
            self._save_tags()
        else:  # the admin saves the article first, then calls save_m2m()
            save_m2m = self.save_m2m

            def save_m2m_and_tags():
                save_m2m()
                self._save_tags()

            self.save_m2m = save_m2m_and_tags
        return article

    def _save_tags(self) -> None:
        if "tag_names" not in self.fields:
            return
        tags, new = self.tags_to_set
        created = [Tag.objects.get_or_create(name=name)[0] for name in new]
        self.instance.tags.set(tags + created)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_a_stale_save(cleaned.get("opened_version"))
        if self.instance._state.adding and self.instance.author_id is None:
            self.instance.author = self.user  # whose draft it will be decides what they may do
        if cleaned.get("move"):
            self._take_the_move(cleaned)
        else:
            self._take_the_status_change(cleaned)
        leaving = self.status_change and self.status_change[0] != Article.Status.PUBLISHED
        if "change_kind" in self.fields and not leaving:  # off the site, readers see nothing
            self._require_a_declared_change(cleaned)
        return cleaned

    def _require_a_declared_change(self, cleaned: dict) -> None:
        """No silent change: while readers see the article, a change to what they read is
        declared a correction, an update or a typo fix; a note may also come alone."""
        kind = cleaned.get("change_kind") or ""
        text = normalize(cleaned.get("change_note") or "").strip()
        values = {name: cleaned[name] for name in Article.READER_FIELDS if name in cleaned}
        if "lead_image" in cleaned:
            values["lead_image_id"] = cleaned["lead_image"].pk if cleaned["lead_image"] else None
        changed = self.instance.reader_visible_changes(values)
        if kind in ArticleNote.Kind.values and not text:
            self.add_error(
                "change_note",
                forms.ValidationError(
                    "متن %(kind)s را بنویسید؛ زیر خبر برای خوانندگان می‌آید.",
                    code="note_required",
                    params={"kind": ArticleNote.Kind(kind).label},
                ),
            )
            return
        if changed and not kind:
            labels = "، ".join(str(self._label(name)) for name in changed)
            self.add_error(
                "change_kind",
                forms.ValidationError(
                    "خوانندگان این خبر را دیده‌اند و «%(fields)s» را تغییر داده‌اید؛ بگویید "
                    "این تغییر اصلاحیه است، به‌روزرسانی یا اصلاح جزئی (ویرایش نگارشی). "
                    "آنچه نوشته‌اید همین‌جا محفوظ است.",
                    code="undeclared_change",
                    params={"fields": labels},
                ),
            )
            return
        if kind in ArticleNote.Kind.values or (kind and changed):
            self.declared_change = DeclaredChange(kind, text if kind != DeclaredChange.TYPO else "")

    @staticmethod
    def _label(name: str) -> str:
        return Article._meta.get_field(name.removesuffix("_id")).verbose_name

    def _take_the_move(self, cleaned: dict) -> None:
        """A workflow button: the move it names, checked like a changed «وضعیت»; the status
        and publish time it sets are the transition's, not the fields'."""
        try:
            move = Article.Move(cleaned["move"])
        except ValueError:
            self.add_error(None, forms.ValidationError("این دکمه شناخته نیست.", code="move"))
            return
        at = cleaned.pop("published_at", None)
        cleaned.pop("status", None)
        if move != Article.Move.SCHEDULE:
            at = None  # «انتشار» is now
        elif self.instance.allows(move.status, self.user) and (at is None or at <= timezone.now()):
            field = "published_at" if "published_at" in self.fields else None
            self.add_error(
                field,
                forms.ValidationError(
                    "برای زمان‌بندی، «زمان انتشار» را زمانی در آینده بنویسید.", code="schedule"
                ),
            )
            return
        self._check_the_change(None, move.status, at)

    def _take_the_status_change(self, cleaned: dict) -> None:
        """A new status, or a new time for a published article, is a transition, not a field
        edit: checked here, so an illegal one comes back with what was typed, and kept out of
        the fields saved; the admin's save_model then makes it."""
        if "status" not in self.fields or cleaned.get("status") is None:
            return  # not this person's to set (reporters), or already an error
        to, current = cleaned["status"], self.instance
        at = cleaned.get("published_at")
        moved = to != current.status
        if to == Article.Status.PUBLISHED:
            # A published article's time changes only by publish(at=…); a cleared field
            # changes nothing. The form shows whole seconds.
            cleaned.pop("published_at", None)
            moved = moved or (
                at is not None
                and current.published_at is not None
                and at.replace(microsecond=0) != current.published_at.replace(microsecond=0)
            )
        if not moved:
            return
        del cleaned["status"]
        self._check_the_change("status", to, at if to == Article.Status.PUBLISHED else None)

    def _check_the_change(self, field: str | None, to: str, at) -> None:
        try:
            self.instance.check_transition(to, by=self.user)
        except forms.ValidationError as error:
            self.add_error(field, error)
            return
        self.status_change = (to, at)

    def _refuse_a_stale_save(self, opened_at: int | None) -> None:
        """Someone saved since this form was opened: say who and when, keep what was typed.

        The admin validates and saves in one transaction; the row is locked here, so no
        save can slip in between this check and the write.
        """
        current = (
            Article.objects.select_for_update(of=("self",))  # lock the article, not the user
            .select_related("edited_by")
            .only("version", "updated_at", "edited_by")
            .get(pk=self.instance.pk)
        )
        if opened_at == current.version:
            return
        who = current.edited_by
        name = display_name(who) if who else "کاربر دیگری"
        compare = reverse("admin:articles_article_compare", args=[self.instance.pk])
        # A second «ذخیره» after reading the differences saves this text over theirs.
        self.data = self.data.copy()
        self.data["opened_version"] = str(current.version)
        raise forms.ValidationError(
            format_html(
                "این خبر را {} در {} ذخیره کرده است و متن شما بر پایه نسخه‌ای قدیمی‌تر است. "
                'متن شما همین‌جا محفوظ است؛ <a href="{}?a={}&amp;b={}">تفاوت‌ها را ببینید</a> '
                "و اگر می‌خواهید نسخه خودتان ثبت شود، دوباره «ذخیره» را بزنید.",
                name,
                jalali.format_datetime(current.updated_at),
                compare,
                opened_at or "",
                current.version,
            ),
            code="stale",
        )


class SearchForm(forms.Form):
    """/search/: a query, and optionally a section and a Jalali date range."""

    q = forms.CharField(label="جست‌وجو", required=False, strip=True)
    section = forms.SlugField(label="سرویس", required=False)
    since = forms.CharField(label="از تاریخ", required=False, max_length=20)
    until = forms.CharField(label="تا تاریخ", required=False, max_length=20)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][: search.MAX_QUERY_LENGTH]

    def _day(self, name: str):
        value = self.cleaned_data[name].strip()
        if not value:
            return None
        try:
            return jalali.parse_date(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_since(self):
        return self._day("since")

    def clean_until(self):
        return self._day("until")


class ArchiveFilterForm(forms.Form):
    """The archive's section filter (?section=slug), over the sections the page read."""

    section = forms.CharField(label="سرویس", required=False, max_length=100)

    def __init__(self, data, sections):
        super().__init__(data)
        self.sections = {section.slug: section for section in sections}

    def clean_section(self):
        slug = self.cleaned_data["section"].strip()
        if slug and slug not in self.sections:
            raise forms.ValidationError("چنین سرویسی نیست؛ یکی از سرویس‌های فهرست را برگزینید.")
        return self.sections.get(slug)


class BreakingNewsForm(forms.ModelForm):
    """«خبر فوری» as an editor types it: an article or a line of plain text (normalised,
    on one line), and when it starts and ends, in Jalali and Tehran time."""

    text = PersianCharField(
        label=BreakingNews._meta.get_field("text").verbose_name,
        max_length=BreakingNews._meta.get_field("text").max_length,
        required=False,
        help_text=BreakingNews._meta.get_field("text").help_text,
        widget=forms.TextInput(attrs={"class": "vLargeTextField", "autocomplete": "off"}),
    )

    class Meta:
        model = BreakingNews
        fields = ["article", "text", "url", "starts_at", "ends_at"]
        field_classes = {"starts_at": JalaliDateTimeFormField, "ends_at": JalaliDateTimeFormField}
        widgets = {"starts_at": AdminJalaliSplitDateTime, "ends_at": AdminJalaliSplitDateTime}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, labels in {
            "starts_at": ["تاریخ آغاز", "ساعت آغاز"],
            "ends_at": ["تاریخ پایان", "ساعت پایان"],
        }.items():
            # Its label is a fieldset's legend, which names neither box.
            for widget, label in zip(self.fields[name].widget.widgets, labels, strict=False):
                widget.attrs.setdefault("aria-label", label)
        self.fields["starts_at"].required = False

    def clean_text(self) -> str:
        # One line of plain text: a pasted line break or run of spaces becomes one space.
        return " ".join(self.cleaned_data["text"].split())

    def clean_starts_at(self) -> datetime.datetime:
        return self.cleaned_data["starts_at"] or self.instance.starts_at or timezone.now()

    def clean(self):
        cleaned = super().clean()
        article, text, url = cleaned.get("article"), cleaned.get("text"), cleaned.get("url")
        if article is None and not text:
            self.add_error("text", "متن خبر فوری را بنویسید یا خبری را برگزینید.")
        if article is not None and url:
            self.add_error(
                "url", "نوار خبری که برگزیده‌اید به صفحهٔ همان خبر می‌رود؛ پیوند را خالی بگذارید."
            )
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        new_end = not self.instance.pk or "ends_at" in self.changed_data
        if ends and new_end and ends <= timezone.now():
            self.add_error("ends_at", "زمان پایان گذشته است؛ زمانی در آینده بنویسید.")
        elif starts and ends and ends <= starts:
            self.add_error("ends_at", "پایان باید پس از آغاز باشد.")
        return cleaned


class LiveEntryForm(forms.ModelForm):
    """«پوشش زنده»'s short form: a few lines, a picture from the library or an embed's link,
    and whether it is the pinned entry. What the admin's live page and its tests share."""

    text = PersianCharField(
        label="متن",
        required=False,
        max_length=LiveEntry.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    embed = forms.CharField(
        label="جاسازی",
        required=False,
        max_length=embeds.MAX_LINK_LENGTH,
        help_text="پیوند ویدیو یا پست در آپارات، یوتیوب، تلگرام، اینستاگرام یا ایکس.",
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )

    class Meta:
        model = LiveEntry
        fields = ["text", "image", "embed", "is_pinned"]

    def __init__(self, *args, user=None, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        image = self.fields["image"]
        # Picked from the library's list in a popup, as the lead image is; typed in any digits.
        self.fields["image"] = PersianModelChoiceField(
            queryset=image.queryset,
            required=False,
            label=image.label,
            help_text="از کتابخانه تصویر؛ ذره‌بین فهرست را باز می‌کند.",
        )
        if user is not None:
            self.fields["image"].queryset = Image.objects.for_picker(
                user, everyone=Article.can_publish(user)
            )
        if admin_site is not None:
            self.fields["image"].widget = ForeignKeyRawIdWidget(
                LiveEntry._meta.get_field("image").remote_field, admin_site
            )
        if self.instance.embed and not self.is_bound:  # shown as the link it came from
            shown = self.instance.shown_embed
            self.initial["embed"] = shown.link if shown else ""

    def clean_embed(self) -> str:
        link = self.cleaned_data["embed"].strip()
        if not link:
            return ""
        embed = embeds.parse(link)
        if embed is None:
            raise forms.ValidationError(
                "این پیوند از فهرست جاسازی‌های مجاز نیست "
                "(آپارات، یوتیوب، تلگرام، اینستاگرام، ایکس).",
                code="embed",
            )
        return embed.value

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text") or data.get("image") or data.get("embed")):
            raise forms.ValidationError(
                "مطلب خالی است: متنی بنویسید، یا تصویری یا جاسازی بگذارید.", code="empty"
            )
        return data

    def _post_clean(self):
        # The model's own checks run in its write path (Article.add_live_entry, change).
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LiveEndForm(forms.Form):
    """«پایان پوشش زنده»: now, or at a time typed the Iranian way (its end announced in the
    page's JSON-LD, and coming by itself)."""

    ends_at = JalaliDateTimeFormField(
        label="پایان در",
        required=False,
        widget=AdminJalaliSplitDateTime,
        help_text="خالی بماند، همین حالا؛ یا تاریخ و ساعتی پیش رو، مانند «۱۴۰۵/۰۹/۱۲» و «۱۸:۰۰».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = ["تاریخ پایان پوشش زنده", "ساعت پایان پوشش زنده"]
        for widget, label in zip(self.fields["ends_at"].widget.widgets, labels, strict=True):
            widget.attrs.setdefault("aria-label", label)

    def clean_ends_at(self):
        ends_at = self.cleaned_data["ends_at"]
        if ends_at is not None and ends_at <= timezone.now():
            raise forms.ValidationError("زمان پایان باید پیش رو باشد؛ برای همین حالا خالی بگذارید.")
        return ends_at
