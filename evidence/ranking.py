"""Claims in evidence order: the library side of ``evidence rank``."""

from __future__ import annotations

from dataclasses import dataclass

from evidence.context import Context
from evidence.strength import Strength
from schemas.catalogue import Catalogue
from schemas.errors import UsageProblem
from schemas.models import Claim


class NotInCatalogue(UsageProblem, LookupError):
    """An --occupation or --page id that names no record."""


@dataclass(frozen=True)
class RankedClaim:
    """A claim with its strength and its position on the page (if ranked for a page)."""

    claim: Claim
    strength: Strength
    shown_at: int | None = None

    def as_dict(self) -> dict[str, object]:
        s = self.strength
        return {
            "id": self.claim.id,
            "text": self.claim.text,
            "design": s.design,
            "rank": s.rank,
            "independent_sources": s.independent,
            "year": s.year,
            "primary_url": s.url.text if s.url else None,
            "verified": s.verified,
            "page_position": self.shown_at,
        }


def rank_claims(catalogue: Catalogue, *, occupation: str | None = None, page: str | None = None) -> list[RankedClaim]:
    """Claims of an occupation, of a page, or of the whole catalogue, strongest first.

    Ties break on more independent sources, then recency, then id. Raises
    :class:`NotInCatalogue` when the occupation or page does not exist.
    """
    context = Context(catalogue)
    positions: dict[str, int] = {}
    if page is not None:
        if page not in catalogue.pages:
            raise NotInCatalogue(f"no page has id '{page}'")
        ids = list(dict.fromkeys(c for c in catalogue.pages[page].claims if c in catalogue.claims))
        positions = {cid: i + 1 for i, cid in enumerate(ids)}
    elif occupation is not None:
        if occupation not in catalogue.occupations:
            raise NotInCatalogue(f"no occupation has id '{occupation}'")
        ids = [cid for cid, c in catalogue.claims.items() if occupation in c.occupations]
    else:
        ids = list(catalogue.claims)
    ranked = [RankedClaim(catalogue.claims[cid], context.strengths[cid], positions.get(cid)) for cid in ids]
    ranked.sort(key=lambda r: (*r.strength.sort_key(), r.claim.id))
    return ranked
