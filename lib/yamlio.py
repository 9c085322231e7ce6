"""Reading YAML safely and fast: LibYAML's C loader (CSafeLoader) where PyYAML was built with it,
else the pure-Python SafeLoader (same results, about ten times slower on the framework files)."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """Like yaml.safe_load: plain data only, never Python objects."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python
