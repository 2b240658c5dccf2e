"""Deciding whether a block's statistics are cited, and what its cited URLs are.

A statistic is cited when its block (the sentence's paragraph, list item, table row or
footnote) holds one of:

* a link or a bare URL to a page outside the site (http(s); relative links are the
  site's own navigation and cite nothing);
* a footnote reference (``[1]``, ``[^1]``, ``<sup>1</sup>``, a ``#fragment`` link, a
  symbol such as ``*`` or ``\u2020`` glued to the figure) to a footnote, reference-list entry
  or note opening with that symbol that holds such a URL or a resolvable attribution;
* an attribution the catalogue resolves to sources that all have a primary URL
  (``Noy & Zhang, Science 381(6654)``; a name that fits several sources must fit only
  sources with one).

A short block right after it in the same container that cites and states no figure of
its own (a card's credit line: ``Noy & Zhang, Science 381(6654) · 2023``) cites it too;
in HTML, so may a block two or three below, past short blocks of the same element
that cite nothing (a card's figure, label and source: :meth:`PageCitations.credit`). A
table row or list item is cited by its table's caption or source line, or by its list's
lead-in (ending with a colon, or a heading) or source line, a heading by the paragraph
under it, and any other block by a "Source:" line a few short lines below it
(:meth:`PageCitations.surroundings`).
Whether a cited URL is a *primary* source is judged separately (EV603): a statistic
linked to an aggregator is cited, badly, and gets one finding for it, not two.
"""

from __future__ import annotations

from typing import Any, Container

import re

from evidence.lint.native import scan as _scan
from evidence.lint.htmlpage import reads_as_prepared
from evidence.lint.index import Attribution, SourceIndex, UrlVerdict
from evidence.lint.page import Page

_BARE_URL = re.compile(r"https?://[^\s<>\"\u201c\u201d]+")
_BARE_DOI = re.compile(r"doi: ?10\.[0-9]{4,9}/[^\s<>\"]+")
_MARKER = re.compile(r"([\[\u00b9\u00b2\u00b3\u2070\u2074-\u2079])"  # a first class: the engine skips to it
                     r"(?:(?<=\[)\^?([0-9]{1,3}(?: ?[,\u2013-] ?[0-9]{1,3})*|[A-Za-z][\w-]{0,30})\]"
                     r"|(?<!\[)([\u00b9\u00b2\u00b3\u2070\u2074-\u2079]*))")
"""A footnote marker: ``[1]``, ``[^2]``, ``[3, 5-7]``, ``[note]`` (group 2: the labels), or a
run of superscript digits (groups 1 and 3). It opens with a character class, not a
lookahead, so the regular expression engine searches for that class instead of trying a
match at every character of the block."""
_SYMBOLS = ("*", "\u2020", "\u2021", "\u00a7", "\u00b6")
"""The symbols print uses for footnotes: asterisk, dagger, double dagger, section, pilcrow."""
_AFTER_SYMBOL = ".,;:)]"
"""What may follow a footnote symbol besides white space."""
_MARKER_START = re.compile(r"[\[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]")
_REFERENCES = re.compile(
    r"(?:references|sources|notes|footnotes|endnotes|bibliography|citations|works cited|further reading)\b[^\n]{0,30}",
    re.IGNORECASE)
_REFERENCES_INITIALS = frozenset("rsnfebcw\u017f")
"""The first letters of the words :data:`_REFERENCES` starts with, lower case (and the
long s, which the expression takes for an s)."""
_SUPERSCRIPT = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")
_LEAD_LABEL = re.compile(r"\s*(?:\[([0-9]{1,3})\]|([0-9]{1,3})[.)](?=\s))")
"""The number a paragraph of a references section opens with, numbering the reference it
holds: ``[3] Smith (2024) ...``, ``3. Smith ...``, ``3) Smith ...`` (``<sup>3</sup>`` reads ``[3]``)."""
CREDIT_LENGTH = 160
"""The longest block that may be a credit line, in characters."""
_SOURCE_LINE = re.compile(r"\s*(?:sources?|data|notes?)\b", re.IGNORECASE)
"""How a line under a table that names its source starts: ``Source: ...``, ``Data: ...``."""
_SOURCE_LABEL = re.compile(r"\s*(?:[*\u2020\u2021]\s*)?(?:sources?|data|notes?)\s*[:\u2013\u2014]", re.IGNORECASE)
"""How a source line that may stand away from its figure starts, a colon or dash after the
word (``Source: ...``; a row "Data Scientist | $112k" is none)."""
CREDIT_BLOCKS = 3
"""How many blocks after a statistic's may hold its credit line: a card's figure, its label, its source."""


def bare_urls(text: str) -> list[tuple[int, int]]:
    """Where ``http(s)://`` URLs stand in ``text`` as plain text, as (start, end) spans
    (the compiled scanner's answer when it is built, else :data:`_BARE_URL`'s)."""
    if "://" not in text:
        return []
    if _scan is not None:
        return _scan.bare_urls(text)  # type: ignore[no-any-return]
    return [m.span() for m in _BARE_URL.finditer(text)]


def bare_citations(text: str, spans: list[tuple[int, int]], dois: list[int]) -> list[tuple[int, str]]:
    """The bare URLs (at ``spans``) and bare DOIs (:data:`_BARE_DOI`'s matches, which can
    only start where ``doi:`` does: ``dois``) of ``text``, as (offset, URL trimmed of the
    punctuation around it), in order; compiled when the scanner is built."""
    if _scan is not None:
        return _scan.bare_citations(text, spans, dois)  # type: ignore[no-any-return]
    bare = [(start, _trim(text[start:end])) for start, end in spans]
    found, after = [], 0
    for place in dois:
        if place >= after and (match := _BARE_DOI.match(text, place)) is not None:
            found.append((place, _trim(match.group(0))))
            after = match.end()
    return sorted(bare + found) if found else bare


def first_marker(text: str, start: int, end: int) -> int:
    """Where the first character a footnote marker can start with (``[``, a superscript
    digit) stands in ``text[start:end]``; ``end`` if none. The compiled scanner's answer
    when it is built: the regular expression engine tests its first character class one
    character at a time, through a call each."""
    if _scan is not None:
        found = _scan.first_marker(text, start, end)
        return end if found < 0 else found  # type: ignore[no-any-return]
    match = _MARKER_START.search(text, start, end)
    return end if match is None else match.start()


def doi_places(text: str) -> list[int]:
    """Where ``doi:`` starts in ``text`` (what the compiled scanner gives with the bare URLs)."""
    places, i = [], text.find("doi:")
    while i >= 0:
        places.append(i)
        i = text.find("doi:", i + 1)
    return places


def _trim(url: str) -> str:
    """A bare URL without the punctuation that ends the sentence around it."""
    url = url.rstrip(".,;:!?'\u2019\u201d")
    while url.endswith((")", "]")) and url.count("(") < url.count(")") + (0 if url.endswith(")") else 1):
        url = url[:-1].rstrip(".,;:!?")
    return url


def _labels(text: str) -> list[str]:
    """Footnote labels in a marker: ``1, 3`` and ``2-4`` name several."""
    labels: list[str] = []
    for part in re.split(r" ?, ?", text):
        bounds = re.split(r" ?[\u2013-] ?", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit() and 0 <= int(bounds[1]) - int(bounds[0]) < 20:
            labels.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            labels.append(part)
    return labels


def first_use(uses: dict[str, int], url: str, offset: int) -> None:
    """Keep ``offset`` as where ``url`` is first used on the page unless an earlier one is kept."""
    known = uses.get(url)
    if known is None or known > offset:
        uses[url] = offset


class BlockEvidence:
    """What cites a block: URLs with their verdicts, attributions, and the verdict on its figures."""

    __slots__ = ("urls", "attributions", "cited")

    def __init__(self, urls: list[tuple[int, UrlVerdict]] | None = None, attributions: list[Attribution] | None = None,
                 cited: bool = False) -> None:
        self.urls = urls if urls is not None else []
        self.attributions = attributions if attributions is not None else []
        self.cited = cited


class PageCitations:
    """The citations of one page, computed block by block on demand."""

    def __init__(self, page: Page, index: SourceIndex, spans: list[tuple[int, int]] | None = None,
                 dois: list[int] | None = None) -> None:
        """``spans``: where bare URLs stand in the page text, and ``dois`` where ``doi:`` does,
        if already found (:func:`bare_urls`, :func:`doi_places`)."""
        self.page = page
        self.index = index
        text = page.text
        if spans is None:
            spans = bare_urls(text)
        if dois is None:
            dois = doi_places(text)
        self.bare: list[tuple[int, str]] = bare_citations(text, spans, dois)
        """The bare URLs and DOIs as (offset, URL trimmed of the punctuation around it), in order."""
        self._bare: dict[int, list[tuple[int, str]]] = {}
        if _scan is not None:  # compiled, the same grouping
            self._bare = _scan.group_by_block(self.bare, page.starts)
        else:
            for found in self.bare:
                self._bare.setdefault(page.block_at(found[0]), []).append(found)
        self._by_block: dict[int, list[tuple[int, str]]] | None = None
        self._footnotes: dict[str, list[int]] | None = None
        self._own: dict[int, BlockEvidence] = {}
        self._fragments: dict[str, int | None] = {}
        self._ids: dict[str, Any] | None = None
        self._notes: dict[int, BlockEvidence] = {}
        self.reference_blocks: set[int] = set()

    @property
    def _links(self) -> dict[int, list[tuple[int, str]]]:
        """Each block's links as (start, href), in document order."""
        if self._by_block is None and _scan is not None:
            self._by_block = _scan.links_by_block(self.page.link_tuples)
        if self._by_block is None:  # the definition
            self._by_block = {}
            for href, start, block in self.page.link_tuples:
                if block in self._by_block:
                    self._by_block[block].append((start, href))
                else:
                    self._by_block[block] = [(start, href)]
        return self._by_block

    def url_spans(self) -> list[tuple[int, int]]:
        """Where bare URLs stand in the page text (figures inside them are not figures)."""
        return [(start, start + len(url)) for start, url in self.bare]

    # footnotes ---------------------------------------------------------------------
    def reference_headings(self) -> list[int]:
        """The blocks that open a references section, in order: short blocks (under 60
        characters) right after a line break, not list items, that read as its name
        (``References``, ``Sources:``, ``Notes and sources``...; see :data:`_REFERENCES`)."""
        page = self.page
        text, kinds = page.text, page.kinds
        if _scan is not None:  # compiled, the same as what follows
            return _scan.reference_headings(text, page.starts, page.ends, kinds)  # type: ignore[no-any-return]
        candidates = [i for i, (start, end) in enumerate(zip(page.starts, page.ends))
                      if 0 < start and end - start < 60 and text[start - 1] == "\n"
                      and text[start:end].lstrip(" :")[:1].lower() in _REFERENCES_INITIALS]
        return [heading for heading in candidates if kinds[heading] not in ("item", "footnote")
                and _REFERENCES.fullmatch(text[page.starts[heading]:page.ends[heading]].strip(" :")) is not None]

    def numbered_items(self) -> list[tuple[int, str]]:
        """(block, label) of each numbered item of a references section, in page order: the
        items that follow its heading, numbered from 1 (or as an ordered list numbers them,
        a ``#3`` label), past blocks without text (in HTML the list's own ``<ol>``, or a
        ``<div>`` around it); in HTML, an item without text of its own is followed by the
        blocks of text in one element, which are that item's (with its label: the paragraphs
        of ``<li><p>...</p><p>...</p></li>``); a paragraph that opens with a number
        (:data:`_LEAD_LABEL`: ``<p>[3] Smith ...</p>``) is the reference of that number. Compiled
        when the scanner is built."""
        page = self.page
        kinds, labels, containers = page.kinds, page.labels, page.containers
        if _scan is not None:  # compiled, what follows
            return _scan.numbered_items(page.text, page.starts, page.ends, kinds, containers, labels)  # type: ignore[no-any-return]
        count = len(kinds)
        numbered: list[tuple[int, str]] = []
        for heading in self.reference_headings():
            number, i, label = 0, heading + 1, ""
            holder = -1  # the element holding the text of an item without text of its own (-2: still unknown)
            while i < count:
                kind = kinds[i]
                if kind == "item" or kind == "footnote":
                    number += 1
                    label = str(number)
                    for written in labels.get(i, ()) if labels else ():
                        if written.startswith("#"):  # the number an ordered list gives it
                            label = written[1:]
                            break
                    numbered.append((i, label))
                    holder = -1 if self._has_text(i) else -2
                elif self._has_text(i):
                    if (lead := _LEAD_LABEL.match(page.text, page.starts[i], page.ends[i])) is not None:
                        label, holder = lead.group(1) or lead.group(2), -1  # <p>[3] ...</p>
                    elif holder == -2 and containers[i] >= 0:
                        holder = containers[i]  # <li><p>...</p></li>: the item's text is in its paragraphs
                    elif holder < 0 or containers[i] != holder:
                        break  # the section's first block of text that is not an item's ends it
                    numbered.append((i, label))
                i += 1
        return numbered

    def footnotes(self) -> dict[str, list[int]]:
        """Blocks by the footnote label they define: the labels a block defines (``[^1]:``)
        and the numbered items of references sections (:meth:`numbered_items`)."""
        if self._footnotes is not None:
            return self._footnotes
        numbered = self.numbered_items()
        labels = self.page.labels
        notes: dict[str, list[int]] = {}
        self._footnotes = notes
        if not numbered and not labels:
            return notes
        self.reference_blocks.update(i for i, _ in numbered)
        events = [(i, 0, label) for i, label in numbered]  # (block, 0 for a numbered item / 1 for a label, label)
        if labels:
            for i, written_labels in labels.items():
                for label in written_labels:
                    if not label.startswith("#"):
                        events.append((i, 1, label))
                        self.reference_blocks.add(i)
            events.sort(key=lambda event: (event[0], event[1]))
        for i, _, label in events:  # numbered items alone are in page order already
            found = notes.get(label)
            if found is None:
                notes[label] = [i]
            else:
                found.append(i)
        return notes

    def _target(self, fragment: str) -> int | None:
        """The block an in-page ``#fragment`` link points at (a footnote), if any."""
        if fragment in self._fragments:
            return self._fragments[fragment]
        found = self._fragments[fragment] = self._find_target(fragment)
        return found

    def _element(self, fragment: str) -> Any:
        """The first element whose id is ``fragment``: one query for it (a page has a few
        fragment links; reading every id into a dict cost five times more), or, for a
        fragment a CSS string cannot hold as it is, every id found in one query."""
        if self._ids is None:
            self._ids = {}
        if fragment in self._ids:
            return self._ids[fragment]
        if fragment.isprintable() and '"' not in fragment and "\\" not in fragment:
            found = self._ids[fragment] = self.page.tree.css_first(f'[id="{fragment}"]')
            return found
        every: dict[str, Any] = {}
        for node in self.page.tree.css("[id]"):
            every.setdefault(node.attributes.get("id") or "", node)
        found = self._ids[fragment] = every.get(fragment)
        return found

    def _find_target(self, fragment: str) -> int | None:
        tree = self.page.tree
        if tree is None or not fragment or '"' in fragment or "\\" in fragment:
            return None
        element = self._element(fragment)
        if element is None:
            return None  # preparing removes elements, it adds no id
        if self.page.prepare is not None:
            # the tree is read as the page text was (hidden parts removed, superscripts
            # rewritten) only if the element could read otherwise; most footnotes cannot
            text = " ".join((element.text() or "").split())
            if text and reads_as_prepared(element):
                found = self.page.text.find(text[:40])
                return self.page.block_at(found) if found >= 0 else None
            self.page.prepare()
            self.page.prepare = None
            self._ids = None
            element = self._element(fragment)
        while element is not None:
            text = " ".join((element.text() or "").split())
            if text:
                found = self.page.text.find(text[:40])
                return self.page.block_at(found) if found >= 0 else None
            element = element.parent
        return None

    def targets(self, block: int) -> list[int]:
        """The footnote blocks that block ``block`` refers to."""
        page = self.page
        found: list[int] = []
        end = page.ends[block]
        first = first_marker(page.text, page.starts[block], end)
        # most blocks have no marker: no expression then (setting one up costs 1 to 10 µs)
        for match in _MARKER.finditer(page.text, first, end) if first < end else ():
            raw = match.group(2) or (match.group(1) + match.group(3)).translate(_SUPERSCRIPT)
            for label in _labels(raw):
                found.extend(self.footnotes().get(label, ()))
        for _, href in self._links.get(block, ()):
            if href.startswith("#") and (target := self._target(href[1:])) is not None:
                found.append(target)
        for symbol in self.symbols(block):
            if (note := self._symbol_note(block, symbol)) is not None:
                found.append(note)
        return [t for t in dict.fromkeys(found) if t != block]

    def symbols(self, block: int) -> list[str]:
        """The footnote symbols glued to what they mark in a block, once each: a run of up to
        three :data:`_SYMBOLS` after a character that is neither white space nor a symbol,
        before white space, punctuation or the block's end (``$79,880.*``, ``6%\u2020``,
        ``ratio**``; ``5 * 3`` and ``\u00a7 14`` mark nothing). Found with ``str.find``: a
        regular expression opening with their class cost 40 \u00b5s on a long block."""
        text, start, end = self.page.text, self.page.starts[block], self.page.ends[block]
        found: list[str] = []
        for symbol in _SYMBOLS:
            i = text.find(symbol, start, end)
            while i >= 0:
                j = i + 1
                while j < end and text[j] in _SYMBOLS:
                    j += 1
                before = text[i - 1]  # a block starts after its "\n": there is one
                if (j - i <= 3 and not before.isspace() and before not in _SYMBOLS
                        and (j == end or text[j].isspace() or text[j] in _AFTER_SYMBOL) and text[i:j] not in found):
                    found.append(text[i:j])
                i = text.find(symbol, j, end)
        return found

    def _symbol_note(self, block: int, symbol: str) -> int | None:
        """The first block after ``block`` that opens with ``symbol`` (``* Source: ...``,
        ``† Projections ...``), the note a figure marked with it refers to; None if none."""
        page = self.page
        text = page.text
        for following in range(block + 1, len(page.starts)):
            start, end = page.starts[following], page.ends[following]
            while start < end and text[start].isspace():
                start += 1
            if text.startswith(symbol, start, end) and not text.startswith(_SYMBOLS, start + len(symbol), end):
                return following
        return None

    # evidence ------------------------------------------------------------------------
    def urls(self, block: int) -> list[tuple[int, UrlVerdict]]:
        """The external URLs of a block (links and bare URLs) with their verdicts, in order."""
        links = self._links.get(block)
        bare = self._bare.get(block)
        if bare is not None:
            candidates = sorted((links or []) + bare)
        elif links is None:
            return []
        else:
            candidates = sorted(links) if len(links) > 1 else links
        seen: dict[str, tuple[int, UrlVerdict]] = {}
        cited = self.index.cited_url
        for start, href in candidates:
            verdict = cited(href)
            if verdict is not None and verdict.url not in seen:
                seen[verdict.url] = (start, verdict)
        return list(seen.values())

    def direct_urls(self) -> dict[int, list[tuple[int, UrlVerdict]]]:
        """:meth:`urls` of every block that has a citing URL of its own, in one pass over the links."""
        found: dict[int, list[tuple[int, UrlVerdict]]] = {}
        cited = self.index.cited_url
        seen: dict[str, tuple[int, UrlVerdict]] = {}
        current, previous_start, exact = -1, -1, set(self._bare)
        for href, start, block in self.page.link_tuples:
            if block != current:
                if seen:
                    found[current] = list(seen.values())
                    seen = {}
                current, previous_start = block, -1
            elif start == previous_start:
                exact.add(block)  # two links at one place: ordered by target, as urls() does
            previous_start = start
            verdict = cited(href)
            if verdict is not None and verdict.url not in seen:
                seen[verdict.url] = (start, verdict)
        if seen:
            found[current] = list(seen.values())
        for block in exact:
            urls = self.urls(block)
            if urls:
                found[block] = urls
            else:
                found.pop(block, None)
        return found

    def cite_by_own_links(self, by_block: dict[int, list[Any]], checked: dict[int, UrlVerdict],
                          uses: dict[str, int] | None, credits: bool = False) -> tuple[int, list[int]]:
        """Decide the blocks of ``by_block`` (statistics by block, in page order) whose own
        links or URLs cite them (:meth:`direct_urls`): each URL's verdict goes into ``checked``
        under its offset unless there already; each primary one's URL into ``uses`` (if a
        dict) with the offset of the block's first statistic, unless an earlier offset is
        there already (see :func:`first_use`). Returns how many statistics
        those blocks hold and the other blocks, in order (their citations are looked for
        further: footnotes, attributions, credit lines).

        With ``credits``, the compiled scanner also decides the blocks cited by nothing of
        their own but a credit line with links (:meth:`credit`), as the caller's loop over
        the other blocks would; without the scanner that loop decides them."""
        if _scan is not None:
            page = self.page
            return _scan.cite_by_own_links(  # type: ignore[no-any-return]
                page.link_tuples, self._bare, by_block, self.index.cited_verdicts, self.index.cited_url,
                checked, uses, (page.text, page.starts, page.ends, page.kinds, page.containers,
                                self.index.attributions if self.index.names else None, CREDIT_LENGTH, CREDIT_BLOCKS)
                if credits else None)
        direct = self.direct_urls()
        cited, rest = 0, []
        for block, found in by_block.items():
            urls = direct.get(block)
            if not urls:
                rest.append(block)
                continue
            for offset, verdict in urls:
                if offset not in checked:
                    checked[offset] = verdict
                if uses is not None and verdict.status == "primary":
                    first_use(uses, verdict.url, found[0][0])
            cited += len(found)
        return cited, rest

    def check_urls(self, blocks: list[int], checked: dict[int, UrlVerdict]) -> None:
        """Put the verdict on each URL of ``blocks`` (in ascending order) into ``checked``
        under its offset, unless there already: :meth:`urls` of each, in one pass over the
        page's links when the scanner is built (the links are not grouped by block for it)."""
        if _scan is not None:
            # each block with no statistics (one empty list for all: the pass only reads it)
            _scan.cite_by_own_links(self.page.link_tuples, self._bare, dict.fromkeys(blocks, []), self.index.cited_verdicts,
                                    self.index.cited_url, checked, None)
            return
        for block in blocks:
            for offset, verdict in self.urls(block):
                checked.setdefault(offset, verdict)

    def own(self, block: int) -> BlockEvidence:
        """A block's own citations: its URLs, its attributions, and the footnotes it refers to."""
        evidence = self._own.get(block)
        if evidence is not None:
            return evidence
        urls = self.urls(block)
        evidence = BlockEvidence(urls, None, bool(urls))
        if not urls:
            page = self.page
            evidence.attributions = self.index.attributions(page.text, page.starts[block], page.ends[block])
            evidence.cited = any(self.index.has_primary_url(a) for a in evidence.attributions)
            if not evidence.cited:
                for target in self.targets(block):
                    note = self.own_only(target)
                    evidence.urls.extend(note.urls)
                    evidence.attributions.extend(note.attributions)
                    evidence.cited = evidence.cited or note.cited
        self._own[block] = evidence
        return evidence

    def own_only(self, block: int) -> BlockEvidence:
        """A footnote's citations (its URLs and attributions; footnotes of footnotes are not followed)."""
        evidence = self._notes.get(block)
        if evidence is None:
            page = self.page
            urls = self.urls(block)
            attributions = self.index.attributions(page.text, page.starts[block], page.ends[block])
            cited = bool(urls) or any(self.index.has_primary_url(a) for a in attributions)
            evidence = self._notes[block] = BlockEvidence(urls, attributions, cited)
        return evidence

    def credit(self, block: int, with_figures: Container[int]) -> BlockEvidence | None:
        """The credit line of this block: the first of the next :data:`CREDIT_BLOCKS` blocks
        with citations (URLs or attributions), those before it having none; each short, no
        heading, no note opening with a footnote symbol (:meth:`_note`: that one is the note
        of the figures marked with it), not one of the blocks ``with_figures``, and in the
        block's container (the next block: unless either container is unknown; those after
        it: known and the same, as the lines of an HTML card are:
        ``<div><p>52%</p><p>label</p><p>source</p></div>``)."""
        page = self.page
        mine = page.containers[block]
        for following in range(block + 1, min(block + 1 + CREDIT_BLOCKS, len(page.starts))):
            if following in with_figures:
                return None
            if (page.ends[following] - page.starts[following] > CREDIT_LENGTH or page.kinds[following] == "heading"
                    or self._note(following)):
                return None  # a note opening with a symbol is the note of the figures marked with it
            theirs = page.containers[following]
            if (mine >= 0 and theirs >= 0 and mine != theirs) if following == block + 1 else (mine < 0 or theirs != mine):
                return None
            evidence = self.own(following)
            if evidence.urls or evidence.attributions:
                return evidence
        return None

    def _note(self, block: int) -> bool:
        """Whether a block opens with a footnote symbol (:data:`_SYMBOLS`): the note of the
        figures marked with it (:meth:`symbols`), no credit line of the block above."""
        page = self.page
        return page.text[page.starts[block]:page.ends[block]].lstrip().startswith(_SYMBOLS)

    def _has_text(self, block: int) -> bool:
        """Whether a block holds more than white space."""
        page = self.page
        return bool(page.text[page.starts[block]:page.ends[block]].strip())

    def _run_edges(self, block: int, kind: str) -> tuple[int, int]:
        """The blocks just before and just after the run of ``kind`` blocks (table rows, list
        items) that ``block`` stands in, passing over blocks without text (the table's and
        list's own elements); -1 and ``len(page.starts)`` at the page's ends."""
        kinds, count = self.page.kinds, len(self.page.starts)
        before = block - 1
        while before >= 0 and (kinds[before] == kind or not self._has_text(before)):
            before -= 1
        after = block + 1
        while after < count and (kinds[after] == kind or not self._has_text(after)):
            after += 1
        return before, after

    def _source_line(self, block: int, strict: bool = False) -> bool:
        """Whether a block reads as a source line: short, no heading, starting "Source",
        "Data" or "Note" (:data:`_SOURCE_LINE`; ``strict``: followed by a colon or a dash,
        :data:`_SOURCE_LABEL`, as a table row or a line away from its figure must be)."""
        page = self.page
        start, end = page.starts[block], page.ends[block]
        return (end - start <= CREDIT_LENGTH and page.kinds[block] != "heading"
                and (_SOURCE_LABEL if strict else _SOURCE_LINE).match(page.text, start, end) is not None)

    def surroundings(self, block: int, with_figures: Container[int] = ()) -> BlockEvidence | None:
        """What cites a block as part of what it belongs to, when nothing of its own does:

        * a table row: the table's caption (``<caption>``, or a ``<figcaption>`` right
          before or after the table), a short line right after the table that starts with
          "Source", "Data" or "Note", or a row of the table that starts with "Source:" (a
          ``<tfoot>`` row);
        * a list item: the block right before the list when it ends with a colon
          (``According to <a>Noy & Zhang</a>:``) or is a heading (``<h3>Findings from
          <a>the survey</a></h3>``), or a source line right after the list;
        * a heading: the first block of text under it;
        * any block but a heading: a line starting "Source:" (or "Data:", "Note:", after
          a ``*`` or ``†``) among the :data:`CREDIT_BLOCKS` blocks of text below it, those
          before it short, no heading and none of ``with_figures``, in whatever element
          (the source line under a card: ``<div><p>36%</p><p>growth</p></div><p>Source:
          ...</p>``).

        None when none of these is there or cites (no URL, no attribution)."""
        page = self.page
        kind, count = page.kinds[block], len(page.starts)
        candidates: list[int] = []
        if kind == "row":
            before, after = self._run_edges(block, "row")
            if before >= 0 and page.kinds[before] == "caption":
                candidates.append(before)
            if after < count and (page.kinds[after] == "caption" or self._source_line(after)):
                candidates.append(after)
            candidates.extend(row for row in range(before + 1, after)
                              if row != block and page.kinds[row] == "row" and self._source_line(row, strict=True))
        elif kind == "heading":
            after = block + 1
            while after < count and not self._has_text(after):
                after += 1
            if after < count and page.kinds[after] != "heading":
                candidates.append(after)
        elif kind == "item":
            before, after = self._run_edges(block, "item")
            if before >= 0 and (page.kinds[before] == "heading"
                                or page.text[page.starts[before]:page.ends[before]].rstrip().endswith(":")):
                candidates.append(before)
            if after < count and self._source_line(after):
                candidates.append(after)
        if kind != "heading":
            following, seen = block + 1, 0
            while following < count and seen < CREDIT_BLOCKS and following not in with_figures:
                if self._has_text(following):
                    if self._source_line(following, strict=True):
                        candidates.append(following)
                        break
                    if page.ends[following] - page.starts[following] > CREDIT_LENGTH or page.kinds[following] == "heading":
                        break
                    seen += 1
                following += 1
        for candidate in candidates:
            evidence = self.own(candidate)
            if evidence.urls or evidence.attributions:
                return evidence
        return None
