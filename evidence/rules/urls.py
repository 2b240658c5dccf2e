"""EV203, EV206, EV207: source URLs and DOIs that are unusable, wrong or shared."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from evidence.context import Context
from evidence.registry import rule
from schemas.diagnostics import Diagnostic
from schemas.urls import doi_of_url


@rule("EV203", "error", "a source URL is malformed, not http(s), or points at a private, loopback or link-local host")
def unusable_urls(ctx: Context) -> Iterator[Diagnostic]:
    for sid, status in ctx.statuses.items():
        if status.url_problem:
            yield ctx.catalogue.diagnostic("EV203", "error", f"source '{sid}': {status.url_problem}", "sources", sid, "url")


@rule("EV206", "error", "a DOI is malformed, or disagrees with a doi.org URL")
def bad_dois(ctx: Context) -> Iterator[Diagnostic]:
    for sid, status in ctx.statuses.items():
        if status.doi_problem:
            yield ctx.catalogue.diagnostic("EV206", "error", f"source '{sid}': {status.doi_problem}", "sources", sid, "doi")


@rule("EV207", "warning", "two sources share a URL or DOI")
def shared_identifiers(ctx: Context) -> Iterator[Diagnostic]:
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sid, status in ctx.statuses.items():
        keys = set()
        if status.url is not None:
            keys.add(("URL", status.url.text))
            linked = doi_of_url(status.url)
            if linked is not None:
                keys.add(("DOI", linked))  # a doi.org URL names a DOI as surely as a doi field
        if status.doi is not None and status.doi_problem is None:
            keys.add(("DOI", status.doi))
        for key in keys:
            holders[key].append(sid)
    for (what, value), sids in sorted(holders.items()):
        first = sids[0]
        for sid in sids[1:]:
            field = "url" if what == "URL" else "doi"
            yield ctx.catalogue.diagnostic("EV207", "warning", f"source '{sid}' has the same {what} as '{first}' ({value}): merge them", "sources", sid, field)
