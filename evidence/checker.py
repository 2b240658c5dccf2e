"""The checker: load a catalogue, run the selected rules, return a :class:`Report`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import evidence.rules  # noqa: F401  (registers every rule)
from evidence import cache
from evidence.context import Context
from evidence.registry import RULES, selected
from evidence.report import Report
from schemas.catalogue import Catalogue
from schemas.diagnostics import Diagnostic
from schemas.discovery import catalogue_files
from schemas.loader import CatalogueNotFound, load_catalogue

NOTHING_CHECKED = "EV104"
LOAD_CODES = frozenset(("EV100", "EV101", "EV103"))


def run_rules(catalogue: Catalogue, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Report:
    """Run the selected rules on an already loaded catalogue."""
    config = catalogue.config.rules
    select = list(select) or list(config.select)
    ignore = list(ignore) + list(config.ignore)
    rules = selected(select, ignore)
    codes = {r.code for r in rules}
    # a file that could not be read hides its claims from every rule: loading findings are
    # reported whatever --select says, unless they are explicitly ignored (as ruff does
    # with syntax errors)
    ignored = {r.code for r in RULES.values()} - {r.code for r in selected((), ignore)}
    diagnostics = [d for d in catalogue.diagnostics if d.code in codes or (d.code in LOAD_CODES and d.code not in ignored)]
    context = Context(catalogue)
    for chosen in rules:
        if chosen.check is not None:
            diagnostics.extend(chosen.check(context))
    if not catalogue.claims:
        diagnostics.append(Diagnostic(NOTHING_CHECKED, "error", "no claim was checked: a check that checked nothing must not pass", catalogue.root))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(catalogue.root, diagnostics, catalogue.counts(), sorted(codes), files=len(catalogue.files))


def check(path: str | os.PathLike[str] = "data", *, select: Iterable[str] = (), ignore: Iterable[str] = (), use_cache: bool = True) -> Report:
    """Check the catalogue at ``path``: the library form of ``evidence check``.

    Raises :class:`schemas.CatalogueNotFound` when ``path`` is not a directory and
    :class:`evidence.registry.UnknownRule` for a selection that names no rule. With
    ``use_cache``, a repeat check of unchanged files returns the stored report.
    """
    root_text = os.fspath(path)
    root = Path(root_text)
    if not root.is_dir():
        raise CatalogueNotFound(f"no catalogue directory at {root_text!r}")
    select, ignore = list(select), list(ignore)
    selected(select, ignore)  # refuse unknown codes before any work
    key = None
    if use_cache:
        key = cache.catalogue_key(root, catalogue_files(root), repr((root_text, sorted(select), sorted(ignore))))
        hit = cache.get(key)
        if hit is not None:
            report = Report.from_json(hit)
            report.cached = True
            return report
    report = run_rules(load_catalogue(root_text), select, ignore)
    if key is not None:
        cache.put(key, report.to_json())
    return report
