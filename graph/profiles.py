"""Related-role signals read from what roles require and do: skills, knowledge, tools, tasks, titles.

Skill links fall in three groups by their skill's ``category``: knowledge, technology
(technology, tool, software) and skills (everything else). A group is compared in one of
two ways, chosen by the data:

* **rated profiles** (O*NET: every occupation rates every element's importance and
  level): the cosine of profiles centred on the average profile, so two roles are close
  when the same elements matter *more than usual* to both, not because every role needs
  Reading Comprehension;
* **sets** (ESCO, hand-written catalogues: a few of many skills each): the cosine of
  TF-IDF-weighted vectors, so sharing a rare skill counts more than a common one; ESCO's
  essential skills weigh 1, optional 0.5, O*NET-style importance its value over 5.

Tasks with descriptions, and titles with alternate titles, are compared as TF-IDF word
vectors (:mod:`graph.text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np
import scipy.sparse as sp

from graph.signals import Block, Roles, Signal, cosine_rows, pair_products
from graph.text import Vectors, normalise, scale_idf, tfidf

GROUP_OF_CATEGORY = {"knowledge": "knowledge", "technology": "technology", "tool": "technology",
                     "tools": "technology", "software": "technology"}
NOUNS = {"skills": ("skill", "skills"), "knowledge": ("knowledge area", "knowledge areas"), "technology": ("tool", "tools")}
TOP = {"skills": 10, "knowledge": 5, "technology": 10}
RELATION_WEIGHT = {"essential": 1.0, "optional": 0.5}
SHOWN = 4
Entries = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""Skill links of one group as parallel arrays: row, column, importance, level, essential (NaN: not given)."""


@dataclass
class _Shared:
    """What pairs of rows share: the element-wise products, their row (pair) of each, cosines, counts, the columns to name."""

    product: sp.csr_matrix
    rows: np.ndarray
    values: np.ndarray
    counts: np.ndarray
    named: list[list[int]]


def _shared(matrix: sp.csr_matrix, i: np.ndarray, j: np.ndarray, limit: int, order: np.ndarray | None = None) -> _Shared:
    """For pairs (i, j): what both rows have, and the ``limit`` columns to name first.

    Columns are named in ``order`` (a rank per column, lowest first) when given; else by
    their contribution to the cosine (rare ones first), except that columns of fewer than
    :func:`_common` roles come last: a tool two roles alone use is evidence, but "ABC
    Compiler" explains less to an editor than "Python".
    """
    product, values = pair_products(matrix, i, j)
    counts = np.diff(product.indptr)
    rows = np.repeat(np.arange(len(i)), counts)
    # one sort key: the pair first, then (lowest first) the column's rank, or rarity tier and contribution
    if order is None:
        rank = np.where(_common(matrix)[product.indices], 0.0, 2.0) - product.data  # contributions are in (0, 1]
    else:
        rank = order[product.indices] / max(len(order), 1)
    ranked = np.argsort(rows * 4.0 + rank, kind="stable")  # stable: ties keep column order
    keep = ranked[np.arange(len(ranked)) - product.indptr[:-1][rows[ranked]] < limit]
    bounds = np.searchsorted(rows[keep], np.arange(len(i) + 1)).tolist()
    columns = product.indices[keep].tolist()
    return _Shared(product, rows, values, counts, [columns[bounds[p]:bounds[p + 1]] for p in range(len(i))])


def _shared_terms(matrix: sp.csr_matrix, i: np.ndarray, j: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray, list[list[int]]]:
    """Cosines, shared-column counts and the columns to name, for pairs (i, j) (see :func:`_shared`)."""
    shared = _shared(matrix, i, j, limit)
    return shared.values, shared.counts, shared.named


def _common(matrix: sp.csr_matrix) -> np.ndarray:
    """Columns held by at least max(3, n / 150) roles: the ones worth naming first."""
    cached = getattr(matrix, "_common_columns", None)
    if cached is None:
        cached = np.bincount(matrix.indices, minlength=matrix.shape[1]) >= max(3, matrix.shape[0] / 150)
        matrix._common_columns = cached  # type: ignore[attr-defined]
    return cached


def _entries(roles: Roles) -> tuple[dict[str, Entries], dict[str, list[str]]]:
    """Every skill link, grouped, as arrays; and each group's skill ids in column order."""
    skills = roles.catalogue.skills
    read = attrgetter("skill", "importance", "level", "relation")
    counts: list[int] = []
    flat: list[tuple[str, float | None, float | None, str | None]] = []
    for occupation in roles.records:
        counts.append(len(occupation.skills))
        flat.extend(map(read, occupation.skills))
    if not flat:
        return {}, {}
    ids, importance, level, relation = zip(*flat)
    group_of = {sid: GROUP_OF_CATEGORY.get((skills[sid].category or "").strip().lower(), "skills") if sid in skills else "skills"
                for sid in set(ids)}
    columns: dict[str, list[str]] = {}
    coded: dict[str, tuple[int, int]] = {}
    for sid in sorted(group_of):
        listed = columns.setdefault(group_of[sid], [])
        coded[sid] = (list(columns).index(group_of[sid]), len(listed))
        listed.append(sid)
    places = np.array([coded[sid] for sid in ids], dtype=np.int64)
    all_rows = np.repeat(np.arange(len(counts)), counts)
    all_im = np.array(importance, dtype=np.float64)  # None becomes NaN
    all_lv = np.array(level, dtype=np.float64)
    essential = np.array([np.nan if r is None else float(r == "essential") for r in relation], dtype=np.float64)
    grouped: dict[str, Entries] = {}
    for number, group in enumerate(columns):
        mask = places[:, 0] == number
        grouped[group] = (all_rows[mask], places[mask, 1], all_im[mask], all_lv[mask], essential[mask])
    return grouped, columns


def skill_signals(roles: Roles, weights: dict[str, float]) -> list[Signal]:
    """One signal per skill group that any two roles share: rated profiles or weighted sets."""
    grouped, columns = _entries(roles)
    skills = roles.catalogue.skills
    signals: list[Signal] = []
    for group in ("skills", "knowledge", "technology"):
        if group not in grouped or weights.get(group, 0) <= 0:
            continue
        entries = grouped[group]
        titles = [skills[c].title if c in skills else c for c in columns[group]]
        rows, _cols, importance, level, _essential = entries
        rated = bool((~np.isnan(importance) | ~np.isnan(level)).all())
        dense = len(rows) >= 0.5 * len(np.unique(rows)) * len(titles)
        build = _rated if rated and dense else _sets
        signal = build(roles, group, weights[group], entries, titles)
        if signal is not None:
            signals.append(signal)
    return signals


def _rated(roles: Roles, group: str, weight: float, entries: Entries, titles: list[str]) -> Signal | None:
    n, m = len(roles), len(titles)
    rows, cols, im, lv, _essential = entries
    importance, level = np.zeros((n, m)), np.zeros((n, m))
    importance[rows, cols] = np.nan_to_num(im)
    level[rows, cols] = np.nan_to_num(lv)
    has = np.zeros(n, dtype=bool)
    has[rows] = True
    features = np.hstack([b for b in (importance, level * 5.0 / 7.0) if b.any()])  # level 0-7 on importance's 1-5 scale
    features[has] -= features[has].mean(axis=0)
    features[~has] = 0.0
    norms = np.linalg.norm(features, axis=1)
    if not (norms > 0).any():
        return None
    features /= np.where(norms > 0, norms, 1.0)[:, None]
    rank_by = importance if importance.any() else level
    centred = np.where(has[:, None], rank_by - rank_by[has].mean(axis=0), 0.0)
    order = np.lexsort((np.broadcast_to(np.arange(m), (n, m)), -rank_by), axis=1)[:, :TOP[group]]
    leading = np.zeros((n, m), dtype=bool)
    np.put_along_axis(leading, order, True, axis=1)
    leading &= (rank_by > 0) & has[:, None]
    singular, plural = NOUNS[group]

    def similarity(block: np.ndarray) -> Block:
        return np.clip(features[block] @ features.T, 0.0, None)

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        values = np.clip(np.einsum("pk,pk->p", features[i], features[j]), 0.0, None)
        shared = leading[i] & leading[j]
        counts = shared.sum(axis=1)
        contribution = np.where(shared, centred[i] * centred[j], -np.inf)
        ranked = np.lexsort((np.broadcast_to(np.arange(m), contribution.shape), -contribution), axis=1)[:, :SHOWN].tolist()
        own = leading[i].sum(axis=1).tolist()
        out: list[str | None] = []
        for p, count in enumerate(counts.tolist()):
            if not count:
                out.append(None)
                continue
            listing = ", ".join(titles[c] for c in ranked[p][:count]) + (", ..." if count > SHOWN else "")
            out.append(f"shares {count} of its {own[p]} most important {plural if own[p] > 1 else singular}: {listing}")
        return values, out

    return Signal(group, weight, similarity, pairs)


def _sets(roles: Roles, group: str, weight: float, entries: Entries, titles: list[str]) -> Signal | None:
    n, m = len(roles), len(titles)
    rows, cols, im, _lv, essential = entries
    value = np.where(~np.isnan(im) & (im > 0), im / 5.0,
                     np.where(np.isnan(essential), 1.0, np.where(essential == 1.0, RELATION_WEIGHT["essential"], RELATION_WEIGHT["optional"])))
    raw = sp.csr_matrix((value, (rows, cols)), shape=(n, m))
    raw.sum_duplicates()
    raw.data = np.minimum(raw.data, 1.0)  # a skill listed twice counts once
    matrix = normalise(scale_idf(raw))
    if (np.diff(matrix.indptr) > 0).sum() < 2:
        return None
    marked = essential == 1.0
    core = np.unique(rows[marked] * m + cols[marked])  # (row, column) of every essential link, as sorted keys
    singular, plural = NOUNS[group]

    def is_core(keys: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(core, keys), max(len(core) - 1, 0))
        return core[at] == keys if len(core) else np.zeros(len(keys), dtype=bool)

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        shared = _shared(matrix, i, j, SHOWN)
        columns = shared.product.indices
        both_core = is_core(i[shared.rows] * m + columns) & is_core(j[shared.rows] * m + columns)
        both = np.bincount(shared.rows[both_core], minlength=len(i)).tolist()
        out: list[str | None] = []
        for p, count in enumerate(shared.counts.tolist()):
            if not count:
                out.append(None)
                continue
            shown = ", ".join([titles[c] for c in shared.named[p]])
            sentence = f"shares {count} {singular if count == 1 else plural}: {shown}" if count <= SHOWN else f"shares {count} {plural}, among them {shown}"
            out.append(sentence + (f" ({both[p]} essential to both)" if both[p] else ""))
        return shared.values, out

    return Signal(group, weight, cosine_rows(matrix), pairs)


def _term_signal(name: str, weight: float, vectors: Vectors, intro: str) -> Signal | None:
    matrix = vectors.matrix
    if (np.diff(matrix.indptr) > 0).sum() < 2:
        return None

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        values, counts, top = _shared_terms(matrix, i, j, 5)
        terms = vectors.terms
        return values, [f"{intro}: {', '.join([terms[c] for c in top[p]])}" if count else None for p, count in enumerate(counts.tolist())]

    return Signal(name, weight, cosine_rows(matrix), pairs)


def text_signal(roles: Roles, weight: float) -> Signal | None:
    """Task statements and descriptions as TF-IDF word vectors."""
    catalogue = roles.catalogue
    tasks: dict[int, list[str]] = {}
    for tid in sorted(catalogue.tasks):
        row = roles.index.get(catalogue.tasks[tid].occupation or "")
        if row is not None:
            tasks.setdefault(row, []).append(tid)
    for row, occupation in enumerate(roles.records):
        known = set(tasks.get(row, []))
        tasks.setdefault(row, []).extend(t for t in occupation.tasks if t in catalogue.tasks and t not in known)
    documents = []
    for row, occupation in enumerate(roles.records):
        pieces = [(occupation.description or "", 1.0)]
        for tid in tasks[row]:
            task = catalogue.tasks[tid]
            pieces += [(task.title, 1.0), (task.description or "", 1.0)]
        documents.append(pieces)
    intro = "tasks and descriptions share the terms" if any(tasks.values()) else "descriptions share the terms"
    return _term_signal("text", weight, tfidf(documents), intro)


def title_signal(roles: Roles, weight: float) -> Signal | None:
    """Titles (weighted 3) and alternate titles as TF-IDF vectors of words and word pairs."""
    vectors = tfidf([[(o.title, 3.0)] + [(alias, 1.0) for alias in o.aliases] for o in roles.records], bigrams=True)
    signal = _term_signal("titles", weight, vectors, "titles share the words")
    if signal is None:
        return None
    names: dict[str, int] = {}
    spelling: list[str] = []
    cells: list[tuple[int, int]] = []
    for row, occupation in enumerate(roles.records):
        for name in (occupation.title, *occupation.aliases):
            column = names.setdefault(name.casefold(), len(names))
            if column == len(spelling):
                spelling.append(name)
            cells.append((row, column))
    unique = sorted(set(cells))
    titles = sp.csr_matrix((np.ones(len(unique)), ([c[0] for c in unique], [c[1] for c in unique])), shape=(len(roles), len(names)))
    # each name's rank: titles of two words or more before one-word ones (often acronyms), short first
    readable = np.array([len(n) + (1000 if " " not in n else 0) for n in spelling], dtype=np.float64)
    matrix = vectors.matrix

    def pairs(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        common = _shared(titles, i, j, 3, readable)
        out: list[str | None] = [f"titles in common: {', '.join([spelling[c] for c in common.named[p]])}{', ...' if count > 3 else ''}"
                                 if count else None for p, count in enumerate(common.counts.tolist())]
        rest = np.flatnonzero(common.counts == 0)
        values = pair_products(matrix, i, j)[1]
        if len(rest):
            _values, counts, top = _shared_terms(matrix, i[rest], j[rest], 5)
            for p, count, columns in zip(rest.tolist(), counts.tolist(), top):
                if count:
                    out[p] = f"titles share the words: {', '.join([vectors.terms[c] for c in columns])}"
        return values, out

    signal.pairs = pairs
    return signal
