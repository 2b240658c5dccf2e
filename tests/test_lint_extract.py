"""Reading pages: HTML (scripts, tables, nested lists, entities), Markdown and plain text, with positions."""

from __future__ import annotations

import os

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from evidence.lint.citations import PageCitations
from evidence.lint.htmlpage import extract_html
from evidence.lint.index import SourceIndex
from evidence.lint.linter import _extension, extract, page_format
from evidence.lint.page import Page, sentences

HTML = """<!doctype html>
<html><head><title>40% of titles are not text</title>
<style>p::before { content: "12%"; }</style>
<script>var s = "<p>Adds k-k</p>"; if (a < 5 && b > 2) { x = "99%"; }</script></head>
<body>
<nav><a href="/">Home</a> &middot; <a href="/jobs">Jobs</a></nav>
<p>Pay rose 9&#46;2&nbsp;% &amp; hiring fell
   12% (<a href="https://example.org/study?a=1&amp;b=2">study</a>).</p>
<table>
  <tr><th>Task</th><th>Time</th></tr>
  <tr><td>Design &amp; review</td><td>20%</td></tr>
  stray text
</table>
<ul>
  <li>Outer item 5%
    <ul><li>Inner item 7%<sup>1</sup></li></ul>
  </li>
  <li>Second &lt;b&gt; item</li>
</ul>
<div hidden><p>Hidden 33%</p></div>
<p style="display:none">Also hidden 44%</p>
<template><p>Template 55%</p></template>
<noscript>No script 66%</noscript>
<svg><text>77%</text></svg>
<pre>code 88%</pre>
<p>Inline <code>fit()</code> call.<br>After the break.</p>
</body></html>
"""


def blocks(page: Page) -> list[tuple[str, str]]:
    return [(b.kind, " ".join(page.text[b.start:b.end].split())) for b in page.blocks if page.text[b.start:b.end].strip()]


def test_html_keeps_what_a_reader_sees_block_by_block() -> None:
    page = extract_html(HTML)
    assert page is not None
    assert blocks(page) == [
        ("paragraph", "Home · Jobs"),
        # the parser moves text stray in a table before the table (as browsers do); text that
        # follows a block inside the same element joins that block (a documented limit)
        ("paragraph", "Pay rose 9.2 % & hiring fell 12% (study). stray text"),
        ("row", "Task Time"),
        ("row", "Design & review 20%"),
        ("item", "Outer item 5%"),
        ("item", "Inner item 7% [1]"),
        ("item", "Second <b> item"),
        ("paragraph", "Inline \u2026 call. After the break."),  # inline code is code, not prose: an ellipsis
    ]
    text = page.text
    for hidden in ("12%\"", "99%", "Adds", "33%", "44%", "55%", "66%", "77%", "88%", "titles", "fit()"):
        assert hidden not in text


def test_html_cells_and_breaks_end_sentences_not_blocks() -> None:
    page = extract_html(HTML)
    assert page is not None
    row = next(i for i, b in enumerate(page.blocks) if "Design" in page.text[b.start:b.end])
    b = page.blocks[row]
    spans = sentences(page.text, b.start, b.end)
    assert [" ".join(page.text[s:e].split()) for s, e in spans] == ["Design & review", "20%"]
    last = page.blocks[-1]
    assert [" ".join(page.text[s:e].split()) for s, e in sentences(page.text, last.start, last.end)] == [
        "Inline \u2026 call.", "After the break."]


def test_html_links_and_their_blocks() -> None:
    page = extract_html(HTML)
    assert page is not None
    assert [(link.href, page.block_text(link.block)[:8]) for link in page.links] == [
        ("/", "Home · J"), ("/jobs", "Home · J"), ("https://example.org/study?a=1&b=2", "Pay rose")]


def test_html_positions_point_into_the_source() -> None:
    page = extract_html(HTML)
    assert page is not None
    lines = HTML.split("\n")
    for needle in ("12% (", "20%", "Inner item", "Second", "After the break", "stray text"):
        line, column = page.position(page.text.index(needle))
        assert lines[line - 1][column - 1:].startswith(needle.split(" ")[0]), (needle, line, column)
    # after an entity the text is still found: "& hiring" is on line 7
    line, column = page.position(page.text.index("hiring"))
    assert (line, lines[line - 1][column - 1:column + 5]) == (7, "hiring")


def test_html_repeated_text_in_a_block_points_at_each_copy() -> None:
    source = "<p>52% here,\n52% there,\n52% everywhere</p>"
    page = extract_html(source)
    assert page is not None
    starts = [i for i in range(len(page.text)) if page.text.startswith("52%", i)]
    assert [page.position(i) for i in starts] == [(1, 4), (2, 1), (3, 1)]


MARKDOWN = """# Title with 40%

Intro paragraph with a [link](https://example.org/a) and
a second line at 12%.

- item one 5%
  - nested 7%
1. ordered

| a | b |
|---|---|
| cell 30% | [s](https://example.org/b) |

```
code 99%
```

<div><p>raw html 8%</p></div>

[^1]: Footnote one https://example.org/c
[^2]: Footnote two
"""


def test_markdown_blocks_links_and_positions() -> None:
    page = extract(MARKDOWN, "markdown")
    assert blocks(page) == [
        ("heading", "Title with 40%"),
        ("paragraph", "Intro paragraph with a link and a second line at 12%."),
        ("item", "item one 5%"),
        ("item", "nested 7%"),
        ("item", "ordered"),
        ("row", "a b"),
        ("row", "cell 30% s"),
        ("paragraph", "raw html 8%"),
        ("footnote", "Footnote one https://example.org/c"),
        ("footnote", "Footnote two"),
    ]
    assert "99%" not in page.text
    assert [b.labels for b in page.blocks if b.labels] == [["#1"], ["1"], ["2"]]
    assert [link.href for link in page.links] == ["https://example.org/a", "https://example.org/b"]
    lines = MARKDOWN.split("\n")
    for needle in ("12%", "7%", "30%", "8%", "Footnote two"):
        line, column = page.position(page.text.index(needle))
        assert lines[line - 1][column - 1:].startswith(needle), (needle, line, column)


def test_plain_text_lines_items_rows_and_footnotes() -> None:
    source = "Title\n\n- item 5%\n  2. numbered\n| a | 30% |\n|---|---|\n[3] Footnote https://example.org/x\nplain <!-- evidence: ignore --> tail\n"
    page = extract(source, "text")
    assert blocks(page) == [("paragraph", "Title"), ("item", "item 5%"), ("item", "numbered"), ("row", "a 30%"),
                            ("footnote", "Footnote https://example.org/x"), ("paragraph", "plain tail")]
    assert [b.labels for b in page.blocks] == [[], [], ["#2"], [], ["3"], []]
    assert page.position(page.text.index("30%")) == (5, 7)


def test_formats_by_suffix_and_content() -> None:
    assert page_format("a.HTML") == "html" and page_format("a.md") == "markdown" and page_format("a.txt") == "text"
    assert page_format("page", "<!DOCTYPE html><html>") == "html" and page_format("page", "Plain") == "text"


def test_source_positions_are_the_same_counted_or_indexed() -> None:
    # the first few positions asked of a page are counted, later ones looked up in an index
    source = "a\nbc\n\n" + "x" * 5 + "\n" * 3 + "end"
    positions = list(range(len(source) + 1)) * 2
    page = extract(source, "text")
    asked = [page.source_position(i) for i in positions]
    assert asked[:len(source) + 1] == asked[len(source) + 1:]
    lines = source.split("\n")
    expected = [(line + 1, column + 1) for line, text in enumerate(lines) for column in range(len(text) + 1)]
    assert asked[:len(source) + 1] == expected


@given(st.lists(st.sampled_from(["a", "B", ".", "..", "/", "x.HTML", ".md", "dir.d/", "\\", " ", "é", ".html", "html"]),
               max_size=8).map("".join))
@example(".html")  # a name that is all suffix
@example("a/.html")
@example("..html")
@example("a..html")
def test_the_extension_of_a_path_is_what_splitext_gives(path: str) -> None:
    assert _extension(path) == os.path.splitext(path)[1].lower()


def test_a_page_built_with_links_in_any_sequence_is_cited_by_them() -> None:
    text = "Pay rose 12% (Indeed)."
    links = (("https://www.hiringlab.org/pay", 14, 0), ("#fn1", 20, 0))  # a tuple, not a list
    page = Page(text, text, [0], [len(text)], ["paragraph"], links)
    assert page.link_tuples == list(links)
    found = PageCitations(page, SourceIndex.build(None)).own(0)
    assert found.cited and [verdict.url for _, verdict in found.urls] == ["https://www.hiringlab.org/pay"]


@pytest.mark.parametrize(("front", "read"), [
    ("---\ntitle: \"ML engineer: 40% exposed\"\ndate: 2025-11-03\nslug: ml-engineer\n---\n", False),
    ("---\ntitle: ML engineer\n...\n", False),
    ("+++\ntitle = \"ML engineer\"\ndate = 2025-11-03\n+++\n", False),
    ("---\n---\n", False),
    ("\ufeff---\ndate: 2025-11-03\n---\n", False),
    # not front matter: a rule that is not the file's first line, or one never closed
    ("Intro.\n\n---\ndate: 2025-11-03\n---\n", True),
    ("---\ndate: 2025-11-03\n\nNo closing line.\n", True),
])
def test_markdown_front_matter_is_no_text(front: str, read: bool) -> None:
    source = front + "\n# ML engineer\n\nGrowth was 12% last year.\n"
    page = extract(source, "markdown")
    assert ("2025-11-03" in page.text) is read
    assert "12%" in page.text and "ML engineer" in page.text
    line, column = page.position(page.text.index("12%"))
    assert source.split("\n")[line - 1][column - 1:].startswith("12%")


def test_hidden_elements_are_removed_once_whatever_holds_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # the walk removes what is hidden before it reads; a hidden root stays (lexbor cannot remove it,
    # and the compiled reader reads <body> whatever the root says), nested hidden elements go once
    from evidence.lint import htmlpage

    source = ('<html hidden><body><div hidden><p hidden>x 12%</p><p style="display:none">y 13%</p></div>'
              "<p>40% of it</p></body></html>")
    compiled = extract_html(source)
    monkeypatch.setattr(htmlpage, "_scan", None)
    walked = extract_html(source)
    assert compiled is not None and walked is not None
    assert walked.text == compiled.text and "40%" in walked.text and "12%" not in walked.text and "13%" not in walked.text


def test_inline_code_reads_as_an_ellipsis_in_every_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence.lint import htmlpage
    from evidence.lint.native import scan

    source = ('<p>a <code>x</code>, b <code hidden>h</code>, c <span hidden><code>y</code></span>, d '
              '<code style="display:none">z</code> e <code><code>w</code></code> f <kbd>K</kbd>+<samp>s</samp>.</p>')
    compiled = extract_html(source)
    assert compiled is not None and scan is not None
    body = LexborHTMLParser(source).body
    assert body is not None and htmlpage._same_page(scan.lexbor_page(body), scan.html_page(body.html or ""))
    monkeypatch.setattr(htmlpage, "_scan", None)
    walked = extract_html(source)
    assert walked is not None and walked.text == compiled.text
    assert " ".join(walked.text.split()) == "a \u2026, b , c , d e \u2026 f \u2026+\u2026."
