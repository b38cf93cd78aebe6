"""«چینش صفحه اول»: one admin page where an editor arranges the home page.

The lead story, the secondary top stories and the pins of the section blocks, each a table
of rows in the order they show: a row's place is typed, or moved with ▲ / ▼ or by dragging
it (newsroom/static/newsroom/admin-curation.js), each article picked by the admin's
autocomplete over the full-text index (ArticleAdmin.get_search_results: quick at 100 000
articles), with an optional end typed as a Jalali date and time. «پیش‌نمایش» shows the home
page with the arrangement as it stands in the form, saving nothing; «ذخیره» saves it, each
pin put, changed or taken away in the activity log with who did it (HomePin.put, remove).
Editors arrange; no other role may see or change it (the view checks, not only the menu).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, HomePin
from articles.models.curation import HOME_PER_SECTION, HOME_TOP, published_now
from newsroom.persian.fields import AdminJalaliSplitDateTime, JalaliDateTimeFormField
from newsroom.persian.text import to_latin_digits, to_persian_digits

# The places in the page's order, each with what the editor reads above its table.
PLACES = [
    (HomePin.Place.LEAD, _("خبر اول این جدول که هنوز پایان نیافته، تیتر یک است.")),
    (
        HomePin.Place.TOP,
        _("%(n)s خبر نخست این جدول کنار تیتر یک می‌آیند؛ جای خالی را تازه‌ترین خبرها پر می‌کنند.")
        % {"n": to_persian_digits(HOME_TOP)},
    ),
    (
        HomePin.Place.SECTION,
        _("بالای بلوک هر سرویس، تا %(n)s خبر؛ بقیه بلوک تازه‌ترین خبرهای آن سرویس است.")
        % {"n": to_persian_digits(HOME_PER_SECTION)},
    ),
]
EXTRA_ROWS = {HomePin.Place.LEAD: 1, HomePin.Place.TOP: 2, HomePin.Place.SECTION: 2}


class PlaceInput(forms.TextInput):
    """A row's place, in Persian digits; typed in any (admin-curation.js numbers it too)."""

    def format_value(self, value):
        return to_persian_digits(value) if value not in (None, "", 0) else ""


class HomePinForm(forms.ModelForm):
    """A row of one of the page's tables. A table's boxes have no <label> of their own:
    each is named for a screen reader by its column and its row («خبر، ردیف ۲ تیترهای دوم»)."""

    position = forms.CharField(
        label=HomePin._meta.get_field("position").verbose_name,
        required=False,
        widget=PlaceInput(attrs={"inputmode": "numeric", "size": 3}),
    )
    ends_at = JalaliDateTimeFormField(
        label=HomePin._meta.get_field("ends_at").verbose_name,
        required=False,
        widget=AdminJalaliSplitDateTime,
    )

    class Meta:
        model = HomePin
        fields = ["position", "article", "section", "ends_at"]

    def __init__(self, *args, place: str, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.place = place  # its model's rules (HomePin.clean) read it
        if place != HomePin.Place.SECTION:
            del self.fields["section"]
        self.fields["article"].widget = AutocompleteSelect(
            HomePin._meta.get_field("article"), admin_site
        )
        # What may be pinned now, and whatever this row holds already (an article taken off
        # the site since: the row shows it, and may keep it, hidden from readers, or drop it).
        # Set after the widget, which takes its choices from it.
        self.fields["article"].queryset = Article.objects.filter(
            published_now() | Q(pk=self.instance.article_id)
        )
        index = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        row = _("ردیف %(n)s %(place)s") % {
            "n": to_persian_digits(int(index) + 1) if index.isdigit() else "",
            "place": HomePin.Place(place).label,
        }
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}، {row}"

    def clean_position(self) -> int:
        typed = to_latin_digits(self.cleaned_data.get("position") or "").strip()
        if not typed:
            return 0
        if not typed.isdigit() or int(typed) > 999:
            raise forms.ValidationError(_("ترتیب را با یک عدد بنویسید، مثلاً ۲."))
        return int(typed)


class HomePinFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:  # named as the form's own boxes are
            row = form.fields["article"].widget.attrs.get("aria-label", "").split("، ", 1)[-1]
            form.fields["DELETE"].widget.attrs["aria-label"] = f"{_('حذف')}، {row}"

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        # Rows without an article are left empty, whatever else was typed in them.
        for form in self.forms:
            if not form.cleaned_data.get("article") and not form.instance.pk:
                form.cleaned_data = {}


def _formsets(request, now) -> dict[str, forms.BaseModelFormSet]:
    data = request.POST if request.method == "POST" else None
    found = {}
    for place, _help in PLACES:
        factory = forms.modelformset_factory(
            HomePin,
            form=HomePinForm,
            formset=HomePinFormSet,
            extra=EXTRA_ROWS[place],
            can_delete=True,
        )
        found[place] = factory(
            data,
            prefix=place,
            queryset=HomePin.objects.arranged(now).filter(place=place),
            form_kwargs={"place": place, "admin_site": admin.site},
        )
    return found


def _kept_forms(formset):
    """The rows that hold a pin once saved: filled in, not marked «حذف»."""
    for form in formset.forms:
        if form.cleaned_data.get("article") and not formset._should_delete_form(form):
            yield form


def _check_once(formsets) -> list[str]:
    """A story shows once on the page: pinned twice, the second is refused, in Persian."""
    seen, errors = set(), []
    for formset in formsets.values():
        for form in _kept_forms(formset):
            article = form.cleaned_data["article"]
            if article.pk in seen:
                errors.append(
                    _("«%(title)s» دو بار چیده شده است؛ هر خبر یک جا در صفحه اول دارد.")
                    % {"title": article.title}
                )
            seen.add(article.pk)
    return errors


def _pending(formsets) -> list[HomePin]:
    """The arrangement as the form holds it, unsaved, in the page's order, each pin's
    article read with its card (for the preview)."""
    pins = []
    for place, formset in formsets.items():
        for form in _kept_forms(formset):
            pin = form.save(commit=False)
            pin.place = place
            pins.append(pin)
    cards = Article.objects.filter(pk__in=[pin.article_id for pin in pins]).for_cards().in_bulk()
    for pin in pins:
        pin.article = cards[pin.article_id]
    order = {place: n for n, (place, _help) in enumerate(PLACES)}
    return sorted(pins, key=lambda pin: (order[pin.place], pin.position or 0))


def save_arrangement(formsets, by) -> int:
    """Save what the editor changed, each pin through its write path; how many changed."""
    changed = 0
    with transaction.atomic():
        for place, formset in formsets.items():
            for form in formset.forms:
                pin = form.instance
                if formset._should_delete_form(form):
                    if pin.pk:
                        pin.remove(by=by)
                        changed += 1
                elif form.cleaned_data.get("article") and (form.has_changed() or not pin.pk):
                    pin = form.save(commit=False)
                    pin.place = place
                    pin.put(by=by)
                    changed += 1
    return changed


@admin.register(HomePin)
class HomePinAdmin(admin.ModelAdmin):
    """The arrangement page stands in for the list; pins have no pages of their own."""

    autocomplete_fields = ["article"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("", view(self.arrange_view), name="articles_homepin_changelist"),
            path("preview/", view(self.preview_view), name="articles_homepin_preview"),
        ]

    def _may_arrange(self, request) -> None:
        if not request.user.has_perm("articles.change_homepin"):
            raise PermissionDenied

    def arrange_view(self, request):
        self._may_arrange(request)
        now = timezone.now()
        formsets = _formsets(request, now)
        errors = []
        if request.method == "POST":
            valid = all(formset.is_valid() for formset in formsets.values())
            errors = _check_once(formsets) if valid else []
            if valid and not errors:
                changed = save_arrangement(formsets, by=request.user)
                self.message_user(
                    request,
                    _("چینش صفحه اول ذخیره شد (%(n)s تغییر).") % {"n": to_persian_digits(changed)}
                    if changed
                    else _("چیزی تغییر نکرده بود."),
                    messages.SUCCESS if changed else messages.INFO,
                )
                return redirect("admin:articles_homepin_changelist")
        return self._render(request, formsets, errors, now)

    def preview_view(self, request):
        """The home page with the arrangement the form holds, for this editor alone: never
        saved, never cached (admin_view marks it so), nothing live changes."""
        self._may_arrange(request)
        if request.method != "POST":
            return redirect("admin:articles_homepin_changelist")
        now = timezone.now()
        formsets = _formsets(request, now)
        valid = all(formset.is_valid() for formset in formsets.values())
        errors = _check_once(formsets) if valid else []
        if not valid or errors:
            return self._render(request, formsets, errors, now, status=400)
        from articles.views.pages import front_page, render_home  # the views load after the admin

        return render_home(request, front_page(now, pins=_pending(formsets)), preview=True)

    def _render(self, request, formsets, errors, now, status=200):
        media = self.media
        for formset in formsets.values():
            media += formset.media
        live = {pin.pk for pin in HomePin.objects.live(now)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("چینش صفحه اول"),
            "tables": [
                (HomePin.Place(place), help_text, formsets[place], live)
                for place, help_text in PLACES
            ],
            "errors": errors,
            "media": media
            + forms.Media(
                js=["newsroom/admin-curation.js"], css={"all": ["newsroom/admin-curation.css"]}
            ),
        }
        return TemplateResponse(
            request, "admin/articles/homepin/arrange.html", context, status=status
        )
