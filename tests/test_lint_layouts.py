"""Precision and recall of the page lint on whole pages laid out as real sites lay them out.

tests/fixtures/pages/layouts/ holds pages written in the markup of the tools career sites
are built with (WordPress blocks, Hugo and pandoc footnotes, MediaWiki references,
Bootstrap tables, utility-class stat grids, FAQ accordions, Markdown with front matter)
and the furniture around them (breadcrumbs, ratings, share buttons, newsletter boxes,
promotions). labels.tsv labels every figure on them as an editor would; each page is
linted whole, as HTML or Markdown, without a catalogue, and the findings are compared
with the labels: EV601 by the figures it quotes, EV602 by the hole, EV603 by the URL.
docs/lint.md reports the table this computes.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from evidence.lint import lint_page
from evidence.lint.index import SourceIndex
from evidence.lint.linter import page_format

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "tests" / "fixtures" / "pages" / "layouts"
CODES = {"uncited": "EV601", "hole": "EV602", "url": "EV603"}
LABELS = {"cited", "none", *CODES}


def labels() -> list[tuple[str, str, str]]:
    rows = []
    for line in (LAYOUTS / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            page, label, item = line.split("\t")
            rows.append((page, label, item))
    return rows


def items(code: str, message: str) -> list[str]:
    """What a finding names: the figures of an EV601, the hole of an EV602, the URL of an EV603."""
    if code == "EV601":
        assert " more " not in message.split(" not cited")[0], "keep to three figures a sentence"
        return re.findall(r"'([^']*)'", message.split(" not cited")[0])
    if code == "EV602":
        found = re.search(r"\('(.*?)' in '", message)
        assert found is not None, message
        return [found.group(1)]
    found = re.match(r"cited URL '?([^' ]+)", message)
    assert found is not None, message
    return [found.group(1)]


@pytest.fixture(scope="module")
def outcome() -> dict[str, object]:
    """Findings against labels over every page: expected and found (page, code, item) counts,
    and the statistics the linter counted."""
    index = SourceIndex.build(None)
    expected: Counter[tuple[str, str, str]] = Counter()
    labelled: dict[str, set[str]] = {}
    for page, label, item in labels():
        labelled.setdefault(page, set()).add(item)
        if label in CODES:
            expected[(page, CODES[label], item)] += 1
    found: Counter[tuple[str, str, str]] = Counter()
    statistics = 0
    for page in sorted(labelled):
        source = (LAYOUTS / page).read_text(encoding="utf-8")
        result = lint_page(source, page, page_format(page, source), index)
        statistics += result.statistics
        for finding in result.findings:
            diagnostic = finding.diagnostic
            for item in items(diagnostic.code, diagnostic.message):
                found[(page, diagnostic.code, item)] += 1
    return {"expected": expected, "found": found, "labelled": labelled, "statistics": statistics}


def scores(outcome: dict[str, object], code: str) -> tuple[int, int, int, int]:
    """(positives, true positives, false positives, false negatives) of one code."""
    expected, found = outcome["expected"], outcome["found"]
    assert isinstance(expected, Counter) and isinstance(found, Counter)
    mine = Counter({key: n for key, n in expected.items() if key[1] == code})
    flagged = Counter({key: n for key, n in found.items() if key[1] == code})
    true = mine & flagged
    return sum(mine.values()), sum(true.values()), sum((flagged - mine).values()), sum((mine - flagged).values())


def test_every_page_is_labelled_and_every_label_is_known() -> None:
    pages = {path.name for path in LAYOUTS.iterdir() if path.suffix in (".html", ".md")}
    rows = labels()
    assert pages == {page for page, _, _ in rows}
    assert {label for _, label, _ in rows} == LABELS
    assert len(pages) >= 12 and len(rows) >= 90


def test_every_finding_names_a_labelled_item(outcome: dict[str, object]) -> None:
    """A finding on a figure nobody labelled means the labels are incomplete, not a score."""
    found, labelled = outcome["found"], outcome["labelled"]
    assert isinstance(found, Counter) and isinstance(labelled, dict)
    unlabelled = sorted(key for key in found if key[2] not in labelled[key[0]])
    assert not unlabelled


@pytest.mark.parametrize("code", sorted(CODES.values()))
def test_precision_and_recall_meet_the_target(outcome: dict[str, object], code: str) -> None:
    positives, tp, fp, fn = scores(outcome, code)
    assert positives > 0
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.8, (code, tp, fp, fn)


@pytest.mark.parametrize("code", sorted(CODES.values()))
def test_docs_report_the_measured_figures(outcome: dict[str, object], code: str) -> None:
    positives, tp, fp, fn = scores(outcome, code)
    row = f"| {code} | {positives} | {tp} | {fp} | {fn} | {tp / (tp + fp):.2f} | {tp / (tp + fn):.2f} |"
    docs = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    section = docs.split("## Whole pages: precision and recall", 1)[-1]
    assert row in section, f"docs/lint.md (Whole pages) should have the row {row}"
    pages = len({page for page, _, _ in labels()})
    assert f"{pages} pages" in section and f"{outcome['statistics']} statistics" in section
