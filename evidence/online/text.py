"""A fetched page as text: what a reader sees (no scripts, no markup), normalised so a quote
matches whatever typography the page uses; and two page-level measures, "looks like a
missing page" and "is the same page as".
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from typing import Mapping

_SKIPPED = frozenset(("script", "style", "noscript", "template", "svg"))
_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
})
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|(?:\.\s*){3}|\u2026)\s*")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MISSING = re.compile(
    r"^(?:error )?404\b|\b404 (?:error|not found)\b|\berror 404\b|^not found\b|\bpage not found\b"
    r"|\bpage (?:does not|doesn't) exist\b|\bpage (?:is )?no longer available\b|\bpage (?:cannot|can't|could not) be found\b")
_WORD = re.compile(r"\w+")


class _TextParser(HTMLParser):
    """Collects the visible text and the ``<title>`` of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIPPED:
            self._skipping.append(tag)
        elif tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data)


def _charset(headers: Mapping[str, str], body: bytes) -> str:
    content_type = headers.get("Content-Type", "")
    match = re.search(r"charset=[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    if match is None:
        match = _CHARSET.search(body[:4096])  # type: ignore[assignment]
        if match is not None:
            return match.group(1).decode("ascii", "replace")  # type: ignore[union-attr]
        return "utf-8"
    return match.group(1)


def page_text(headers: Mapping[str, str], body: bytes | None) -> tuple[str, str] | None:
    """``(title, text)`` of an HTML or plain-text answer; None for other media (PDF, images, ...)."""
    if body is None:
        return None
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in ("", "text/html", "application/xhtml+xml", "text/plain"):
        return None
    try:
        decoded = body.decode(_charset(headers, body), errors="replace")
    except LookupError:
        decoded = body.decode("utf-8", errors="replace")
    if content_type == "text/plain":
        return "", decoded
    parser = _TextParser()
    try:
        parser.feed(decoded)
        parser.close()
    except (AssertionError, ValueError):  # a broken page still has the text read so far
        pass
    return "".join(parser.title).strip(), "".join(parser.parts)


def normalise(text: str) -> str:
    """NFKC, typographic quotes and dashes made plain, invisible characters dropped, case and spaces folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip().casefold()


def quote_found(quote: str, normalised_text: str) -> bool:
    """True when every part of ``quote`` (split at ellipses) appears in the text, in order."""
    position = 0
    stripped = quote.strip().strip("\"'\u201c\u201d\u2018\u2019")
    for part in _ELLIPSIS.split(stripped):
        needle = normalise(part)
        if not needle:
            continue
        found = normalised_text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def looks_missing(title: str) -> bool:
    """True when a page's title says the page is missing ("404", "Page not found")."""
    return _MISSING.search(normalise(title)) is not None


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' word trigrams (1.0: the same page)."""
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = _WORD.findall(normalise(text))[:5000]
        return {tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2))}

    left, right = shingles(a), shingles(b)
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)
