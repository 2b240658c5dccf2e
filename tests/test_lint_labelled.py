"""Precision and recall of EV601 and EV602 on the labelled set, as docs/lint.md reports them.

Every sentence of tests/fixtures/pages/labelled.tsv (drawn from the seed pages and from
pages written for the tests) is linted on its own, as a plain-text page, against the
shipped catalogue. A sentence labelled ``uncited`` should get EV601 and one labelled
``hole`` EV602; any other finding of those codes is a false alarm.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evidence.lint import lint_page
from evidence.lint.index import SourceIndex
from schemas import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "fixtures" / "pages" / "labelled.tsv"
TARGETS = {"EV601": "uncited", "EV602": "hole"}


def labelled() -> list[tuple[str, str, str]]:
    rows = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, origin, sentence = line.split("\t")
            rows.append((label, origin, sentence))
    return rows


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[int, int, int, int]]:
    """Per code: (positives, true positives, false positives, false negatives)."""
    index = SourceIndex.build(load_catalogue(ROOT / "data"))
    counts = {code: [0, 0, 0, 0] for code in TARGETS}
    for label, _, sentence in labelled():
        found = {f.diagnostic.code for f in lint_page(sentence, "sentence.txt", "text", index).findings}
        for code, wanted in TARGETS.items():
            positive, flagged = label == wanted, code in found
            counts[code][0] += positive
            counts[code][1] += positive and flagged
            counts[code][2] += flagged and not positive
            counts[code][3] += positive and not flagged
    return {code: (c[0], c[1], c[2], c[3]) for code, c in counts.items()}


def test_the_set_is_large_and_mixed() -> None:
    rows = labelled()
    assert len(rows) >= 150
    assert {label for label, _, _ in rows} == {"cited", "uncited", "none", "hole"}
    assert {origin for _, origin, _ in rows} == {"seed-000", "seed-001", "seed-002", "written"}
    assert min(sum(1 for label, _, _ in rows if label == want) for want in ("cited", "uncited", "none", "hole")) >= 15


@pytest.mark.parametrize("code", sorted(TARGETS))
def test_precision_and_recall_meet_the_target(scores: dict[str, tuple[int, int, int, int]], code: str) -> None:
    positives, tp, fp, fn = scores[code]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9 and recall >= 0.9, (code, precision, recall)


@pytest.mark.parametrize("code", sorted(TARGETS))
def test_docs_report_the_measured_figures(scores: dict[str, tuple[int, int, int, int]], code: str) -> None:
    positives, tp, fp, fn = scores[code]
    row = f"| {code} | {positives} | {tp} | {fp} | {fn} | {tp / (tp + fp):.2f} | {tp / (tp + fn):.2f} |"
    docs = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    assert row in docs, f"docs/lint.md should have the row {row}"
    total = len(labelled())
    assert re.search(rf"\b{total} sentences\b", docs), f"docs/lint.md should say the set has {total} sentences"
