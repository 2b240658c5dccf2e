"""HTML pages: the visible text of a parsed document, block by block, with source positions.

The document is parsed by lexbor (through selectolax), an HTML5 parser that follows the
WHATWG algorithm browsers use: entities are decoded, ``</p>`` inside a script is script,
text stray in a table is moved before it. What a reader does not see is removed first,
in C: scripts, styles, templates, ``<noscript>``, ``<pre>`` blocks, SVG, forms' option
lists and elements marked ``hidden`` or ``display:none``; inline code (``<code>``,
``<kbd>``, ``<samp>``) too, an ellipsis marking its place (:data:`CODE_MARK`). Footnote
superscripts (``<sup>1</sup>``) become ``[1]``, as plain-text pages write them.

A block element (paragraph, list item, table row, heading, container) starts a block, a
cell or ``<br>`` a hard break, a link records its target. Known limit: text that follows
a nested block inside the same element (``<li>a <ul>..</ul> tail</li>``) is counted in the
nested block. Three readers give that same page, the first that can is used: the
compiled reader of lexbor's tree in place (:func:`evidence.lint._scan.lexbor_page`, its
layouts checked against selectolax first, :func:`_lexbor_ready`), the compiled reader of
lexbor's serialisation (``html_page``), and :func:`_walk`, one pass over selectolax's
traversal in Python: the definition the other two are tested against.

lexbor does not report where a node stood in the source. Positions are needed only for
findings, so they are worked out then (:func:`locate_blocks`): each block's first
characters are searched for in the source after the previous block's, and the finding's
own text from there. Lines and columns are exact whenever that text can be found (it
cannot when it starts with a character an entity produced, ``&amp;`` say: then the
position is the block's).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from evidence.lint.page import BLOCK as BLOCK_SEPARATOR
from evidence.lint.page import BREAK, Block, Link, Page, PageBuilder

from evidence.lint.native import scan as _scan
from schemas.errors import UsageProblem

CODE_TAGS = ("code", "kbd", "samp")
"""Inline code, keys and program output: not prose (``f"{name}"`` is code, not a template
hole), left out like hidden elements, but with :data:`CODE_MARK` where each stood."""
CODE_MARK = "\u2026"
"""What stands in the page text for a piece of inline code: an ellipsis, so that "use
<code>x</code>, then" reads "use \u2026, then", not "use , then" (an emptied list, EV602)."""
_HIDDEN_STYLES = ("display:none", "display: none")
"""Inline styles that hide an element: substrings of ``style``, case as written (as ``[style*=...]`` selects)."""
HIDDEN = [(f"<{tag}", tag) for tag in (
    "script", "style", "template", "noscript", "pre", "svg", "math", "iframe", "object", "canvas", "textarea", "select",
    *CODE_TAGS,
)] + [("hidden", "[hidden]")] + [(style.replace("none", ""), f"[style*='{style}']") for style in _HIDDEN_STYLES]
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
_SPACES = re.compile(r"\s*")
_PROBE = re.compile(r"[^&<>\"'\s\[\]\x00-\x1f\x7f-\uffff]{1,24}")


_HIDDEN_SELECTOR = ", ".join(selector for _, selector in HIDDEN)
_HIDDEN_TAGS = frozenset(selector for _, selector in HIDDEN if not selector.startswith("["))
_CHANGED_BY_PREPARE = _HIDDEN_SELECTOR + ", sup"


def _hidden_itself(node: LexborNode) -> bool:
    """Whether ``node`` itself is one :data:`HIDDEN` selects (a tag, ``hidden``, an inline
    ``display:none``). selectolax's ``css_matches`` cannot say it: it asks whether anything
    in the node's subtree matches."""
    if node.tag in _HIDDEN_TAGS:
        return True
    attributes = node.attributes
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    return style is not None and any(hiding in style for hiding in _HIDDEN_STYLES)


def reads_as_prepared(element: LexborNode) -> bool:
    """Whether an element of an unprepared tree reads as it will after :func:`_prepare`: it
    stands in ``<body>``, neither it nor an ancestor is hidden, and nothing under it is
    hidden or a superscript (so nothing in it is removed or rewritten). Read from lexbor's
    tree in place by compiled code when it is set up (a CSS query on the element and the
    attributes of each element above it cost 15 µs and more)."""
    if _scan is not None and _lexbor_ready() and (answer := _scan.reads_as_prepared(element)) is not None:
        return answer
    if element.tag == "sup" or element.css_first(_CHANGED_BY_PREPARE) is not None:
        return False
    node: LexborNode | None = element
    while node is not None:
        if _hidden_itself(node):
            return False
        if node.tag == "body":
            return True
        node = node.parent
    return False


def _remove(found: list[LexborNode]) -> None:
    """Remove the elements ``found`` from their tree, each with all it holds. Which to
    remove is settled before any is: an element inside another one found goes with that
    one (removed on its own too, it would be freed twice; asked for its parent after its
    ancestor is gone, it would be read after it is freed), an element found twice is
    removed once, and the document's root element (``<html>``) stays: lexbor cannot remove
    it, and the page is read from its ``<body>`` whatever the root says."""
    if not found:
        return
    doomed = {node.mem_id for node in found}
    for node in found:
        parent = node.parent
        if parent is None or parent.parent is None:  # the root: its parent is the document
            doomed.discard(node.mem_id)
    tops: dict[int, LexborNode] = {}
    for node in found:
        if node.mem_id not in doomed or node.mem_id in tops:
            continue
        parent = node.parent
        while parent is not None and parent.mem_id not in doomed:
            parent = parent.parent
        if parent is None:
            tops[node.mem_id] = node
    for node in tops.values():
        node.decompose(recursive=True)


def check_skip(skip: str | None) -> None:
    """Refuse a ``skip`` selector lexbor cannot read, with :class:`schemas.errors.UsageProblem`
    (once, before any page is read: a page would otherwise fail on it one by one)."""
    if skip is None:
        return
    try:
        LexborHTMLParser("<p></p>").css(skip)
    except Exception as exc:  # selectolax raises its own SelectolaxError
        raise UsageProblem(f"--skip {skip!r} is not a CSS selector lexbor can read ({exc})") from None


def _prepare(tree: LexborHTMLParser, source: str) -> None:
    """Remove what is not rendered and turn footnote superscripts into ``[n]`` (in lexbor).

    One CSS query finds every hidden element (lexbor walks the tree in C); an element
    inside another one found is removed with it, not on its own (:func:`_remove`). Inline
    code not hidden by its own attributes leaves :data:`CODE_MARK` where it stood (inside
    a hidden element, the mark goes with it).
    """
    for code in tree.css(", ".join(CODE_TAGS)):
        attributes = code.attributes
        style = attributes.get("style") or ""
        if "hidden" not in attributes and not any(hiding in style for hiding in _HIDDEN_STYLES):
            code.insert_before(CODE_MARK)  # removed with the code if something around it is hidden
    _remove(tree.css(_HIDDEN_SELECTOR))
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
    source, text, starts, ends, sources = page.source, page.text, page.starts, page.ends, page.sources
    first = page.located  # blocks before it are located already
    if _scan is not None:  # compiled, the same loop
        _scan.locate_sources(text, source, starts, ends, sources, first, upto)
        page.located = max(first, upto + 1)
        return
    cursor = max(sources[first - 1], 0) if first else 0
    for i in range(first, upto + 1):
        if sources[i] >= 0:
            cursor = sources[i]
            continue
        lead = _SPACES.match(text, starts[i], ends[i])  # the block's leading white space (as str.lstrip)
        probe = _PROBE.match(text, lead.end() if lead is not None else starts[i])  # None: an empty block
        found = source.find(probe.group(0), cursor) if probe is not None else -1
        if found >= 0:
            cursor = found
        sources[i] = cursor
    page.located = max(first, upto + 1)


def extract_html(source: str, *, builder: PageBuilder | None = None, skip: str | None = None) -> Page | None:
    """Parse ``source`` as HTML and return its page; given a ``builder`` (a raw HTML block
    in Markdown), add the text to it instead and return None. The elements the CSS
    selector ``skip`` matches are left out, as hidden ones are (see :func:`check_skip`).
    """
    tree = LexborHTMLParser(source)
    if skip is not None:
        _remove(tree.css(skip))
    body = tree.body
    if body is not None and builder is None and _scan is not None:
        page = _compiled(tree, body, source)
        if page is not None:
            return page
    out = PageBuilder(source) if builder is None else builder
    if body is not None:
        _prepare(tree, source)
        _walk(body, out)
    return out.build(tree, locate_blocks) if builder is None else None


_PROBE_DOCUMENT = (
    '<!doctype html><html><head><title>t</title></head><body><header><h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4>'
    '<h5>e</h5><h6>f</h6><hgroup></hgroup><nav><menu></menu></nav></header><main><article><section><p>x<br>y'
    '<a href="https://example.org/?a=1&amp;b" hidden style="display:none">l</a><sup>1</sup></p><div><center>'
    '</center><address></address><aside></aside><blockquote></blockquote></div><ul><li>i</li></ul><ol></ol>'
    '<dl><dt>t</dt><dd>d</dd></dl><figure><figcaption>c</figcaption></figure><details><summary>s</summary>'
    '</details><dialog></dialog><form><fieldset><legend>l</legend></fieldset></form><hr><table><caption>c'
    '</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody><tfoot></tfoot></table>'
    '<p><code>c</code><kbd>k</kbd><samp>s</samp></p><pre>p</pre><script>s</script><style>s</style>'
    '<template><p>t</p></template><noscript>n</noscript>'
    '<svg></svg><math></math><iframe></iframe><object></object><canvas></canvas><textarea>t</textarea>'
    '<select><option>o</option></select></section></article></main><footer>f</footer></body></html>'
)
"""A document with every element and attribute the in-place reader needs to know by id."""
_LEXBOR: bool | None = None


def _lexbor_ready() -> bool:
    """Whether lexbor's tree can be read in place (checked once, against selectolax's answers)."""
    global _LEXBOR
    if _LEXBOR is None:
        try:
            _LEXBOR = _setup_lexbor()
        except Exception:  # pragma: no cover - another selectolax whose layout we do not know
            _LEXBOR = False
    return _LEXBOR


def _setup_lexbor() -> bool:
    """Learn lexbor's tag and attribute ids from a probe document, checking on every node that
    the compiled reader sees what selectolax reports (children, siblings, text, attributes)."""
    if _scan is None:
        return False
    tree = LexborHTMLParser(_PROBE_DOCUMENT)
    tags: dict[int, str] = {}
    attributes: dict[str, int] = {}
    root = tree.root
    if root is None:
        return False
    for node in root.traverse(include_text=True):
        kind, ident, first, following, text, attrs = _scan.lexbor_node(node)
        child, sibling = node.child, node.next
        if first != (child.mem_id if child is not None else 0) or following != (sibling.mem_id if sibling is not None else 0):
            return False
        if node.tag == "-text":
            if kind != 3 or text != node.text_content:
                return False
        elif kind == 1:
            if tags.setdefault(ident, node.tag or "") != node.tag:
                return False
            expected = [(name, value or "") for name, value in node.attributes.items()]
            if [value for _, value in attrs] != [value for _, value in expected]:
                return False
            for (aid, _), (name, _) in zip(attrs, expected):
                attributes[name] = aid
    names = set(tags.values())
    needed = set(BLOCK_KINDS) | BREAKS | _HIDDEN_TAGS | {"a", "sup"}
    if not needed <= names or not {"href", "hidden", "style"} <= set(attributes):
        return False
    if any(ident >= 4096 for ident, name in tags.items() if name in needed):
        return False
    for name in ("href", "hidden", "style"):
        if attributes[name] >= 4096 and _scan.lexbor_name(attributes[name]) != name:
            return False  # kept in the document's hash, in a layout this reader does not know
    _scan.lexbor_setup(sorted(tags.items()), attributes["href"], attributes["hidden"], attributes["style"])
    body = tree.body
    return body is not None and _same_page(_scan.lexbor_page(body), _scan.html_page(body.html or ""))


def _same_page(one: tuple | None, other: tuple | None) -> bool:
    """Whether two readings give the same text, blocks and links (container ids compared as a
    partition: only which blocks share a container matters)."""
    if one is None or other is None:
        return False

    def shape(read: tuple) -> tuple:
        ids: dict[int, int] = {}
        return read[0], read[1], read[2], [ids.setdefault(c, len(ids)) for c in read[3]], read[4]

    return shape(one) == shape(other)


def _compiled(tree: LexborHTMLParser, body: LexborNode, source: str) -> Page | None:
    """The page read by compiled code: from lexbor's tree in place, else from lexbor's
    serialisation of ``<body>`` (well-formed markup with only five entities, read in one
    pass). Both give what :func:`_walk` builds, without a Python step per node; the tree is
    prepared as the walk prepares it (:func:`_prepare`) only if it is searched later.
    None when neither reader can read the page; the walk reads it then.
    """
    assert _scan is not None
    read = _scan.lexbor_page(body) if _lexbor_ready() else None
    if read is None:
        read = _scan.html_page(body.html or "")
    if read is None:
        return None
    text, starts, kinds, containers, marks = read
    ends = _scan.block_ends(starts, len(text))
    page = Page(source, text, starts, ends, kinds, marks, tree, locate_blocks, containers=containers)
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
