"""Playwright driving the system's Chromium against pytest-django's live server.

Where no Chromium can be found the browser tests are skipped, saying why.
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".artifacts"

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"]
    for name in candidates:
        if name and (path := shutil.which(name)):
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip("No Chromium on this machine (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Watched:
    """A page whose dialogs (an injected script firing) and CSP violations are kept."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.csp_violations: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)


@pytest.fixture
def new_page(browser, live_server):
    """Pages on the live server, each in a fresh browser context."""
    contexts = []

    def make(viewport=(1280, 900), javascript=True, bypass_csp=False):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": viewport[0], "height": viewport[1]},
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            locale="fa-IR",
        )
        contexts.append(context)
        return Watched(context.new_page())

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def log_in(page, username: str, password: str = "pass") -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


class Clicks:
    """What a person does to get a task done, counted as it is done: `clicks` on links and
    buttons (an Enter that sends a form is one too; a <select> is two: open it, choose) and
    `boxes`, each text box clicked into to type — the typing itself is not counted."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.boxes = 0

    def _locator(self, target):
        return self.page.locator(target) if isinstance(target, str) else target

    def click(self, target) -> None:
        self.clicks += 1
        self._locator(target).click()

    def pick(self, target, label: str) -> None:
        self.clicks += 2
        self._locator(target).select_option(label=label)

    def type(self, target, text: str, *, keys: bool = False) -> None:
        """Into a box: a click, then the text (`keys`: key by key, for boxes that react)."""
        self.boxes += 1
        box = self._locator(target)
        box.click()
        if not text:
            return
        if keys:
            box.press_sequentially(text)
        else:
            self.page.keyboard.insert_text(text)

    def enter(self, target) -> None:
        """Enter in a box, to send its form."""
        self.clicks += 1
        self._locator(target).press("Enter")


AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA, asked for by name: a run that names no tags leaves some of these rules
# (target-size among them) out.
WCAG22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def load_axe(page) -> None:
    """axe-core in every document the page opens from now on, frames too, with the pages'
    Content-Security-Policy left on (a script given to the browser itself is not blocked)."""
    if not AXE_SCRIPT.exists():
        pytest.skip("axe-core is not installed (make install runs npm ci)")
    page.context.add_init_script(path=str(AXE_SCRIPT))


def wcag_violations(page) -> list[str]:
    """What axe finds against WCAG 2.2 A and AA on the page as it is now (load_axe first)."""
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG22,
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} × {[n['target'] for n in v['nodes'][:5]]})"
        for v in result["violations"]
    ]


def overflow(page) -> str | None:
    """How far the page scrolls sideways, if it does."""
    wide, window = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    return f"{wide}px wide in a {window}px window" if wide > window else None
