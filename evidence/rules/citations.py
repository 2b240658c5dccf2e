"""EV201, EV202, EV204, EV205: every claim must rest on a ranked source with a primary URL."""

from __future__ import annotations

from typing import Iterator

from evidence.context import Context
from evidence.registry import rule
from schemas.diagnostics import Diagnostic


@rule("EV201", "error", "a claim cites no source")
def uncited_claims(ctx: Context) -> Iterator[Diagnostic]:
    for cid, claim in ctx.catalogue.claims.items():
        if not claim.cites:
            yield ctx.catalogue.diagnostic("EV201", "error", f"claim '{cid}' cites no source", "claims", cid)


@rule("EV202", "error", "a claim has no primary URL: none of its cited sources has a usable, non-aggregator http(s) URL")
def claims_without_primary_url(ctx: Context) -> Iterator[Diagnostic]:
    sources, statuses = ctx.catalogue.sources, ctx.statuses
    for cid, claim in ctx.catalogue.claims.items():
        if not claim.cites or ctx.has_primary_url(claim):
            continue
        reasons = []
        for c in claim.citations():
            status = statuses.get(c.source)
            if status is None:
                continue
            title = sources[c.source].title
            if status.aggregator:
                reasons.append(f"'{c.source}' is an aggregator")
            elif status.url_problem:
                reasons.append(f"'{c.source}' has an unusable URL")
            else:
                reasons.append(f"'{c.source}' ({title}) has no URL")
        why = "; ".join(reasons) if reasons else "its cited sources do not exist"
        yield ctx.catalogue.diagnostic("EV202", "error", f"claim '{cid}' has no primary URL: {why}", "claims", cid, "cites")


@rule("EV204", "warning", "a source is an aggregator (it may be cited, never as the primary URL)")
def aggregator_sources(ctx: Context) -> Iterator[Diagnostic]:
    for sid, status in ctx.statuses.items():
        if status.aggregator:
            how = "is marked aggregator" if ctx.catalogue.sources[sid].aggregator else f"is hosted on an aggregator ({status.url.host if status.url else ''})"
            yield ctx.catalogue.diagnostic("EV204", "warning", f"source '{sid}' {how}: cite the study it paraphrases as the primary URL", "sources", sid)


@rule("EV205", "error", "a cited source has no study design, or one the ladder does not know")
def sources_without_design(ctx: Context) -> Iterator[Diagnostic]:
    cited = sorted({c.source for claim in ctx.catalogue.claims.values() for c in claim.citations()})
    known = ", ".join(d.id for d in ctx.ladder)
    for sid in cited:
        source = ctx.catalogue.sources.get(sid)
        if source is None or ctx.ladder.resolve(source.design) is not None:
            continue
        if source.design is None:
            yield ctx.catalogue.diagnostic("EV205", "error", f"source '{sid}' is cited but has no design (one of {known})", "sources", sid)
        else:
            yield ctx.catalogue.diagnostic("EV205", "error", f"source '{sid}' has design '{source.design}', which the ladder does not know (one of {known})", "sources", sid, "design")
