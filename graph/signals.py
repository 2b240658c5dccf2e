"""The signals of related-role similarity that come from codes, structure and evidence.

A :class:`Signal` gives, for a block of occupations, their similarity to every
occupation (a dense ``rows x n`` array, larger is closer), and, for chosen pairs, a short
sentence an editor understands. This module holds the signals read from taxonomy codes
and family, job zones, shared evidence and declared adjacency; :mod:`graph.profiles`
holds those read from skills and texts. Every signal is symmetric, so a link's score is
the same seen from either end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Union

import numpy as np
import scipy.sparse as sp

from schemas.catalogue import Catalogue
from schemas.models import Occupation

Block = Union[np.ndarray, sp.csr_matrix]
Similarity = Callable[[np.ndarray], Block]
Pairs = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, list[Optional[str]]]]


@dataclass
class Roles:
    """A catalogue's occupations in id order: what every signal indexes by position."""

    catalogue: Catalogue
    ids: list[str]
    records: list[Occupation]
    index: dict[str, int]

    @classmethod
    def of(cls, catalogue: Catalogue) -> Roles:
        """The occupations of ``catalogue``, sorted by id."""
        ids = sorted(catalogue.occupations)
        return cls(catalogue, ids, [catalogue.occupations[i] for i in ids], {oid: n for n, oid in enumerate(ids)})

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Signal:
    """One kind of evidence that two roles are related.

    ``similarity(rows)`` is ``len(rows) x n`` (dense, or sparse when most pairs share
    nothing), non-negative. ``pairs(i, j)`` gives, for the pairs ``(i[p], j[p])``, the
    same similarity values and a sentence saying what the pair shares (None: nothing to
    say). A ``calibrated`` signal is divided by its typical best match (see
    :mod:`graph.related`) so that signals on different scales weigh as their weights
    say; discrete signals are already in [0, 1].
    """

    name: str
    weight: float
    similarity: Similarity
    pairs: Pairs
    calibrated: bool = True


def names(items: list[str], limit: int = 4) -> str:
    """``"A, B, C"``; with more than ``limit`` items, the first ``limit`` then ``...``."""
    shown = ", ".join(items[:limit])
    return shown + (", ..." if len(items) > limit else "")


def cosine_rows(matrix: sp.csr_matrix) -> Similarity:
    """Similarity of row-normalised sparse vectors: a block of rows against all rows (sparse)."""
    transposed = sp.csr_matrix(matrix.T)

    def similarity(rows: np.ndarray) -> Block:
        return sp.csr_matrix(matrix[rows] @ transposed)

    return similarity


def pair_products(matrix: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
    """Element-wise products of rows ``i[p]`` and ``j[p]`` (pairs x columns), and their sums (the cosines)."""
    product = sp.csr_matrix(matrix[i].multiply(matrix[j]))
    product.eliminate_zeros()
    rows = np.repeat(np.arange(len(i)), np.diff(product.indptr))
    return product, np.bincount(rows, weights=product.data, minlength=len(i))


def one_hot(labels: np.ndarray) -> sp.csr_matrix:
    """Rows x groups indicator of non-negative labels (a negative label is in no group)."""
    rows = np.flatnonzero(labels >= 0)
    width = int(labels.max()) + 1 if len(rows) else 0
    return sp.csr_matrix((np.ones(len(rows)), (rows, labels[rows])), shape=(len(labels), width))


# Taxonomy codes and family ------------------------------------------------------------

SOC_LEVELS = ((7, 1.0, "SOC detailed occupation"), (6, 0.8, "SOC broad occupation"), (5, 0.55, "SOC minor group"), (2, 0.25, "SOC major group"))
ISCO_LEVELS = ((4, 1.0, "ISCO unit group"), (3, 0.6, "ISCO minor group"), (2, 0.35, "ISCO sub-major group"), (1, 0.15, "ISCO major group"))
FAMILY_SCORE = 0.5


def _labels(values: list[str | None]) -> np.ndarray:
    """Integer labels for values, equal values equal labels, a missing value -1."""
    seen: dict[str, int] = {}
    return np.array([-1 if not v else seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


@dataclass
class _Level:
    labels: np.ndarray
    score: float
    increment: float
    label: str
    shown: list[str]
    indicator: sp.csr_matrix


def _hierarchy(values: list[str | None], table: tuple[tuple[int, float, str], ...]) -> list[_Level]:
    """The levels of nested code prefixes (finest first) at which two roles can share a group.

    A level of length 0 compares whole values (a family name).
    """
    levels: list[_Level] = []
    for length, score, label in sorted(table, key=lambda t: t[0]):  # coarse to fine, for increments
        prefixes = [(v if not length else v[:length]) if v and len(v) >= length else None for v in values]
        labels = _labels(prefixes)
        if not (np.bincount(labels[labels >= 0]) > 1).any():
            continue
        previous = levels[-1].score if levels else 0.0
        levels.append(_Level(labels, score, score - previous, label, [p or "" for p in prefixes], one_hot(labels)))
    return levels[::-1]


def _coded(occupation: Occupation) -> bool:
    return bool(occupation.codes.soc or occupation.codes.onet or occupation.codes.isco)


def taxonomy_signal(roles: Roles, weight: float) -> Signal | None:
    """Shared taxonomy groups: the deepest SOC or ISCO level two roles share, or their family.

    Code levels are nested prefixes, so the deepest shared level's score is the sum of
    the increments of every level shared; SOC, ISCO and family combine by maximum. The
    family counts only for roles without SOC or ISCO codes: where codes exist they are
    the more precise statement (an imported family merely names a code's group).
    """
    soc = [o.codes.soc or (o.codes.onet[:7] if o.codes.onet else None) for o in roles.records]
    hierarchies = [h for h in (_hierarchy(soc, SOC_LEVELS), _hierarchy([o.codes.isco for o in roles.records], ISCO_LEVELS),
                               _hierarchy([o.family.strip().casefold() if o.family and not _coded(o) else None for o in roles.records],
                                          ((0, FAMILY_SCORE, "family"),))) if h]
    if not hierarchies:
        return None
    family_shown = [o.family or "" for o in roles.records]

    def similarity(rows: np.ndarray) -> Block:
        best: sp.csr_matrix | None = None
        for levels in hierarchies:
            part = sum((level.indicator[rows] @ level.indicator.T) * level.increment for level in levels)
            best = sp.csr_matrix(part) if best is None else best.maximum(part)
        return best

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        values = np.zeros(len(i))
        out: list[str | None] = [None] * len(i)
        for levels in hierarchies:
            for level in levels:  # finest first: the first shared level is the deepest
                same = (level.labels[i] == level.labels[j]) & (level.labels[i] >= 0) & (values < level.score)
                values[same] = level.score
                for p in np.flatnonzero(same).tolist():
                    out[p] = (f"same family: {family_shown[i[p]]}" if level.label == "family"
                              else f"same {level.label} {level.shown[i[p]]}")
        return values, out

    return Signal("taxonomy", weight, similarity, pairs, calibrated=False)


# Job zone ---------------------------------------------------------------------------

ZONE_NAMES = {1: "little or no preparation", 2: "some preparation", 3: "medium preparation",
              4: "considerable preparation", 5: "extensive preparation"}


def job_zone_signal(roles: Roles, weight: float) -> Signal | None:
    """Preparation level: 1 for the same job zone, 0.5 for one step apart, 0 beyond."""
    zones = np.array([o.job_zone or 0 for o in roles.records], dtype=np.int64)
    if (zones > 0).sum() < 2:
        return None
    gap = np.abs(np.arange(6)[:, None] - np.arange(6)[None, :])
    table = np.clip(1.0 - gap / 2.0, 0.0, 1.0)
    table[0, :] = table[:, 0] = 0.0  # no job zone known

    def similarity(rows: np.ndarray) -> Block:
        return table[zones[rows]][:, zones]

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        out: list[str | None] = []
        for a, b in zip(zones[i].tolist(), zones[j].tolist()):
            if not a or not b or abs(a - b) > 1:
                out.append(None)
            elif a == b:
                out.append(f"same job zone ({a}, {ZONE_NAMES.get(a, '')})")
            else:
                out.append(f"one job zone {'up' if b > a else 'down'} ({a} to {b}): {ZONE_NAMES.get(b, '')}")
        return table[zones[i], zones[j]], out

    return Signal("job_zone", weight, similarity, pairs, calibrated=False)


# Shared evidence --------------------------------------------------------------------

def evidence_signal(roles: Roles, weight: float) -> Signal | None:
    """Claims about both roles (and, more weakly, sources cited by claims about each)."""
    claims = roles.catalogue.claims
    claim_ids = sorted(claims)
    source_ids = sorted({c.source for claim in claims.values() for c in claim.citations()})
    source_col = {sid: len(claim_ids) + n for n, sid in enumerate(source_ids)}
    about: dict[int, set[str]] = {}
    entries: dict[tuple[int, int], float] = {}
    for column, cid in enumerate(claim_ids):
        claim = claims[cid]
        for oid in claim.occupations:
            row = roles.index.get(oid)
            if row is None:
                continue
            about.setdefault(row, set()).add(cid)
            entries[(row, column)] = 1.0
            for citation in claim.citations():
                entries[(row, source_col[citation.source])] = 0.5
    if len(about) < 2:
        return None
    keys = sorted(entries)
    matrix = sp.csr_matrix(([entries[k] for k in keys], ([k[0] for k in keys], [k[1] for k in keys])),
                           shape=(len(roles), len(claim_ids) + len(source_ids)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)
    cited = {row: {c.source for cid in ids for c in claims[cid].citations()} for row, ids in about.items()}

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        _product, values = pair_products(matrix, i, j)
        out: list[str | None] = []
        for a, b in zip(i.tolist(), j.tolist()):
            both = sorted(about.get(a, set()) & about.get(b, set()))
            sources = sorted(cited.get(a, set()) & cited.get(b, set()))
            if both:
                out.append(f"{len(both)} claim{'s are' if len(both) > 1 else ' is'} about both: {names(both, 3)}")
            elif sources:
                out.append(f"claims about each cite the same source{'s' if len(sources) > 1 else ''}: {names(sources, 3)}")
            else:
                out.append(None)
        return values, out

    return Signal("evidence", weight, cosine_rows(matrix), pairs)


# Declared adjacency -----------------------------------------------------------------

def adjacency_signal(roles: Roles, weight: float) -> Signal | None:
    """Related roles an editor declared (``adjacent``), in either direction."""
    declared: set[tuple[int, int]] = set()
    for row, occupation in enumerate(roles.records):
        for other in occupation.adjacent:
            column = roles.index.get(other)
            if column is not None and column != row:
                declared.add((row, column))
    if not declared:
        return None
    both_ways = sorted(declared | {(b, a) for a, b in declared})
    matrix = sp.csr_matrix((np.ones(len(both_ways)), ([p[0] for p in both_ways], [p[1] for p in both_ways])), shape=(len(roles), len(roles)))

    def similarity(rows: np.ndarray) -> Block:
        return sp.csr_matrix(matrix[rows])

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        out: list[str | None] = []
        for a, b in zip(i.tolist(), j.tolist()):
            by = [roles.ids[x] for x, y in ((a, b), (b, a)) if (x, y) in declared]
            out.append(f"declared adjacent by {' and '.join(by)}" if by else None)
        return np.asarray(matrix[i, j]).ravel(), out

    return Signal("adjacency", weight, similarity, pairs, calibrated=False)
