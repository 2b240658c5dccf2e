"""Everything a rule needs, computed once per check: catalogue, ladder, source statuses,
claim strengths and the claims that fail an EV2xx error."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from evidence.ladder import Ladder
from schemas.sources import SourceStatus, source_status
from evidence.strength import Strength, claim_strength
from schemas.catalogue import Catalogue
from schemas.models import Claim


@dataclass
class Context:
    """A catalogue with its derived facts; rules read it and never change it."""

    catalogue: Catalogue
    ladder: Ladder = field(init=False)
    _ranks: dict[tuple[str | None, str | None], int | None] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.ladder = Ladder(self.catalogue.designs.values())

    @cached_property
    def statuses(self) -> dict[str, SourceStatus]:
        """Each source's normalised URL and DOI, by source id."""
        config = self.catalogue.config
        return {sid: source_status(source, config) for sid, source in self.catalogue.sources.items()}

    @cached_property
    def strengths(self) -> dict[str, Strength]:
        """Each claim's evidence strength, by claim id."""
        return {cid: claim_strength(claim, self) for cid, claim in self.catalogue.claims.items()}

    def design_rank(self, design: str | None, kind: str | None) -> int | None:
        """The ladder's rank of a design for a claim kind, memoised (asked once per citation)."""
        key = (design, kind)
        if key not in self._ranks:
            self._ranks[key] = self.ladder.rank(design, kind)
        return self._ranks[key]

    @cached_property
    def with_primary_url(self) -> frozenset[str]:
        """Ids of the claims with at least one cited, existing source that has a usable non-aggregator URL."""
        usable = {sid for sid, status in self.statuses.items() if status.primary_url is not None}
        return frozenset(cid for cid, claim in self.catalogue.claims.items()
                         if any(c.source in usable for c in claim.citations()))

    def has_primary_url(self, claim: Claim) -> bool:
        """True when at least one cited, existing source has a usable non-aggregator URL."""
        return claim.id in self.with_primary_url

    def unknown_design_sources(self, claim: Claim) -> list[str]:
        """Cited sources that exist but whose design is missing or unknown to the ladder."""
        sources = self.catalogue.sources
        return [
            c.source for c in claim.citations()
            if c.source in sources and self.ladder.resolve(sources[c.source].design) is None
        ]

    @cached_property
    def failing_claims(self) -> dict[str, str]:
        """Claims that fail an EV2xx error (EV201, EV202, EV205), with the first reason."""
        failing: dict[str, str] = {}
        for cid, claim in self.catalogue.claims.items():
            if not claim.cites:
                failing[cid] = "EV201: it cites no source"
            elif not self.has_primary_url(claim):
                failing[cid] = "EV202: it has no primary URL"
            elif self.unknown_design_sources(claim):
                failing[cid] = "EV205: a cited source has no known study design"
        return failing
