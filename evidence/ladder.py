"""The study-design ladder: which designs exist and how strong each is, per claim kind.

The default ladder (:data:`schemas.designs.DEFAULT_DESIGNS`) is the seed pages' own rule:
RCT or audit design first, longitudinal panel second, cross-sectional survey third, vendor
self-report last. A catalogue adds designs or re-ranks them with ``designs`` records; a
design may give ``ranks`` per claim kind (a representative survey can outrank a small
experiment on a prevalence claim).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from schemas.designs import design_names, merged_designs
from schemas.models import Design


class Ladder:
    """Designs by id and alias, with their ranks; 1 is the strongest."""

    def __init__(self, designs: Iterable[Design] = ()) -> None:
        self.designs: dict[str, Design] = merged_designs(designs)
        self._names = design_names(self.designs)

    def resolve(self, name: str | None) -> Design | None:
        """The design named by id or alias (case-insensitive), or None if the ladder does not know it."""
        if not name:
            return None
        return self._names.get(name.strip().lower())

    def rank(self, name: str | None, kind: str | None = None) -> int | None:
        """The rank of a design for a claim kind; the design's per-kind rank wins over its default."""
        design = self.resolve(name)
        if design is None:
            return None
        if kind is not None and kind in design.ranks:
            return design.ranks[kind]
        return design.rank

    def __iter__(self) -> Iterator[Design]:
        return iter(self.designs.values())
