"""The text of a rendered page as the linter sees it: blocks of text that map back to source lines.

Every extractor (HTML, Markdown, plain text) fills a :class:`PageBuilder`; the result is
one :class:`Page`: the visible text of all blocks in one string, so each regular
expression of the linter runs once per page.

A *block* is the unit a citation covers: a paragraph, a list item, a table row, a heading,
a footnote. Each block starts with ``\\n``; inside a block ``\\t`` marks a hard break (a
table cell, a ``<br>``), which ends a sentence but not the block. Every other white-space
character becomes a plain space *without* collapsing runs, so the page text has exactly
the length of the text pieces it was made of: nothing needs remapping, and patterns match
spaces with `` +``. Source positions are worked out only for the few offsets a finding
points at (:meth:`Page.position`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Callable, NamedTuple, Sequence

from evidence.lint.native import scan as _scan

BLOCK, BREAK = "\x1e", "\x1f"
"""Separators while building; the page text shows them as ``\\n`` and ``\\t``."""
_WHITE = re.compile("[\n\t\r\f\v\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x1c\x1d]")
_PROBE = re.compile(r"[^&<>\"'\s\[\]*_`\\]{1,24}")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*( +)(?=[A-Z0-9\"'\u201c\u2018(\[$\u20ac\u00a3+\u2212-])|\t")
_ABBREVIATIONS = frozenset((
    "e.g", "i.e", "vs", "cf", "ca", "approx", "dr", "mr", "mrs", "ms", "prof", "st", "no", "nr", "fig",
    "al", "inc", "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "e.u", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vol", "p", "pp", "ed", "eds", "est",
))


class Link(NamedTuple):
    """A hyperlink: its target, where its text starts in the page text, and its block."""

    href: str
    start: int
    block: int


class Block:
    """A span of the page text that one citation covers (paragraph, list item, row, footnote).

    ``labels`` are the footnote labels the block defines (``1`` for ``[^1]: ...``, ``#3``
    for item 3 of an ordered list); ``container`` tells which element holds the block's
    element (equal ids: the same parent; -1 if unknown); ``source`` is where the block's
    text starts in the source (-1 until looked up). A plain class with slots: a page has
    a hundred blocks and each is made in one call.
    """

    __slots__ = ("kind", "start", "end", "labels", "container", "source")

    def __init__(self, kind: str, start: int, end: int, labels: list[str] | None = None, container: int = -1,
                 source: int = -1) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.labels: list[str] = labels if labels is not None else _NO_LABELS
        self.container = container
        self.source = source

    def __repr__(self) -> str:
        return f"Block({self.kind!r}, {self.start}, {self.end}, labels={self.labels!r}, container={self.container})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Block):
            return NotImplemented
        return (self.kind, self.start, self.end, self.labels, self.container, self.source) == (
            other.kind, other.start, other.end, other.labels, other.container, other.source)


_NO_LABELS: list[str] = []
"""Shared by blocks that define no footnote (never appended to: :meth:`PageBuilder.label` replaces it)."""


class Page:
    """The visible text of a page, its blocks and links, and the way back to source positions.

    Blocks are kept as parallel lists (``starts``, ``ends``, ``kinds``, ``containers``,
    ``sources``, and ``labels`` by block index): a page has a hundred blocks and the linter
    reads a few fields of each. :attr:`blocks` gives them as :class:`Block` objects.
    """

    __slots__ = ("source", "text", "starts", "ends", "kinds", "containers", "labels", "sources", "link_tuples",
                 "tree", "locate", "located", "prepare", "_newlines", "_asked", "_blocks", "_links")

    def __init__(self, source: str, text: str, starts: list[int], ends: list[int], kinds: list[str],
                 links: Sequence[tuple[str, int, int]], tree: Any = None, locate: Callable[[Page, int], None] | None = None, *,
                 containers: list[int] | None = None, labels: dict[int, list[str]] | None = None,
                 sources: list[int] | None = None) -> None:
        self.source = source
        self.text = text
        self.starts = starts
        self.ends = ends
        self.kinds = kinds
        self.containers = containers if containers is not None else [-1] * len(starts)
        """Which element holds each block's element (equal ids: the same parent; -1 if unknown)."""
        self.labels = labels if labels is not None else {}
        """Footnote labels a block defines: ``1`` for ``[^1]: ...``, ``#3`` for item 3 of an ordered list."""
        self.sources = sources if sources is not None else [-1] * len(starts)
        """Where each block's text starts in the source; -1 until looked up (``locate``)."""
        self.link_tuples: list[tuple[str, int, int]] = links if isinstance(links, list) else list(links)
        """The links as (href, start, block) tuples (what :attr:`links` gives as :class:`Link`), in a
        list: the compiled scanner takes no other sequence."""
        self.tree = tree
        """The parsed HTML document, kept for lazy look-ups (footnote targets by id)."""
        self.locate = locate
        """Fills in ``sources`` for blocks up to the given index (HTML: found by search)."""
        self.located = 0
        """How many blocks, from the first, know their source offset (``locate`` moves it on)."""
        self.prepare: Callable[[], None] | None = None
        """Brings ``tree`` to the state the text was read in (hidden parts removed), called before
        the tree is searched; None when it is in that state already."""
        self._newlines: list[int] | None = None
        self._asked = 0
        self._blocks: list[Block] | None = None
        self._links: list[Link] | None = None

    @property
    def links(self) -> list[Link]:
        """The hyperlinks, in document order."""
        if self._links is None:
            self._links = [link if isinstance(link, Link) else Link._make(link) for link in self.link_tuples]
        return self._links

    @classmethod
    def of_blocks(cls, source: str, text: str, blocks: list[Block], links: list[Link], tree: Any = None,
                  locate: Callable[[Page, int], None] | None = None) -> Page:
        """A page from :class:`Block` objects (the extractors that build block by block)."""
        return cls(source, text, [b.start for b in blocks], [b.end for b in blocks], [b.kind for b in blocks], links,
                   tree, locate, containers=[b.container for b in blocks],
                   labels={i: list(b.labels) for i, b in enumerate(blocks) if b.labels},
                   sources=[b.source for b in blocks])

    @property
    def blocks(self) -> list[Block]:
        """The blocks as objects (a snapshot: ``sources`` found later are not in it)."""
        if self._blocks is None:
            self._blocks = [Block(kind, start, end, self.labels.get(i), container, source) for i, (kind, start, end, container, source)
                            in enumerate(zip(self.kinds, self.starts, self.ends, self.containers, self.sources))]
        return self._blocks

    def block_at(self, offset: int) -> int:
        """The index of the block holding a page-text offset (-1 before the first block)."""
        return bisect_right(self.starts, offset) - 1

    def block_text(self, index: int) -> str:
        """The text of one block, white space collapsed."""
        return " ".join(self.text[self.starts[index]:self.ends[index]].split())

    def source_offset(self, offset: int) -> int:
        """Where a page-text offset stands in the source.

        The block's start is found first; the text at ``offset`` is then looked up from
        there (skipping as many earlier copies of it as the block's text has), so markup
        and entities between the two do not shift the answer.
        """
        index = self.block_at(offset)
        if index < 0:
            return 0
        if self.sources[index] < 0 and self.locate is not None:
            self.locate(self, index)
        base = max(self.sources[index], 0)
        start = self.starts[index]
        if _scan is not None:  # compiled, what follows
            return _scan.offset_in_source(self.text, self.source, start, base, offset)  # type: ignore[no-any-return]
        probe = _PROBE.match(self.text, offset)
        if probe is None:
            return base + offset - start
        text = probe.group(0)
        earlier = self.text.count(text, start, offset)
        found = base - 1
        for _ in range(earlier + 1):
            found = self.source.find(text, found + 1)
            if found < 0:
                return base + offset - start
        return found

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based source (line, column) of a page-text offset."""
        return self.source_position(self.source_offset(offset))

    def source_position(self, index: int) -> tuple[int, int]:
        """The 1-based (line, column) of a source offset."""
        if self._newlines is None:
            self._asked += 1
            if self._asked <= 8:  # a few positions are counted; a page with many findings gets an index
                if _scan is not None:
                    return _scan.line_and_column(self.source, index)  # type: ignore[no-any-return]
                return self.source.count("\n", 0, index) + 1, index - self.source.rfind("\n", 0, index)
            self._newlines = [m.start() for m in re.finditer("\n", self.source)]
        line = bisect_right(self._newlines, index - 1)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, index - start + 1


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) offsets: split after ``.!?`` and at hard breaks
    (``0 <= start <= end <= len(text)``; compiled when the scanner is built)."""
    if _scan is not None:
        return _scan.sentences(text, start, end, _ABBREVIATIONS)  # type: ignore[no-any-return]
    spans = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group(0) != "\t":
            word = text[max(start, match.start() - 8):match.start()].rsplit(" ", 1)[-1].lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        stop = match.start(1) if match.group(0) != "\t" else match.start()
        if text[begin:stop].strip():
            spans.append((begin, stop))
        begin = match.end()
    if text[begin:end].strip():
        spans.append((begin, end))
    return spans


def page_text(raw: str) -> str:
    """The page text of joined extractor output: one character for one, white space made a
    space and the separators visible (compiled when :mod:`evidence.lint._scan` is built)."""
    if _scan is not None:
        return _scan.page_text(raw)
    return _WHITE.sub(" ", raw).replace(BLOCK, "\n").replace(BREAK, "\t")


class PageBuilder:
    """Collects text in document order; the text and plain-text extractors use it, the HTML walk inlines it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.links: list[Link] = []

    def start_block(self, kind: str, source: int = -1) -> None:
        """Start a block (its text starting at source offset ``source``, if known)."""
        self.parts.append(BLOCK)
        self.length += 1
        self.blocks.append(Block(kind, self.length, self.length, source=source))

    def label(self, label: str) -> None:
        """Mark the current block as the definition of footnote ``label``."""
        if self.blocks:
            block = self.blocks[-1]
            block.labels = [*block.labels, label]

    def text(self, raw: str) -> None:
        """Append text to the current block (a block is started if there is none)."""
        if not self.blocks:
            self.start_block("paragraph")
        self.parts.append(raw)
        self.length += len(raw)

    def hard_break(self) -> None:
        """End a sentence without ending the block (a table cell, a ``<br>``)."""
        self.parts.append(BREAK)
        self.length += 1

    def link(self, href: str) -> None:
        """A link whose text starts here."""
        if not self.blocks:
            self.start_block("paragraph")
        self.links.append(Link(href, self.length, len(self.blocks) - 1))

    def build(self, tree: Any = None, locate: Callable[[Page, int], None] | None = None) -> Page:
        """The page: separators made visible, block ends set."""
        text = page_text("".join(self.parts))
        blocks = self.blocks
        for block, following in zip(blocks, blocks[1:]):
            block.end = following.start - 1
        if blocks:
            blocks[-1].end = len(text)
        return Page.of_blocks(self.source, text, blocks, self.links, tree, locate)
