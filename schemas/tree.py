"""Parsed data with positions: mappings and lists that remember where each item stood.

Every reader (YAML, JSON, CSV) produces these, so the loader can point a diagnostic at the
exact line and column of a record or of one of its fields. Scalars are plain ``str`` (or
``None`` for an explicit null): type conversion is the model's job, never the parser's.
"""

from __future__ import annotations

from typing import Union

Pos = tuple[int, int]
"""A 1-based (line, column)."""


class YMap(dict):  # type: ignore[type-arg]
    """A mapping with the position of the mapping itself and of each of its keys."""

    __slots__ = ("pos", "keypos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.keypos: dict[str, Pos] = {}


class YList(list):  # type: ignore[type-arg]
    """A list with its own position and that of each item."""

    __slots__ = ("pos", "itempos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.itempos: list[Pos] = []


Value = Union[YMap, YList, str, None]


def position_of(root: Value, path: tuple[object, ...], fallback: Pos) -> Pos:
    """The position of the node at ``path`` (keys and indexes) below ``root``.

    Walks as far as the path exists and returns the deepest known position, so an error
    about a missing field points at the record, and one about a bad value at the value.
    """
    node: Value = root
    pos = getattr(root, "pos", fallback)
    for step in path:
        if isinstance(node, YMap) and isinstance(step, str) and step in node:
            pos = node.keypos.get(step, pos)
            node = node[step]
        elif isinstance(node, YList) and isinstance(step, int) and 0 <= step < len(node):
            pos = node.itempos[step] if step < len(node.itempos) else pos
            node = node[step]
        else:
            break
    return pos
