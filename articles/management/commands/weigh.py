"""`make weigh`: what each kind of reader page costs a phone to load, in bytes.

A throwaway database in .weigh/ gets the demo content and its pictures' renditions; gunicorn
serves it (DEBUG off, media served by the app) and Chromium loads one page of each kind at
390 px (then 1366 px), as a reader arriving: no scrolling, nothing cached. For each page it
prints the bytes of every kind of resource, the pictures fetched against the originals of
the pictures the page shows, the layout shift (CLS) and the requests to other hosts.
A measurement, not a test: tests/e2e/test_page_weight.py holds the page to its targets.
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article, Image, Section, Tag
from newsroom.serving.bench import Server

VIEWPORTS = {"phone": (390, 844), "desk": (1366, 768)}
KINDS = ("document", "stylesheet", "script", "font", "image")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Collects every layout shift not caused by the reader's own input, from the first paint.
CLS_SCRIPT = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__cls += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


@dataclass
class Weight:
    page: str
    viewport: str
    bytes_by_kind: dict[str, int] = field(default_factory=dict)
    originals: int = 0  # the original files of the library pictures the page shows
    cls: float = 0.0
    third_party: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.bytes_by_kind.values())

    @property
    def image_share(self) -> float | None:
        if not self.originals:
            return None
        return self.bytes_by_kind.get("image", 0) / self.originals


def weigh(browser, base_url: str, path: str, viewport: tuple[int, int], originals) -> Weight:
    """Load `path` once in a fresh context and add up what came over the wire."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        device_scale_factor=2 if viewport[0] < 600 else 1,
        is_mobile=viewport[0] < 600,
        has_touch=viewport[0] < 600,
    )
    context.add_init_script(CLS_SCRIPT)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base_url + path, wait_until="load")
    page.wait_for_timeout(500)  # late layout shifts (fonts, pictures decoding)
    weight = Weight(page=path, viewport=f"{viewport[0]}px")
    weight.cls = page.evaluate("window.__cls")
    own_host = urlsplit(base_url).netloc
    for request in finished:
        if urlsplit(request.url).netloc != own_host:
            weight.third_party.append(request.url)
            continue
        kind = request.resource_type if request.resource_type in KINDS else "other"
        size = request.sizes()["responseBodySize"]
        weight.bytes_by_kind[kind] = weight.bytes_by_kind.get(kind, 0) + size
    html = page.content()
    shown = {image for url, image in originals.items() if url in html}
    weight.originals = sum(size for _pk, size in shown)
    context.close()
    return weight


def originals_by_url() -> dict[str, tuple[int, int]]:
    """Each library picture's URLs (the original and its renditions) → (the picture, its
    original's bytes): a page that names any of them shows that picture."""
    found = {}
    for image in Image.objects.all():
        picture = (image.pk, image.file.size)
        found[image.file.url] = picture
        for made in image.renditions.get("files", []):
            found[image.file.storage.url(made["name"])] = picture
    return found


def page_kinds() -> dict[str, str]:
    """One page of each kind a reader meets, from the demo content."""
    published = Article.objects.published().order_by("-published_at")
    kinds = {"home": "/"}
    if section := Section.objects.first():
        kinds["section"] = section.get_absolute_url()
    if tag := Tag.objects.filter(articles__in=published).first():
        kinds["tag"] = tag.get_absolute_url()
    plain = published.filter(lead_image__isnull=False, gallery_items__isnull=True)
    if article := plain.exclude(body__contains="data-embed").first():
        kinds["article"] = article.get_absolute_url()
    if article := published.filter(gallery_items__isnull=False).first():
        kinds["article, gallery"] = article.get_absolute_url()
    if article := published.filter(body__contains="data-embed").first():
        kinds["article, video"] = article.get_absolute_url()
    kinds["search"] = "/search/?q=" + quote("تهران")
    return kinds


def kilobytes(size: int) -> str:
    return f"{size / 1024:,.1f}"


class Command(BaseCommand):
    help = "Prints the weight of each kind of reader page on a phone and a desk (Chromium)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8798)

    def handle(self, *args, port: int, **options):
        if not settings.BENCH:
            raise CommandError("Run it through `make weigh` (a throwaway database in .weigh/).")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise CommandError("Chromium is needed: apt-get install chromium.")
        from playwright.sync_api import sync_playwright

        call_command("migrate", verbosity=0)
        # With DEBUG off the demo is written by an existing superuser (no known password).
        get_user_model().objects.create_superuser("weigh", password=None)
        call_command("load_demo", verbosity=0)
        call_command("make_renditions", verbosity=0)
        kinds = page_kinds()
        originals = originals_by_url()
        weights = []
        with Server(port, workers=2, SERVE_MEDIA=1) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            for viewport in VIEWPORTS.values():
                for name, path in kinds.items():
                    weight = weigh(browser, server.url, path, viewport, originals)
                    weight.page = name
                    weights.append(weight)
            browser.close()
        self.print_table(weights)

    def print_table(self, weights: list[Weight]) -> None:
        header = ["page", "viewport", *(f"{kind} KB" for kind in KINDS), "total KB"]
        header += ["pictures / originals", "CLS", "other hosts"]
        rows = []
        for weight in weights:
            share = weight.image_share
            rows.append(
                [
                    weight.page,
                    weight.viewport,
                    *(kilobytes(weight.bytes_by_kind.get(kind, 0)) for kind in KINDS),
                    kilobytes(weight.total),
                    "—" if share is None else f"{share:.1%} of {kilobytes(weight.originals)} KB",
                    f"{weight.cls:.3f}",
                    str(len(weight.third_party)),
                ]
            )
        self.stdout.write("| " + " | ".join(header) + " |")
        self.stdout.write("|" + "---|" * len(header))
        for row in rows:
            self.stdout.write("| " + " | ".join(row) + " |")
        Path(settings.BASE_DIR, ".weigh", "weights.md").write_text(
            "\n".join("| " + " | ".join(row) + " |" for row in [header, *rows]) + "\n"
        )
