"""Kinds of agency records that a framework file's publishing map may name.

Apps that keep records able to serve as OIT evidence register their kinds in
``AppConfig.ready()``; the framework loader refuses a publishing rule naming a kind nobody
registered. Which item a kind publishes into is each year's data, never code.
"""

from __future__ import annotations

_EVIDENCE_KINDS: dict[str, object] = {}


def evidence_kinds_register(kinds: dict[str, object]) -> None:
    """KINDS maps a kind (e.g. ``risk-register``) to its label (a lazy translation)."""
    _EVIDENCE_KINDS.update(kinds)


def evidence_kinds() -> dict[str, object]:
    return dict(_EVIDENCE_KINDS)
