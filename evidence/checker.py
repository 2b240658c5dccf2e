"""The checker: load a catalogue, run the selected rules, return a :class:`Report`."""

from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path
from typing import Iterable

import evidence.rules  # noqa: F401  (registers every rule)
from evidence import cache
from evidence.context import Context
from evidence.lint import PAGE_CODES
from evidence.online import ONLINE_CODES, OnlineContext, OnlineOptions, Progress, resolve_settings
from evidence.registry import RULES, UnknownRule, selected
from evidence.report import Report
from schemas.catalogue import Catalogue
from schemas.diagnostics import Diagnostic
from schemas.digest import content_digest
from schemas.discovery import catalogue_files
from schemas.memory import collector_paused
from schemas.loader import CatalogueNotFound, load_catalogue

NOTHING_CHECKED = "EV104"
LOAD_CODES = frozenset(("EV100", "EV101", "EV103"))


def run_rules(catalogue: Catalogue, select: Iterable[str] = (), ignore: Iterable[str] = (), *,
              online: OnlineOptions | None = None, allow_private: bool = False, progress: Progress | None = None) -> Report:
    """Run the selected rules on an already loaded catalogue.

    The online rules (EV401-EV407) run only with ``online``; ``allow_private`` accepts
    private hosts as ``allow_private_hosts`` in ``evidence.toml`` does (EV203 and online).
    """
    if allow_private or (online is not None and online.allow_private):
        catalogue.config = catalogue.config.model_copy(update={"allow_private_hosts": True})
    config = catalogue.config.rules
    select = list(select) or list(config.select)
    ignore = list(ignore) + list(config.ignore)
    rules = selected(select, ignore)
    if online is None:
        rules = [r for r in rules if r.code not in ONLINE_CODES]
    rules = [r for r in rules if r.code not in PAGE_CODES]  # they check pages: `evidence lint`
    codes = {r.code for r in rules}
    # a file that could not be read hides its claims from every rule: loading findings are
    # reported whatever --select says, unless they are explicitly ignored (as ruff does
    # with syntax errors)
    ignored = {r.code for r in RULES.values()} - {r.code for r in selected((), ignore)}
    diagnostics = [d for d in catalogue.diagnostics if d.code in codes or (d.code in LOAD_CODES and d.code not in ignored)]
    context = Context(catalogue) if online is None else OnlineContext(catalogue)
    if isinstance(context, OnlineContext) and online is not None:
        from evidence.online.run import verify_catalogue  # the HTTP machinery, only when asked for

        settings = resolve_settings(catalogue.config, online)
        context.verification = verify_catalogue(catalogue, context.statuses, settings, codes, progress)
    with collector_paused():  # rules build many small acyclic objects (statuses, diagnostics)
        for chosen in rules:
            if chosen.check is not None:
                diagnostics.extend(chosen.check(context))
    if not catalogue.claims:
        diagnostics.append(Diagnostic(NOTHING_CHECKED, "error", "no claim was checked: a check that checked nothing must not pass", catalogue.root))
    diagnostics.sort(key=Diagnostic.sort_key)
    if isinstance(context, OnlineContext) and context.verification is not None:
        from evidence.online.report import OnlineReport

        found = context.verification
        return OnlineReport(catalogue.root, diagnostics, catalogue.counts(), sorted(codes), files=len(catalogue.files),
                            online=found.records(), requests_sent=found.sent, answers_cached=found.cached,
                            online_seconds=found.seconds)
    return Report(catalogue.root, diagnostics, catalogue.counts(), sorted(codes), files=len(catalogue.files))


def check(path: str | os.PathLike[str] = "data", *, select: Iterable[str] = (), ignore: Iterable[str] = (), use_cache: bool = True,
          online: bool | OnlineOptions = False, allow_private: bool = False, progress: Progress | None = None) -> Report:
    """Check the catalogue at ``path``: the library form of ``evidence check``.

    Raises :class:`schemas.CatalogueNotFound` when ``path`` is not a directory and
    :class:`evidence.registry.UnknownRule` for a selection that names no rule (or, offline,
    only online rules). With
    ``use_cache``, a repeat check of unchanged files returns the stored report (offline
    runs only: an online run asks the network, through its own HTTP cache). ``online``
    (True, or :class:`evidence.online.OnlineOptions`) also verifies sources over the
    network (EV401-EV407) and returns an :class:`evidence.online.OnlineReport`;
    ``progress(done, total)`` is called as its work finishes.
    """
    root_text = os.fspath(path)
    root = Path(root_text)
    if not root.is_dir():
        raise CatalogueNotFound(f"no catalogue directory at {root_text!r}")
    select, ignore = list(select), list(ignore)
    chosen = selected(select, ignore)  # refuse unknown codes before any work
    options = OnlineOptions() if online is True else (online or None)
    if options is None and select and chosen and all(r.code in ONLINE_CODES for r in chosen):
        # a check that would check nothing must not look green: say what is missing
        raise UnknownRule(f"'{','.join(select)}' selects only online rules (EV401-EV407), which run with --online")
    if select and chosen and all(r.code in PAGE_CODES for r in chosen):
        raise UnknownRule(f"'{','.join(select)}' selects only page-lint rules (EV601-EV603): run `evidence lint PAGE...`")
    key = None
    if use_cache and options is None:
        extra = (root_text, sorted(select), sorted(ignore)) + (("allow_private",) if allow_private else ())
        key = content_digest(root, catalogue_files(root), repr(extra))
        hit = cache.get(key)
        if hit is not None:
            report = Report.from_json(hit)
            report.cached = True
            return report
    # loading and checking build millions of acyclic objects; an online run keeps the
    # collector, as HTTP clients do make cycles and the run is long
    with collector_paused() if options is None else nullcontext():
        report = run_rules(load_catalogue(root_text), select, ignore, online=options, allow_private=allow_private, progress=progress)
    if key is not None:
        cache.put(key, report.to_json())
    return report
