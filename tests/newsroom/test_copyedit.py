"""The Persian copy-editor: a case per rule, the sample article, and what it must not join."""

import io
import sys

import pytest
from django.core.management import call_command

from articles import demo
from newsroom.persian.copyedit import ZWNJ, fix, fix_html, suggest

Z = ZWNJ


@pytest.mark.parametrize(
    ("rule", "before", "after"),
    [
        ("Arabic letters", "علي كريمي و مدرسة", "علی کریمی و مدرسه"),
        ("fixed expression, glued", "بهعنوان نماینده", f"به{Z}عنوان نماینده"),
        ("fixed expression, apart", "شبکه بین المللی", f"شبکه بین{Z}المللی"),
        ("می + verb, apart", "او می کند", f"او می{Z}کند"),
        ("می + verb, glued", "او میشود", f"او می{Z}شود"),
        ("نمی + verb", "نمی خواهد", f"نمی{Z}خواهد"),
        ("می + past stem", "میرفتند", f"می{Z}رفتند"),
        ("plural after a joining letter, apart", "سازمان های مردمی", f"سازمان{Z}های مردمی"),
        ("plural after a joining letter, glued", "سیاستهای آموزشی", f"سیاست{Z}های آموزشی"),
        ("plural after a non-joining letter", "شهر ها", "شهرها"),
        ("plural after silent ه", "برنامههای نو", f"برنامه{Z}های نو"),
        ("comparative", "بزرگ ترین شهر", f"بزرگ{Z}ترین شهر"),
        ("silent ه + ای, apart", "نامه ای رسید", f"نامه{Z}ای رسید"),
        ("silent ه + اند", "رفته اند", f"رفته{Z}اند"),
        (
            "silent ه + ای, glued, where the text knows the word",
            "شبکه و شبکهای",
            f"شبکه و شبکه{Z}ای",
        ),
        ("straight quotes", 'شعار " یادگیری برای همه "', "شعار «یادگیری برای همه»"),
        ("Persian comma", "سلام ,خوبی", "سلام، خوبی"),
        ("Persian question mark", "چرا ?", "چرا؟"),
        ("no space before, one after", "گفت :اکنون ، فردا", "گفت: اکنون، فردا"),
        ("Persian digits", "سال 1405 و ٢٥ روز", "سال ۱۴۰۵ و ۲۵ روز"),
        ("decimal separator", "رشد 2.5 درصدی", "رشد ۲٫۵ درصدی"),
        ("doubled spaces", "ادامه داد:  اکنون", "ادامه داد: اکنون"),
        ("space beside a half-space", f"می {Z} شود", f"می{Z}شود"),
        ("کننده after a non-joining letter", "نتایج امیدوار کننده", "نتایج امیدوارکننده"),
        ("کننده after a joining letter", "مصرف کننده", f"مصرف{Z}کننده"),
        ("کنندگان", "شرکت کنندگان", f"شرکت{Z}کنندگان"),
        ("hamza", "تاکید کرد", "تأکید کرد"),
        ("hamza, with a suffix", "تاثیرگذار و تاکیدات", "تأثیرگذار و تأکیدات"),
        ("hamza as ئ", "این مساله", "این مسئله"),
        ("به + adverb, apart", "به زودی", f"به{Z}زودی"),
        ("به + adverb, glued", "بویژه", f"به{Z}ویژه"),
        ("number glued to its unit", "یکماه بعد", "یک ماه بعد"),
        ("another number and unit", "دوسال", "دو سال"),
    ],
)
def test_each_rule(rule, before, after):
    assert fix(before) == after, rule


@pytest.mark.parametrize(
    "kept",
    [
        "به گزارش خبرنگار ما",
        "میدان آزادی",
        "میزان بارش",
        "میلیون نفر",
        "میراث فرهنگی",
        "می ناب",
        "تنها راه",
        "نهادها",
        "میوه تر و تازه",
        "سازمان ملل",
        "آموزش و پرورش",
        "ISO 3632 و PM2.5",
        "UNESCO (UIL)",
        "https://example.com/news/a_b?x=1&y=2",
        "nobody@example.com",
        "ساعت ۱۰:۳۰",
        "و ... مردم",
        "می‌شود",
        "کتاب‌ها",
        "بهای نفت",
        "بهای نفت و بهای طلا به",  # «به» known as a word: still not «به‌ای»
        "روزهای سخت",
        "روزهای سخت و ماه روزه",  # «روزه» known: still the plural of «روز»
        "کارهای او و کاره",
        "گفت که ای مردم",
        "و کننده",
        "یکسان",
        "یکشنبه",
        "دوره",
        "دهه",
        "تاریخ",
        "امیدوارکننده",
        f"مصرف{Z}کننده",
        "تأکید",
        f"به{Z}زودی",
        "یک ماه",
    ],
)
def test_what_must_stay_as_it_is(kept):
    assert fix(kept) == kept


def test_html_tags_and_attributes_are_untouched():
    html = '<p class="x" title="می کند">او می کند</p><a href="https://a.ir/ها">کتاب ها</a>'
    assert fix_html(html) == (
        f'<p class="x" title="می کند">او می{Z}کند</p><a href="https://a.ir/ها">کتاب{Z}ها</a>'
    )


def test_the_sample_article_gets_its_half_spaces_back():
    body = "\n".join(demo.SAMPLE_ARTICLE["body"])
    fixed = fix(body)
    assert body.count(Z) == 0
    assert fixed.count(Z) == 28  # the joins the sample lost, restored (README has the list)
    for word in [
        f"به{Z}عنوان", f"می{Z}کند", f"می{Z}شود", f"مادام{Z}العمر", f"بین{Z}المللی",
        f"شبکه{Z}ای", f"سیاست{Z}های", f"ظرفیت{Z}های", f"شاخص{Z}های", f"بهره{Z}گیری",
        f"برنامه{Z}های", f"برنامه{Z}ریزی", f"سازمان{Z}های", f"دانشگاه{Z}ها", f"رسانه{Z}ای",
        f"مهارت{Z}های", f"مقدمه{Z}ای", f"کارگروه{Z}های", f"تلاش{Z}های", f"مردم{Z}نهاد",
        f"به{Z}زودی", "امیدوارکننده", "تأکید", "یک ماه",
    ]:  # fmt: skip
        assert word in fixed, word
    assert "«یادگیری برای همه و برای همیشه»" in fixed
    # Nothing that was right is touched: every word of the original is still there, joined
    # at most, never split or respelled.
    assert (
        fixed.replace(Z, "").replace("«", '"').replace("»", '"').split()[:10]
        == (body.replace("  ", " ").split()[:10])
    )
    assert fix(fixed) == fixed  # fixing twice changes nothing more


def test_the_command_reads_stdin_and_writes_stdout(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("سازمان های مردم نهاد میکنند\n"))
    out = io.StringIO()
    call_command("copyedit", stdout=out)
    assert out.getvalue() == f"سازمان{Z}های مردم{Z}نهاد می{Z}کنند\n"


@pytest.mark.django_db
def test_the_command_reports_the_archive_then_applies_with_a_revision():
    from tests.factories import make_article

    article = make_article(title="کتاب ها", lead="لید درست", body="<p>او می کند</p>")
    clean = make_article(title="درست", lead="درست", body="<p>درست</p>")
    out = io.StringIO()
    call_command("copyedit", articles=True, stdout=out)
    assert "would change 1 of 2 articles" in out.getvalue()
    assert f"+کتاب{Z}ها" in out.getvalue()
    article.refresh_from_db()
    assert article.title == "کتاب ها"
    call_command("copyedit", articles=True, apply=True, stdout=io.StringIO())
    article.refresh_from_db()
    assert article.title == f"کتاب{Z}ها"
    assert article.body == f"<p>او می{Z}کند</p>"
    assert article.history.first().history_change_reason == "ویرایش خودکار نگارش"
    assert clean.history.count() == 1


# Suggestions, one by one


def test_suggestions_taken_together_are_the_fix_and_none_taken_is_the_original():
    text = "سازمان های مردم نهاد میکنند ,و سال 1405 به زودی"
    suggestions = suggest("lead", text)
    assert suggestions.text() == text
    assert suggestions.text(change.id for change in suggestions.changes) == fix(text)
    assert [(c.before, c.after) for c in suggestions.changes] == [
        ("سازمان های", f"سازمان{Z}های"),
        ("مردم نهاد", f"مردم{Z}نهاد"),
        ("میکنند ,و", f"می{Z}کنند، و"),  # the comma moves over the space: one change
        ("1405", "۱۴۰۵"),
        ("به زودی", f"به{Z}زودی"),
    ]


def test_each_suggestion_can_be_taken_alone():
    suggestions = suggest("title", "کتاب ها و رسانه ای")
    first, second = suggestions.changes
    assert suggestions.text([first.id]) == f"کتاب{Z}ها و رسانه ای"
    assert suggestions.text([second.id]) == f"کتاب ها و رسانه{Z}ای"


def test_body_suggestions_touch_only_the_text_and_read_without_entities():
    body = '<p class="x">او میکند:&nbsp;&nbsp;امروز</p><p><a href="/ها">کتاب ها</a></p>'
    suggestions = suggest("body", body, is_html=True)
    assert suggestions.text(c.id for c in suggestions.changes) == fix_html(body)
    shown = "".join(
        part if isinstance(part, str) else part.shown_after for part in suggestions.shown()
    )
    assert "&nbsp;" not in shown and "<" not in shown
    assert shown == f"او می{Z}کند:\u0020\u0020امروز\nکتاب{Z}ها"


def test_a_body_as_ckeditor_lays_it_out_reads_without_empty_lines():
    # CKEditor's source: blank lines between blocks, a paragraph holding only a photo.
    body = '<p>متن خبرنگار.</p>\n\n<p><img alt="عکس" src="/media/a.jpg" /></p>\n\n<p>کتاب ها</p>\n'
    shown = "".join(
        part if isinstance(part, str) else part.shown_after
        for part in suggest("body", body, is_html=True).shown()
    )
    assert shown == f"متن خبرنگار.\nکتاب{Z}ها"
