"""Plain-text pages: text copied from a rendered page, one block a line.

A browser's "copy" and text dumps of rendered pages put every block element (paragraph,
list item, table row, card line) on a line of its own, so a line is a block: a citation
covers the line it stands on. Lines that look like list items (``- ``, ``* ``, ``• ``,
``1. ``) are items, lines between pipes are table rows (cells end sentences), ``[1] ...``
and ``[^1]: ...`` define footnotes. ``<!-- ... -->`` comments are not text. Hard-wrapped
prose (a paragraph broken over several lines) should be linted as Markdown, where a
paragraph runs to the next blank line.
"""

from __future__ import annotations

import re

from evidence.lint.page import Page, PageBuilder

_COMMENT = re.compile(r"<!--(.*?)-->")
_ITEM = re.compile(r"([-*\u2022\u2023\u25e6\u2013]|(\d{1,3})[.)])\s+")
_FOOTNOTE = re.compile(r"\[\^?([0-9]{1,3}|[A-Za-z][\w-]{0,30})\](?::\s*|\s+)")
_SEPARATOR_ROW = re.compile(r"\|?[\s:|-]*-[\s:|-]*\|?")


def add_line(builder: PageBuilder, raw: str, base: int) -> None:
    """Add one source line (starting at source offset ``base``) as a block, or as nothing."""
    if "<!--" in raw:
        # comments are suppressions (read from the source by the linter), not text
        raw = _COMMENT.sub(lambda m: " " * len(m.group(0)), raw)
    stripped = raw.strip()
    if not stripped:
        return
    offset = len(raw) - len(raw.lstrip())
    if stripped[0] == "|" and stripped[-1] == "|" and len(stripped) > 1:
        if not _SEPARATOR_ROW.fullmatch(stripped):
            builder.start_block("row", base + offset + 1)
            for cell in stripped[1:-1].split("|"):
                builder.text(cell)
                builder.hard_break()
        return
    body = stripped
    kind = "paragraph"
    label = None
    if (item := _ITEM.match(body)) is not None:
        kind = "item"
        label = "#" + item.group(2) if item.group(2) else None
        body = body[item.end():]
    elif (note := _FOOTNOTE.match(body)) is not None:
        kind, label = "footnote", note.group(1)
        body = body[note.end():]
    builder.start_block(kind, base + offset + len(stripped) - len(body))
    if label:
        builder.label(label)
    builder.text(body)


def extract_text(source: str) -> Page:
    """Split plain text into blocks, one a line."""
    builder = PageBuilder(source)
    base = 0
    for raw in source.split("\n"):
        add_line(builder, raw, base)
        base += len(raw) + 1
    return builder.build()
