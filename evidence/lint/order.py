"""EV301 on a rendered page: claims shown in weaker-before-stronger evidence order.

The page's claims are found in the catalogue in two ways, and placed at their first
appearance: the claim's text as written in the catalogue (case and white space aside),
else its primary URL among the page's cited URLs. Only claims citing a source the page
cites are tried, so a large catalogue costs little. Strengths are the checker's own
(:attr:`evidence.context.Context.strengths`), so the page and ``evidence check`` agree.

When several claims share a place (one URL cited for several claims), the order is judged
in the page's favour: the place counts as its strongest claim when it comes first and as
its weakest when it comes after, so a finding is one the page cannot explain away.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from evidence.lint.index import RankedClaims, SourceIndex
from evidence.lint.native import scan as _scan
from evidence.lint.page import Page
from evidence.strength import Strength


class Placed(NamedTuple):
    """A catalogue claim found on the page: where, and how strong its evidence is (a named
    tuple: a page places a few dozen, and they sort by offset, then claim id)."""

    offset: int
    claim: str
    strength: Strength


def misordered(page: Page, index: SourceIndex, sources: Iterable[str],
               first_url: dict[str, int]) -> list[tuple[Placed, Placed]]:
    """EV301's pairs on a page: ``order_findings(place_claims(...))``, the placing and
    ordering done by compiled code when it is built (a page places a few dozen claims)."""
    claims = index.ranked_claims(sources)
    if not claims.ranked:
        return []
    firsts = _first_texts(page, claims)
    pairs = _scan.claim_order(firsts, claims.urls, claims.ranks, first_url) if _scan is not None else None
    if pairs is None:  # the definition
        return order_findings(place_claims(page, index, sources, first_url, firsts))
    ranked = claims.ranked
    return [(Placed(later, *ranked[i]), Placed(earlier, *ranked[j])) for i, later, j, earlier in pairs]


def _first_texts(page: Page, claims: RankedClaims) -> list[int]:
    """Where each claim's text first stands in the page, case and curly apostrophes aside
    (-1: nowhere); one pass for all of them when the compiled scanner is built."""
    needles = claims.needles if claims.needles is not None else claims.lowered
    firsts = _scan.find_folded(page.text, needles) if _scan is not None else None
    if firsts is None:  # the definition
        lowered = page.text.lower().replace("\u2019", "'")
        text = lowered if len(lowered) == len(page.text) else page.text
        firsts = [text.find(needle) for needle in (claims.lowered if text is lowered else claims.texts)]
    return firsts  # type: ignore[no-any-return]


def place_claims(page: Page, index: SourceIndex, sources: Iterable[str], first_url: dict[str, int],
                 firsts: list[int] | None = None) -> list[Placed]:
    """The catalogue claims shown on the page, in page order.

    ``sources`` are the ids of the sources the page cites or names; ``first_url`` the
    page's cited primary URLs (normalised), each with its first offset; ``firsts``, if
    known, where each claim's text stands (:func:`_first_texts`).
    """
    claims = index.ranked_claims(sources)
    if not claims.ranked:
        return []
    placed = []
    for (cid, strength), found in zip(claims.ranked, firsts if firsts is not None else _first_texts(page, claims)):
        if found < 0 and strength.url is not None:
            found = first_url.get(strength.url.text, -1)
        if found >= 0:
            placed.append(Placed(found, cid, strength))
    placed.sort()  # by offset, then claim id (ids are unique: strengths are never compared)
    return placed


def _rank(placed: Placed) -> int:
    return placed.strength.rank if placed.strength.rank is not None else 1_000_000


def order_findings(placed: list[Placed]) -> list[tuple[Placed, Placed]]:
    """Pairs (stronger claim shown later, the weaker claim shown before it)."""
    findings = []
    weakest: Placed | None = None
    i, count = 0, len(placed)
    while i < count:  # the claims of one place (placed is in page order) as one group
        j = i + 1
        while j < count and placed[j].offset == placed[i].offset:
            j += 1
        if j == i + 1:
            strongest = weakest_here = placed[i]
        else:
            group = placed[i:j]
            strongest = min(group, key=_rank_and_claim)
            weakest_here = max(group, key=_rank_and_claim)
        i = j
        if weakest is not None and _rank(weakest_here) < _rank(weakest):
            findings.append((weakest_here, weakest))
        if weakest is None or _rank(strongest) > _rank(weakest):
            weakest = strongest
    return findings


def _rank_and_claim(placed: Placed) -> tuple[int, str]:
    return _rank(placed), placed.claim
