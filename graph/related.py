"""Related roles from the graph: every occupation's closest roles, each link scored and explained.

    >>> from graph.related import related_roles
    >>> for entry in related_roles(catalogue, k=5):
    ...     print(entry.id, [(link.id, link.score, link.reasons) for link in entry.related])

The score of a pair is a weighted mean of signals (:mod:`graph.signals`,
:mod:`graph.profiles`): skills, knowledge and tools, task and description text, titles
and alternate titles, taxonomy codes and family, job zone, shared evidence and declared
adjacency. Signals on continuous scales are calibrated by their typical best match (the
median, over a fixed sample of roles, of a role's highest similarity), so 1 means "as
close as a role's nearest neighbour usually is" and the weights mean what they say.
Weights are renormalised over the signals the catalogue has data for.

Work is done in blocks of rows with scipy sparse and numpy matrices, so memory stays
``O(block x n)``. Ranking is deterministic: scores are rounded to 6 decimals, ties break
on id. ``min_inbound`` then makes sure every role is linked from at least that many others
(no orphans) where the data allows, replacing only links whose target has links to spare.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from graph.profiles import skill_signals, text_signal, title_signal
from graph.signals import Block, Roles, Signal, adjacency_signal, evidence_signal, job_zone_signal, taxonomy_signal
from schemas.catalogue import Catalogue
from schemas.errors import UsageProblem
from schemas.memory import collector_paused

DEFAULT_WEIGHTS: dict[str, float] = {
    "skills": 0.12, "knowledge": 0.10, "technology": 0.08, "text": 0.20, "titles": 0.20,
    "taxonomy": 0.12, "job_zone": 0.06, "evidence": 0.04, "adjacency": 0.15,
}
"""Relative weights of the signals; those without data in a catalogue drop out."""
BLOCK = 1024
SAMPLE = 256


class UnknownOccupation(UsageProblem, LookupError):
    """``--occupation`` names no occupation of the catalogue (a usage error on the command line)."""


class RelatedLink(NamedTuple):
    """One proposed link: the related role, the score in [0, 1] and why, strongest reason first."""

    id: str
    title: str
    codes: dict[str, str | None]
    score: float
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of a related entry (DESIGN section 7)."""
        return {"id": self.id, "title": self.title, "codes": self.codes, "score": self.score, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class RelatedRoles:
    """An occupation and its related roles, best first."""

    id: str
    title: str
    codes: dict[str, str | None]
    related: tuple[RelatedLink, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of DESIGN section 7."""
        return {"id": self.id, "title": self.title, "codes": self.codes, "related": [r.as_dict() for r in self.related]}


def signal_weights(weights: dict[str, float] | None = None) -> dict[str, float]:
    """The default weights updated with ``weights``; ValueError for an unknown signal or a negative weight."""
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    unknown = set(w) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise ValueError(f"unknown signal {', '.join(sorted(unknown))}; signals are {', '.join(DEFAULT_WEIGHTS)}")
    if any(value < 0 for value in w.values()):
        raise ValueError("signal weights are zero or more")
    return w


def build_signals(roles: Roles, weights: dict[str, float] | None = None) -> list[Signal]:
    """Every signal the catalogue has data for, with its weight (zero-weight signals skipped)."""
    w = signal_weights(weights)
    signals = skill_signals(roles, w)
    builders = (("text", text_signal), ("titles", title_signal), ("taxonomy", taxonomy_signal),
                ("job_zone", job_zone_signal), ("evidence", evidence_signal), ("adjacency", adjacency_signal))
    for name, build in builders:
        if w[name] > 0:
            signal = build(roles, w[name])
            if signal is not None:
                signals.append(signal)
    return signals


class Engine:
    """The related-role engine over one catalogue: signals built and calibrated once."""

    def __init__(self, catalogue: Catalogue, weights: dict[str, float] | None = None) -> None:
        signal_weights(weights)
        self.roles = Roles.of(catalogue)
        n = len(self.roles)
        sample = np.arange(0, n, max(1, -(-n // SAMPLE)))
        self.signals: list[Signal] = []
        self.scales: list[float] = []
        for signal in build_signals(self.roles, weights) if n > 1 else []:
            scale = 1.0
            if signal.calibrated:
                block = _dense(signal.similarity(sample))
                block[np.arange(len(sample)), sample] = 0.0
                best = block.max(axis=1)
                if not (best > 0).any():
                    continue
                scale = float(np.median(best[best > 0]))
            self.signals.append(signal)
            self.scales.append(scale)
        self.total_weight = sum(s.weight for s in self.signals) or 1.0

    def _share(self, s: int, values: np.ndarray) -> np.ndarray:
        """Signal ``s``'s raw similarities as its share of the score (calibrated, capped, weighted)."""
        signal = self.signals[s]
        if signal.calibrated:
            values = np.minimum(values / self.scales[s], 1.0)
        return values * (signal.weight / self.total_weight)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Combined scores of ``rows`` against every role, rounded to 6 decimals; self is -1."""
        n = len(self.roles)
        total = np.zeros((len(rows), n))
        flat = total.reshape(-1)
        for s, signal in enumerate(self.signals):
            block = signal.similarity(rows)
            if sp.issparse(block):
                block = sp.csr_matrix(block)  # a product or sum of canonical matrices: no duplicate cells
                cells = np.repeat(np.arange(len(rows)) * n, np.diff(block.indptr)) + block.indices
                flat[cells] += self._share(s, block.data)
            else:
                total += self._share(s, np.asarray(block))
        total = np.round(total, 6)
        total[np.arange(len(rows)), rows] = -1.0
        return total

    def candidates(self, rows: np.ndarray, depth: int) -> dict[int, list[tuple[int, float]]]:
        """The best ``depth`` roles of each row with a positive score, best first, ties by id."""
        found: dict[int, list[tuple[int, float]]] = {}
        depth = min(depth, len(self.roles) - 1)
        if depth <= 0:
            return {int(row): [] for row in rows}
        for start in range(0, len(rows), BLOCK):
            block = rows[start:start + BLOCK]
            total = self.scores(block)
            threshold = -np.partition(-total, depth - 1, axis=1)[:, depth - 1]
            for r, row in enumerate(block.tolist()):
                columns = np.flatnonzero((total[r] >= threshold[r]) & (total[r] > 0))
                chosen = columns[np.lexsort((columns, -total[r, columns]))[:depth]]
                found[row] = list(zip(chosen.tolist(), total[r, chosen].tolist()))
        return found

    def explain(self, pairs: list[tuple[int, int]]) -> list[list[str]]:
        """Reasons for each pair, the signal with the largest share of the score first."""
        if not pairs:
            return []
        i = np.array([p[0] for p in pairs], dtype=np.int64)
        j = np.array([p[1] for p in pairs], dtype=np.int64)
        shares = np.zeros((len(pairs), len(self.signals)))
        sentences = []
        for s, signal in enumerate(self.signals):
            values, said = signal.pairs(i, j)
            shares[:, s] = self._share(s, values)
            sentences.append(said)
        order = np.lexsort((np.broadcast_to(np.arange(len(self.signals)), shares.shape), -shares), axis=1).tolist()
        positive = (shares > 0).tolist()
        return [[sentences[s][p] for s in order[p] if positive[p][s] and sentences[s][p]] for p in range(len(pairs))]  # type: ignore[misc]


def _dense(block: Block) -> np.ndarray:
    """A similarity block as a dense array (a copy, so callers may write to it)."""
    if isinstance(block, np.ndarray):
        return np.array(block, dtype=np.float64)
    return np.asarray(block.todense())


def _codes(record: object) -> dict[str, str | None]:
    codes = getattr(record, "codes")
    return {"soc": codes.soc, "onet": codes.onet, "isco": codes.isco, "esco": codes.esco}


def ensure_inbound(lists: dict[int, list[tuple[int, float]]], candidates: dict[int, list[tuple[int, float]]],
                   minimum: int) -> dict[int, set[int]]:
    """Give every role at least ``minimum`` inbound links where candidates allow; returns the added links.

    For a role short of links, its own best candidates (scores are symmetric) link to it:
    each replaces its weakest link whose target has links to spare, or, when none has,
    gains one link over k. Roles are served in id order, so the result is deterministic.
    """
    inbound = {row: 0 for row in candidates}
    for row in lists:
        for target, _score in lists[row]:
            inbound[target] = inbound.get(target, 0) + 1
    added: dict[int, set[int]] = {}
    for row in sorted(inbound):
        for source, score in candidates.get(row, []):
            if inbound[row] >= minimum:
                break
            links = lists.setdefault(source, [])
            if any(target == row for target, _ in links):
                continue
            spare = [n for n, (target, _) in enumerate(links) if inbound[target] > minimum and target not in added.get(source, set())]
            if spare:
                weakest = max(spare, key=lambda n: (-links[n][1], links[n][0]))
                inbound[links[weakest][0]] -= 1
                del links[weakest]
            links.append((row, score))
            links.sort(key=lambda link: (-link[1], link[0]))
            added.setdefault(source, set()).add(row)
            inbound[row] += 1
    return added


def related_roles(catalogue: Catalogue, *, k: int = 10, occupation: str | None = None, min_inbound: int = 0,
                  weights: dict[str, float] | None = None) -> list[RelatedRoles]:
    """Every occupation (or only ``occupation``) with its ``k`` best related roles, sorted by id.

    Raises :class:`UnknownOccupation` when ``occupation`` is not in the catalogue.
    """
    if k < 0 or min_inbound < 0:
        raise ValueError("k and min_inbound are zero or more")
    with collector_paused():  # the engine makes no cycles; a loaded catalogue holds millions of objects
        return _related_roles(catalogue, k, occupation, min_inbound, weights)


def _related_roles(catalogue: Catalogue, k: int, occupation: str | None, min_inbound: int,
                   weights: dict[str, float] | None) -> list[RelatedRoles]:
    engine = Engine(catalogue, weights)
    roles = engine.roles
    if occupation is not None and occupation not in roles.index:
        raise UnknownOccupation(f"no occupation '{occupation}' in the catalogue")
    everyone = occupation is None or min_inbound > 0
    rows = np.arange(len(roles)) if everyone else np.array([roles.index[occupation]])  # type: ignore[index]
    depth = max(k, 3 * k, k + 3 * min_inbound) if min_inbound else k
    candidates = engine.candidates(rows, depth if k else 0)
    lists = {row: found[:k] for row, found in candidates.items()}
    added = ensure_inbound(lists, candidates, min_inbound) if min_inbound and k else {}
    shown = [int(r) for r in rows] if occupation is None else [roles.index[occupation]]
    pairs = [(row, target) for row in shown for target, _score in lists.get(row, [])]
    reasons = iter(engine.explain(pairs))
    codes = [_codes(record) for record in roles.records]
    out = []
    for row in shown:
        record = roles.records[row]
        related = []
        for target, score in lists.get(row, []):
            why = next(reasons)
            if target in added.get(row, set()):
                why.append(f"added so that {roles.records[target].title} has at least {min_inbound} inbound links")
            other = roles.records[target]
            related.append(RelatedLink(other.id, other.title, codes[target], round(score, 4), tuple(why)))
        out.append(RelatedRoles(record.id, record.title, codes[row], tuple(related)))
    return out


def as_json(entries: list[RelatedRoles]) -> str:
    """The JSON of DESIGN section 7: a list sorted by id, keys sorted, final newline."""
    return json.dumps([e.as_dict() for e in sorted(entries, key=lambda e: e.id)], indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def as_text(entries: list[RelatedRoles]) -> str:
    """One block per occupation: its related roles with score, then their reasons indented."""
    lines: list[str] = []
    for entry in sorted(entries, key=lambda e: e.id):
        lines.append(f"{entry.id}  {entry.title}")
        if not entry.related:
            lines.append("    (no related role: it shares nothing with any other)")
        for number, link in enumerate(entry.related, start=1):
            lines.append(f"  {number:>2}. {link.id}  {link.title}  {link.score:.3f}")
            lines.extend(f"        - {reason}" for reason in link.reasons)
    return "\n".join(lines) + ("\n" if lines else "")
