"""Helpers shared by the rule, figure and ladder tests: tiny catalogues written to disk.

Each test writes a catalogue (one YAML file, optionally an ``evidence.toml``) to a
temporary directory, checks it with :func:`evidence.check` and compares the exact set of
``(code, id)`` findings. :func:`place` finds where a piece of text stands in the YAML, so
tests can assert the line and column a diagnostic points at without counting by hand.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Iterable

import evidence
from evidence.report import Report
from schemas import load_catalogue
from schemas.diagnostics import Diagnostic

CATALOGUE_FILE = "catalogue.yaml"


def dedent(text: str) -> str:
    """The text without its common indentation and without a leading newline."""
    return textwrap.dedent(text).lstrip("\n")


def write_catalogue(tmp_path: Path, yaml_text: str, *, toml: str | None = None, name: str = "cat") -> Path:
    """Write ``yaml_text`` (dedented) as the catalogue's only data file; return the catalogue folder."""
    root = tmp_path / name
    root.mkdir(parents=True, exist_ok=True)
    (root / CATALOGUE_FILE).write_text(dedent(yaml_text), encoding="utf-8")
    if toml is not None:
        (root / "evidence.toml").write_text(dedent(toml), encoding="utf-8")
    return root


def assert_loads_cleanly(root: Path) -> None:
    """A test catalogue must load without EV100/EV103 findings, or a typo would hide behind --select."""
    problems = load_catalogue(root).diagnostics
    assert problems == [], f"the test catalogue does not load cleanly: {problems}"


def run(tmp_path: Path, yaml_text: str, select: Iterable[str] = (), *, toml: str | None = None,
        ignore: Iterable[str] = (), clean: bool = True) -> Report:
    """Write a catalogue, check it (no cache) with the given selection, return the report."""
    root = write_catalogue(tmp_path, yaml_text, toml=toml)
    if clean:
        assert_loads_cleanly(root)
    return evidence.check(root, select=list(select), ignore=list(ignore), use_cache=False)


def findings(report: Report) -> list[tuple[str, str | None]]:
    """Every finding as ``(code, record id)``, sorted: an exact multiset (two findings on one record count twice)."""
    return sorted(((d.code, d.id) for d in report.diagnostics), key=lambda f: (f[0], f[1] or ""))


def only(report: Report, code: str) -> list[Diagnostic]:
    """The diagnostics of one code, in report order."""
    return [d for d in report.diagnostics if d.code == code]


def one(report: Report, code: str, id: str) -> Diagnostic:
    """The single diagnostic with this code about this record."""
    matching = [d for d in report.diagnostics if d.code == code and d.id == id]
    assert len(matching) == 1, f"expected one {code} about {id!r}, got {report.diagnostics}"
    return matching[0]


def place(yaml_text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``occurrence``-th ``needle`` in the dedented YAML."""
    text = dedent(yaml_text)
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        assert start >= 0, f"{needle!r} (occurrence {occurrence}) is not in the catalogue text"
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def assert_at(diagnostic: Diagnostic, root_or_report: Path | Report | str, yaml_text: str, needle: str,
              occurrence: int = 1) -> None:
    """The diagnostic points into the catalogue file at the ``needle``."""
    root = root_or_report.catalogue if isinstance(root_or_report, Report) else str(root_or_report)
    assert diagnostic.file == f"{root}/{CATALOGUE_FILE}"
    assert (diagnostic.line, diagnostic.column) == place(yaml_text, needle, occurrence)


# Building blocks ---------------------------------------------------------------------

GOOD_SOURCE = """\
  - id: trial
    title: A randomised trial
    url: https://example.org/trial
    design: rct
"""
"""A source every claim may rest on: public URL, known design."""

GOOD_CLAIM = """\
  - id: fine
    text: A claim resting on a trial
    cites: [trial]
"""
"""A claim with a primary URL (needs :data:`GOOD_SOURCE`)."""


def with_good(sources: str = "", claims: str = "", rest: str = "") -> str:
    """A catalogue: the good source and claim plus the given source and claim items and other kinds."""
    return "sources:\n" + GOOD_SOURCE + dedent_items(sources) + "claims:\n" + GOOD_CLAIM + dedent_items(claims) + dedent(rest)


def dedent_items(items: str) -> str:
    """List items written at any indentation, re-indented by two spaces under their kind."""
    body = dedent(items)
    return textwrap.indent(body, "  ") if body else ""
