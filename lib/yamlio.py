"""Reading YAML safely and fast: LibYAML's C loader (CSafeLoader) where PyYAML was built with it,
else the pure-Python SafeLoader (same results, about ten times slower on the framework files)."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """Like yaml.safe_load: plain data only, never Python objects."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python


class _StrictLoader(SafeLoader):  # type: ignore[misc]
    """The safe loader that also refuses a key given twice in one mapping (YAML would keep
    the second silently)."""


def _mapping_without_duplicates(loader: Any, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' (first at line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


# A year's framework file is about 20,000 nodes; aliases may repeat a subtree, but the whole
# document, with every alias expanded, stays far below this.
MAX_EXPANDED_NODES = 500_000


def _bound_expansion(text: str | bytes) -> None:
    """Aliases (`*name`) let a small file stand for a huge tree (the "billion laughs") that
    validation would walk in full. Count the nodes with every alias expanded, in one pass over
    the parser's events (C parser where present), and refuse a document past the bound."""
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[None, 0]]  # [anchor, nodes so far] of each open collection
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([event.anchor, 1])
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor or "", 1)
        else:
            continue
        if anchor:
            sizes[anchor] = size
        stack[-1][1] += size
        if stack[-1][1] > MAX_EXPANDED_NODES:
            raise yaml.constructor.ConstructorError(
                None, None, f"the document expands to more than {MAX_EXPANDED_NODES} entries (aliases)",
                event.start_mark,  # type: ignore[arg-type]  # the C parser's Mark has the same fields
            )


def strict_load(text: str | bytes) -> Any:
    """Like safe_load, but a mapping that repeats a key, or a document that aliases expand past
    MAX_EXPANDED_NODES, is an error (yaml.constructor.ConstructorError)."""
    _bound_expansion(text)
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader, C or Python
