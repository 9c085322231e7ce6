"""YAML for data files we load: safe types only, no duplicate keys, no aliases.

PyYAML keeps the last of two equal keys without a word, so a framework file with an item
written twice would silently lose the first. Aliases (`&a` / `*a`) let a small file expand into
a huge tree (the "billion laughs"); our data files never need them. Pure: no Django.
"""

from __future__ import annotations

import yaml


class StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed in this file", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                continue  # SafeLoader refuses unhashable keys itself, with its own message
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    f"the key {key!r} appears twice (first on line {seen[key] + 1})", key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)


def load_strict(text: str):
    """The document in TEXT; yaml.YAMLError (with problem_mark) for duplicate keys or aliases."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - a SafeLoader subclass
