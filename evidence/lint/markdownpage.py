"""Markdown pages: CommonMark (with GFM tables) parsed by markdown-it-py, block by block.

markdown-it gives every block token its source lines, which become the blocks' source
offsets (a finding's own text is looked up from there, see :class:`evidence.lint.page.Page`).
Code blocks and images are not prose and are left out, and a code span reads as an
ellipsis (as an HTML page's ``<code>`` does); raw HTML blocks go through the HTML extractor, so a ``<table>`` written in
Markdown is read as in an HTML page. Footnotes use the common ``[^label]`` syntax: a ``[^1]: ...`` line
defines footnote 1 (one block each, even on consecutive lines), and a ``[^1]`` in the
text refers to it; ``<sup>1</sup>`` in raw HTML is read as ``[1]``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from evidence.lint.htmlpage import CODE_MARK, extract_html, locate_blocks
from evidence.lint.page import Page, PageBuilder

if TYPE_CHECKING:
    from markdown_it.token import Token

_DEFINITION = re.compile(r"\[\^([^\]\s]{1,40})\]:\s*")
_MARKER = re.compile(r"\[?(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\]?")
_LINK = re.compile(r"""<a\s[^>]*href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n(?:.*?\n)?(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
"""Front matter, as Jekyll, Hugo and other site generators read it: YAML between ``---``
lines (or ending ``...``), or TOML between ``+++`` lines, at the very start of the file."""
_PARSER = None


def _parser():  # type: ignore[no-untyped-def]
    """One markdown-it parser, made on first use (importing markdown-it costs ~50 ms)."""
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _PARSER


class _Inline:
    """Walks the children of one inline token, keeping track of the source line."""

    def __init__(self, builder: PageBuilder, starts: Sequence[int], line: int) -> None:
        self.builder = builder
        self.starts = starts
        self.line = line  # 0-based
        self.at_line_start = True
        self.in_sup = False

    def text(self, content: str) -> None:
        builder = self.builder
        if self.at_line_start and (definition := _DEFINITION.match(content)) is not None:
            builder.start_block("footnote", self.starts[min(self.line, len(self.starts) - 1)])
            builder.label(definition.group(1))
            content = content[definition.end():]
        self.at_line_start = False
        if self.in_sup and (marker := _MARKER.fullmatch(content.strip())) is not None:
            content = f" [{marker.group(1)}]"
        builder.text(content)

    def html(self, content: str) -> None:
        builder = self.builder
        lowered = content.lower()
        if lowered.startswith("<sup"):
            self.in_sup = True
        elif lowered.startswith("</sup"):
            self.in_sup = False
        elif lowered.startswith("<br"):
            builder.hard_break()
        elif (link := _LINK.match(content)) is not None:
            builder.link(link.group(1))

    def walk(self, children: Sequence[Token]) -> None:
        builder = self.builder
        for child in children:
            kind = child.type
            if kind == "text":
                self.text(child.content)
            elif kind == "code_inline":
                self.text(CODE_MARK)  # code, not prose: an ellipsis where it stood, as in HTML
            elif kind == "softbreak" or kind == "hardbreak":
                if kind == "softbreak":
                    builder.text(" ")
                else:
                    builder.hard_break()
                self.line += 1
                self.at_line_start = True
            elif kind == "link_open":
                builder.link(str(child.attrs.get("href", "")))
            elif kind == "html_inline":
                self.html(child.content)


def extract_markdown(source: str, skip: str | None = None) -> Page:
    """Parse ``source`` as Markdown and return its page. Front matter (:data:`_FRONT_MATTER`)
    is the site generator's settings, not text: it is read as blank lines. ``skip``: a CSS
    selector of elements of raw HTML blocks to leave out."""
    builder = PageBuilder(source)
    starts = [0]
    for line in source.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    items: list[str] = []  # the item numbers of the open list items ("" for bullets)
    parsed = source
    if (front := _FRONT_MATTER.match(source)) is not None:  # blanked in place: offsets stay the source's
        parsed = re.sub(r"[^\n]", " ", front.group(0)) + source[front.end():]
    for token in _parser().parse(parsed):
        kind_of = token.type
        first, last = token.map if token.map else (0, 0)
        if kind_of in ("paragraph_open", "heading_open", "tr_open"):
            kind = "heading" if kind_of == "heading_open" else "row" if kind_of == "tr_open" else (
                "item" if items else "paragraph")
            builder.start_block(kind, starts[first])
            if kind == "item" and items[-1]:
                builder.label("#" + items[-1])
                items[-1] = ""  # a second paragraph of the same item is not item n again
        elif kind_of == "list_item_open":
            items.append(token.info if token.info.isdigit() else "")
        elif kind_of == "list_item_close":
            items.pop()
        elif kind_of in ("th_open", "td_open"):
            builder.hard_break()
        elif kind_of == "inline" and token.children is not None:
            _Inline(builder, starts, first).walk(token.children)
        elif kind_of == "html_block":
            fragment_start = len(builder.blocks)
            extract_html(source[starts[first]:starts[min(last, len(starts) - 1)]], builder=builder, skip=skip)
            # the fragment's blocks are found in the source from the fragment's first line
            if len(builder.blocks) > fragment_start and builder.blocks[fragment_start].source < 0:
                builder.blocks[fragment_start].source = starts[first]
    return builder.build(locate=locate_blocks)
