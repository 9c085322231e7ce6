"""Shared set-up for tests that drive Debian's headless Chromium through Playwright."""

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium); browser test skipped"
)


@contextmanager
def browser_page(*, viewport=None, locale="th-TH"):
    """A fresh page in headless Chromium; Django's ORM may run beside Playwright's loop."""
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale=locale)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
