"""Reading YAML safely and fast: LibYAML's C loader (CSafeLoader) where PyYAML was built with it,
else the pure-Python SafeLoader (same results, about ten times slower on the framework files)."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """Like yaml.safe_load: plain data only, never Python objects."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python


class _StrictLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader that also refuses a key given twice in one mapping (YAML would keep
    the second silently)."""


def _mapping_without_duplicates(loader, node, deep=False):
    seen: dict = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' (first at line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def strict_load(text: str | bytes) -> Any:
    """Like safe_load, but a mapping that repeats a key is an error (yaml.constructor.ConstructorError)."""
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader, C or Python
