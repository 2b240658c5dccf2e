"""EV401-EV407: the online rules. They are registered like every rule (``evidence rules``
lists them, ``--select EV4`` is valid), but their findings come only from an online run:
in an offline check the checker leaves them out, and given a plain :class:`Context` they
find nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from evidence.context import Context
from evidence.online.results import ALIVE, DEAD, REDIRECTED, SOFT_404, UNKNOWN, Verification
from evidence.registry import rule
from schemas.diagnostics import Diagnostic

ONLINE_CODES = frozenset(("EV401", "EV402", "EV403", "EV404", "EV405", "EV406", "EV407"))


@dataclass
class OnlineContext(Context):
    """A :class:`Context` that also holds what an online run found."""

    verification: Verification | None = None


def _verification(ctx: Context) -> Verification | None:
    return ctx.verification if isinstance(ctx, OnlineContext) else None


def _url_findings(ctx: Context, code: str, verdict: str, severity: str) -> Iterator[Diagnostic]:
    found = _verification(ctx)
    for sid, check in sorted(found.urls.items()) if found else []:
        if check.verdict == verdict:
            what = "looks like a missing page" if verdict == SOFT_404 else {
                DEAD: "is dead", REDIRECTED: "is redirected", UNKNOWN: "could not be verified"}[verdict]
            yield ctx.catalogue.diagnostic(code, severity, f"source '{sid}' URL {check.url} {what}: {check.reason}",
                                           "sources", sid, "url")


@rule("EV401", "error", "(online) a source URL is dead: 404, 410, or its host does not exist")
def dead_urls(ctx: Context) -> Iterator[Diagnostic]:
    yield from _url_findings(ctx, "EV401", DEAD, "error")


@rule("EV402", "warning", "(online) a source URL redirects to another site or to a site's home page")
def redirected_urls(ctx: Context) -> Iterator[Diagnostic]:
    yield from _url_findings(ctx, "EV402", REDIRECTED, "warning")


@rule("EV403", "error", "(online) a DOI does not resolve, or its registered metadata (title, year) disagrees with the source")
def bad_dois(ctx: Context) -> Iterator[Diagnostic]:
    found = _verification(ctx)
    for sid, check in sorted(found.dois.items()) if found else []:
        field = "doi" if ctx.catalogue.sources[sid].doi else "url"
        if check.resolves is False:
            yield ctx.catalogue.diagnostic("EV403", "error", f"source '{sid}' DOI {check.doi} does not resolve", "sources", sid, field)
        for mismatch in check.mismatches:
            yield ctx.catalogue.diagnostic("EV403", "error", f"source '{sid}' DOI {check.doi} disagrees with the source: {mismatch}",
                                           "sources", sid, field)


@rule("EV404", "error", "(online) a source is retracted; every claim and page resting on it is named")
def retracted_sources(ctx: Context) -> Iterator[Diagnostic]:
    found = _verification(ctx)
    catalogue = ctx.catalogue
    for sid, check in sorted(found.dois.items()) if found else []:
        if not check.retraction:
            continue
        claims = sorted(cid for cid, claim in catalogue.claims.items() if any(c.source == sid for c in claim.citations()))
        pages = sorted(pid for pid, page in catalogue.pages.items() if set(page.claims) & set(claims))
        resting = f"claims resting on it: {', '.join(claims) or 'none'}; pages showing them: {', '.join(pages) or 'none'}"
        field = "doi" if catalogue.sources[sid].doi else "url"
        yield catalogue.diagnostic("EV404", "error", f"source '{sid}' is retracted ({check.retraction}); {resting}",
                                   "sources", sid, field)


@rule("EV405", "warning", "(online) a URL could not be verified: timeout, 5xx, rate-limited (unknown, not dead)")
def unverified(ctx: Context) -> Iterator[Diagnostic]:
    yield from _url_findings(ctx, "EV405", UNKNOWN, "warning")
    found = _verification(ctx)
    for sid, check in sorted(found.dois.items()) if found else []:
        if check.unknown:
            field = "doi" if ctx.catalogue.sources[sid].doi else "url"
            yield ctx.catalogue.diagnostic("EV405", "warning", f"source '{sid}' DOI {check.doi} could not be verified: {check.unknown}",
                                           "sources", sid, field)


@rule("EV406", "warning", "(online) a URL answers 200 but looks like a missing page (soft 404)")
def soft_404s(ctx: Context) -> Iterator[Diagnostic]:
    yield from _url_findings(ctx, "EV406", SOFT_404, "warning")


@rule("EV407", "warning", "(online) a cited quote is no longer found in the page at its URL")
def missing_quotes(ctx: Context) -> Iterator[Diagnostic]:
    found = _verification(ctx)
    if found is None:
        return
    for cid, claim in ctx.catalogue.claims.items():
        for index, citation in enumerate(claim.citations()):
            check = found.urls.get(citation.source)
            if not citation.quote or not citation.quote.strip() or check is None or check.verdict != ALIVE or check.text is None:
                continue
            from evidence.online.text import quote_found

            if not quote_found(citation.quote, check.text):
                shown = citation.quote.strip()
                shown = shown if len(shown) <= 80 else shown[:77] + "..."
                yield ctx.catalogue.diagnostic(
                    "EV407", "warning", f"claim '{cid}' quotes {shown!r} from '{citation.source}', but {check.final_url} no longer says it",
                    "claims", cid, "cites", index, "quote")
