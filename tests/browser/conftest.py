"""Real-browser tests: Playwright driving Debian's Chromium against a live portal."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WINDOWS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the database calls of the
    # test's own factories are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(WINDOWS))
def page(request, browser, live_server):
    """A page in a phone-sized and in a desktop-sized window, on the live portal; any breach
    of the Content-Security-Policy fails the test."""
    context = browser.new_context(viewport=WINDOWS[request.param], base_url=live_server.url)
    page = context.new_page()
    breaches: list[str] = []
    page.on(
        "console",
        lambda message: (
            breaches.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert breaches == []
