"""QR codes of the public survey links (segno: pure Python, SVG and PNG, no image library)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, scale: int = 6, title: str = "") -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, title=title or None)
    return out.getvalue()


def qr_png(url: str, *, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_svg_inline(url: str, *, scale: int = 6, title: str = "") -> str:
    """SVG markup to put straight into a page (posters, slips)."""
    return qr_svg(url, scale=scale, title=title).decode()
