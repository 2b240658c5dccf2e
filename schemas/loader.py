"""Load a catalogue directory into validated models, keeping file:line:column for everything.

The loader never raises on bad data: an unreadable file, a YAML error, an unknown field,
a wrong type, a duplicate key or id becomes a diagnostic (EV100, EV101, EV103) and the
rest of the catalogue still loads, so one run shows every problem.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from schemas.catalogue import Catalogue, Origin
from schemas.config import CONFIG_NAME, Config, load_config

__all__ = ["CatalogueNotFound", "DATA_SUFFIXES", "discover", "load_catalogue", "read_file"]
from schemas.diagnostics import Diagnostic
from schemas.discovery import DATA_SUFFIXES, discover
from schemas.errors import CatalogueNotFound
from schemas.memory import collector_paused
from schemas.models import KINDS, Record
from schemas.readers import kind_of_csv, read_csv, read_json
from schemas.tree import Value, YList, YMap, position_of
from schemas.yamlread import YamlProblem, read_yaml

_ADAPTERS = {kind: TypeAdapter(list[model]) for kind, model in KINDS.items()}  # type: ignore[valid-type]


def _shown(root_text: str, root: Path, path: Path) -> str:
    relative = path.relative_to(root).as_posix()
    return relative if root_text in ("", ".") else f"{root_text.rstrip('/')}/{relative}"


def read_file(path: Path, config: Config, problems: list[YamlProblem] | None = None) -> Value:
    """Read one data file into a positioned tree, or raise YamlProblem saying why not.

    Problems that spoil only part of a file (a bad CSV row) go to ``problems``.
    """
    size = path.stat().st_size
    if size > config.limits.max_file_bytes:
        raise YamlProblem("EV100", f"the file is {size} bytes, over the limit of {config.limits.max_file_bytes} (limits.max_file_bytes)", 0, 0)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem("EV100", f"not UTF-8 text (byte 0x{data[exc.start]:02x})", line, column) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise YamlProblem("EV100", "the file is empty: remove it or give it records", 0, 0)
    name = path.name.lower()
    if name.endswith(".csv"):
        kind = kind_of_csv(path.name)
        if kind is None:
            raise YamlProblem("EV100", f"a CSV file is named after its kind ({', '.join(f'{k}.csv' for k in KINDS)})", 0, 0)
        return read_csv(text, kind, problems)
    if name.endswith(".json"):
        return read_json(text, max_depth=config.limits.max_depth)
    return read_yaml(text, max_depth=config.limits.max_depth)


def _error_message(kind: str, record_id: str | None, error: ErrorDetails, path: tuple[object, ...]) -> str:
    loc = [str(part) for part in path]
    field = ".".join(loc) if loc else ""
    what = f"{kind[:-1]} '{record_id}'" if record_id else f"a {kind[:-1]} record"
    if error["type"] == "extra_forbidden":
        known = sorted(KINDS[kind].model_fields)
        hint = difflib.get_close_matches(loc[-1], known, n=1) if loc and len(loc) == 1 else []
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        return f"{what}: unknown field '{field}'{suggestion}"
    if error["type"] == "missing":
        return f"{what}: missing required field '{field}'"
    message = error["msg"]
    return f"{what}: field '{field}': {message}" if field else f"{what}: {message}"


def _path_for(error: ErrorDetails, node: Value) -> tuple[object, ...]:
    """The error's location as keys and indexes of the input, without pydantic's union tags.

    pydantic inserts the name of a union member (``Citation``, ``constrained-str``) into
    locations; a step is kept when it is an index or a key the input really has, or when
    it is the last step of a missing or unknown field.
    """
    loc = list(error["loc"])
    kept: list[object] = []
    current: Value = node
    for position, step in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(step, int) and isinstance(current, YList):
            kept.append(step)
            current = current[step] if 0 <= step < len(current) else None
        elif isinstance(current, YMap) and isinstance(step, str) and step in current:
            kept.append(step)
            current = current[step]
        elif last and error["type"] in ("missing", "extra_forbidden"):
            kept.append(step)
    return tuple(kept)


def _validate(catalogue: Catalogue, kind: str, file: str, items: YList) -> None:
    records: list[YMap] = []
    for index, item in enumerate(items):
        if isinstance(item, YMap):
            records.append(item)
        else:
            line, column = items.itempos[index]
            catalogue.diagnostics.append(
                Diagnostic("EV100", "error", f"each entry of '{kind}' is a mapping of fields, not {'a list' if isinstance(item, YList) else 'a value'}", file, line, column, kind)
            )
    pairs: list[tuple[YMap, Record]]
    try:
        models: list[Record] = _ADAPTERS[kind].validate_python(records)
        pairs = list(zip(records, models))
    except ValidationError:
        pairs = []
        for node in records:
            record_id = node.get("id") if isinstance(node.get("id"), str) else None
            try:
                pairs.append((node, KINDS[kind].model_validate(node)))
            except ValidationError as exc:
                for error in exc.errors():
                    path = _path_for(error, node)
                    line, column = position_of(node, path, node.pos)
                    diagnostic = Diagnostic("EV100", "error", _error_message(kind, record_id, error, path), file, line, column, kind, record_id)
                    if diagnostic not in catalogue.diagnostics[-3:]:  # a bad union operand fails each member alike
                        catalogue.diagnostics.append(diagnostic)
    table = catalogue.records[kind]
    for node, model in pairs:
        key = (kind, model.id)
        if model.id in table:
            first = catalogue.origins[key]
            line, column = node.keypos.get("id", node.pos)
            catalogue.diagnostics.append(
                Diagnostic("EV101", "error", f"{kind[:-1]} id '{model.id}' is defined twice (first at {first.file}:{first.pos[0]})", file, line, column, kind, model.id)
            )
            continue
        table[model.id] = model
        catalogue.origins[key] = Origin(file, node)


def load_catalogue(path: str | os.PathLike[str]) -> Catalogue:
    """Read every data file below ``path`` into a :class:`Catalogue`.

    Raises :class:`CatalogueNotFound` when ``path`` is not a directory; every other
    problem is a diagnostic in ``catalogue.diagnostics``.
    """
    root_text = os.fspath(path)
    root = Path(root_text)
    if not root.is_dir():
        raise CatalogueNotFound(f"no catalogue directory at {root_text!r}")
    with collector_paused():
        return _load(root_text, root)


def _load(root_text: str, root: Path) -> Catalogue:
    config, problems = load_config(root, _shown(root_text, root, root / CONFIG_NAME))
    catalogue = Catalogue(root=root_text.rstrip("/") or ".", config=config, diagnostics=list(problems))
    for file_path in discover(root):
        shown = _shown(root_text, root, file_path)
        catalogue.files.append(shown)
        partial: list[YamlProblem] = []
        try:
            tree = read_file(file_path, config, partial)
        except YamlProblem as problem:
            catalogue.diagnostics.append(Diagnostic(problem.code, "error", problem.message, shown, problem.line, problem.column))
            continue
        except OSError as exc:
            catalogue.diagnostics.append(Diagnostic("EV100", "error", f"cannot read the file: {exc.strerror}", shown))
            continue
        catalogue.diagnostics.extend(Diagnostic(p.code, "error", p.message, shown, p.line, p.column) for p in partial)
        _load_tree(catalogue, shown, tree)
    return catalogue


def _load_tree(catalogue: Catalogue, file: str, tree: Value) -> None:
    if not isinstance(tree, YMap):
        catalogue.diagnostics.append(
            Diagnostic("EV100", "error", f"a catalogue file is a mapping of kinds ({', '.join(KINDS)}), each holding a list of records", file, *getattr(tree, "pos", (1, 1)))
        )
        return
    for kind, items in tree.items():
        line, column = tree.keypos[kind]
        if kind not in KINDS:
            hint = difflib.get_close_matches(kind, list(KINDS), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            catalogue.diagnostics.append(Diagnostic("EV100", "error", f"unknown kind '{kind}'{suggestion}; kinds are {', '.join(KINDS)}", file, line, column))
            continue
        if items is None:
            continue
        if not isinstance(items, YList):
            catalogue.diagnostics.append(Diagnostic("EV100", "error", f"'{kind}' holds a list of records", file, line, column, kind))
            continue
        _validate(catalogue, kind, file, items)
