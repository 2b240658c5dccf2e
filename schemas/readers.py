"""Readers for the JSON and CSV forms of catalogue files, producing positioned trees.

YAML has its own module (:mod:`schemas.yamlread`). JSON is checked by the standard
library's strict parser (clear syntax errors, duplicate keys refused) and then read
through the YAML reader, of which JSON is a subset, to learn every value's position.
CSV rows become records of the kind the file's name gives, list fields split on ``;``
and dotted headers (``codes.onet``) nested.
"""

from __future__ import annotations

import csv
import io
import json
import re
import typing
from typing import Any

from schemas.models import KINDS
from schemas.tree import Pos, Value, YList, YMap
from schemas.yamlread import YamlProblem, read_yaml

LIST_SEPARATOR = ";"


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise YamlProblem("EV103", f"duplicate key '{key}'", 0, 0)
        seen[key] = value
    return seen


def _as_tree(value: Any, pos: Pos) -> Value:
    """Turn plain JSON data into a tree (used only when positions could not be learned)."""
    if isinstance(value, dict):
        node = YMap(pos)
        for key, item in value.items():
            node[key] = _as_tree(item, pos)
            node.keypos[key] = pos
        return node
    if isinstance(value, list):
        seq = YList(pos)
        for item in value:
            seq.append(_as_tree(item, pos))
            seq.itempos.append(pos)
        return seq
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_CONSTANT = re.compile(r'(?<![\w"])(-?Infinity|NaN)(?![\w"])')
_SURROGATES = re.compile(r"(?<!\\)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _refuse_constant(name: str) -> None:
    raise YamlProblem("EV100", f"{name} is not JSON (JSON has no NaN or Infinity)", 0, 0)


def _astral(match: re.Match[str]) -> str:
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


def read_json(text: str, *, max_depth: int) -> Value:
    """Parse a JSON document strictly into a positioned tree, or raise YamlProblem."""
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant,
                          parse_float=str, parse_int=str)
    except json.JSONDecodeError as exc:
        raise YamlProblem("EV100", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise YamlProblem("EV100", "nesting too deep", 0, 0) from None
    except YamlProblem as problem:
        if "NaN" in problem.message:
            match = _CONSTANT.search(text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise YamlProblem(problem.code, f"{match.group(1)} is not JSON (JSON has no NaN or Infinity)", line, column) from None
            raise problem from None
        # json does not say where the duplicate was; the YAML reader does
        try:
            read_yaml(text, max_depth=max_depth)
        except YamlProblem as located:
            raise located from None
        raise problem from None
    try:
        # YAML refuses JSON's escaped surrogate pairs; its own escape for the same character is \UXXXXXXXX
        return read_yaml(_SURROGATES.sub(_astral, text), max_depth=max_depth)
    except YamlProblem as problem:
        if problem.code != "EV100" or "nesting" in problem.message:
            raise
        return _as_tree(data, (1, 1))


def kind_of_csv(name: str) -> str | None:
    """The kind a CSV file holds by its name (``claims.csv``, ``claims-2024.csv``), or None."""
    stem = name[:-4] if name.lower().endswith(".csv") else name
    kind = stem.split("-", 1)[0]
    return kind if kind in KINDS else None


def _list_fields(kind: str) -> set[str]:
    model = KINDS[kind]
    return {
        name
        for name, info in model.model_fields.items()
        if typing.get_origin(info.annotation) is list
    }


def read_csv(text: str, kind: str, problems: list[YamlProblem] | None = None) -> Value:
    """Parse CSV rows into ``{kind: [records]}``; column numbers are 1-based field numbers.

    A bad row is appended to ``problems`` (when given) and skipped, so the good rows load
    and every bad row is reported; without ``problems`` the first bad row raises.
    """
    lists = _list_fields(kind)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    root = YMap((1, 1))
    records = YList((2, 1))
    root[kind] = records
    root.keypos[kind] = (1, 1)
    try:
        header = next(reader, None)
        if not header:
            raise YamlProblem("EV100", "the CSV file has no header row", 1, 1)
        names = [h.strip() for h in header]
        for index, name in enumerate(names):
            if not name:
                raise YamlProblem("EV100", f"column {index + 1} has no name", 1, index + 1)
            if names.index(name) != index:
                raise YamlProblem("EV103", f"column '{name}' appears twice", 1, index + 1)
            for other in names[:index]:
                if other.startswith(name + ".") or name.startswith(other + "."):
                    raise YamlProblem("EV100", f"column '{name}' conflicts with column '{other}': one field cannot be a value and a mapping", 1, index + 1)
        line = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                line = reader.line_num + 1
                continue
            if len(row) != len(names):
                problem = YamlProblem("EV100", f"the row has {len(row)} fields, the header {len(names)}", line, 1)
                if problems is None:
                    raise problem
                problems.append(problem)
                line = reader.line_num + 1
                continue
            record = YMap((line, 1))
            for column, (name, cell) in enumerate(zip(names, row), start=1):
                cell = cell.strip()
                if cell == "":
                    continue
                value: Value = cell
                if name in lists:
                    items = YList((line, column))
                    for part in cell.split(LIST_SEPARATOR):
                        if part.strip():
                            items.append(part.strip())
                            items.itempos.append((line, column))
                    value = items
                target = record
                *parents, leaf = name.split(".")
                for parent in parents:
                    child = target.get(parent)
                    if not isinstance(child, YMap):
                        child = YMap((line, column))
                        target[parent] = child
                        target.keypos[parent] = (line, column)
                    target = child
                target[leaf] = value
                target.keypos[leaf] = (line, column)
            records.append(record)
            records.itempos.append((line, 1))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise YamlProblem("EV100", f"not valid CSV: {exc}", reader.line_num, 1) from None
    return root
