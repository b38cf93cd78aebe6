"""Article bodies against hostile HTML: nothing that runs survives, the newsroom's markup does."""

import pytest

from articles.sanitize import sanitize
from tests.factories import make_article

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x ONERROR=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name="password"></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="position:fixed;inset:0">overlay</div>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<body onload="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    '<p onmouseover="alert(1)">hover</p>',
    '<a href="#" onclick="alert(1)">x</a>',
    '<img src="x" srcset="javascript:alert(1) 1x">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<template><script>alert(1)</script></template>",
    "<textarea><script>alert(1)</script></textarea>",
    "<xmp><script>alert(1)</script></xmp>",
    '<isindex action="javascript:alert(1)" type=image>',
    '<p id="x" class="evil" data-x="1">x</p>',
    "\u202e<p>\u202eخبر</p>\x00",
]
FORBIDDEN = [
    "<script", "onerror", "onload", "onclick", "onmouseover", "ontoggle", "javascript:",
    "vbscript:", "data:text", "<iframe", "<object", "<embed", "<form", "<input", "<style",
    "style=", "<link", "<meta", "<base", "<svg", "<math", "srcset", "<button", "<textarea",
    "class=", "\u202e", "\x00",
]  # fmt: skip


@pytest.mark.parametrize("html", HOSTILE)
def test_nothing_that_can_run_survives(html):
    clean = sanitize(html).lower()
    for needle in FORBIDDEN:
        assert needle not in clean, f"{needle!r} survived in {clean!r}"


@pytest.mark.parametrize(
    "html",
    [
        "<h2>عنوان</h2>",
        "<h3>عنوان فرعی</h3>",
        "<p><strong>پررنگ</strong> و <em>کج</em></p>",
        "<ul><li>یک</li><li>دو</li></ul>",
        "<ol><li>یک</li></ol>",
        "<blockquote><p>نقل قول</p></blockquote>",
        '<figure><img src="/media/a.jpg" alt="عکس"><figcaption>زیرنویس</figcaption></figure>',
        "<table><thead><tr><th>استان</th></tr></thead>"
        "<tbody><tr><td>کرمانشاه</td></tr></tbody></table>",
        '<p dir="ltr">UNESCO Learning Cities</p>',
    ],
)
def test_the_newsrooms_markup_is_kept(html):
    assert sanitize(html) == html


def test_links_are_kept_and_cannot_reach_back_to_the_page():
    assert sanitize('<a href="https://unesco.org/">یونسکو</a>') == (
        '<a href="https://unesco.org/" rel="noopener noreferrer">یونسکو</a>'
    )


@pytest.mark.django_db
def test_a_body_stored_by_any_path_is_rendered_sanitised(client):
    article = make_article()
    # A row written without save() (a bulk import, say) is still cleaned when shown.
    type(article).objects.filter(pk=article.pk).update(body="<p>متن</p><script>alert(1)</script>")
    response = client.get(article.get_absolute_url())
    assert "<p>متن</p>" in response.text
    assert "alert(1)" not in response.text


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ('<img src="/a.jpg" data-image="12" alt="">', '<img src="/a.jpg" data-image="12" alt="">'),
        ('<img src="/a.jpg" data-image="12 onerror=x">', '<img src="/a.jpg">'),
        ('<img src="/a.jpg" data-image="۱۲">', '<img src="/a.jpg">'),
        ('<img src="/a.jpg" data-image="-3">', '<img src="/a.jpg">'),
        ('<img src="/a.jpg" data-image="0">', '<img src="/a.jpg">'),
        ('<p data-image="12">x</p>', "<p>x</p>"),
        ('<img src="/a.jpg" data-other="1">', '<img src="/a.jpg">'),
    ],
    ids=["number", "more-than-a-number", "persian-digits", "negative", "zero", "not-img", "other"],
)
def test_a_body_picture_keeps_its_library_id_only_as_a_number(written, kept):
    assert sanitize(written) == kept
