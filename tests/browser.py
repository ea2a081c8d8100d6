"""Headless Chromium for tests: Debian's `chromium`, driven by Playwright, never downloaded.

Use the `browser_page` fixture (registered in conftest.py). Without Chromium the tests are
skipped on a developer's machine, but fail under CI (`CI=true`), where the set-up script
installs it: browser tests must run in CI.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--font-render-hinting=none",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _require_chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; scripts/setup.sh installs it when root")
        pytest.skip("chromium is not installed (scripts/setup.sh installs it when root)")
    return path


@pytest.fixture(scope="session")
def browser():
    executable = _require_chromium()
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="pwy-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser_page(browser):
    page = browser.new_page()
    try:
        yield page
    finally:
        page.close()
