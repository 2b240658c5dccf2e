"""Claim strength: the best design rank among a claim's cited sources, then independence, then recency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from schemas.models import Claim
from schemas.urls import Url

if TYPE_CHECKING:
    from evidence.context import Context


@dataclass(frozen=True, slots=True)
class Strength:
    """How strongly a claim is supported.

    ``rank`` is the best (lowest) design rank among usable cited sources, ``design`` its id,
    ``independent`` the number of distinct publishers or hosts behind that evidence,
    ``year`` the most recent year among them, ``url`` the primary URL of the best source,
    and ``verified`` whether that rank rests on sources with a primary URL.
    """

    rank: int | None
    design: str | None
    independent: int
    year: int | None
    url: Url | None
    verified: bool

    def sort_key(self) -> tuple[int, int, int, int]:
        """Strongest first: verified before unverified, then rank, more independent sources, more recent."""
        return (
            0 if self.verified else 1,
            self.rank if self.rank is not None else 1_000_000,
            -self.independent,
            -(self.year or 0),
        )


def claim_strength(claim: Claim, context: Context) -> Strength:
    """Rank a claim by the sources it cites that exist, have a known design and are not aggregators.

    Sources with a primary URL count first; a claim whose sources all lack one still gets
    the rank of its best design, marked unverified, so editors can order drafts.
    """
    sources = context.catalogue.sources
    candidates = []
    for citation in claim.citations():
        source = sources.get(citation.source)
        if source is None:
            continue
        status = context.statuses[source.id]
        if status.aggregator:
            continue
        rank = context.design_rank(source.design, claim.kind)
        if rank is None:
            continue
        candidates.append((rank, source, status))
    verified = [c for c in candidates if c[2].primary_url is not None]
    pool = verified or candidates
    if not pool:
        return Strength(None, None, 0, None, None, False)
    best = min(rank for rank, _, _ in pool)
    top = sorted((c for c in pool if c[0] == best), key=lambda c: c[1].id)
    design = context.ladder.resolve(top[0][1].design)
    publishers = {(s.publisher or (st.url.host if st.url else s.id)).lower() for _, s, st in top}
    years = [s.year for _, s, _ in top if s.year is not None]
    url = next((st.primary_url for _, _, st in top if st.primary_url is not None), None)
    return Strength(best, design.id if design else None, len(publishers), max(years) if years else None, url, bool(verified))
