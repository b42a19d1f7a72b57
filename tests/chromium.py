"""Headless Chromium for the tests that look at pages as a person would.

A pytest plugin (registered in tests/conftest.py). It drives Debian's ``chromium`` package, which
scripts/setup installs, through Playwright; Playwright's own browser download is never used. The
binary is found as ``IKG_CHROMIUM`` or ``chromium`` on the PATH. A missing browser fails the test:
it does not skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

# Chromium as root in a container needs --no-sandbox; the rest keeps it from calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def chromium_path() -> str:
    path = os.environ.get("IKG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("no chromium: run scripts/setup (it installs Debian's chromium) or set IKG_CHROMIUM")
    return path


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class OfflinePage:
    """A page that may only reach loopback: any other request is aborted and remembered, so a test
    can show that what it loaded needs no internet."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.outside: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and host not in LOOPBACK:
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()


@pytest.fixture
def offline_page(chromium: Browser) -> Iterator[OfflinePage]:
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    try:
        yield OfflinePage(context.new_page())
    finally:
        context.close()
