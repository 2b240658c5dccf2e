"""HTML pages: the visible text of a parsed document, block by block, with source positions.

The document is parsed by lexbor (through selectolax), an HTML5 parser that follows the
WHATWG algorithm browsers use: entities are decoded, ``</p>`` inside a script is script,
text stray in a table is moved before it. What a reader does not see is removed first,
in C: scripts, styles, templates, ``<noscript>``, ``<pre>`` blocks, SVG, forms' option
lists and elements marked ``hidden`` or ``display:none``. Footnote superscripts
(``<sup>1</sup>``) become ``[1]``, as plain-text pages write them.

The walk is one pass over lexbor's depth-first traversal: a block element (paragraph,
list item, table row, heading, container) starts a block, a cell or ``<br>`` a hard break,
a link records its target. Known limit: text that follows a nested block inside the same
element (``<li>a <ul>..</ul> tail</li>``) is counted in the nested block.

lexbor does not report where a node stood in the source. Positions are needed only for
findings, so they are worked out then (:func:`locate_blocks`): each block's first
characters are searched for in the source after the previous block's, and the finding's
own text from there. Lines and columns are exact whenever that text can be found (it
cannot when it starts with a character an entity produced, ``&amp;`` say: then the
position is the block's).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from selectolax.lexbor import LexborHTMLParser

from evidence.lint.page import BLOCK as BLOCK_SEPARATOR
from evidence.lint.page import BREAK, Block, Link, Page, PageBuilder

try:
    from evidence.lint import _scan
except ImportError:  # pragma: no cover - built without a C compiler: the walk below does it all
    _scan = None  # type: ignore[assignment]

HIDDEN = [(f"<{tag}", tag) for tag in (
    "script", "style", "template", "noscript", "pre", "svg", "math", "iframe", "object", "canvas", "textarea", "select",
)] + [("hidden", "[hidden]"), ("display:", "[style*='display:none']"), ("display: ", "[style*='display: none']")]
"""What a reader does not see: (a string that must occur in the source, the CSS selector)."""
BLOCK_KINDS = {
    "li": "item", "dt": "item", "dd": "item", "tr": "row", "caption": "caption", "figcaption": "caption",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    **{tag: "paragraph" for tag in (
        "address", "article", "aside", "blockquote", "body", "center", "details", "dialog", "div",
        "dl", "fieldset", "figure", "footer", "form", "header", "hgroup", "hr", "legend", "main",
        "menu", "nav", "ol", "p", "section", "summary", "table", "tbody", "thead", "tfoot", "ul",
    )},
}
BREAKS = frozenset(("td", "th", "br"))
LINK_MARK = "\x1d"
_MARKED = ", ".join([tag for tag in BLOCK_KINDS if tag != "body"] + sorted(BREAKS) + ["a[href]"])
"""Every element the text needs a mark for, found in one CSS query (in document order)."""
_MARKER = re.compile(r"\[?(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\]?")
_PROBE = re.compile(r"[^&<>\"'\s\[\]\x00-\x1f\x7f-\uffff]{1,24}")


def _prepare(tree: LexborHTMLParser, source: str) -> None:
    """Remove what is not rendered and turn footnote superscripts into ``[n]`` (in lexbor).

    Only the selectors whose tag or attribute occurs in the source are asked for: a CSS
    query walks the whole tree, and most pages have no ``<svg>`` or ``hidden``.
    """
    lowered = source.lower()
    wanted = [selector for needle, selector in HIDDEN if needle in lowered]
    if wanted:
        for node in tree.css(", ".join(wanted)):
            node.decompose(recursive=True)
    if "<sup" in lowered:
        for sup in tree.css("sup"):
            marker = _MARKER.fullmatch((sup.text() or "").strip())
            if marker is not None:
                sup.insert_before(" [")
                sup.insert_after("]")
                sup.unwrap()


def locate_blocks(page: Page, upto: int) -> None:
    """Find where blocks start in the source, in order, up to block ``upto`` (called lazily).

    Each block's first characters (cut before anything an entity could have produced) are
    searched for after the previous block's; a block whose text cannot be found keeps the
    previous block's place.
    """
    source, text, blocks = page.source, page.text, page.blocks
    first = page.located  # blocks before it are located already
    cursor = max(blocks[first - 1].source, 0) if first else 0
    for i in range(first, upto + 1):
        block = blocks[i]
        if block.source >= 0:
            cursor = block.source
            continue
        first = len(text[block.start:block.end]) - len(text[block.start:block.end].lstrip())
        probe = _PROBE.match(text, block.start + first)
        found = source.find(probe.group(0), cursor) if probe is not None else -1
        if found >= 0:
            cursor = found
        block.source = cursor
    page.located = max(first, upto + 1)


def extract_html(source: str, *, builder: PageBuilder | None = None) -> Page | None:
    """Parse ``source`` as HTML and return its page; given a ``builder`` (a raw HTML block
    in Markdown), add the text to it instead and return None.
    """
    tree = LexborHTMLParser(source)
    body = tree.body
    if body is not None and builder is None and _scan is not None:
        _prepare(tree, source)
        page = _marked(tree, body, source)
        if page is not None:
            return page
        tree = LexborHTMLParser(source)  # marks clashed with the page's own control characters
        body = tree.body
    out = PageBuilder(source) if builder is None else builder
    if body is not None:
        _prepare(tree, source)
        _walk(body, out)
    return out.build(tree, locate_blocks) if builder is None else None


def _marked(tree: LexborHTMLParser, body: object, source: str) -> Page | None:
    """The page read by marking the document in lexbor and taking its text in one call.

    A separator is inserted before every block, break and link element (found by one CSS
    query, in document order); lexbor then gives the whole text at once and the compiled
    scanner turns separators into blocks and links. This is :func:`_walk`'s result without
    a Python step per text node. None when the text held a mark character of its own (a
    page with ASCII control characters), which the walk then reads instead.
    """
    kinds, breaks = BLOCK_KINDS, BREAKS
    elements: list[tuple[str, object]] = [("paragraph", body)]
    hrefs: list[str] = []
    for node in body.css(_MARKED):  # type: ignore[attr-defined]
        tag = node.tag
        kind = kinds.get(tag)
        if kind is not None:
            node.insert_before(BLOCK_SEPARATOR)
            elements.append((kind, node))
        elif tag in breaks:
            node.insert_before(BREAK)
        else:
            href = node.attributes.get("href")
            if href:
                node.insert_before(LINK_MARK)
                hrefs.append(href)
    text, starts, marks = _scan.page_text(BLOCK_SEPARATOR + (body.text(deep=True) or ""), True)  # type: ignore[attr-defined]
    if len(starts) != len(elements) or len(marks) != len(hrefs):
        return None
    ends = starts[1:] + [len(text) + 1]
    blocks = [Block(kind, start, end - 1, element=node) for (kind, node), start, end in zip(elements, starts, ends)]
    links = [Link(href, offset, bisect_right(starts, offset) - 1) for href, offset in zip(hrefs, marks)]
    return Page(source, text, blocks, links, tree, locate_blocks)


def _walk(body: object, builder: PageBuilder) -> None:
    # the hot loop of the linter: one pass over lexbor's traversal, no calls per text node
    parts, blocks, links = builder.parts, builder.blocks, builder.links
    append = parts.append
    length = builder.length
    kinds, breaks = BLOCK_KINDS, BREAKS
    for node in body.traverse(include_text=True):  # type: ignore[attr-defined]
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            append(text)
            length += len(text)
            continue
        kind = kinds.get(tag)
        if kind is not None:
            append(BLOCK_SEPARATOR)
            length += 1
            blocks.append(Block(kind, length, length, element=node))
        elif tag in breaks:
            append(BREAK)
            length += 1
        elif tag == "a":
            href = node.attributes.get("href")
            if href:
                links.append(Link(href, length, len(blocks) - 1))
    builder.length = length
