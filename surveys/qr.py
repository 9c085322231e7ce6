"""QR codes of the public survey links (segno: pure Python, SVG and PNG, no image library)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, scale: int = 6, title: str = "", fit: bool = False) -> bytes:
    """FIT: a viewBox instead of a fixed width and height, so CSS can size the code whole."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, title=title or None, omitsize=fit
    )
    return out.getvalue()


def qr_png(url: str, *, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_svg_inline(url: str, *, scale: int = 6, title: str = "", fit: bool = False) -> str:
    """SVG markup to put straight into a page (posters, slips)."""
    return qr_svg(url, scale=scale, title=title, fit=fit).decode()
