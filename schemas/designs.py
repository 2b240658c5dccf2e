"""The default study-design ladder and name resolution (ids and aliases) over designs.

This is data every layer needs (the graph links sources to designs; the checker ranks
them), so it lives here; the ranking logic is :class:`evidence.ladder.Ladder`.
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
"""The seed pages' own rule: RCT or audit first, panel second, survey third, vendor last."""


def merged_designs(declared: Iterable[Design]) -> dict[str, Design]:
    """The defaults with a catalogue's designs added or replacing them by id, strongest first."""
    merged = {design.id: design for design in DEFAULT_DESIGNS}
    for design in declared:
        merged[design.id] = design
    return dict(sorted(merged.items(), key=lambda item: (item[1].rank, item[0])))


def design_names(designs: dict[str, Design]) -> dict[str, Design]:
    """Every id and alias (lower-cased) to its design; an id wins over another design's alias."""
    names: dict[str, Design] = {}
    for design in designs.values():
        for name in design.aliases:
            names.setdefault(name.strip().lower(), design)
    for design in designs.values():
        names[design.id] = design
    return names
