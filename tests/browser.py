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


def log_in(page, base: str, email: str, password: str, *, wait_for: str = "**/app/**") -> None:
    """Log in through the form; answer the second factor as the person's phone would: enrol
    (operators, assessors, ITA admins the first time) or type the current code."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def current_code(device) -> str:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # a code may be reused in a test
        device.refresh_from_db()
        return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"

    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button")
    page.wait_for_load_state()
    if "/accounts/two-factor/" in page.url:
        device = TOTPDevice.objects.get(user__email=email, confirmed=False)
        page.fill("#id_token", current_code(device))
        page.click("main button[value=confirm]")
        page.wait_for_load_state()
        page.click("main a.btn")  # Continue, after the recovery codes
    elif "/accounts/verify/" in page.url:
        device = TOTPDevice.objects.get(user__email=email, confirmed=True)
        page.fill("#id_token", current_code(device))
        page.click("main button")
    page.wait_for_url(wait_for)
