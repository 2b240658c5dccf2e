"""A safe, strict YAML reader that keeps positions.

It reads libyaml's event stream (PyYAML's C parser) and builds :mod:`schemas.tree` values
itself, so it controls every decision a YAML loader usually makes for you:

* no tags (``!!python/object``, ``!!str``): refused;
* no anchors or aliases: refused (they make billion-laughs documents and hide data);
* duplicate keys in a mapping: refused with both positions (EV103);
* every scalar stays a string; only a plain ``~``, ``null`` or empty value is ``None``;
* nesting depth is capped;
* one document per file.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from schemas.fastyaml import Unsupported, fast_read
from schemas.tree import Pos, Value, YList, YMap

try:  # libyaml's C parser; the pure-Python one gives the same events, slower
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml ships in PyYAML's wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

NULLS = frozenset(("", "~", "null", "Null", "NULL"))
MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class YamlProblem(Exception):
    """Why a document was refused, with the 1-based position of the cause."""

    code: str
    message: str
    line: int
    column: int

    def __str__(self) -> str:
        return self.message


def _pos(event: yaml.Event) -> Pos:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _refuse_decorations(event: yaml.Event) -> None:
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise YamlProblem("EV100", f"YAML anchors are not allowed (&{anchor}): write the data out", *_pos(event))
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise YamlProblem("EV100", f"YAML tags are not allowed ({tag}): every value is plain data", *_pos(event))


def read_yaml(text: str, *, max_depth: int = MAX_DEPTH) -> Value:
    """Parse one YAML document into positioned data, or raise :class:`YamlProblem`.

    The common block-YAML subset goes through :func:`schemas.fastyaml.fast_read`, which
    gives the same tree several times faster; anything else (and every error) goes
    through libyaml's event stream.
    """
    try:
        return fast_read(text, max_depth=max_depth)
    except Unsupported:
        return _read_yaml_events(text, max_depth=max_depth)


def _read_yaml_events(text: str, *, max_depth: int = MAX_DEPTH) -> Value:
    """Parse one YAML document from libyaml's event stream (exact, slower)."""
    events = yaml.parse(text, Loader=_Loader)
    stack: list[tuple[YMap | YList, str | None, Pos | None]] = []
    root: Value = None
    documents = 0
    try:
        for event in events:
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("EV100", "a catalogue file holds one YAML document; split it into files", *_pos(event))
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem("EV100", f"YAML aliases are not allowed (*{event.anchor}): write the data out", *_pos(event))
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node, _, _ = stack.pop()
                if not stack:
                    root = node
                else:
                    _attach(stack, node, node.pos)
                continue
            _refuse_decorations(event)
            pos = _pos(event)
            if isinstance(event, yaml.ScalarEvent):
                value: str | None = event.value
                if not event.style and value in NULLS:
                    value = None
                if not stack:
                    root = value
                else:
                    _attach(stack, value, pos)
                continue
            if len(stack) >= max_depth:
                raise YamlProblem("EV100", f"nesting deeper than {max_depth} levels", *pos)
            container: YMap | YList = YMap(pos) if isinstance(event, yaml.MappingStartEvent) else YList(pos)
            stack.append((container, None, None))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "not valid YAML"
        raise YamlProblem("EV100", f"not valid YAML: {problem}", line, column) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("EV100", f"not valid YAML: {exc}", 0, 0) from None
    return root


def _attach(stack: list[tuple[YMap | YList, str | None, Pos | None]], value: Value, pos: Pos) -> None:
    parent, pending_key, key_pos = stack[-1]
    if isinstance(parent, YList):
        parent.append(value)
        parent.itempos.append(pos)
        return
    if pending_key is None:
        if not isinstance(value, str):
            shown = "a null" if value is None else "a mapping or list"
            raise YamlProblem("EV100", f"a mapping key must be a plain string, not {shown}", *pos)
        if value in parent:
            first = parent.keypos[value]
            raise YamlProblem("EV103", f"duplicate key '{value}' (first at line {first[0]})", *pos)
        stack[-1] = (parent, value, pos)
        return
    parent[pending_key] = value
    parent.keypos[pending_key] = key_pos  # type: ignore[assignment]
    stack[-1] = (parent, None, None)
