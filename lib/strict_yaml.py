"""YAML for data files we load: safe types only, no duplicate keys, no aliases.

PyYAML keeps the last of two equal keys without a word, so a framework file with an item
written twice would silently lose the first. Aliases (`&a` / `*a`) let a small file expand into
a huge tree (the "billion laughs"); our data files never need them. Built on lib.yamlio's
loader (LibYAML's C parser where available); the checks sit in the Python constructor, so they
hold with either parser. Pure: no Django.
"""

from __future__ import annotations

from typing import Any

import yaml

from lib.yamlio import SafeLoader


class StrictLoader(SafeLoader):  # type: ignore[misc]  # the C or Python loader, chosen at import
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias is the same node met a second time (the parser shares it).
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed in this file", node.start_mark
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], int] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # SafeLoader refuses unhashable keys itself, with its own message
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    f"the key {key_node.value!r} appears twice (first on line {seen[key] + 1})", key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)


def load_strict(text: str) -> Any:
    """The document in TEXT; yaml.YAMLError (with problem_mark) for duplicate keys or aliases."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - a SafeLoader subclass
