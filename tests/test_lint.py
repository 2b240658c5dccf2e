"""Page lint on real pages: the three seed pages, pages that must be clean, suppressions, the command."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cli.main import main
from evidence.lint import lint, lint_page, suppress
from evidence.lint.index import SourceIndex
from evidence.lint.report import LintReport
from evidence.registry import RULES
from evidence.render import render_text
from schemas import load_catalogue

PAGES = Path(__file__).parent / "fixtures" / "pages"
SEEDS = PAGES / "seeds"
DATA = Path(__file__).resolve().parent.parent / "data"
EMPATHY = SEEDS / "000_5836c7df198d1016.txt"
JOBZONE = SEEDS / "001_67e231221272947a.txt"
TASKEXPOSED = SEEDS / "002_44515ca6edf08f28.txt"
CLEAN = [PAGES / "clean.html", PAGES / "clean.md", PAGES / "clean.txt"]


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return SourceIndex.build(load_catalogue(DATA))


def codes(path: Path, catalogue: Path | None = DATA) -> list[tuple[str, int, str]]:
    report = lint([path], catalogue=catalogue)
    return [(d.code, d.line, d.message) for d in report.diagnostics]


def test_the_seeds_are_the_shared_seeds() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    for seed in SEEDS.glob("*.txt"):
        assert seed.read_bytes() == (shared / seed.name).read_bytes()


# --- the first seed page: template holes, three primary URLs, vendor before survey -----------

def test_first_seed_page_template_holes() -> None:
    holes = [(line, message) for code, line, message in codes(EMPATHY) if code == "EV602"]
    quoted = [re.search(r"\('([^']*)' in", m).group(1) for _, m in holes]  # type: ignore[union-attr]
    assert quoted == ["- months", "k-k", "1 1 Nft Artist", "3d Artist", "3d Designer", "above .", "above ."]
    assert {line for line, _ in holes} == {21}


def test_first_seed_page_three_primary_urls_recognised(index: SourceIndex) -> None:
    result = lint_page(EMPATHY.read_text(encoding="utf-8"), str(EMPATHY), "text", index)
    assert [(line, v.status, v.source) for line, v in result.url_lines()] == [
        (42, "primary", "noy-zhang-2023"),
        (44, "primary", "indeed-ai-at-work-2025"),
        (46, "primary", "wef-future-of-jobs-2025"),
    ]


def test_first_seed_page_every_statistic_cited_with_the_catalogue() -> None:
    report = lint([EMPATHY], catalogue=DATA)
    assert not [d for d in report.diagnostics if d.code in ("EV601", "EV603")]
    assert report.counts["statistics"] == report.counts["cited"] > 30


def test_first_seed_page_shows_vendor_before_survey_as_the_catalogue_says() -> None:
    ev301 = [message for code, _, message in codes(EMPATHY) if code == "EV301"]
    assert ev301 == ["page shows claim 'wef-2030-roles-created-displaced' (survey, rank 4) after weaker claim "
                     "'indeed-genai-skill-and-job-transformation' (vendor, rank 5)"]


def test_first_seed_page_without_catalogue_names_what_only_a_catalogue_resolves() -> None:
    found = codes(EMPATHY, catalogue=None)
    uncited = [(line, m) for code, line, m in found if code == "EV601"]
    # summary cards, the three body claims and the three reference entries: attributions only
    assert [line for line, _ in uncited] == [9, 13, 17, 21, 21, 21, 50, 51, 52]
    assert all("resolved with --catalogue" in m for _, m in uncited)
    assert not [c for c, _, _ in found if c in ("EV301", "EV603")]


# --- the second and third seed pages: unsourced statistics ------------------------------------

def by_line(found: list[tuple[str, int, str]], code: str = "EV601") -> dict[int, str]:
    lines: dict[int, str] = {}
    for c, line, message in found:
        if c == code:
            lines[line] = lines.get(line, "") + message + "\n"
    return lines


def test_second_seed_page_unsourced_statistics() -> None:
    found = codes(JOBZONE)
    uncited = by_line(found)
    assert "'163%', '49,200'" in uncited[35]
    assert "attributed to 'Signify Technology' (source 'signify-technology'), which has no primary URL" in "".join(
        m for code, line, m in found if code == "EV601" and line == 35)
    assert "'$187,500', '10,133' are not cited: it is attributed to 'Axial Search'" in "".join(
        m for code, line, m in found if code == "EV601" and line == 37)
    assert "'$200K-$350K+'" in "".join(m for code, line, m in found if line == 37)
    assert "'40-60%'" in uncited[38] and "Gartner" in uncited[38]
    assert "'34%'" in uncited[39] and "'bls'" in uncited[39]
    assert "'30-40%'" in uncited[79]
    lines = {line for code, line, _ in found if code == "EV601"}
    # the task table's time shares, the composite's inputs, the commentary: all uncited
    assert {22, 23, 24, 25, 26, 27, 28, 30, 35, 36, 37, 38, 39, 45, 46, 71, 79, 81, 86, 88, 91} <= lines
    # formulas, scores, scales and experience bands are not statistics
    assert not lines & {8, 9, 14, 19, 29, 57, 58, 59, 60, 61, 62, 64, 65, 66, 75, 80, 92}
    assert not [c for c, _, _ in found if c == "EV602"]


def test_second_seed_page_order_agrees_with_the_checker() -> None:
    later = sorted(re.search(r"claim '([^']+)'", m).group(1) for c, _, m in codes(JOBZONE) if c == "EV301")  # type: ignore[union-attr]
    assert later == sorted([
        "wef-ml-specialist-demand-growth", "wef-ml-roles-top-15-fastest-growing", "bls-data-science-ml-growth-projection",
        "eu-ai-act-human-oversight-penalties", "nist-ai-rmf-human-in-the-loop", "eu-ai-act-provider-liability",
        "eu-ai-act-article-14-human-oversight",
    ])


def test_third_seed_page_unsourced_statistics() -> None:
    found = codes(TASKEXPOSED)
    uncited = by_line(found)
    for line, figure in [(9, "'52%'"), (15, "'$158k'"), (16, "'$112k – $242k'"), (18, "'+28%'"), (37, "'84k'"),
                         (70, "'$158k', '28%'"), (79, "'82%'"), (133, "'28pp'"), (150, "'12,408'"), (160, "'48%'")]:
        assert figure in uncited[line], (line, uncited.get(line))
    assert "attributed to 'BLS' (source 'bls')" in uncited[37]  # the credit line "BLS labor market input"
    # the report id, methodology version, bare scores and chart axes are not statistics
    assert not set(uncited) & {3, 12, 30, 42, 93, 102, 130, 132}
    assert not [c for c, _, _ in found if c in ("EV602", "EV603")]


# --- pages that must be clean ------------------------------------------------------------------

@pytest.mark.parametrize("page", CLEAN, ids=lambda p: p.name)
@pytest.mark.parametrize("catalogue", [DATA, None], ids=["catalogue", "no-catalogue"])
def test_clean_pages_get_no_finding(page: Path, catalogue: Path | None) -> None:
    report = lint([page], catalogue=catalogue)
    assert report.diagnostics == []
    assert report.counts["statistics"] == report.counts["cited"] >= 6
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 0


def test_faults_page(tmp_path: Path) -> None:
    report = lint([PAGES / "faults.html"], catalogue=DATA)
    assert Counter(d.code for d in report.diagnostics) == {"EV601": 1, "EV602": 5, "EV603": 2}
    by_code = {d.code: d for d in report.diagnostics}
    assert (by_code["EV601"].line, by_code["EV601"].column) == (7, 32)
    ev603 = sorted(d.message for d in report.diagnostics if d.code == "EV603")
    assert "https://medium.com/@someone/ml-salaries-2025 is an aggregator" in ev603[0]
    assert "salary-insights.example.com/report is not a primary source" in ev603[1]
    assert report.exit_code() == 1


# --- suppressions ------------------------------------------------------------------------------

def test_suppressions_are_reported_in_the_summary() -> None:
    report = lint([PAGES / "faults.html"], catalogue=DATA)
    assert [(s.code, s.line, s.comment_line) for s in report.suppressed] == [("EV601", 16, 16), ("EV602", 18, 17)]
    assert [(u.line, u.comment) for u in report.unused] == [(19, "<!-- evidence: ignore[EV603] -->")]
    text = render_text(report).splitlines()
    assert text[-4].endswith("8 errors, 0 warnings, 2 suppressed.")
    assert text[-3].startswith("  suppressed tests/") or "suppressed" in text[-3]
    assert "(comment on line 16)" in text[-3] and "(comment on line 17)" in text[-2]
    assert text[-1].endswith("<!-- evidence: ignore[EV603] --> silenced nothing")
    summary = report.summary()
    assert [s["code"] for s in summary["suppressed"]] == ["EV601", "EV602"]
    assert summary["unused_suppressions"][0]["line"] == 19


@pytest.mark.parametrize("fmt, page", [
    ("md", "Median pay is $187,500. <!-- evidence: ignore[EV601] -->\n"),
    ("md", "<!-- evidence: ignore[EV6] -->\nMedian pay is $187,500.\n"),
    ("md", "<!-- evidence: ignore -->\n\nMedian pay is $187,500.\n"),
    ("html", "<!-- evidence: ignore-file[EV601] --><p>Intro.</p><p>Median pay is $187,500.</p>"),
    ("txt", "Median pay is $187,500. <!-- evidence: ignore[EV601] -->\n"),
    ("md", "Median pay is $187,500. <!-- EVIDENCE: Ignore[ev601] -->\n"),  # any case, as the comment allows
])
def test_suppression_forms(tmp_path: Path, fmt: str, page: str) -> None:
    path = tmp_path / f"page.{fmt}"
    path.write_text(page, encoding="utf-8")
    report = lint([path])
    assert report.diagnostics == [] and [s.code for s in report.suppressed] == ["EV601"]


COMMENT_TOKENS = ["<!--", "-->", "!", "<", "evidence", "EVIDENCE", ":", " ", "ignore", "ignore-file", "[EV601]", "[",
                  "]", "a", "\n", "<!---->", "<!-- evidence: ignore -->"]


@given(st.lists(st.sampled_from(COMMENT_TOKENS), max_size=14).map("".join))
def test_suppression_comments_are_found_as_the_expression_finds_them(source: str) -> None:
    # the comments are looked for from each "!", not by the expression at every character
    assert [m.span() for m in suppress._comments(source)] == [m.span() for m in suppress._COMMENT.finditer(source)]


def test_a_suppression_silences_only_its_block_and_codes(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text("<!-- evidence: ignore[EV602] -->\nMedian pay is $187,500.\n\nJobs grew 12%.\n", encoding="utf-8")
    report = lint([path])
    assert [(d.code, d.line) for d in report.diagnostics] == [("EV601", 2), ("EV601", 4)]
    assert report.suppressed == [] and [u.line for u in report.unused] == [1]


def test_a_cited_url_finding_belongs_to_the_block_the_url_stands_in(tmp_path: Path) -> None:
    # the paragraph cites footnote 1, whose link is an aggregator: the EV603 stands at the
    # link, so a comment by the link silences it and a comment by the paragraph does not
    page = """<!doctype html><html><body>
<p>Pay rose 12% in a year.<sup><a href="#n1">1</a></sup><!-- evidence: ignore[EV603] --></p>
<h2>Notes</h2>
<ol>
<li id="n1">Seen in <a href="https://medium.com/@w/x">a summary</a> <!-- evidence: ignore[EV603] --></li>
</ol>
</body></html>
"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    report = lint([path], catalogue=DATA)
    assert report.diagnostics == []
    assert [(s.code, s.line, s.comment_line) for s in report.suppressed] == [("EV603", 5, 5)]
    assert [u.line for u in report.unused] == [2]


# --- registry, report, command line --------------------------------------------------------------

def test_codes_are_registered_without_a_catalogue_check() -> None:
    for code in ("EV601", "EV602", "EV603"):
        assert RULES[code].severity == "error" and RULES[code].check is None


def test_output_is_sorted_and_deterministic() -> None:
    pages = [TASKEXPOSED, EMPATHY, JOBZONE]
    first = render_text(lint(pages, catalogue=DATA))
    assert first == render_text(lint(list(reversed(pages)), catalogue=DATA))
    files = [line.split(":", 1)[0] for line in first.splitlines() if line.startswith("tests/") or line.startswith("/")]
    assert files == sorted(files)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_cli_text_json_github(tmp_path: Path) -> None:
    code, out = run("lint", str(PAGES / "clean.html"), "--catalogue", str(DATA))
    assert code == 0
    assert out == "Linted 1 page (14 statistics, 14 cited; 7 cited URLs) with 4 rules: 0 errors, 0 warnings.\n"
    code, out = run("lint", str(EMPATHY), "--format", "json", "--catalogue", str(DATA))
    payload = json.loads(out)
    assert code == 1 and payload["summary"]["pages"] == 1 and payload["summary"]["errors"] == 7
    assert payload["diagnostics"][0]["code"] == "EV602" and payload["diagnostics"][0]["line"] == 21
    code, out = run("lint", str(PAGES / "faults.html"), "--format", "github")
    assert code == 1 and out.startswith("::error file=")
    assert ",line=7,col=32,title=EV601::EV601 statistics '163%25'" in out


def test_cli_folders_strict_and_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Jobs grew 12% (https://www.weforum.org/reports/the-future-of-jobs-report-2025/).\n")
    (tmp_path / "skip.css").write_text("p::after { content: '99%'; }\n")
    code, out = run("lint", str(tmp_path), "--catalogue", str(DATA))
    assert code == 0 and out.startswith("Linted 1 page")
    code, out = run("lint", str(EMPATHY), "--catalogue", str(DATA), "--strict")
    assert code == 1
    code, out = run("lint", str(tmp_path / "missing.html"))
    assert code == 2 and "does not exist" in out
    code, out = run("lint", str(EMPATHY), "--catalogue", str(tmp_path / "nope"))
    assert code == 2 and "no catalogue directory" in out
    code, out = run("lint")
    assert code == 2
    code, out = run("lint", str(tmp_path), "--jobs", "-1")
    assert code == 2 and "--jobs" in out
    code, out = run("lint", str(tmp_path), "-j", "2", "--catalogue", str(DATA))
    assert code == 0 and out.startswith("Linted 1 page")


def test_footnote_targets_are_the_first_element_with_the_id() -> None:
    from evidence.lint.citations import PageCitations
    from evidence.lint.htmlpage import extract_html
    from evidence.lint.index import SourceIndex

    ids = ["fn1", "a b", "\u00e9t\u00e9", "x{y}", "dup", "p;q", "tab\there", "nbsp\u00a0id", "[1]"]
    body = "".join(f'<p id="{i}">target {n}</p>' for n, i in enumerate(ids)) + '<p id="dup">second dup</p>'
    read = extract_html(f"<html><body>{body}</body></html>")
    assert read is not None
    expected: dict[str, str] = {}
    for node in read.tree.css("[id]"):
        expected.setdefault(node.attributes.get("id") or "", node.text())
    citations = PageCitations(read, SourceIndex.build(None))
    for fragment in ids + ["missing"]:
        found = citations._element(fragment)
        assert (found.text() if found is not None else None) == expected.get(fragment), fragment
    assert citations._element("dup").text() == "target 4"  # the first of two


def test_a_path_that_is_no_page_is_refused(tmp_path: Path) -> None:
    from evidence.lint.linter import PageNotFound

    for path in (tmp_path / "missing.html", "/dev/null", str(tmp_path / "nul\x00.html")):
        with pytest.raises(PageNotFound, match="no page at"):
            lint([EMPATHY, path])
    (tmp_path / "given.txt").write_text("Jobs grew 12%.\n")
    report = lint([tmp_path / "given.txt", str(tmp_path)])  # a file given and found in its folder: linted twice
    assert report.pages == 2 and [d.code for d in report.diagnostics] == ["EV601", "EV601"]


def test_a_folder_without_pages_fails(tmp_path: Path) -> None:
    report = lint([tmp_path])
    assert report.pages == 0 and report.exit_code() == 1


def test_pages_are_read_whole_whatever_their_size_or_kind(tmp_path: Path) -> None:
    import os
    import threading

    from evidence.lint.linter import read_bytes

    for size in (0, 1, 4095, 65536, 300_001):  # empty, small, a block, more than one read
        path = tmp_path / f"p{size}.html"
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        path.write_bytes(data)
        assert read_bytes(path) == data
        assert read_bytes(str(path)) == data
    fifo = tmp_path / "pipe.html"  # no size to trust: read on to its end
    os.mkfifo(fifo)
    sent = b"<p>40% of it</p>" * 20_000
    writer = threading.Thread(target=fifo.write_bytes, args=(sent,))
    writer.start()
    try:
        assert read_bytes(fifo) == sent
    finally:
        writer.join()
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "missing.html")
    with pytest.raises(IsADirectoryError):
        read_bytes(tmp_path)
    page = tmp_path / "p65536.html"  # a size from an earlier stat, then the file changed: read whole all the same
    data = page.read_bytes()
    for stale in (0, 1, len(data) - 1, len(data), len(data) + 1, 10 * len(data)):
        assert read_bytes(page, stale) == data, stale


def test_folders_are_listed_as_rglob_lists_them(tmp_path: Path) -> None:
    import os

    from evidence.lint.linter import FORMATS, folder_pages

    site = tmp_path / "site"
    for name in ("a.html", "B.HTML", "c.md", "d.txt", "e.css", "x.", "..html", ".html", "a-c.html", "z.htm",
                 "sub/a.html", "sub/deeper/p.markdown", "sub/deeper/q.mdown", "a/b.html", "a-b/c.html",
                 ".hidden/h.html", "sub/.dot.md", "Z/upper.txt", "weird name é.html"):
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Jobs grew 12%.\n")
    (site / "folder.html").mkdir()  # a folder named like a page: entered, not read
    (site / "folder.html" / "in.html").write_text("Jobs grew 12%.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.html").write_text("x\n")
    os.symlink(outside, site / "linked")  # a folder behind a link: not entered (as rglob)
    os.symlink(site / "a.html", site / "link.html")  # a link to a page: a page
    os.symlink(site / "gone.html", site / "broken.html")  # a link to nothing: not a page
    expected = sorted(p.relative_to(site).parts for p in site.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
    assert folder_pages(str(site)) == expected
    assert ("folder.html", "in.html") in expected and ("link.html",) in expected and ("linked", "o.html") not in expected
    assert ("broken.html",) not in expected and ("..html",) in expected and (".html",) not in expected
    report = lint([site])
    assert report.pages == len(expected) and {d.file for d in report.diagnostics} == {f"{site}/{'/'.join(p)}" for p in expected}


REFERENCE_LIST = """<!doctype html><html><body>
<p>Writing time fell 40% [1]; quality rose 18% [2].</p>
<h2>References</h2>
{open}<li>Noy and Zhang, <a href="https://www.science.org/doi/10.1126/science.adh2586">Science</a></li>
<li>Indeed Hiring Lab, <a href="https://www.hiringlab.org/2025/09/23/ai-at-work-report-2025-how-genai-is-rewiring-the-dna-of-jobs/">AI at Work</a></li>
{close}
</body></html>
"""


@pytest.mark.parametrize(("opening", "closing"), [("<ol>", "</ol>"), ('<div class="refs"><ol>', "</ol></div>"),
                                                  ("<ul>", "</ul>")])
def test_html_markers_cite_the_numbered_items_of_a_references_list(tmp_path: Path, opening: str, closing: str) -> None:
    # the list's own element (and a wrapper around it) is a block without text between the
    # heading and the items: it must not end the section, or [1] finds no reference
    path = tmp_path / "page.html"
    path.write_text(REFERENCE_LIST.format(open=opening, close=closing), encoding="utf-8")
    report = lint([path], catalogue=DATA)
    assert report.diagnostics == []
    assert report.counts == {"pages": 1, "statistics": 2, "cited": 2, "urls": 2}


def test_a_references_heading_followed_by_prose_numbers_nothing(tmp_path: Path) -> None:
    # text that is not a list item ends the section, even after an empty block
    path = tmp_path / "page.html"
    path.write_text(REFERENCE_LIST.format(open="<div></div><p>We thank our readers.</p><ol>", close="</ol>"),
                    encoding="utf-8")
    report = lint([path], catalogue=DATA)
    assert [(d.code, d.line) for d in report.diagnostics] == [("EV601", 2)]
    assert "'40%', '18%'" in report.diagnostics[0].message


def test_every_url_of_a_references_list_is_checked_cited_or_not(tmp_path: Path) -> None:
    # only [1] is cited, but the list's aggregator (item 3) is a cited URL of the page all the same
    path = tmp_path / "page.html"
    extra = '<li>A summary on <a href="https://medium.com/@writer/ai-jobs-numbers">Medium</a></li>'
    path.write_text(REFERENCE_LIST.format(open="<ol>", close=extra + "</ol>").replace(" [2]", ""), encoding="utf-8")
    report = lint([path], catalogue=DATA)
    assert [(d.code, d.line) for d in report.diagnostics] == [("EV603", 6)]
    assert report.counts["urls"] == 3


@pytest.mark.parametrize(("items", "marker", "cited"), [
    # an item's text in paragraphs of its own: they are the item's, and the items after it are numbered on
    ('<li><p>Smith and Jones, <a href="{url}">Science</a></p></li>', 1, True),
    ('<li><p>Smith and Jones, 2023.</p><p><a href="{url}">Science</a></p></li>', 1, True),
    ('<li><p>Smith and Jones, 2023.</p></li><li>Lee, <a href="{url}">Science</a></li>', 2, True),
    ('<li><p>Smith and Jones, 2023.</p></li><li>Lee, <a href="{url}">Science</a></li>', 1, False),
    # a paragraph after the list is no part of its last item
    ('<li><p>Smith and Jones, 2023.</p></li></ol><p>Read <a href="{url}">Science</a> too.</p><ol>', 1, False),
    ('<li>Smith and Jones, 2023.</li></ol></main><footer><p><a href="{url}">Science</a></p></footer><main><ol>', 1, False),
])
def test_the_paragraphs_of_a_references_item_are_that_item(tmp_path: Path, items: str, marker: int,
                                                           cited: bool) -> None:
    url = "https://www.science.org/doi/10.1126/science.adh2586"
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><main><p>Writing time fell 40% [{marker}].</p><h2>References</h2>"
                    f"<ol>{items.format(url=url)}</ol></main></body></html>", encoding="utf-8")
    report = lint([path], catalogue=DATA)
    assert [d.code for d in report.diagnostics] == ([] if cited else ["EV601"])


SCIENCE = '<a href="https://www.science.org/doi/10.1126/science.adh2586">Noy &amp; Zhang, Science</a>'


def lint_body(tmp_path: Path, body: str, catalogue: Path | None = None) -> LintReport:
    """Lint an HTML page made of ``body``."""
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return lint([path], catalogue=catalogue)


def uncited_figures(report: LintReport) -> list[str]:
    """The first figure each EV601 of a report quotes, quotes included, in report order."""
    return [re.search(r"statistics? ('[^']*')", d.message).group(1)  # type: ignore[union-attr]
            for d in report.diagnostics if d.code == "EV601"]


@pytest.mark.parametrize(("card", "cited"), [
    (f"<p>40%</p><p>less writing time</p><p>{SCIENCE}</p>", True),  # figure, label, source
    (f"<p>40%</p><p>less writing time</p><p>in a trial</p><p>{SCIENCE}</p>", True),
    (f"<p>40%</p><p>less</p><p>writing</p><p>time</p><p>{SCIENCE}</p>", False),  # too far below
    (f"<p>40%</p><div><p>less writing time</p></div><p>{SCIENCE}</p>", False),  # a line in another element
    (f"<p>40%</p><p>18% more quality</p><p>{SCIENCE}</p>", False),  # a line with a figure of its own
    (f"<p>40%</p><h3>Writing</h3><p>{SCIENCE}</p>", False),
])
def test_a_cards_source_line_cites_its_figure_from_up_to_three_lines_below(tmp_path: Path, card: str,
                                                                           cited: bool) -> None:
    path = tmp_path / "card.html"
    path.write_text(f'<html><body><div class="card">{card}</div></body></html>', encoding="utf-8")
    report = lint([path], catalogue=DATA)
    assert [d.code for d in report.diagnostics if "'40%'" in d.message] == ([] if cited else ["EV601"])


def test_in_markdown_only_the_next_block_may_be_a_credit_line(tmp_path: Path) -> None:
    # Markdown says nothing of which paragraphs make one card: two paragraphs down is too far
    path = tmp_path / "card.md"
    url = "https://www.science.org/doi/10.1126/science.adh2586"
    path.write_text(f"40% less writing time.\n\nA trial of writers.\n\n[Science]({url})\n", encoding="utf-8")
    assert [d.code for d in lint([path], catalogue=DATA).diagnostics] == ["EV601"]
    path.write_text(f"40% less writing time.\n\n[Science]({url})\n", encoding="utf-8")
    assert lint([path], catalogue=DATA).diagnostics == []


@pytest.mark.parametrize(("body", "uncited"), [
    # a table cited by its caption, its figure's caption, or a source line under it
    (f"<table><caption>Source: {SCIENCE}</caption><tr><th>Measure</th><th>Change</th></tr>"
     "<tr><td>Writing time</td><td>-40%</td></tr><tr><td>Quality</td><td>+18%</td></tr></table>", []),
    (f"<figure><table><tr><td>Writing time</td><td>-40%</td></tr></table><figcaption>{SCIENCE}</figcaption></figure>", []),
    (f"<figure><figcaption>{SCIENCE}</figcaption><table><tr><td>Writing time</td><td>-40%</td></tr></table></figure>", []),
    (f"<table><tr><td>Writing time</td><td>-40%</td></tr><tr><td>Quality</td><td>+18%</td></tr></table>"
     f"<p>Source: {SCIENCE}</p>", []),
    (f"<table><tr><td>Writing time</td><td>-40%</td></tr></table><p>Data: {SCIENCE}, 2023.</p>", []),
    # a list cited by the line that leads into it
    (f"<p>According to {SCIENCE}:</p><ul><li>writing time fell 40%</li><li>quality rose 18%</li></ul>", []),
    (f"<p>According to {SCIENCE}:</p><ul><li>writing time fell 40%<ul><li>quality rose 18%</li></ul></li></ul>", []),
    # and what does not cite them
    (f"<table><tr><td>Writing time</td><td>-40%</td></tr></table><p>Read more in {SCIENCE}.</p>", ["'-40%'"]),
    ("<table><caption>Results of the trial</caption><tr><td>Writing time</td><td>-40%</td></tr></table>", ["'-40%'"]),
    (f"<p>We read {SCIENCE}.</p><ul><li>writing time fell 40%</li></ul>", ["'40%'"]),
    ('<p>See <a href="/method">our method</a>:</p><ul><li>writing time fell 40%</li></ul>', ["'40%'"]),
    (f"<p>According to {SCIENCE}:</p><p>A trial of writers.</p><ul><li>writing time fell 40%</li></ul>", ["'40%'"]),
    (f"<table><tr><td>Writing time</td><td>-40%</td></tr></table><h3>Source: {SCIENCE}</h3>", ["'-40%'"]),
])
def test_tables_and_lists_are_cited_by_their_caption_source_line_or_lead_in(tmp_path: Path, body: str,
                                                                            uncited: list[str]) -> None:
    assert uncited_figures(lint_body(tmp_path, body, DATA)) == uncited


def test_a_markdown_table_is_cited_by_the_source_line_under_it(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    url = "https://www.science.org/doi/10.1126/science.adh2586"
    table = "| Measure | Change |\n|---|---|\n| Writing time | -40% |\n| Quality | +18% |\n"
    path.write_text(f"{table}\nSource: [Noy & Zhang, Science]({url})\n", encoding="utf-8")
    assert lint([path], catalogue=DATA).diagnostics == []
    path.write_text(f"{table}\nMore in [Noy & Zhang, Science]({url})\n", encoding="utf-8")
    # not a source line: the first row is uncited (the last has the line as its credit line)
    assert [(d.code, d.line) for d in lint([path], catalogue=DATA).diagnostics] == [("EV601", 3)]


@pytest.mark.parametrize(("body", "uncited"), [
    (f"<h2>ChatGPT cut writing time by 40%</h2><p>In a preregistered experiment with 453 professionals, access to "
     f"ChatGPT raised productivity on mid-level writing tasks, as {SCIENCE} reported at length.</p>", []),
    (f"<h2>ChatGPT cut writing time by 40%</h2><div></div><p>As {SCIENCE} reported.</p>", []),
    (f"<h2>ChatGPT cut writing time by 40%</h2><h3>The trial</h3><p>As {SCIENCE} reported.</p>", ["'40%'"]),
    ("<h2>ChatGPT cut writing time by 40%</h2><p>A trial of writers, reported widely.</p>", ["'40%'"]),
])
def test_a_heading_is_cited_by_the_paragraph_under_it(tmp_path: Path, body: str, uncited: list[str]) -> None:
    assert uncited_figures(lint_body(tmp_path, body, DATA)) == uncited


@pytest.mark.parametrize(("href", "finding"), [
    ("https://twitter.com/intent/tweet?text=Nurse%20practitioners", "EV601"),
    ("https://x.com/intent/post?url=https%3A%2F%2Fcareers.example%2Fnp", "EV601"),
    ("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcareers.example%2Fnp", "EV601"),
    ("https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fcareers.example%2Fnp", "EV601"),
    ("https://www.reddit.com/submit?url=https%3A%2F%2Fcareers.example%2Fnp", "EV601"),
    ("https://api.whatsapp.com/send?text=np", "EV601"),
    # a post on the same networks is a citation all the same, of an aggregator
    ("https://twitter.com/someone/status/1234567890", "EV603"),
    ("https://www.linkedin.com/pulse/ai-writing-productivity-someone", "EV603"),
])
def test_a_share_button_cites_nothing(tmp_path: Path, href: str, finding: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(f'<html><body><p>Growth is 46% a decade. <a href="{href}">Share</a></p></body></html>',
                    encoding="utf-8")
    assert [d.code for d in lint([path]).diagnostics] == [finding]


@pytest.mark.parametrize(("body", "uncited"), [
    # a table's source in a row of its own (a <tfoot>), a list's heading or source line, a card's source line
    (f"<table><tr><td>Austin</td><td>$128,400</td></tr><tr><td>Denver</td><td>$121,900</td></tr>"
     f"<tfoot><tr><td colspan=2><small>Source: {SCIENCE}</small></td></tr></tfoot></table>", []),
    (f"<h3>Findings from {SCIENCE}</h3><ul><li>writing time fell 40%</li><li>quality rose 18%</li></ul>", []),
    (f"<ul><li>writing time fell 40%</li><li>quality rose 18%</li></ul><p><em>Source: {SCIENCE}</em></p>", []),
    (f'<div class="callout"><p>$158k</p><p>median base salary</p></div><p class="source">Source: {SCIENCE}</p>', []),
    (f"<dl><dt>Rates</dt><dd><p>Writers billed 23% more.</p></dd><dd><p>Source: {SCIENCE}</p></dd></dl>", []),
    # and what does not: a row that starts with "Data" is no source row, a heading without a link
    # cites nothing, a source line past another figure or a long paragraph is that block's
    (f"<table><tr><td>Data Scientist</td><td>$112k</td></tr><tr><td>Data Engineer</td><td>$130k {SCIENCE}</td></tr>"
     "</table>", ["'$112k'"]),
    ("<h3>Findings from the trial</h3><ul><li>writing time fell 40%</li></ul>", ["'40%'"]),
    (f"<div><p>36%</p><p>growth</p></div><div><p>12%</p><p>decline</p></div><p>Source: {SCIENCE}</p>", ["'36%'"]),
    ("<p>Growth was 36% over the decade.</p><p>" + "Most of it came from the largest employers. " * 4
     + f"</p><p>Source: {SCIENCE}</p>", ["'36%'"]),
    (f"<ul><li>writing time fell 40%</li></ul><h4>Source: {SCIENCE}</h4>", ["'40%'"]),
])
def test_rows_items_and_cards_are_cited_by_their_source_lines(tmp_path: Path, body: str, uncited: list[str]) -> None:
    assert uncited_figures(lint_body(tmp_path, body)) == uncited


@pytest.mark.parametrize(("references", "uncited"), [
    # references written as paragraphs that number themselves, as many blogs write them
    (f"<h2>Bibliography</h2><p>[1] Smith (2024), {SCIENCE}.</p><p>[2] Lee (2025), {SCIENCE}.</p>", []),
    (f"<h2>Sources</h2><p><sup>1</sup> Smith, {SCIENCE}.</p><p><sup>2</sup> Lee, {SCIENCE}.</p>", []),
    (f"<h2>Notes</h2><p>1. Smith, {SCIENCE}.</p><p>2) Lee, {SCIENCE}.</p>", []),
    # the number is the paragraph's own: [2] cites the second, whatever comes between
    (f"<h2>Notes</h2><p>[2] Lee, {SCIENCE}.</p><p>[1] Smith, no link.</p>", ["'40%'"]),
    # and not: a numbered paragraph outside a references section, or after prose ends it
    (f"<h2>Method</h2><p>[1] Smith, {SCIENCE}.</p><p>[2] Lee, {SCIENCE}.</p>", ["'40%'", "'18%'"]),
    (f"<h2>Sources</h2><p>We read widely.</p><p>[1] Smith, {SCIENCE}.</p><p>[2] Lee, {SCIENCE}.</p>",
     ["'40%'", "'18%'"]),
])
def test_references_written_as_numbered_paragraphs(tmp_path: Path, references: str, uncited: list[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><p>Writing time fell 40% [1].</p><p>Quality rose 18%.<sup>2</sup></p>{references}"
                    "</body></html>", encoding="utf-8")
    report = lint([path])
    assert uncited_figures(report) == uncited


LONG = "<p>" + "Most of the change came from the largest employers in the field, as their managers said. " * 3 + "</p>"


@pytest.mark.parametrize(("body", "uncited"), [
    # a figure marked with a footnote symbol is cited by the first note below that opens with it
    (f"<p>Median pay is $79,880.*</p>{LONG}<p class=fine>* Source: {SCIENCE}</p>", []),
    (f"<p>Growth is 6%\u2020 a decade.</p>{LONG}<p><small>\u2020 {SCIENCE}</small></p>", []),
    (f"<p>Growth is 6%\u2021 a decade.</p>{LONG}<p>\u2020 No source.</p><p>\u2021 {SCIENCE}</p>", []),
    (f"<p>Growth is 6%** a decade.</p>{LONG}<p>** {SCIENCE}</p>", []),
    # and not: another symbol, a note above the figure, a symbol that marks nothing
    (f"<p>Growth is 6%** a decade.</p>{LONG}<p>* {SCIENCE}</p>", ["'6%'"]),
    (f"<p>\u2020 {SCIENCE}</p>{LONG}<p>Growth is 6%\u2020 a decade.</p>", ["'6%'"]),
    (f"<p>A score of 5 * 3 gives 15% growth.</p>{LONG}<p>* {SCIENCE}</p>", ["'15%'"]),
    (f"<p>Median pay is $79,880.*</p>{LONG}<p>* Adjusted for inflation.</p>", ["'$79,880'"]),
    # a note is its marked figures', no credit line of the short paragraph right above it
    (f"<p>Growth is 6%\u2020 a decade.</p><p>Books closed 3 days faster on average.</p><p>\u2020 {SCIENCE}</p>",
     ["'3 days'"]),
    (f"<p>Books closed 3 days faster on average.</p><p>* {SCIENCE}</p>", ["'3 days'"]),
    (f"<p>Books closed 3 days faster on average.</p><p>{SCIENCE}</p>", []),
    (f"<p>O*NET puts 40% of tasks here.</p>{LONG}<p>* {SCIENCE}</p>", ["'40%'"]),
    (f"<p>Growth is 6%**** a decade.</p>{LONG}<p>**** {SCIENCE}</p>", ["'6%'"]),
])
def test_figures_marked_with_footnote_symbols(tmp_path: Path, body: str, uncited: list[str]) -> None:
    assert uncited_figures(lint_body(tmp_path, body)) == uncited


COMMENTED = (f"<html><body><article><p>Writing time fell 40% ({SCIENCE}).</p></article>"
             "<section id='comments'><h2>2 comments</h2><ol><li><p>I earn $150k as a junior, easy.</p>"
             "<aside class='ad'><p>Save 30% with code X</p></aside></li></ol></section>"
             "<aside class='newsletter'><p>Join 40% of readers who get our brief.</p></aside></body></html>")


def test_skip_leaves_out_what_a_selector_matches(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(COMMENTED, encoding="utf-8")
    assert uncited_figures(lint([page])) == ["'$150k'", "'30%'", "'40%'"]
    # an element inside another one matched (the ad in the comments) goes with it
    assert lint([page], skip="#comments, .ad, .newsletter").diagnostics == []
    assert [d.line for d in lint([page], skip="#comments").diagnostics] == [1]  # the newsletter's figure stays
    code, out = run("lint", str(page), "--skip", "#comments", "--skip", ".newsletter", "--jobs", "1")
    assert code == 0 and "1 statistic, 1 cited" in out
    # raw HTML in Markdown too
    markdown = tmp_path / "page.md"
    markdown.write_text("Writing time fell 40%.\n\n<div class='ad'><p>Save 30% today</p></div>\n", encoding="utf-8")
    assert len(lint([markdown]).diagnostics) == 2 and len(lint([markdown], skip=".ad").diagnostics) == 1


def test_skip_is_the_same_in_every_process(tmp_path: Path) -> None:
    for n in range(70):
        (tmp_path / f"page{n:02}.html").write_text(COMMENTED.replace("40%", f"{n}%"), encoding="utf-8")
    one = render_text(lint([tmp_path], skip="#comments", jobs=1))
    assert one == render_text(lint([tmp_path], skip="#comments", jobs=2))
    assert one != render_text(lint([tmp_path], jobs=1)) and "$150k" not in one


@pytest.mark.parametrize("selector", ["div >", "", "p[", "a,,b"])
def test_a_skip_lexbor_cannot_read_is_a_usage_error(tmp_path: Path, selector: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(COMMENTED, encoding="utf-8")
    code, out = run("lint", str(page), "--skip", selector)
    assert code == 2 and f"--skip {selector!r} is not a CSS selector" in out


@pytest.mark.parametrize(("selector", "statistics"), [
    ("html", 4), (":root", 4), ("body", 0), ("*", 0), ("html, body", 0), ("p, p", 0), ("li, li p, #comments", 2),
])
def test_skip_keeps_the_root_and_removes_each_element_once(tmp_path: Path, selector: str, statistics: int) -> None:
    # lexbor cannot remove the root; an element matched twice, or inside another match, is removed once
    page = tmp_path / "page.html"
    page.write_text(COMMENTED, encoding="utf-8")
    assert lint([page], skip=selector).counts["statistics"] == statistics


def test_inline_code_is_code_not_prose(tmp_path: Path) -> None:
    # a developer page's f-strings and SQL are no template holes; the same braces in prose are
    html = tmp_path / "page.html"
    html.write_text('<html><body><p>Python developers write <code>f"{name} earns {salary}"</code> daily; press '
                    "<kbd>Ctrl</kbd>+<kbd>C</kbd> to stop <samp>{pid}</samp>.</p><p>Earn {salary} more.</p></body></html>",
                    encoding="utf-8")
    assert [(d.code, d.line) for d in lint([html]).diagnostics] == [("EV602", 1)]
    assert "'{salary}' in 'Earn {salary} more.'" in lint([html]).diagnostics[0].message
    markdown = tmp_path / "page.md"
    markdown.write_text('Write `f"{name}"` and `SELECT * FROM t WHERE id = {id}` daily.\n\nEarn {salary} more.\n',
                        encoding="utf-8")
    assert [(d.code, d.line) for d in lint([markdown]).diagnostics] == [("EV602", 3)]
    # where the code stood an ellipsis stands, so the sentence around it does not read as an emptied list
    html.write_text("<html><body><p>Read data with <code>pandas.read_csv()</code>, format it with <code>f\"{x}\"</code>, "
                    "and test it with <kbd>pytest</kbd>, then ship.</p></body></html>", encoding="utf-8")
    assert lint([html]).diagnostics == []
