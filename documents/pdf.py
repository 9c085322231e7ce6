"""HTML to PDF with headless Chromium: the one generator measured to get both the drawn Thai
glyphs and the text layer right (shared/measured-pitfalls.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .thaiwrap import keep_thai_words

DEFAULT_CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]


class PdfRenderError(RuntimeError):
    """Chromium is missing or failed; the message says which and what to do."""


def chromium_path() -> str | None:
    """CHROMIUM_PATH from the environment, else /usr/bin/chromium, else chromium on PATH."""
    configured = os.environ.get("CHROMIUM_PATH", "")
    for candidate in (configured, DEFAULT_CHROMIUM):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def render_pdf(html: str, *, timeout: float = 120, thai_words: bool = True) -> bytes:
    """Print HTML (a whole document; fonts by file:// URL) to PDF bytes.

    THAI_WORDS keeps each Thai word on one line (documents.thaiwrap); the text layer is unchanged.
    """
    if thai_words:
        html = keep_thai_words(html)
    browser = chromium_path()
    if browser is None:
        raise PdfRenderError(
            "Chromium is not installed, so no PDF can be made. Install the Debian package `chromium` "
            "(apt-get install chromium) or set CHROMIUM_PATH to its executable."
        )
    with tempfile.TemporaryDirectory(prefix="prongsai-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.html"
        target = folder / "document.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            browser, *FLAGS, f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={target}", source.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                    stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfRenderError(f"Chromium did not finish the PDF within {timeout:.0f} s.") from None
        if result.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise PdfRenderError(f"Chromium failed to print the PDF (exit {result.returncode}): {' | '.join(tail)}")
        return target.read_bytes()
