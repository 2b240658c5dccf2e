"""The compiled page reader and scanner give exactly what their reference definitions give.

``evidence.lint._scan`` (Cython) does the linter's per-character work: statistics, template
holes and bare URLs (defined by the regular expressions in ``statistics.py``, ``holes.py``
and ``citations.py``), the page text of joined extractor output, and the HTML page read
from lexbor's tree in place or from its serialisation (defined by ``htmlpage._walk`` over
selectolax's traversal). Each is compared with its definition here: on the seed pages, the
labelled sentences, the fixture pages, generated pages and random text built from the
pieces these patterns care about. The whole linter is then compared with itself run on
the definitions only (what a machine without a C compiler runs), and with ``--jobs``.
"""

from __future__ import annotations

import functools
import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from evidence.lint import _scan, citations, holes, htmlpage, linter, order, page, statistics
from evidence.lint import index as source_index
from evidence.lint.htmlpage import extract_html
from evidence.lint.index import SourceIndex
from evidence.lint.linter import jobs_for, lint, lint_page
from schemas.errors import UsageProblem

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
SEEDS = PAGES / "seeds"
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_lint  # noqa: E402  (the benchmark's page generator)

TOKENS = [
    "0", "1", "2", "3", "9", "12", "2024", "1,234", "1,2345", "3.5", "0.5", "05", "$", "€", "£", "¥", "₹", "%", "-", "–",
    "—", "+", "−", "±", "~", " ", "  ", "\t", "\n", ".", ",", ";", ":", "(", ")", "[", "]", "{", "}", "{{", "}}", "=", "n",
    "N", "n=", "n =", "#", "/", "§", "x", "×", "fold", "-fold", "k", "K", "M", "B", "bn", "mn", "thousand", "million",
    "billion", "per cent", "percent", "percentage points", "pp", "p.p.", "bps", "basis points", "times", "as", "more",
    "USD", "EUR", "dollars", "in", "out", "of", "out of", "half", "Half", "third", "thirds", "quarter", "one", "two",
    "three", "a", "all", "the", "workers", "people", "firms", "hours", "years", "months", "days", "average", "median",
    "typically", "saves", "by", "Article", "top", "v", "ms", "words", "to", "from", "between", "and", "above", "is",
    "NaN", "null", "None", "undefined", "[object Object]", "%(name)s", "Nft", "Ml", "Mlops", "Ai", "Artist", "Engineer",
    "d", "ab-1-c", "-x-2", "e", "r", "etween", "rom", "Be", "Fr", "_", "é", "İ", "ı", "٣", "$k", "k-k", "$k-$k", "%-%",
    "$-$", "- months", "above .", "(n=)", "$ 5", "{{ x }}", "NaN%", "1 1 Nft Artist", "3d Artist", "Between and",
    "from to", "https://", "http://x.org/a", "doi:", "doi:10.1234/x", "doi: 10.55555/a.b", "https://x.org/doi:10.1234/y",
    "Doi:", "do", "“", "”", "<", ">", '"', "\xa0", "Aws", "Nlp", "Cto", "Hvac", "Data", "12 34", "( ; )", "(,)",
    ", ,", "%(", "Kn", "Mn", "Bn", "-ab-12", "nul", "Bet", "Fro", "Nan", "Non", "\u212am", "KM", "(Ms)", "Degrees.",
    "pixels", "Article", "TOP", "Median", "#", "§", "Two", "FIVE",
]


def corpus() -> list[str]:
    """Texts the scanner must read as the expressions do: real pages, labelled sentences, generated pages."""
    texts = [line.split("\t")[-1] for line in (PAGES / "labelled.tsv").read_text(encoding="utf-8").splitlines()]
    for path in sorted(PAGES.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".md", ".txt"):
            source = path.read_text(encoding="utf-8", errors="replace")
            texts.append(source)
            if path.suffix == ".html" or path.parent.name == "seeds":
                texts.append(extract_html(source).text)  # type: ignore[union-attr]
    rng = random.Random(6)
    for number in range(40):
        texts.append(extract_html(bench_lint.page(rng, number)).text)  # type: ignore[union-attr]
    return texts


CORPUS = corpus()
random_text = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join) | st.lists(
    st.sampled_from(TOKENS), max_size=40).map(" ".join)


def as_tuples(found: list) -> list[tuple]:  # type: ignore[type-arg]
    return [tuple(item) for item in found]


def test_the_scanner_is_compiled_and_lexbor_is_read_in_place() -> None:
    # CI builds the extension; a machine without a C compiler runs the definitions (slower)
    assert statistics._scan is not None and holes._scan is not None and page._scan is not None
    assert htmlpage._lexbor_ready(), "lexbor's layouts did not check out against selectolax"


def test_the_compiled_scanner_is_built_from_the_source_beside_it() -> None:
    # the build is optional, so a failed rebuild leaves the last extension in place, silently
    import hashlib

    source = Path(_scan.__file__).with_name("_scan.pyx")
    assert _scan.built_from() == hashlib.sha256(source.read_bytes()).hexdigest()[:16], (
        "evidence/lint/_scan.pyx changed since the extension was built: rebuild it (pip install -e .)")


def agrees_with_expressions(text: str) -> None:
    """Each compiled scan, alone and in the one-pass scan_page, gives what its expression gives."""
    expected = (as_tuples(statistics.find_statistics_re(text)), as_tuples(holes.find_holes_re(text)),
                [m.span() for m in citations._BARE_URL.finditer(text)])
    assert _scan.statistics(text) == expected[0], text[:80]
    assert _scan.holes(text) == expected[1], text[:80]
    assert _scan.bare_urls(text) == expected[2], text[:80]
    dois = [m.start() for m in re.finditer("(?=doi:)", text)]
    assert citations.doi_places(text) == dois, text[:80]
    assert _scan.scan_page(text) == (*expected, dois), text[:80]
    # what the linter asks for: the statistics without their texts, which it makes when a finding quotes one
    bare = [(start, end, kind, None) for start, end, kind, _ in expected[0]]
    assert _scan.scan_page(text, False) == (bare, *expected[1:], dois), text[:80]
    assert [linter._statistic(text, s) for s in bare] == [tuple(s) for s in expected[0]], text[:80]
    found = citations.PageCitations(page.Page("", text, [0], [len(text)], ["paragraph"], []), SourceIndex.build(None))
    assert [place for place, _ in found.bare if text.startswith("doi:", place)] == [
        m.start() for m in citations._BARE_DOI.finditer(text)], text[:80]


def test_statistics_holes_and_urls_agree_with_their_expressions_on_real_text() -> None:
    for text in CORPUS:
        agrees_with_expressions(text)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_text)
def test_statistics_holes_and_urls_agree_with_their_expressions_on_random_text(text: str) -> None:
    agrees_with_expressions(text)


@pytest.fixture(params=["16 at a time", "one at a time"])
def trigger_pass(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Both ways the scanner finds its trigger places (SSSE3 where the processor has it)."""
    vector = _scan.vector_triggers()
    _scan.vector_triggers(request.param == "16 at a time")
    yield request.param
    _scan.vector_triggers(vector)


def test_trigger_places_are_found_16_at_a_time_on_x86_64() -> None:
    import platform

    if platform.machine() not in ("x86_64", "AMD64"):
        pytest.skip("the 16-at-a-time pass is x86-64's; elsewhere its one-at-a-time definition runs")
    assert _scan.vector_triggers(), "SSSE3 is in every x86-64 processor of the last 15 years"


def test_both_trigger_passes_agree_with_the_expressions(trigger_pass: str) -> None:
    for text in CORPUS[:60] + ["", "7", "h", "http://", "in two", " ,", "é" * 17 + "1%", "\U0001F600" * 16 + "in two"]:
        agrees_with_expressions(text)


wide_text = st.lists(st.sampled_from(TOKENS) | st.text(st.characters(min_codepoint=1, max_codepoint=0x10FFFF,
                                                                      blacklist_categories=("Cs",)), max_size=3),
                     max_size=60).map("".join)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_text)
def test_trigger_places_are_the_same_16_at_a_time_and_one_at_a_time(text: str) -> None:
    vector = _scan.vector_triggers()
    try:
        _scan.vector_triggers(False)
        plain = _scan.trigger_places(text)
        _scan.vector_triggers(True)
        assert _scan.trigger_places(text) == plain
    finally:
        _scan.vector_triggers(vector)
    for places in plain:  # in order, each once, within the text
        assert places == sorted(set(places)) and all(0 <= p < len(text) for p in places)


def test_trigger_places_at_every_place_of_a_block_and_of_the_text_end() -> None:
    # the 16-at-a-time pass reads two characters on (in, of, out); the last block's last
    # character is decided one at a time, as the characters after the last block are
    vector = _scan.vector_triggers()
    try:
        for piece in ("in two", "of all", "out of 3", "in", "of", "ou", "Ai Data", "AI", "Nft Artist", "K-"):
            for size in range(14, 50):
                for at in range(size):
                    text = ("x" * at + piece + "y" * size)[:size]
                    _scan.vector_triggers(False)
                    plain = _scan.trigger_places(text)
                    _scan.vector_triggers(True)
                    assert _scan.trigger_places(text) == plain, text
    finally:
        _scan.vector_triggers(vector)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_text)
def test_the_scans_agree_with_their_expressions_on_wide_text(text: str) -> None:
    agrees_with_expressions(text)


def test_a_huge_page_is_read_and_scanned_without_its_memory_being_kept() -> None:
    sentence = "Jobs grew 12% to $5k in 2024, https://x.org/a doi:10.1234/x. Adds k-k. "
    huge = extract_html("<p>" + sentence * 30_000 + "</p>")  # 2.2 M characters
    assert huge is not None
    found = _scan.scan_page(huge.text)
    assert [len(part) for part in found] == [60_000, 30_000, 30_000, 30_000]  # 2024 is a year, not a statistic
    # the scanner's 16 bytes a character (35 MB here) are given back; the reader keeps at most 16 MiB
    assert _scan.kept_memory() <= 16 << 20 < len(huge.text) * 16
    small = extract_html("<p>Adds k-k, 40% of workers</p>")
    assert small is not None and _scan.scan_page(small.text)[1] == [(7, 10, "empty-range", "k-k")]
    assert _scan.scan_page(huge.text) == found


def test_the_one_pass_scan_on_edge_texts() -> None:
    for text in ["", "7", "h", "http://", "in two", "of all the", "1 Nft Artist", "\U0001F600 12% \u20ac",
                 "x" * 5000 + " 12% " + "https://a.example/" + "é" * 3000 + " $k-$k"]:
        agrees_with_expressions(text)


@given(st.dictionaries(st.integers(0, 10**6), st.sampled_from(["primary", "aggregator", "unknown", "invalid", "internal"]),
                       max_size=30))
def test_checked_urls_are_sorted_and_flagged_as_the_definition_does(statuses: dict[int, str]) -> None:
    from evidence.lint.index import UrlVerdict

    checked = {offset: UrlVerdict(f"https://x.org/{offset}", status) for offset, status in statuses.items()}
    urls = sorted(checked.items())
    assert _scan.checked_urls(checked, linter._NOT_PRIMARY) == (
        urls, [item for item in urls if item[1].status in linter._NOT_PRIMARY])


def test_checked_urls_refuse_an_offset_that_is_not_an_int() -> None:
    with pytest.raises(TypeError):
        _scan.checked_urls({"12": None}, linter._NOT_PRIMARY)


@given(st.lists(st.integers(0, 10**12), max_size=40), st.integers(0, 10**12))
def test_block_ends_are_one_before_the_next_start(starts: list[int], n: int) -> None:
    assert _scan.block_ends(starts, n) == [start - 1 for start in starts[1:]] + ([n] if starts else [])


def test_block_ends_refuse_what_is_not_a_start() -> None:
    with pytest.raises(TypeError):
        _scan.block_ends([0, "12"], 20)


@given(st.lists(st.integers(0, 300), max_size=40), st.lists(st.integers(0, 300), max_size=20, unique=True))
def test_grouping_by_block_agrees_with_bisect(offsets: list[int], starts: list[int]) -> None:
    found = [(offset, offset + 1, "count", "1") for offset in sorted(offsets)]
    starts = sorted(starts)
    expected: dict[int, list[tuple[int, int, str, str]]] = {}
    for item in found:
        expected.setdefault(linter.bisect_right(starts, item[0]) - 1, []).append(item)
    grouped = _scan.group_by_block(found, starts)
    assert grouped == expected and list(grouped) == list(expected)


def test_scanner_results_are_the_documented_types() -> None:
    found = statistics.find_statistics("Jobs grew 12% to $5k.")
    assert [(s.text, s.kind) for s in found] == [("12%", "percent"), ("$5k", "money")]
    hole = holes.find_holes("Adds k-k, especially.")[0]
    assert (hole.text, hole.pattern, hole.explanation) == ("k-k", "empty-range", "a range with both numbers missing")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TOKENS + ["\x1e", "\x1f", "\x1d", "\r", "\u2028", "\x0b"]), max_size=30).map("".join))
def test_page_text_is_the_expression_of_page_py(raw: str) -> None:
    expected = page._WHITE.sub(" ", raw).replace(page.BLOCK, "\n").replace(page.BREAK, "\t")
    assert _scan.page_text(raw) == expected


HTML_PIECES = [
    "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "<table>", "<tr>", "<td>", "</td>", "<th>", "</tr>",
    "</table>", "<div>", "</div>", "<span>", "</span>", "<br>", "<hr>", "<h2>", "</h2>", "<sup>", "</sup>",
    "<sup>1</sup>", "<sup>[2]</sup>", "<sup> 3, 4 </sup>", "<sup>12345</sup>", '<sup><a href="#fn1">1</a></sup>',
    "<sup><span hidden>9</span>1</sup>", '<a href="https://x.org/a?b=1&amp;c=2">', '<a href="">', "<a>", "</a>",
    "<a href='/rel'>", "<script>if (a<b) x('</p>')</script>", "<style>p>a{}</style>", "<template><p>t</p></template>",
    "<noscript><p>n</p></noscript>", "<pre>code 5%</pre>", "<svg><text>40%</text></svg>", "<p hidden>h</p>",
    '<div style="display:none">dn</div>', '<div style="color:red; display: none">dn2</div>', "<input hidden>",
    "<img src=x alt='y'>", "<!-- c -->", "<xmp><b>x</b></xmp>", "<textarea>t&lt;</textarea>",
    "<select><option>o</select>", "<code>", "</code>", "<code>f'{x}'</code>", "<kbd hidden>k</kbd>",
    "<samp style='display:none'>s</samp>", "<pre><code>c</code></pre>", "text ", "40% of workers ", "$1,200 ", "&amp; ", "&nbsp;", "&lt;", "&gt;", "&quot;",
    "&copy;", "&mdash;", "\u00a0", "\t", "\n", "\x1e", "\x1f", "\x1d", "<details><summary>q</summary>", "</details>",
    "<figure>", "<figcaption>c</figcaption>", "</figure>", "<dl><dt>t</dt><dd>d</dd></dl>", "<b>", "</b>",
    "<custom-el data-x>", "</custom-el>", "<iframe>if</iframe>", "<object>o</object>", "<math><mi>x</mi></math>",
    "<caption>cap</caption>", "<main>", "</main>", "<section>", "</section>", "é", "日本",
]


def walked(source: str) -> page.Page:
    """The page as the reference walk over selectolax's traversal reads it."""
    saved = htmlpage._scan
    htmlpage._scan = None  # type: ignore[assignment]
    try:
        read = extract_html(source)
    finally:
        htmlpage._scan = saved
    assert read is not None
    return read


def shape(read: page.Page) -> tuple:  # type: ignore[type-arg]
    ids: dict[int, int] = {}
    return (read.text, read.starts, read.ends, read.kinds, [ids.setdefault(c, len(ids)) for c in read.containers],
            [tuple(link) for link in read.links])


def test_link_targets_read_again_are_each_pages_own() -> None:
    # targets alike in length and in their first and last eight bytes: kept strs are
    # compared whole, a target read again is the same str (neither decoded nor hashed
    # again), and one past ASCII is read as it is written
    targets = [f"https://example.org/{middle}/report.pdf" for middle in ("aaaa", "aaab", "baaa", "a\u00e9a")]
    targets += ["https://x.org/", "https://x.org/" + "p" * 600, "/", "#fn1"]
    first = None
    for _ in range(3):
        for order in (targets, targets[::-1]):
            source = "<body><p>" + "".join(f'<a href="{href}">x</a> 4% ' for href in order) + "</p></body>"
            read = extract_html(source)
            assert read is not None and [link[0] for link in read.link_tuples] == order
            assert shape(read) == shape(walked(source))
            if first is None:
                first = read.link_tuples
    second = extract_html("<body><p><a href=\"https://x.org/\">x</a></p></body>")
    assert second is not None and second.link_tuples[0][0] is first[4][0]  # type: ignore[index]


def test_html_readers_agree_with_the_walk_on_real_and_generated_pages() -> None:
    rng = random.Random(2)
    sources = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(PAGES.rglob("*.htm*"))]
    sources += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*"))]
    sources += [bench_lint.page(rng, n) for n in range(20)]
    sources += [  # documents at the edges of the reader: deep, hidden, nested, foreign, astral
        "just text 40% here", "<body hidden><p>40%</p></body>", "<body style='display:none'>x</body>",
        "<p>" + "<div>" * 3000 + "deep 5%" + "</div>" * 3000 + "</p>", "<p>a<sup>1<sup>2</sup></sup></p>",
        "<svg><foreignObject><p>40%</p></foreignObject></svg>", "<p>\U0001F600 40%\x00</p>",
        "<table><tr><td><table><tr><td>5%</td></tr></table></td></tr></table>",
    ]
    for edge in ("\x7f\x80\xa0\xff", "\u0100\u7fff\u8000\ufffd\uffee", "\U00010000\U0010fffd"):
        # each string kind's largest and smallest characters, in runs long enough to be read 16 at a time
        sources.append("<p>" + ("text 40% of it " + edge) * 8 + "</p><p>" + edge * 20 + "</p>")
    for source in sources:
        fast = extract_html(source)
        assert fast is not None and fast.prepare is not None, "the compiled reader did not read the page"
        assert shape(fast) == shape(walked(source))
        body = fast.tree.body
        assert htmlpage._same_page(_scan.lexbor_page(body), _scan.html_page(body.html))


def test_the_scan_reads_the_readers_characters_as_it_reads_a_copy() -> None:
    rng = random.Random(7)
    sources = [bench_lint.page(rng, n) for n in range(6)]
    sources += ["<p>plain 40% of 1,200 workers, $5k-$10k</p>", "<p>\u201cquoted\u201d 40% \u2013 and 3x</p>",
                "<p>astral \U0001F600 40% of them</p>"]
    texts = []
    for source in sources:
        text = extract_html(source).text  # type: ignore[union-attr]
        copy = "".join(list(text))  # the same characters, another str: scanned from a copy of its own
        assert copy is not text and _scan.scan_page(text) == _scan.scan_page(copy)
        texts.append((text, copy))
    for text, copy in texts:  # read again after other pages: the reader's memory holds another page now
        assert _scan.scan_page(text) == _scan.scan_page(copy)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=50).map("".join))
def test_html_readers_agree_with_the_walk_on_random_html(source: str) -> None:
    assert shape(extract_html(source)) == shape(walked(source))  # type: ignore[arg-type]


def located(source: str, compiled: bool, steps: int) -> list[int]:
    """Every block's source offset, found by the compiled loop or its Python definition, in ``steps`` calls."""
    page = extract_html(source)
    assert page is not None
    keep = htmlpage._scan
    htmlpage._scan = _scan if compiled else None
    try:
        count = len(page.starts)
        for k in range(1, steps + 1):
            if count:
                htmlpage.locate_blocks(page, count * k // steps - 1 if k < steps else count - 1)
    finally:
        htmlpage._scan = keep
    return page.sources


def test_blocks_are_located_in_the_source_as_their_definition_locates_them() -> None:
    sources = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(PAGES.rglob("*.html"))]
    rng = random.Random(8)
    sources += [bench_lint.page(rng, number) for number in range(10)]
    sources += ["<p>\u3000\u00a0 caf\u00e9 40%</p><p>\U0001F600\U0001F600 x</p><p></p><p>a&amp;b</p><p>" + "y" * 40 + "</p>"]
    for source in sources:
        expected = located(source, compiled=False, steps=1)
        assert located(source, compiled=True, steps=1) == expected
        assert located(source, compiled=True, steps=3) == expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=50).map("".join))
def test_blocks_are_located_as_their_definition_locates_them_on_random_html(source: str) -> None:
    assert located(source, compiled=True, steps=2) == located(source, compiled=False, steps=1)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["p", "li", "td", "h2"]), st.text("ab \u00e9&;", max_size=30)), max_size=12),
       st.sampled_from(["", "\u00e9", "\u2014", "\U0001F600"]))
@example([("p", "aab"), ("p", "ab")], "")  # "ab" found inside the block before, one past a false start
@example([("p", "ab"), ("li", "a&b;"), ("td", "b")], "\u00e9")  # "a" only, then "b" found in "a&b;"
@example([("p", "ba"), ("p", "ab")], "\u2014")  # found as the source's last characters, in a wider source
def test_blocks_made_of_few_letters_are_located_as_their_definition_locates_them(blocks: list[tuple[str, str]],
                                                                                 wide: str) -> None:
    # few letters: the first character of a block's text stands in many places that do not
    # continue as it does; a wider character makes the source two or four bytes a character
    source = f"<title>{wide}</title>" + "".join(f"<{tag}>{text}</{tag}>" for tag, text in blocks)
    assert located(source, compiled=True, steps=2) == located(source, compiled=False, steps=1)


CITING_PIECES = ["<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<td>", "</td>", "<tr>", "<table>", "</table>",
                 "40% of workers ", "$1,200 ", "3x faster ", "text ", "<br>",
                 '<a href="https://www.science.org/doi/10.1126/science.adh2586">', '<a href="https://medium.com/@w/x">',
                 '<a href="https://example.org/a">', '<a href="#fn1">', '<a href="/rel">', "<a href='doi:10.1000/182'>",
                 "</a>", "https://example.org/bare ", "doi:10.1126/science.adh2586 ", "(see https://x.org/p).",
                 '<a href="https://example.org/a"></a><a href="https://medium.com/@w/x"></a>']


@functools.cache
def shipped_catalogue() -> object:
    from schemas import load_catalogue

    return load_catalogue(ROOT / "data")


def own_links(source: str, compiled: bool, catalogue: object) -> tuple[object, ...]:
    """What the citation pass by own links decides on a page, compiled or by its definition."""
    read = extract_html(source)
    assert read is not None
    index = SourceIndex.build(catalogue)  # type: ignore[arg-type]
    statistics, _, spans, dois = linter.scan_text(read.text)
    keep = citations._scan
    citations._scan = _scan if compiled else None
    try:
        checked: dict[int, object] = {}
        uses: dict[str, int] = {}
        found = citations.PageCitations(read, index, spans, dois).cite_by_own_links(
            linter._by_block(statistics, read.starts), checked, uses)  # type: ignore[arg-type]
    finally:
        citations._scan = keep
    return found, sorted(checked.items()), uses


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CITING_PIECES), max_size=40).map("".join))
def test_citing_by_own_links_decides_as_its_definition_on_random_pages(source: str) -> None:
    catalogue = shipped_catalogue()
    assert own_links(source, True, catalogue) == own_links(source, False, catalogue)
    assert own_links(source, True, None) == own_links(source, False, None)


CARD_PIECES = ["<div>", "</div>", "<section>", "</section>", "<p>", "</p>", "<h3>", "</h3>", "<li>", "</li>",
               "<ul>", "</ul>", "<br>", "52% ", "$1,200 ", "3x faster ", "text ", "BLS ", "Gartner ", "Indeed Hiring Lab ",
               "[1] ", "\u00b2 ", "* ", "\u2020 ", "6%\u2020 ", "$5.* ", '<a href="#fn1">1</a>', '<a href="/rel">r</a>',
               '<a href="https://www.bls.gov/ooh/">BLS</a>', '<a href="https://medium.com/@w/x">m</a>',
               '<a href="https://example.org/a">e</a>', "https://example.org/bare ", "a long credit line " * 9,
               '<ol><li id="fn1">See <a href="https://www.bls.gov/ooh/">BLS</a></li></ol>',
               '<a href="https://example.org/a">x</a><a href="https://medium.com/@w/x">y</a>',
               # a references list, whose URLs are all checked: links, bare URLs, two links at one place
               "<h2>References</h2>", "<p>Sources:</p>", "<ol>", "</ol>",
               '<li>Smith, <a href="https://www.bls.gov/ooh/">BLS</a> https://example.org/bare</li>',
               '<li><a href="https://medium.com/@w/x">y</a><a href="https://example.org/a">x</a></li>']
_LINK = '<a href="https://www.bls.gov/ooh/">BLS</a>'
CARD_PIECES += [  # whole cards: a figure, then what may be its credit line
    f"<div><p>52%</p><p>Source: {_LINK}</p></div>", f"<div><p>52%</p><p>{'a long credit line ' * 9}{_LINK}</p></div>",
    f"<div><p>52%</p></div><div><p>{_LINK}</p></div>", f"<div><p>52%</p><h3>{_LINK}</h3></div>",
    f"<div><p>52% [1]</p><p>{_LINK}</p></div>", f"<div><p>52% per Gartner</p><p>{_LINK}</p></div>",
    f'<div><p>52% <a href="#fn1">1</a></p><p>{_LINK}</p></div>', f"<div><p>52%</p><p>12% {_LINK}</p></div>",
    "<div><p>52%</p><p>https://example.org/bare</p></div>", f"<div><p>52% https://example.org/bare</p><p>{_LINK}</p></div>",
    '<div><p>52%</p><p><a href="/rel">r</a></p></div>', f"<div><p>52% <a href='/rel'>r</a></p><p>{_LINK}</p></div>",
    '<div><p>52%</p><p><a href="https://example.org/a">x</a><a href="https://medium.com/@w/x">y</a></p></div>',
    # cards of three and four lines: figure, label (with or without what may cite), source
    f"<div><p>52%</p><p>of tasks</p><p>{_LINK}</p></div>", f"<div><p>52%</p><p>of tasks</p><p>more</p><p>{_LINK}</p></div>",
    f"<div><p>52%</p><p>of tasks [1]</p><p>{_LINK}</p></div>", f"<div><p>52%</p><p>per Gartner</p><p>{_LINK}</p></div>",
    f'<div><p>52%</p><p><a href="#fn1">1</a></p><p>{_LINK}</p></div>', f"<div><p>52%</p><p>12%</p><p>{_LINK}</p></div>",
    f"<div><p>52%</p><div><p>of tasks</p></div><p>{_LINK}</p></div>", f"<div><p>52%</p><h3>x</h3><p>{_LINK}</p></div>",
    f'<div><p>52%</p><p><a href="/rel">r</a></p><p>{_LINK}</p></div>', "<div><p>52%</p><p>x</p><p>https://example.org/bare</p></div>",
    f"<div><p>52%</p><p>{'a long label ' * 14}</p><p>{_LINK}</p></div>", f"<div><p>52%</p><p>of tasks</p></div><p>{_LINK}</p>"]


def page_outcome(source: str, compiled: bool, catalogue: object) -> tuple[object, ...]:
    """What linting a page finds, by the compiled scanner or by its Python definitions."""
    index = SourceIndex.build(catalogue)  # type: ignore[arg-type]
    modules = (statistics, holes, page, htmlpage, citations, linter, order, source_index)
    kept = [module._scan for module in modules]
    if not compiled:
        for module in modules:
            module._scan = None  # type: ignore[attr-defined]
    try:
        result = lint_page(source, "p.html", "html", index)
    finally:
        for module, scan in zip(modules, kept):
            module._scan = scan  # type: ignore[attr-defined]
    return ([f.diagnostic for f in result.findings], [f.block for f in result.findings], result.statistics,
            result.cited, result.urls)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CARD_PIECES), max_size=40).map("".join))
@example('<p>52% [1]</p><h2>References</h2><ol><li>Smith, <a href="https://www.bls.gov/ooh/">BLS</a></li>'
         '<li>https://example.org/bare <a href="https://medium.com/@w/x">y</a><a href="https://example.org/a">x</a></li></ol>')
def test_stat_cards_and_credit_lines_are_decided_as_the_definition_decides_them(body: str) -> None:
    source = f"<html><body>{body}</body></html>"
    assert page_outcome(source, True, None) == page_outcome(source, False, None)
    assert page_outcome(source, True, shipped_catalogue()) == page_outcome(source, False, shipped_catalogue())


def test_cards_of_three_and_four_lines_are_decided_by_the_compiled_pass() -> None:
    # the fast path takes them; only a card whose source is too far below is left to the loop
    index = SourceIndex.build(None)
    for lines, decided in [(["less writing time"], True), (["less writing", "in a trial"], True),
                           (["less", "writing", "time"], False)]:
        body = "".join(f"<p>{line}</p>" for line in ["40%", *lines, _LINK])
        read = extract_html(f"<html><body><div>{body}</div></body></html>")
        assert read is not None
        found, _, spans, dois = linter.scan_text(read.text)
        citing = citations.PageCitations(read, index, spans, dois)
        by_block = linter._by_block(found, read.starts)
        cited, rest = citing.cite_by_own_links(by_block, {}, None, credits=True)
        assert (cited, rest) == ((1, []) if decided else (0, list(by_block))), lines


def python_numbered_items(read: page.Page) -> list[tuple[int, str]]:
    """``numbered_items`` as defined in Python."""
    keep = citations._scan
    citations._scan = None
    try:
        return citations.PageCitations(read, SourceIndex.build(None), [], []).numbered_items()
    finally:
        citations._scan = keep


REFERENCE_PIECES = ["<h2>References</h2>", "<p>Sources:</p>", "<h3>Notes</h3>", "<ol>", "</ol>", "<ul>", "</ul>", "<div>",
                    "</div>", "<li>", "</li>", "<p>", "</p>", "Smith 2023", " ", "\u3000", "<li id='n1'>", "<br>", "<span></span>",
                    "<footer>", "</footer>", "<section>", "</section>", "<table><tr><td>x</td></tr></table>",
                    "[1] ", "[12]", "[1234] ", "[x] ", "3. ", "4) ", "5.", "2025. ", "<sup>2</sup>", "\u2003[2]\u2003"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(REFERENCE_PIECES), max_size=40).map("".join))
@example("<p>x [1]</p><h2>References</h2><div><ol><li><p>a</p><p>b</p></li><li>c</li></ol></div><footer><p>d</p></footer>")
@example("<h2>References</h2><p>[1] a</p><p> 2. b</p><p><sup>3</sup> c</p><p>d</p><p>[4] e</p>")
def test_numbered_items_are_what_their_definition_numbers(body: str) -> None:
    read = extract_html(f"<html><body>{body}</body></html>")
    assert read is not None
    assert citations.PageCitations(read, SourceIndex.build(None), [], []).numbered_items() == python_numbered_items(read)


def test_numbered_items_of_real_pages_are_what_their_definition_numbers() -> None:
    # HTML, Markdown (whose ordered lists give "#3" labels) and text pages, and generated pages
    paths = [path for path in sorted(PAGES.rglob("*")) if path.is_file() and path.suffix in (".html", ".md", ".txt")]
    reads = [linter.extract(path.read_text(encoding="utf-8"), linter.page_format(path)) for path in paths]
    rng = random.Random(8)
    reads += [extract_html(bench_lint.page(rng, number)) for number in range(10)]  # type: ignore[misc]
    reads.append(linter.extract("Pay rose 5% [2].\n\n## Sources\n\n3. Smith\n4. Lee <https://www.bls.gov/ooh/>\n", "markdown"))
    numbered = 0
    for read in reads:
        found = citations.PageCitations(read, SourceIndex.build(None), [], []).numbered_items()
        assert found == python_numbered_items(read)
        numbered += len(found)
    assert numbered >= 30 and ("4" in {label for _, label in python_numbered_items(reads[-1])})


NAMED = [("Noy", "&", "Zhang", "Science", "381"), ("Noy", "&", "Zhang"), ("O*NET", "tasks"), ("BLS",), ("&", "Co"),
         ("Report", "2025"), ("World", "Economic", "Forum"), ("World", "Bank"), ("v2.6", "methodology")]
NAME_WORDS = sorted({word for name in NAMED for word in name} | {
    "and", "And", "&", "20252030", "2025s", "Noys", "O*NE", "NET", "o*net", "BLS's", "BLS\u2019", "v2", "Zhang.", "-",
    ".", "'", "*", ",", "\u00e9", "\u00c9tude", "40%", "\n", "\t"})


def name_index(named: list[tuple[str, ...]]) -> SourceIndex:
    """A source index knowing only the names ``named`` (source ``s<i>`` for the i-th), as
    :meth:`SourceIndex.build` arranges them."""
    built = SourceIndex(None)
    for number, name in enumerate(named):
        built.names.setdefault(name[0], []).append((name, frozenset({f"s{number}", f"s{number % 3}"})))
    for entries in built.names.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    built.first_words = frozenset(built.names) | ({"and"} if "&" in built.names else set())
    return built


def attributions_of(text: str, start: int, end: int, compiled: bool, named: list[tuple[str, ...]]) -> list[object]:
    kept = source_index._scan
    source_index._scan = _scan if compiled else None
    try:
        return name_index(named).attributions(text, start, end)  # type: ignore[return-value]
    finally:
        source_index._scan = kept


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NAME_WORDS), max_size=30), st.lists(st.sampled_from(["", " ", "  ", "-", "."]),
       min_size=30, max_size=30), st.integers(0, 8), st.integers(0, 8))
@example(["Noy", "and", "Zhang"], [" "] * 30, 0, 0)  # "and" read as "&"
@example(["Report", "20252030"], [" "] * 30, 0, 0)  # a number glued on to the name's last
@example(["O*NET", "tasks"], [" "] * 30, 1, 0)  # cut inside the block: not the name
def test_names_are_found_in_text_as_their_definition_finds_them(words: list[str], gaps: list[str], cut_start: int,
                                                               cut_end: int) -> None:
    text = "".join(word + gap for word, gap in zip(words, gaps))
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    for named in (NAMED, NAMED[:3], [("BLS",)]):
        assert attributions_of(text, start, end, True, named) == attributions_of(text, start, end, False, named)


def test_names_found_in_a_shipped_page_are_those_the_catalogue_names() -> None:
    catalogue_index = SourceIndex.build(shipped_catalogue())  # type: ignore[arg-type]
    text = "In Noy & Zhang, Science 381 and per the World Economic Forum; O*NET occupational tasks say 40%."
    found = catalogue_index.attributions(text, 0, len(text))
    assert [(a.name, a.sources) for a in found] == [
        ("Noy & Zhang", ("noy-zhang-2023",)),  # the longer name ends "Science 381 6654"
        ("World Economic Forum", ("wef-future-of-jobs-2025", "wef-named-on-jobzone")),
        ("O*NET occupational tasks", ("onet",))]
    assert [text[a.start:a.end] for a in found] == [a.name for a in found]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.integers(0, 500), st.sampled_from([("https://a.org/", "primary", "a"), ("https://b.org/", "primary", "b"),
                                                             ("https://m.com/", "aggregator", "m"), ("https://u.net/", "unknown", None),
                                                             ("https://b.org/", "primary", "b")]), max_size=12),
       st.dictionaries(st.sampled_from(["https://a.org/", "https://c.org/"]), st.integers(0, 500), max_size=2))
def test_what_ev301_takes_from_checked_urls_is_what_its_definition_takes(items: dict[int, tuple[str, str, str | None]],
                                                                        known: dict[str, int]) -> None:
    from evidence.lint.index import UrlVerdict

    checked = {offset: UrlVerdict(url, status, source) for offset, (url, status, source) in items.items()}
    compiled_uses, plain_uses = dict(known), dict(known)
    compiled = linter._catalogue_uses(checked, compiled_uses)
    keep = linter._scan
    linter._scan = None  # type: ignore[assignment]
    try:
        plain = linter._catalogue_uses(checked, plain_uses)
    finally:
        linter._scan = keep
    assert compiled == plain and compiled_uses == plain_uses
    firsts = {url: min([o for o, v in checked.items() if v.url == url and v.status == "primary"] + [known.get(url, 10**6)])
              for url in {v.url for v in checked.values() if v.status == "primary"}}
    assert compiled_uses == {**known, **firsts}  # each primary URL's first offset, an earlier one kept
    assert compiled == {v.source for v in checked.values() if v.source}


class _Ranked:
    """A source index that knows only a given list of ranked claims (for EV301's ordering)."""

    def __init__(self, claims: object) -> None:
        self.claims = claims

    def ranked_claims(self, sources: object) -> object:
        return self.claims


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 12), st.integers(1, 5), st.sampled_from([None, "https://a.org/", "https://b.org/"])),
                max_size=24),
       st.dictionaries(st.sampled_from(["https://a.org/", "https://b.org/"]), st.integers(0, 12)))
@example([(3, 2, None), (3, 1, None), (1, 4, None), (5, 4, None), (5, 1, None)], {})  # groups at one place
def test_claims_are_ordered_as_their_definition_orders_them(claims: list[tuple[int, int, str | None]],
                                                            first_url: dict[str, int]) -> None:
    from types import SimpleNamespace

    from evidence.lint.index import RankedClaims

    strengths = [SimpleNamespace(rank=rank, url=SimpleNamespace(text=url) if url else None) for _, rank, url in claims]
    ranked = RankedClaims([(f"c{i:02d}", strength) for i, strength in enumerate(strengths)], [], [],
                          [rank for _, rank, _ in claims], [url for _, _, url in claims])
    firsts = [first for first, _, _ in claims]
    expected = order.order_findings(order.place_claims(None, _Ranked(ranked), (), first_url, firsts))  # type: ignore[arg-type]
    pairs = _scan.claim_order(firsts, ranked.urls, ranked.ranks, first_url)
    assert [(ranked.ranked[i][0], later, ranked.ranked[j][0], earlier) for i, later, j, earlier in pairs] == [
        (a.claim, a.offset, b.claim, b.offset) for a, b in expected]


def test_claim_order_refuses_lists_that_differ_in_length() -> None:
    with pytest.raises(ValueError):
        _scan.claim_order([0, 1], [None], [1, 2], {})
    with pytest.raises(TypeError):
        _scan.claim_order([0, 0], [None, None], ["1", 2], {})  # a rank that is not a number


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab <&*\u00a0\u2019\n\U0001F600", max_size=40), st.text(alphabet="ab <>&*\n\U0001F600", max_size=80),
       st.integers(0, 40), st.integers(0, 40), st.integers(0, 90))
@example("a*b", "xa", 0, 0, 0)  # the probe stops at "*": "a" is found, "a*b" would not be
@example("ab ab", "<p>ab <i>ab</i>", 0, 3, 3)  # the second copy of "ab" in the block
def test_a_page_offset_is_found_in_the_source_as_its_definition_finds_it(text: str, source: str, start: int,
                                                                        ahead: int, base: int) -> None:
    start = min(start, len(text))
    offset = min(start + ahead, len(text))
    read = page.Page(source, text, [start], [len(text)], ["paragraph"], [], sources=[base])
    compiled = read.source_offset(offset)
    keep = page._scan
    page._scan = None  # type: ignore[assignment]
    try:
        assert page.Page(source, text, [start], [len(text)], ["paragraph"], [], sources=[base]).source_offset(offset) == compiled
    finally:
        page._scan = keep
    with pytest.raises(ValueError):
        _scan.offset_in_source(text, source, start, base, len(text) + 1)


def test_citing_by_own_links_refuses_what_is_not_a_link() -> None:
    with pytest.raises(TypeError):
        _scan.cite_by_own_links([("https://a.org/", 0)], {}, {0: [(0, 3, "percent", "4%")]}, {}, lambda h: None, {}, None)


def test_serialisation_reader_refuses_what_it_does_not_know() -> None:
    assert _scan.html_page("<body><p>a &copy; b</p></body>") is None  # an entity lexbor never writes
    assert _scan.html_page("<body><p>a</body>") is None  # unbalanced
    assert _scan.html_page("") is None
    text, starts, kinds, _, links = _scan.html_page('<body><p>a &amp; b<a href="x?a=1&amp;b">l</a></p></body>')
    assert (text, starts, kinds, links) == ("\n\na & bl", [1, 2], ["paragraph", "paragraph"], [("x?a=1&b", 7, 1)])


def fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (statistics, holes, page, htmlpage, citations, linter, order, source_index):
        monkeypatch.setattr(module, "_scan", None)


def report_lines(paths: list[Path], catalogue: str | None = None, jobs: int = 1) -> list[str]:
    from evidence.render import render

    return render(lint(paths, catalogue=catalogue, jobs=jobs), "json").splitlines()


def test_the_linter_without_the_compiled_scanner_gives_the_same_report(monkeypatch: pytest.MonkeyPatch,
                                                                        tmp_path: Path) -> None:
    rng = random.Random(4)
    paths = sorted(p for p in PAGES.rglob("*") if p.suffix in (".html", ".md", ".txt") and p.name != "labelled.tsv")
    for number in range(12):
        generated = tmp_path / f"page-{number}.html"
        generated.write_text(bench_lint.page(rng, number), encoding="utf-8")
        paths.append(generated)
    compiled = report_lines(paths, catalogue=str(ROOT / "data"))
    fallback(monkeypatch)
    assert report_lines(paths, catalogue=str(ROOT / "data")) == compiled


FOOTNOTE_TARGETS = """<!doctype html><html><head><title>t</title><meta id="n4"></head><body>
<p>Pay rose 12% in a year<sup><a href="#n1">1</a></sup>.</p>
<p>Hiring grew 30%<sup><a href="#n2">2</a></sup> and quits fell 4%<sup><a href="#n3">3</a></sup>.</p>
<p>Costs fell 9%<sup><a href="#n4">4</a></sup>; margins rose 2%<sup><a href="#n5">5</a></sup>.</p>
<h2>More on these figures</h2>
<ol>
<li id="n1"><span hidden>draft</span>Noy and Zhang <a href="https://www.science.org/doi/10.1126/science.adh2586">study</a></li>
<li id="n2">A summary<sup>7</sup> on <a href="https://medium.com/@w/x">Medium</a></li>
<li><div id="n3" hidden>gone</div>Nothing cited here</li>
<li id="n3">Indeed <a href="https://www.hiringlab.org/2025/09/23/ai-at-work-report-2025-how-genai-is-rewiring-the-dna-of-jobs/">report</a></li>
<li id="n5"><span></span></li>
</ol>
</body></html>
"""


def test_footnote_targets_read_the_same_with_and_without_preparing_the_tree(monkeypatch: pytest.MonkeyPatch,
                                                                              tmp_path: Path) -> None:
    # targets with hidden parts, superscripts, a hidden duplicate id, an id in <head>, an empty target (the
    # list's heading names no references section, so its items are reached by their ids alone, not by number)
    path = tmp_path / "notes.html"
    path.write_text(FOOTNOTE_TARGETS, encoding="utf-8")
    compiled = report_lines([path], catalogue=str(ROOT / "data"))
    assert any("EV601" in line for line in compiled) and any("EV603" in line for line in compiled)
    fallback(monkeypatch)
    assert report_lines([path], catalogue=str(ROOT / "data")) == compiled


PREPARED_TARGETS = """<!doctype html><html><head><script>var x = 1;</script></head><body>
<script>track()</script><div style="display: none">menu</div>
<ol>
<li id="clean">Noy and Zhang <a href="https://www.science.org/">study</a></li>
<li id="with-sup">A summary<sup>7</sup></li>
<li id="with-hidden"><span hidden>draft</span>Text</li>
<li hidden><p id="under-hidden">gone</p></li>
<li style="color:red;display:none"><p id="under-style">gone too</p></li>
<sup id="is-sup">3</sup>
<template id="is-template"><p>x</p></template>
<svg><text id="in-svg">y</text></svg>
<li id="styled" style="DISPLAY:NONE">kept: the selector is case-sensitive</li>
</ol></body></html>
"""


def test_reads_as_prepared_says_true_only_of_what_preparing_leaves_alone() -> None:
    documents = [PREPARED_TARGETS, FOOTNOTE_TARGETS] + [path.read_text(encoding="utf-8") for path in sorted(PAGES.glob("*.html"))] + [
        bench_lint.page(random.Random(seed), seed) for seed in range(8)]
    said = {}
    for source in documents:
        tree = htmlpage.LexborHTMLParser(source)
        before = [(node, " ".join((node.text() or "").split()), htmlpage.reads_as_prepared(node))
                  for node in tree.css("[id]")]
        htmlpage._prepare(tree, source)
        for node, text, fast in before:
            said[node.attributes.get("id")] = fast
            if fast:  # what it reads now is what it read before
                assert " ".join((node.text() or "").split()) == text, node.attributes
    assert said["clean"] and said["styled"]  # a script elsewhere in <body> does not matter
    for name in ("with-sup", "with-hidden", "under-hidden", "under-style", "is-sup", "is-template", "in-svg"):
        assert said[name] is False, name


def prepared_answers(source: str, compiled: bool) -> list[tuple[str, bool]]:
    """What reads_as_prepared says of every element of ``source``, compiled or by its definition."""
    tree = htmlpage.LexborHTMLParser(source)
    keep = htmlpage._scan
    htmlpage._scan = _scan if compiled else None
    try:
        return [(node.tag or "", htmlpage.reads_as_prepared(node)) for node in tree.css("*")]
    finally:
        htmlpage._scan = keep


def test_reads_as_prepared_is_answered_by_compiled_code_as_its_definition_answers() -> None:
    documents = [PREPARED_TARGETS, FOOTNOTE_TARGETS] + [path.read_text(encoding="utf-8") for path in sorted(PAGES.glob("*.html"))]
    documents += ['<p>no body tag at all <sup>1</sup></p>', '<html><body hidden><p id="a">x</p></body></html>',
                  '<template><p id="t">in a template</p></template><p>x</p>']
    for source in documents:
        assert prepared_answers(source, True) == prepared_answers(source, False)
    assert any(answer for _, answer in prepared_answers(PREPARED_TARGETS, True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HTML_PIECES + ["<sup>", "</sup>", "<div hidden>", "</div>", '<p style="display: none">',
                                               "<svg>", "</svg>", "<li id=x>"]), max_size=40).map("".join))
def test_reads_as_prepared_agrees_with_its_definition_on_random_html(source: str) -> None:
    assert prepared_answers(source, True) == prepared_answers(source, False)


def test_references_headings_are_what_searching_the_whole_text_finds() -> None:
    # reference_headings() looks only at short blocks right after a line break; the
    # expression it replaced searched the whole text for a line break and a references word
    start_re = re.compile(r"\n[ :]*(?i:references|sources|notes|footnotes|endnotes|bibliography|citations|"
                          r"works cited|further reading)")
    index = SourceIndex.build(None)
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(PAGES.rglob("*")) if p.suffix in (".html", ".md", ".txt")]
    sources += [(f"g{seed}.html", bench_lint.page(random.Random(seed), seed)) for seed in range(10)]
    sources += [("edge.md", "Intro\nReferences\n\n References:\n\n1. [a](https://a.example/)\n\nNotes and more\n\n- x\n"),
                ("edge.txt", "Intro\n\n\u017fources\n\n: : CITATIONS\n\nWorks cited here\n\nBibliography of a very long "
                             "title that runs on past sixty characters\n")]
    total = 0
    for name, source in sources:
        read = linter.extract(source, linter.page_format(name, source))
        expected = set()
        for match in start_re.finditer(read.text):
            heading = read.block_at(match.start() + 1)
            start, end = read.starts[heading], read.ends[heading]
            if read.kinds[heading] in ("item", "footnote") or end - start >= 60:
                continue
            if citations._REFERENCES.fullmatch(read.text[start:end].strip(" :")) is not None:
                expected.add(heading)
        assert citations.PageCitations(read, index).reference_headings() == sorted(expected), name
        total += len(expected)
        citations._scan = None  # the Python definition of the candidates
        try:
            assert citations.PageCitations(read, index).reference_headings() == sorted(expected), name
        finally:
            citations._scan = _scan
    assert total >= 8  # the pages do have references sections


REFERENCE_NAMES = ["references", "sources", "notes", "footnotes", "endnotes", "bibliography", "citations",
                   "works cited", "further reading"]


def headings_by_expression(text: str, starts: list[int], ends: list[int], kinds: list[str]) -> list[int]:
    """reference_headings() without the compiled scanner."""
    read = page.Page(text, text, starts, ends, kinds, [])
    keep = citations._scan
    citations._scan = None
    try:
        return citations.PageCitations(read, SourceIndex.build(None)).reference_headings()
    finally:
        citations._scan = keep


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(REFERENCE_NAMES + ["Sources", "NOTES", "\u017fources", "c\u0131tations",
                                                                   "C\u0130TATIONS", " ", ":", "and", "_", "s", "2",
                                                                   "\u00e9", "\n", "x" * 25]),
                                   max_size=5).map("".join), st.sampled_from(["paragraph", "heading", "item", "footnote"])),
                max_size=6))
def test_references_headings_compiled_are_what_the_expression_finds(blocks: list[tuple[str, str]]) -> None:
    text, starts, ends, kinds = "", [], [], []
    for body, kind in blocks:
        text += "\n"
        starts.append(len(text))
        text += body
        ends.append(len(text))
        kinds.append(kind)
    assert _scan.reference_headings(text, starts, ends, kinds) == headings_by_expression(text, starts, ends, kinds)


def test_references_headings_fold_every_character_as_the_expression_does() -> None:
    # the characters the expression takes for an ASCII letter when it ignores case
    letters = re.compile("[a-z]", re.IGNORECASE)
    folding = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and letters.fullmatch(chr(c))]
    assert len(folding) > 52  # the long s, the dotless i, the Kelvin sign... fold too
    texts = []
    for name in REFERENCE_NAMES:
        for at, letter in enumerate(name):
            for c in folding:
                if c != letter and re.fullmatch(letter, c, re.IGNORECASE):
                    texts.append(name[:at] + c + name[at + 1:])
            texts.append(name[:at] + name[at].upper() + name[at + 1:])
    text = "".join("\n" + t for t in texts)
    starts = [m.start() + 1 for m in re.finditer("\n", text)]
    ends = starts[1:] + [len(text) + 1]
    ends = [e - 1 for e in ends]
    kinds = ["paragraph"] * len(starts)
    found = _scan.reference_headings(text, starts, ends, kinds)
    assert found == headings_by_expression(text, starts, ends, kinds)
    assert len(found) == len(texts)  # each reads as its name


def test_lower_for_search_is_str_lower_wherever_it_answers() -> None:
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    answerable = everything.replace("\u0130", "").replace("\u03a3", "")
    assert _scan.lower_for_search(answerable) == answerable.lower().replace("\u2019", "'")
    for text in ("CAF\u00c9 \u0130stanbul", "\u039f\u0394\u039f\u03a3", "\u03a3"):  # İ and Σ: str.lower decides
        assert _scan.lower_for_search(text) is None
    assert _scan.lower_for_search("") == ""


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab\n\r \u00e9\u2013\U0001f600", max_size=80), st.integers(-5, 90))
def test_line_and_column_counts_as_str_count_does(source: str, index: int) -> None:
    if 0 <= index <= len(source):
        assert _scan.line_and_column(source, index) == (source.count("\n", 0, index) + 1,
                                                        index - source.rfind("\n", 0, index))


def test_line_and_column_on_long_sources() -> None:
    for source in ["x\n" * 20_000, "\u2013\n" * 20_000 + "\U0001f600", "no newline" * 1000, "\n" * 1000,
                   "\u2013" + "\n" * 70_000, "\U0001f600" + "\n" * 600]:  # runs of newlines past a one-byte count
        for index in (0, 1, 2, 17, len(source) // 2, len(source)):
            assert _scan.line_and_column(source, index) == (source.count("\n", 0, index) + 1,
                                                            index - source.rfind("\n", 0, index))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="a[]^1 \u00b9\u00b2\u00b3\u00b4\u2070\u2071\u2074\u2079\u207a\U0001f600", max_size=40),
       st.integers(-3, 45), st.integers(-3, 45))
def test_first_marker_finds_what_the_expression_finds(text: str, start: int, end: int) -> None:
    match = citations._MARKER_START.search(text, max(start, 0), max(end, 0))
    found = _scan.first_marker(text, start, end)
    assert found == (match.start() if match is not None else -1)
    if found < 0:  # a block without one has no footnote marker
        assert citations._MARKER.search(text, max(start, 0), max(end, 0)) is None


def python_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``page.sentences`` as defined in Python (what runs without the compiled scanner)."""
    keep = page._scan
    page._scan = None
    try:
        return page.sentences(text, start, end)
    finally:
        page._scan = keep


SENTENCE_TOKENS = ["a", "A", "Word", "e.g", "E.G", "vs", "al", "x", "é", "É", "1", "2024", ".", "!", "?", "...",
                   " ", "  ", "\t", "\xa0", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", ")", "]", "(", "[", "$",
                   "\u20ac", "\u00a3", "+", "-", "\u2212", "%", "\U0001f600", "\u3000"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_TOKENS), max_size=30).map("".join), st.integers(0, 200), st.integers(0, 200))
@example("Costs fell. Then e.g. They rose! \u201cAnd\u201d so?\t$5 here. x. Y", 0, 58)
def test_sentences_split_as_their_expression_splits(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert _scan.sentences(text, start, end, page._ABBREVIATIONS) == python_sentences(text, start, end)


def test_sentences_split_real_blocks_as_their_expression_splits() -> None:
    """Every block of the fixture and seed pages, and of generated pages, and each labelled sentence."""
    read = [linter.extract(path.read_text(encoding="utf-8", errors="replace"), linter.page_format(path))
            for path in sorted(PAGES.rglob("*")) if path.is_file() and path.suffix in (".html", ".md", ".txt")]
    rng = random.Random(7)
    read += [extract_html(bench_lint.page(rng, number)) for number in range(20)]  # type: ignore[misc]
    checked = 0
    for text, starts, ends in [(p.text, p.starts, p.ends) for p in read] + [(t, [0], [len(t)]) for t in CORPUS]:
        for start, end in zip(starts, ends):
            assert page.sentences(text, start, end) == python_sentences(text, start, end), text[start:end][:80]
            checked += 1
    assert checked > 2000


def test_sentences_refuse_a_span_outside_the_text() -> None:
    for start, end in [(-1, 3), (2, 1), (0, 6)]:
        with pytest.raises(ValueError, match="not a span"):
            _scan.sentences("Hello", start, end, page._ABBREVIATIONS)


URL_TEXT = st.lists(st.sampled_from(["https://a.org/x", "http://b.io", "doi:10.1126/science.adh2586", "doi: 10.1000/1",
                                      "doi:10.12/x", "doi:10.1234567890/x", "(", ")", "]", "[", ".", ",", "!", "'",
                                      "\u2019", "\u201d", "\u201c", " ", "\u00a0", "\n", "a", "<", '"', "/", "9"]),
                    max_size=30).map("".join)


def python_bare(text: str) -> list[tuple[int, str]]:
    """What PageCitations finds as bare URLs and DOIs without the compiled scanner."""
    spans = [m.span() for m in citations._BARE_URL.finditer(text)]
    keep = citations._scan
    citations._scan = None
    try:
        return citations.PageCitations(page.Page(text, text, [0], [len(text)], ["paragraph"], []),
                                       SourceIndex.build(None), spans, citations.doi_places(text)).bare
    finally:
        citations._scan = keep


@settings(max_examples=2000, deadline=None)
@given(URL_TEXT)
def test_bare_urls_and_dois_are_trimmed_as_the_definition_trims_them(text: str) -> None:
    spans = [m.span() for m in citations._BARE_URL.finditer(text)]
    assert _scan.bare_citations(text, spans, citations.doi_places(text)) == python_bare(text)


def test_bare_citations_refuses_a_span_outside_the_text() -> None:
    with pytest.raises(ValueError):
        _scan.bare_citations("https://a.org", [(0, 40)], [])


@given(st.lists(st.integers(0, 60), max_size=20).map(sorted),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=6))
def test_figures_inside_bare_urls_are_dropped_as_lint_page_drops_them(offsets: list[int],
                                                                      raw: list[tuple[int, int]]) -> None:
    spans = sorted((start, start + length) for start, length in raw)
    found = [(offset, offset + 1, "percent", "x") for offset in offsets]
    starts = [start for start, _ in spans]
    expected = [item for item in found if linter._outside(spans, starts, item[0])]
    assert _scan.outside_spans(found, spans) == expected


@given(st.lists(st.tuples(st.sampled_from(["https://a.org/", "#fn1", "/rel", ""]), st.integers(0, 50),
                          st.integers(-1, 6)), max_size=30))
def test_links_by_block_groups_as_the_python_definition_does(links: list[tuple[str, int, int]]) -> None:
    expected: dict[int, list[tuple[int, str]]] = {}
    for href, start, block in links:
        expected.setdefault(block, []).append((start, href))
    grouped = _scan.links_by_block(links)
    assert grouped == expected and list(grouped) == list(expected)
    with pytest.raises(TypeError):
        _scan.links_by_block([12])  # links are (href, start, block)


def test_the_compiled_tag_table_is_htmlpages() -> None:
    # the C readers keep their own table of tags; it must say what htmlpage's lists say
    table = _scan.tag_table()
    assert {name: kind for name, (kind, _, _) in table.items() if kind is not None} == htmlpage.BLOCK_KINDS
    assert {name for name, (_, brk, _) in table.items() if brk} == htmlpage.BREAKS
    assert {name for name, (_, _, hidden) in table.items() if hidden} == htmlpage._HIDDEN_TAGS


def test_the_compiled_word_lists_are_statistics_pys() -> None:
    assert _scan.word_lists() == [set(statistics._ID_WORDS), set(statistics._NOT_COUNTED), set(statistics._DURATION_CUES),
                                  set(statistics._NUMBER_WORDS)]


def test_the_compiled_acronyms_are_holes_pys() -> None:
    assert _scan.acronyms() == sorted(holes._ACRONYMS.split("|"))


@pytest.mark.parametrize("text", [
    "100% remote, 100% online, 100% virtual, 100% free; 100% remotely, 100% remote-first, 100%  remote, +100% free.",
    "20% off, $10 off, 20% offices, 20% off-peak, 2x off, \u20ac5 off.",
    "911 Dispatcher, 411 info, 111 staff, 1911 people, 2911 posts, 911 workers, 9110 posts.",
    "on behalf of employers; Behalf of workers; headquarters of firms; athird of workers; a third of workers; xhalf of staff.",
    "2.3k shares, 1.2M views, 50,000 subscribers, 3k likes; 1000 and 2000; 5700 kilograms; 12k employees.",
    "W-2 employees, H-1B visas, EB-5, ABCD-200 staff, eW-200 staff, -200 staff, X-2k staff; Fortune 500 firms, S&P 500 firms.",
    "44 days on average; 3 days faster ON AVERAGE; 3 days. on average; 3 days on averages; 3 days y y y y y y y y y y y y y on average.",
])
def test_counters_promotions_service_numbers_and_fractions_agree_with_their_expressions(text: str) -> None:
    agrees_with_expressions(text)


def test_the_compiled_linking_words_are_holes_pys() -> None:
    assert _scan.linking_words() == holes._LINKING[3:-1].split("|")
    # and they are read as the expressions read them, a whole word after one space or more
    for word in [*_scan.linking_words(), "per", "andrew", "toward", "thee"]:
        agrees_with_expressions(f"between and {word} x; From  and {word}. between and  {word}; from and {word}s")


@st.composite
def text_and_needles(draw: st.DrawFn) -> tuple[str, list[str]]:
    letters = "abAB \u2013\u2019'\u00e9\u00c9x\U0001f600\u0130\u03a3\u03c3"
    text = draw(st.text(alphabet=letters, max_size=120))
    lowered = text.lower().replace("\u2019", "'")
    needles = []
    for _ in range(draw(st.integers(0, 6))):
        if lowered and draw(st.booleans()):  # a piece of the lower-cased text, so that some are found
            start = draw(st.integers(0, len(lowered) - 1))
            needles.append(lowered[start:start + draw(st.integers(0, 60))])
        else:
            needles.append(draw(st.text(alphabet=letters, max_size=40)))
    return text, needles


@settings(max_examples=3000, deadline=None)
@given(text_and_needles())
def test_find_folded_is_find_in_the_lower_cased_text_wherever_it_answers(case: tuple[str, list[str]]) -> None:
    text, needles = case
    found = _scan.find_folded(text, needles)
    prepared = _scan.Needles(needles)  # prepared once, read against several texts
    assert _scan.find_folded(text, prepared) == found
    assert _scan.find_folded(text[::-1], prepared) == _scan.find_folded(text[::-1], needles)
    if "\u0130" in text or "\u03a3" in text or any(len(needle) < 4 for needle in needles):
        assert found is None  # str.lower decides: the caller's definition runs
    else:
        lowered = text.lower().replace("\u2019", "'")
        assert found == [lowered.find(needle) for needle in needles]


def test_find_folded_on_a_page_just_read_knows_its_characters_from_the_reader() -> None:
    # the page text the reader just wrote is not read again for İ and Σ: the reader saw them
    for body, answerable in (("Claims of Strength and more", True), ("\u0130stanbul: claims of strength", False),
                             ("\u03a3 claims of strength", False), ("\u2014 claims of strength \u00e9", True)):
        read = extract_html(f"<html><body><p>{body}</p><p>x</p></body></html>")
        assert read is not None
        found = _scan.find_folded(read.text, ["claims of strength"])
        copy = "".join(list(read.text))  # the same characters, not the reader's str
        assert found == _scan.find_folded(copy, ["claims of strength"])
        assert (found is not None) is answerable
        if answerable:
            assert found == [read.text.lower().find("claims of strength")]


def test_find_folded_on_edge_cases() -> None:
    assert _scan.find_folded("", ["abcd"]) == [-1]
    assert _scan.find_folded("abc", ["abcd"]) == [-1]
    assert _scan.find_folded("xAbcd", []) == []
    assert _scan.find_folded("xAbCdABCDE", ["abcd", "abcd", "xabc", "dabcde", "bcdabcde"]) == [1, 1, 0, 4, 2]
    assert _scan.find_folded("it\u2019s ab", ["it's"]) == [0]
    assert _scan.find_folded("ab", ["abc"]) is None and _scan.find_folded("ab", [""]) is None
    # a character's low 8 bits pick its slot: the same slot (\u00e9, \u01e9) is compared whole
    assert _scan.find_folded("\u00c9t\u00c9s \U0001F600xyz", ["\u00e9t\u00e9s", "\U0001F600xyz", "\u01e9t\u00e9s"]) == [0, 5, -1]
    periodic = "x" + "ab" * 40  # overlapping occurrences: the first one counts
    needles = ["ab" * 12, "ba" * 12 + "b", "ab" * 41, "abab", "b" + "ab" * 39]
    assert _scan.find_folded(periodic, needles) == [periodic.find(needle) for needle in needles]
    with pytest.raises(TypeError):
        _scan.find_folded("some text", ["text", 1234])  # type: ignore[list-item]
    long = "x" * 10_000 + "Claims Of Strength"
    assert _scan.find_folded(long, ["claims of strength", "of strength x"]) == [10_000, -1]
    claim = "the share of the tasks that the model can do is the same as in the study of the year before"
    for shift in range(60):  # the long claim at every place modulo the step (a short one sets it to 5)
        text = "the " * (shift // 4) + "x" * (shift % 4) + claim.upper() + " and the rest"
        assert _scan.find_folded(text, _scan.Needles([claim, "of th"])) == [text.lower().find(claim), text.lower().find("of th")]
    many = [f"claim number {i} of many" for i in range(3000)]  # more runs than the table's slots: a run a needle
    text = " ".join(f"Claim Number {i} Of Many" for i in range(0, 3000, 7))
    assert _scan.find_folded(text, many) == [text.lower().find(needle) for needle in many]
    with pytest.raises(TypeError):
        _scan.Needles(["text", None])  # type: ignore[list-item]


def test_jobs_give_the_same_report_as_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    bench_lint.generate(folder, linter.PARALLEL_PAGES + 6, seed=3)
    paths = sorted(folder.glob("*.html"))
    assert jobs_for(2, len(paths)) == 2
    assert report_lines(paths, jobs=2) == report_lines(paths, jobs=1)


def test_jobs_for() -> None:
    assert jobs_for(1, 10_000) == 1
    assert jobs_for(4, linter.PARALLEL_PAGES - 1) == 1  # too few pages to be worth a worker
    assert jobs_for(8, linter.PARALLEL_PAGES) == 2  # never a worker for fewer than half a chunk of pages
    assert jobs_for(0, 10_000) >= 1
    with pytest.raises(UsageProblem):
        jobs_for(-1, 100)


def test_lint_page_is_unchanged_by_the_fast_paths_on_the_seed_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence.lint.index import SourceIndex
    from schemas import load_catalogue

    index = SourceIndex.build(load_catalogue(ROOT / "data"))
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*"))]

    def run() -> list[list[str]]:
        return [[f"{f.diagnostic.line}:{f.diagnostic.column} {f.diagnostic.code} {f.diagnostic.message}"
                 for f in lint_page(source, name, linter.page_format(name, source), index).findings] for name, source in seeds]

    compiled = run()
    fallback(monkeypatch)
    assert run() == compiled and any(compiled)


def test_the_in_place_reader_holds_the_document_it_reads() -> None:
    from selectolax.lexbor import LexborHTMLParser

    assert htmlpage._lexbor_ready()
    for number in range(300):  # each parser is only referenced through the node passed in
        text = _scan.lexbor_page(LexborHTMLParser(f"<p>page {number} of <b>300</b></p>").body)[0]
        assert text == f"\n\npage {number} of 300"
