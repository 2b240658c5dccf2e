"""EV301, EV302, EV303: what a page shows, in which order, and on what evidence."""

from __future__ import annotations

from typing import Iterator

from evidence.context import Context
from evidence.registry import rule
from schemas.diagnostics import Diagnostic


@rule("EV301", "warning", "a page lists a claim of weaker evidence before a stronger one")
def weaker_before_stronger(ctx: Context) -> Iterator[Diagnostic]:
    strengths = ctx.strengths
    for pid, page in ctx.catalogue.pages.items():
        weakest: tuple[int, str, str] | None = None
        for index, cid in enumerate(page.claims):
            strength = strengths.get(cid)
            if strength is None or strength.rank is None:
                continue
            if weakest is not None and strength.rank < weakest[0]:
                yield ctx.catalogue.diagnostic(
                    "EV301", "warning",
                    f"page '{pid}' shows claim '{cid}' ({strength.design}, rank {strength.rank}) after "
                    f"weaker claim '{weakest[1]}' ({weakest[2]}, rank {weakest[0]})",
                    "pages", pid, "claims", index)
            if weakest is None or strength.rank > weakest[0]:
                weakest = (strength.rank, cid, strength.design or "?")


@rule("EV302", "error", "a page shows a draft claim or a claim that fails an EV2xx error")
def unpublishable_claims_on_pages(ctx: Context) -> Iterator[Diagnostic]:
    claims, failing = ctx.catalogue.claims, ctx.failing_claims
    for pid, page in ctx.catalogue.pages.items():
        for index, cid in enumerate(page.claims):
            claim = claims.get(cid)
            if claim is None:
                continue
            if claim.status == "draft":
                reason = "it is a draft"
            elif cid in failing:
                reason = failing[cid]
            else:
                continue
            yield ctx.catalogue.diagnostic("EV302", "error", f"page '{pid}' shows claim '{cid}', but {reason}", "pages", pid, "claims", index)


@rule("EV303", "warning", "a published claim rests on vendor evidence alone")
def vendor_only_claims(ctx: Context) -> Iterator[Diagnostic]:
    sources, ladder = ctx.catalogue.sources, ctx.ladder
    vendor = {d.id for d in map(ladder.resolve, ctx.catalogue.config.vendor_designs) if d is not None}
    for cid, claim in ctx.catalogue.claims.items():
        if claim.status != "published":
            continue
        designs = [ladder.resolve(sources[c.source].design) for c in claim.citations() if c.source in sources]
        known = [d for d in designs if d is not None]
        if known and all(d.id in vendor for d in known):
            yield ctx.catalogue.diagnostic("EV303", "warning", f"claim '{cid}' rests on vendor evidence alone", "claims", cid, "cites")
