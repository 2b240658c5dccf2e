"""Streaming readers for the delimited release files of occupational taxonomies.

O*NET ships tab-separated text (with CSV-style quoting where a field holds quotes), ESCO
ships comma-separated CSV with multi-line fields. :class:`Table` reads either one row at
a time with the standard library's ``csv`` module, finds its columns by header name (so a
release that reorders columns still imports), keeps every cell a string (an ISCO code
``0110`` stays ``"0110"``), and turns each malformed row into an EV100 diagnostic with
file and line instead of an exception: one run reports every bad row, and the good rows
still import.
"""

from __future__ import annotations

import csv
import itertools
import re
from operator import itemgetter
from pathlib import Path
from typing import Iterator, Sequence

from schemas.diagnostics import Diagnostic

FIELD_LIMIT = 1 << 20
"""Largest cell accepted (1 MiB): a runaway quote swallowing the rest of a file is reported, not read."""


class Table:
    """One release file, read lazily: iterate for ``(line, cells)`` of every well-formed row.

    ``line`` is the 1-based line where the row starts. ``required`` columns must be in the
    header (else the file is reported and yields nothing); ``optional`` columns may be
    missing (their cell reads as ``""``). :meth:`cell` looks a column up by name.
    """

    def __init__(self, path: Path, shown: str, diagnostics: list[Diagnostic], *, delimiter: str,
                 required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.path = path
        self.shown = shown
        self.diagnostics = diagnostics
        self.delimiter = delimiter
        self.required = tuple(required)
        self.optional = tuple(optional)
        self.index: dict[str, int] = {}
        self.rows = 0

    def problem(self, line: int, message: str, column: int = 0) -> None:
        """Record an EV100 error about this file."""
        self.diagnostics.append(Diagnostic("EV100", "error", message, self.shown, line, column))

    def cell(self, row: list[str], name: str) -> str:
        """The cell of column ``name`` in ``row``, stripped; ``""`` for a missing optional column."""
        position = self.index.get(name)
        return row[position].strip() if position is not None else ""

    def cells(self, *names: str) -> Iterator[tuple[int, list[str]]]:
        """Every well-formed row as ``(line, [the named cells, stripped])``: the fast path for big files."""
        rows = iter(self)
        first = next(rows, None)  # the header is read, so the columns are known
        if first is None:
            return
        positions = [self.index.get(name) for name in names]
        if None in positions:
            pick = lambda row: [row[p] if p is not None else "" for p in positions]  # noqa: E731
        else:
            getter = itemgetter(*positions)
            pick = (lambda row: [getter(row)]) if len(positions) == 1 else getter  # type: ignore[assignment]
        for line, row in itertools.chain([first], rows):
            yield line, [cell.strip() for cell in pick(row)]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        csv.field_size_limit(FIELD_LIMIT)
        try:
            handle = self.path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            self.problem(0, f"cannot read the file: {exc.strerror}")
            return
        with handle:
            reader = csv.reader(handle, delimiter=self.delimiter, strict=True)
            try:
                header = next(reader, None)
            except UnicodeDecodeError as exc:
                self.problem(1, f"not UTF-8 text ({exc.reason} at byte {exc.start} of a block); the file is skipped")
                return
            except csv.Error as exc:
                self.problem(1, f"cannot read the header row: {exc}")
                return
            if not header:
                self.problem(1, "the file has no header row")
                return
            names = [name.strip() for name in header]
            missing = [name for name in self.required if name not in names]
            if missing:
                self.problem(1, f"the header has no column {', '.join(repr(m) for m in missing)} (columns: {', '.join(names)})")
                return
            self.index = {name: names.index(name) for name in self.required + self.optional if name in names}
            width = len(names)
            start = reader.line_num + 1
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    self.problem(start, f"not UTF-8 text ({exc.reason}) at or after this line; the rest of the file is skipped")
                    return
                except csv.Error as exc:
                    self.problem(start, f"not a valid row: {exc}")
                    start = reader.line_num + 1
                    continue
                line, start = start, reader.line_num + 1
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != width:
                    self.problem(line, f"the row has {len(row)} fields, the header {width}")
                    continue
                self.rows += 1
                yield line, row


_DECIMAL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def number(table: Table, line: int, text: str, what: str) -> str | None:
    """``text`` when it is a finite decimal number (kept as written), else a diagnostic and None."""
    if _DECIMAL.fullmatch(text) is None:
        table.problem(line, f"{what} {text!r} is not a number")
        return None
    return text
