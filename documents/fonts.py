"""Where the Sarabun TTFs are (PyPI fontpkg-sarabun, OFL), for @font-face by file:// URL."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def sarabun_dir() -> Path:
    import fontpkg_sarabun

    folder = Path(fontpkg_sarabun.__file__).resolve().parent / "files"
    if not (folder / "Sarabun-Regular.ttf").exists():  # pragma: no cover - a broken install
        raise RuntimeError(f"Sarabun-Regular.ttf not found in {folder}")
    return folder


def sarabun_url() -> str:
    return sarabun_dir().as_uri()
