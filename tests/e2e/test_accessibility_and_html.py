"""axe-core finds no accessibility violations and the Nu Html Checker no errors; right to
left holds on a small phone."""

import json
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from newsroom.persian.jalali import to_jalali
from tests.e2e.conftest import ROOT
from tests.factories import (
    make_article,
    make_breaking,
    make_comment,
    make_image,
    make_section,
    make_tag,
    picture_bytes,
)

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def pages(settings):
    # The site's channels, so their promos under the article are checked as the rest.
    settings.EITAA_CHANNEL_URL = "https://eitaa.com/example_news"
    settings.TELEGRAM_CHANNEL_URL = "https://t.me/example_news"
    section = make_section(name="فرهنگی", slug="culture")
    # Pictures of the body from the library: one in a captioned figure, one on its own.
    inside = make_image(picture_bytes((1200, 800)), alt="بازدیدکنندگان", credit="علی رضایی")
    alone = make_image(picture_bytes((800, 600)), alt="کتاب‌های کودک")
    article = make_article(
        section=section,
        kicker="با حضور ناشران",
        title="نمایشگاه کتاب UNESCO در سال ۱۴۰۵ آغاز شد",
        lead="در این نمایشگاه ۲۵۰۰ ناشر از ۳۵ کشور حاضرند.",
        body=(
            "<p>مؤسسه یادگیری مادام‌العمر یونسکو (UIL) گواهی عضویت را صادر کرد و "
            "نمایشگاه تا ۱۵ آذر ادامه دارد.</p><h2>برنامه‌ها</h2><ul><li>نشست‌ها</li></ul>"
            f'<figure class="image"><img alt="بازدیدکنندگان" src="{inside.file.url}">'
            "<figcaption>صف بازدیدکنندگان</figcaption></figure>"
            f'<p><img alt="کتاب‌های کودک" src="{alone.file.url}"></p>'
            # An embed: its facade is checked as the rest of the page.
            '<p><a href="https://www.aparat.com/v/k8Tq2">گزارش تصویری نمایشگاه</a></p>'
        ),
        source="به گزارش خبرنگار ما،",
        tags=[make_tag(name="کتاب")],
        # A lead picture from the library, its renditions made: <picture> with its sources.
        lead_image=make_image(
            picture_bytes((1600, 900)), caption="غرفه ناشران", credit="مریم احمدی"
        ),
    )
    # A card of the lists with its picture beside its words.
    make_article(section=section, title="خبر دیگر فرهنگی", lead_image=alone)
    make_article(section=section, title="خبر سوم فرهنگی، بی‌عکس")
    make_comment(article, text="نظر خواننده درباره نمایشگاه")
    day = to_jalali(article.published_at)
    # «خبر فوری» above every page, as a link.
    make_breaking(article=article, text="نمایشگاه کتاب با ۲۵۰۰ ناشر آغاز شد")
    # Its notes, under the lead and after the body, and the page that lists corrections.
    article.add_note("update", "ساعت کار نمایشگاه در روزهای پایانی تا ۲۱ تمدید شد.")
    article.add_note("correction", "شمار ناشران ۲۵۰۰ است، نه ۲۰۵۰.")
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "article": article.get_absolute_url(),
        "corrections": "/corrections/",
        "search": "/search/?q=" + "نمایشگاه",
        "archive": "/archive/",
        "archive_month": f"/archive/{day.year}/{day.month}/?section=culture",
        "archive_day": f"/archive/{day.year}/{day.month}/{day.day}/",
        "404": "/no-such-page/",
    }


def test_axe_finds_no_violations(new_page, pages):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make install runs npm ci)")
    page = new_page(bypass_csp=True).page  # the checker is injected as a script
    found = {}
    for name, url in pages.items():
        page.goto(url)
        if name == "article":  # so the rules for the comment's 👍/👎 buttons are checked too
            assert page.locator(".comment button.comment__react").count() == 2
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} × {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        if violations:
            found[name] = violations
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_nu_html_checker_finds_no_errors(new_page, pages, tmp_path):
    if not VNU.exists():
        pytest.skip("vnu-jar is not installed (make install runs npm ci)")
    if not shutil.which("java"):
        pytest.skip("The Nu Html Checker needs Java, and none is installed")
    page = new_page(javascript=False).page  # the HTML as served, not as scripts changed it
    files = []
    for name, url in pages.items():
        page.goto(url)
        path = tmp_path / f"{name}.html"
        path.write_text(page.content(), encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert not errors, "\n".join(errors)


def test_nothing_overflows_a_360px_screen(new_page, pages):
    page = new_page(viewport=(360, 740)).page
    for name, url in pages.items():
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{name} is {width}px wide"


def test_numbered_lists_count_in_persian_digits(new_page, pages):
    """«پربحث‌ترین» and every other numbered list: «۱.», never «1.»."""
    page = new_page().page
    page.goto(pages["home"])
    styles = page.evaluate(
        "[...document.querySelectorAll('ol')].map(ol => getComputedStyle(ol).listStyleType)"
    )
    assert styles and set(styles) == {"persian"}
    page.goto(pages["article"])  # its rankings, beside lists that show no number
    styles = page.evaluate(
        "[...document.querySelectorAll('.ranking ol')]"
        ".map(ol => getComputedStyle(ol).listStyleType)"
    )
    assert styles and set(styles) == {"persian"}


def test_latin_words_and_numbers_keep_their_order_inside_persian(new_page, pages):
    page = new_page().page
    page.goto(pages["article"])
    # Left-to-right positions of each character, as laid out on screen.
    xs = page.evaluate(
        """(needle) => {
            const body = document.querySelector('.article__body');
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(needle);
                if (at < 0) continue;
                return [...needle].map((_, i) => {
                    const range = document.createRange();
                    range.setStart(node, at + i);
                    range.setEnd(node, at + i + 1);
                    return range.getBoundingClientRect().left;
                });
            }
            return null;
        }""",
        "UIL",
    )
    assert xs, "the Latin text is on the page"
    # (The parentheses around it belong to the Persian sentence and mirror, as they should.)
    assert xs == sorted(xs), f"«UIL» is laid out out of order: {xs}"
    title_digits = page.evaluate(
        """() => {
            const h1 = document.querySelector('h1');
            const node = [...h1.childNodes].find(n => n.data && n.data.includes('۱۴۰۵'));
            const at = node.data.indexOf('۱۴۰۵');
            return [0, 1, 2, 3].map(i => {
                const range = document.createRange();
                range.setStart(node, at + i);
                range.setEnd(node, at + i + 1);
                return range.getBoundingClientRect().left;
            });
        }"""
    )
    assert title_digits == sorted(title_digits), "۱۴۰۵ reads left to right, as numbers do"


def test_a_reaction_button_is_named_by_what_it_does_and_its_count(new_page, pages):
    """A screen reader hears «پسندیدم ۰», and «پسندیدم ۱» once the count has changed."""
    page = new_page().page
    page.goto(pages["article"])
    like = page.get_by_role("button", name="پسندیدم ۰", exact=True)
    expect(like).to_have_count(1)
    expect(page.get_by_role("button", name="نپسندیدم ۰", exact=True)).to_have_count(1)
    like.click()
    expect(page.get_by_role("button", name="پسندیدم ۱", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
