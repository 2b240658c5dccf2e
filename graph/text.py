"""Words of occupations' texts as TF-IDF vectors (scipy sparse), for the related-role engine.

Task statements, descriptions, titles and alternate titles are compared as bags of word
stems: lower-cased, common English words dropped, plural and verb endings folded
("analyzing", "analyzes" and "analyze" are one stem), weighted by TF-IDF so that words
every occupation uses ("work", "perform") count for little and distinctive ones
("statistical", "hydraulic") for much. Each stem is shown as its shortest word form, so
explanations print words, not stems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

_WORD = re.compile(r"(?:[0-9]+[a-z]|[a-z])[a-z0-9+#]*(?:'[a-z]+)?")
STOPWORDS = frozenset("""
a about above across after again against all also among an and any are as at be because been before being
below between both but by can could did do does doing done down during each either etc every few for from
further had has have having he her here hers him his how however i if in including into is it its itself
just least less like made make makes many may might more most much must near need needs no nor not of off
often on once one only or other others our out over own per perform performs performed performing same
several she should so some such than that the their them then there these they this those through thus
to too under until up upon use used uses using very via was we were what when where whether which while
who whom whose why will with within without would you your various related specific new work works
working ensure ensures ensuring provide provides providing according duties duty include includes
""".split())


def stem(word: str) -> str:
    """A light, deterministic stem: plural and verb endings folded, a final ``e`` dropped."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The content words of ``text``, lower-cased, stop words removed."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]


@dataclass
class Vectors:
    """Row-normalised TF-IDF vectors (one row per document) and the words of their columns."""

    matrix: sp.csr_matrix
    terms: list[str]
    """The display form of each column's stem (its most frequent word form; bigrams joined by a space)."""


_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#']*|[\n\x1e]")  # words, "3d", "c++"; line and document breaks
_STOP, _BREAK, _DOCUMENT = -1, -2, -3


def _plain(token: str) -> str:
    """A token without quotes around it or a possessive ``'s``."""
    word = token.strip("'")
    return word[:-2] if word.endswith("'s") else word


class _Vocabulary:
    """Columns by stem, with a cache from word to column, so each distinct word is stemmed once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.cache: dict[str, int] = {"\n": _BREAK, "\x1e": _DOCUMENT}

    def columns(self, text: str) -> np.ndarray:
        """The column of every content word of ``text``: ``_BREAK`` at a line break, ``_DOCUMENT`` at ``\\x1e``."""
        tokens = _TOKEN.findall(text.lower())
        cache = self.cache
        for token in set(tokens).difference(cache):
            word = _plain(token)
            if len(word) < 2 or word in STOPWORDS or not _WORD.fullmatch(word):  # numbers are not words
                cache[token] = _STOP
            else:
                cache[token] = self.index.setdefault(stem(word), len(self.index))
        found = np.fromiter(map(cache.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        return found[found != _STOP]

    def terms(self) -> list[str]:
        """Each column's display word: the shortest word form of its stem (then alphabetical)."""
        best: list[str | None] = [None] * len(self.index)
        for token, column in self.cache.items():
            if column >= 0:
                word = _plain(token)
                current = best[column]
                if current is None or (len(word), word) < (len(current), current):
                    best[column] = word
        return [b or "" for b in best]


def tfidf(documents: Sequence[Iterable[tuple[str, float]]], *, bigrams: bool = False) -> Vectors:
    """TF-IDF vectors of documents given as ``(text, weight)`` pieces.

    A piece's words count ``weight`` times (a title may count more than an alias).
    Term frequency is sublinear (1 + log tf), IDF is smoothed (ln((1 + n) / (1 + df)) + 1)
    over the documents that have any words, rows are L2-normalised; empty documents stay
    zero rows. With ``bigrams``, adjacent content words of a piece are terms too.
    """
    vocabulary = _Vocabulary()
    streams: dict[float, tuple[list[str], list[int]]] = {}  # per weight: one text per document, and its row
    for row, pieces in enumerate(documents):
        grouped: dict[float, list[str]] = {}
        for text, weight in pieces:
            if text:
                grouped.setdefault(weight, []).append(text.replace("\n", " ").replace("\x1e", " "))
        for weight, texts in grouped.items():
            texts_of, rows_of = streams.setdefault(weight, ([], []))
            texts_of.append("\n".join(texts))
            rows_of.append(row)
    found: list[tuple[np.ndarray, np.ndarray, float]] = []
    for weight, (texts, rows) in streams.items():  # one pass of the tokenizer per weight, over every document
        columns = vocabulary.columns("\x1e".join(texts))
        found.append((columns, np.asarray(rows, dtype=np.int64)[np.cumsum(columns == _DOCUMENT)], weight))
    terms = vocabulary.terms()
    width = len(terms)
    parts_rows: list[np.ndarray] = []
    parts_cols: list[np.ndarray] = []
    parts_vals: list[np.ndarray] = []
    pairs: list[tuple[np.ndarray, np.ndarray, np.ndarray, float]] = []
    for columns, row_of, weight in found:
        is_word = columns >= 0
        parts_rows.append(row_of[is_word])
        parts_cols.append(columns[is_word])
        parts_vals.append(np.full(int(is_word.sum()), weight))
        if bigrams and len(columns) > 1:
            adjacent = is_word[:-1] & is_word[1:]
            pairs.append((columns[:-1][adjacent], columns[1:][adjacent], row_of[:-1][adjacent], weight))
    if pairs:
        keys = np.concatenate([a * width + b for a, b, _r, _w in pairs])
        unique, inverse = np.unique(keys, return_inverse=True)
        terms = terms + [f"{terms[k // width]} {terms[k % width]}" for k in unique.tolist()]
        parts_rows += [r for _a, _b, r, _w in pairs]
        parts_cols.append(width + inverse.ravel())
        parts_vals += [np.full(len(r), w) for _a, _b, r, w in pairs]
    empty = np.zeros(0, dtype=np.int64)
    all_rows = np.concatenate(parts_rows) if parts_rows else empty
    all_cols = np.concatenate(parts_cols) if parts_cols else empty
    all_vals = np.concatenate(parts_vals) if parts_vals else np.zeros(0)
    matrix = sp.csr_matrix((all_vals.astype(np.float64), (all_rows, all_cols)), shape=(len(documents), len(terms)))
    matrix.sum_duplicates()
    if matrix.nnz:
        matrix.data = np.where(matrix.data >= 1.0, 1.0 + np.log(np.maximum(matrix.data, 1.0)), matrix.data)
        matrix = scale_idf(matrix)
    return Vectors(normalise(matrix), terms)


def scale_idf(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Multiply each column by its smoothed IDF over the rows that have any entry."""
    documents = int((np.diff(matrix.indptr) > 0).sum())
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1.0 + documents) / (1.0 + df)) + 1.0
    scaled = matrix.copy()
    scaled.data = scaled.data * idf[scaled.indices]
    return scaled


def normalise(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)
