"""The study-design ladder: which designs exist and how strong each is, per claim kind.

The default ladder is the seed pages' own rule: RCT or audit design first, longitudinal
panel second, cross-sectional survey third, vendor self-report last. A catalogue adds
designs or re-ranks them with ``designs`` records; a design may give ``ranks`` per claim
kind (a representative survey can outrank a small experiment on a prevalence claim).
"""

from __future__ import annotations

from typing import Iterable

from schemas.models import Design

DEFAULT_DESIGNS: tuple[Design, ...] = (
    Design(id="rct", rank=1, label="Randomised controlled trial", aliases=["audit", "field-experiment", "experiment"],
           description="randomised controlled trials, audit and field experiments"),
    Design(id="panel", rank=2, label="Longitudinal panel", aliases=["longitudinal"],
           description="longitudinal panels following the same people or firms over time"),
    Design(id="survey", rank=3, label="Cross-sectional survey", aliases=["cross-sectional"],
           description="cross-sectional surveys"),
    Design(id="vendor", rank=4, label="Vendor self-report", aliases=["self-report"],
           description="vendor self-report, a company's analysis of its own data"),
)


class Ladder:
    """Designs by id and alias, with their ranks; 1 is the strongest."""

    def __init__(self, designs: Iterable[Design] = ()) -> None:
        merged = {design.id: design for design in DEFAULT_DESIGNS}
        for design in designs:
            merged[design.id] = design
        self.designs: dict[str, Design] = dict(sorted(merged.items(), key=lambda item: (item[1].rank, item[0])))
        self._names: dict[str, Design] = {}
        for design in self.designs.values():
            for name in (design.id, *design.aliases):
                self._names.setdefault(name.strip().lower(), design)
        for design in self.designs.values():  # an id always wins over another design's alias
            self._names[design.id] = design

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

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.designs.values())
