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
