"""Writing imported records as catalogue files: slugs, block YAML, CSV, and a manifest.

Occupations carry nested data (codes, weighted skill links), so they are written as block
YAML, the form an editor reads and the loader's fast reader takes; flat kinds (skills,
tasks) are written as CSV (``skills.csv``, ``tasks.csv``), the cheapest form to write,
diff and load at tens of thousands of rows. Every file is written atomically, and the
output is a pure function of the input: sorted, no timestamps, byte-identical on re-run.

A hidden manifest (``.evidence-import.json``, skipped by the loader like every hidden
file) lists the files an import wrote, so a re-import into the same folder removes the
files of the previous import that it no longer writes, and nothing else.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from schemas.diagnostics import Diagnostic
from schemas.files import write_atomic

MANIFEST = ".evidence-import.json"
_SYMBOLS = (("c++", "c plus plus"), ("+", " plus "), ("#", " sharp "), ("&", " and "), ("@", " at "))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PLAIN = re.compile(r"[A-Za-z(][A-Za-z0-9 (),./&'+_-]*")
_RESERVED = frozenset(("null", "true", "false", "yes", "no", "on", "off", "y", "n"))
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def slugify(text: str) -> str:
    """A slug for a label: ``"C++"`` -> ``c-plus-plus``, ``"Nurse's aide"`` -> ``nurses-aide``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    folded = folded.replace("'", "")
    for symbol, words in _SYMBOLS:
        folded = folded.replace(symbol, words)
    return _NOT_SLUG.sub("-", folded).strip("-")


def unique_slugs(labels: Iterable[tuple[str, str]], fallback: str = "x") -> dict[str, str]:
    """Map each key of ``(key, label)`` pairs to a slug of its label, unique among them.

    Keys are taken in sorted order, so the result does not depend on input order; a
    label whose slug is taken gets ``-2``, ``-3``... (an empty slug becomes ``fallback``).
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key, label in sorted(labels):
        base = slugify(label) or fallback
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[key] = slug
    return slugs


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]')


@lru_cache(maxsize=1 << 16)
def scalar(text: str) -> str:
    """A YAML scalar for ``text``: plain when it is unambiguous, double-quoted otherwise."""
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in _RESERVED:
        return text
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _escape(m.group()), text) + '"'


def quoted(text: str) -> str:
    """A double-quoted YAML scalar (for codes, so no YAML tool reads ``0110`` as a number)."""
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _escape(m.group()), text) + '"'


Value = object


def _emit(lines: list[str], value: Value, indent: int) -> None:
    """Append the block YAML of a mapping's or list's items at ``indent`` spaces."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            _emit_pair(lines, pad, key, item, indent + 2)
    else:
        for item in value:  # type: ignore[attr-defined]
            if isinstance(item, dict) and item:
                for number, (key, sub) in enumerate(item.items()):
                    _emit_pair(lines, f"{pad}- " if number == 0 else f"{pad}  ", key, sub, indent + 4)
            else:
                lines.append(f"{pad}- {_inline(item)}")


def _emit_pair(lines: list[str], lead: str, key: str, item: Value, indent: int) -> None:
    """Append ``key: item`` after ``lead``: inline, or with the item's block below at ``indent``."""
    if isinstance(item, (dict, list)) and item:
        lines.append(f"{lead}{key}:")
        _emit(lines, item, indent)
    else:
        lines.append(f"{lead}{key}: {_inline(item)}")


class Raw(str):
    """Text written into YAML as is (numbers kept exactly as the release wrote them)."""


class Code(str):
    """Text always written double-quoted (taxonomy codes)."""


def _inline(value: Value) -> str:
    kind = type(value)
    if kind is str:
        return scalar(value)  # type: ignore[arg-type]
    if kind is Raw:
        return str.__str__(value)  # type: ignore[arg-type]
    if kind is Code:
        return quoted(value)  # type: ignore[arg-type]
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def yaml_document(kind: str, records: Sequence[Mapping[str, Value]], header: str = "") -> str:
    """Block YAML text of ``{kind: records}``, with ``header`` as leading comment lines."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.append(f"{kind}:")
    _emit(lines, list(records), 2)
    return "\n".join(lines) + "\n"


def csv_document(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV text with a header row; list cells are already joined with ``;``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def write_files(out: Path, documents: Mapping[str, str]) -> list[str]:
    """Write ``{relative path: text}`` below ``out`` atomically; drop the previous import's leftovers.

    Returns the relative paths written, sorted.
    """
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    previous: list[str] = []
    if manifest.is_file():
        try:
            previous = [p for p in json.loads(manifest.read_text(encoding="utf-8")).get("files", []) if isinstance(p, str)]
        except (ValueError, AttributeError):
            previous = []
    written = sorted(documents)
    for relative in written:
        write_atomic(out / relative, documents[relative])
    root = out.resolve()
    for relative in sorted(set(previous) - set(written)):
        stale = (out / relative).resolve()
        if stale.is_file() and root in stale.parents:  # only files below out, never elsewhere
            stale.unlink()
    write_atomic(manifest, json.dumps({"files": written}, indent=2) + "\n")
    return written


@dataclass
class ImportResult:
    """What an import read and wrote: rows per source file, records per kind, files, findings."""

    source: str
    out: str
    rows: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no row was malformed."""
        return not self.diagnostics

    def summary(self) -> str:
        """One line: records written, files, and how many rows were refused."""
        kinds = ", ".join(f"{count} {kind}" for kind, count in self.records.items())
        refused = f"; {len(self.diagnostics)} malformed rows reported" if self.diagnostics else ""
        return f"Imported {kinds} into {self.out} ({len(self.files)} files){refused}."
