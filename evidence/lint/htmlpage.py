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
        page = _serialised(tree, body, source)
        if page is not None:
            return page
    out = PageBuilder(source) if builder is None else builder
    if body is not None:
        _prepare(tree, source)
        _walk(body, out)
    return out.build(tree, locate_blocks) if builder is None else None


def _serialised(tree: LexborHTMLParser, body: object, source: str) -> Page | None:
    """The page read from lexbor's serialisation of ``<body>`` by the compiled reader.

    Serialising is done in C by lexbor and gives well-formed markup with only five
    entities, which :func:`evidence.lint._scan.html_page` reads in one pass: the same page
    as :func:`_walk` builds, without a Python step per node. None when that reader meets
    something it does not expect; the walk reads the page then.
    """
    read = _scan.html_page(body.html)  # type: ignore[attr-defined]
    if read is None:
        return None
    text, found, marks = read
    kinds = _scan.BLOCK_KIND_NAMES
    starts = [start for start, _, _ in found]
    ends = starts[1:] + [len(text) + 1]
    blocks = [Block(kinds[kind], start, end - 1, container=container)
              for (start, kind, container), end in zip(found, ends)]
    links = [Link(href, offset, bisect_right(starts, offset) - 1) for offset, href in marks]
    page = Page(source, text, blocks, links, tree, locate_blocks)
    page.prepare = lambda: _prepare(tree, source)
    return page


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
            parent = node.parent
            blocks.append(Block(kind, length, length, container=parent.mem_id if parent is not None else 0))
        elif tag in breaks:
            append(BREAK)
            length += 1
        elif tag == "a":
            href = node.attributes.get("href")
            if href:
                links.append(Link(href, length, len(blocks) - 1))
    builder.length = length
