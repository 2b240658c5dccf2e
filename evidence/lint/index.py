"""What a page's citations resolve to in a catalogue: URLs, DOIs and names of sources.

Built once per lint run from a loaded catalogue (or from the default settings when there
is none) and shared by every page. URL and aggregator judgements are the checker's own:
each source's status comes from :func:`schemas.sources.source_status`, and cited URLs are
normalised with :func:`schemas.urls.normalise_url`, so a URL the checker refuses is refused
here for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from evidence.context import Context
from evidence.strength import Strength
from evidence.lint.native import scan as _scan
from schemas.sources import SourceStatus, host_matches, source_status
from schemas.catalogue import Catalogue
from schemas.config import Config
from schemas.urls import Url, UrlError, doi_of_url, normalise_doi, normalise_url

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9*'\u2019.-]*[A-Za-z0-9*]|[A-Za-z0-9]|&")
_DOI_IN_PATH = re.compile(r"/(10\.[0-9]{4,9}/[^?#\s]+)")
_SHORT_NAME = re.compile(r"^(.*?)(?::| \(| \u2014 | - )")
SHARE_ENDPOINTS = (
    ("twitter.com", "/intent/"), ("twitter.com", "/share"), ("x.com", "/intent/"), ("x.com", "/share"),
    ("facebook.com", "/sharer"), ("facebook.com", "/share.php"), ("facebook.com", "/dialog/share"),
    ("linkedin.com", "/sharing/"), ("linkedin.com", "/shareArticle"), ("linkedin.com", "/cws/share"),
    ("reddit.com", "/submit"), ("pinterest.com", "/pin/create"), ("tumblr.com", "/widgets/share"),
    ("whatsapp.com", "/send"), ("wa.me", "/"), ("t.me", "/share"), ("telegram.me", "/share"),
    ("news.ycombinator.com", "/submitlink"), ("bsky.app", "/intent/"), ("threads.net", "/intent/"),
)
"""Share buttons: (host, path prefix) of the pages that post a link to a social network.
A share button on a page is no citation, whatever the host (a reader's post of the page,
not a source), so its URL cites nothing: no EV603 for the aggregator it points at."""
_STOP = frozenset(("the", "a", "an", "of", "and", "&", "in", "on", "for", "at", "to", "report", "study", "survey", "data"))


@dataclass(frozen=True, slots=True)
class UrlVerdict:
    """What a cited URL is: ``primary``, ``aggregator``, ``unknown``, ``invalid``, ``internal``
    (the site's own page) or ``share`` (a share button, :data:`SHARE_ENDPOINTS`)."""

    url: str
    status: str
    source: str | None = None
    reason: str = ""

    @property
    def cites(self) -> bool:
        """True when the URL points outside the site and is no share button, so it is meant as a citation."""
        return self.status != "internal" and self.status != "share"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source named in the text: the name as written and the catalogue sources it may mean."""

    start: int
    end: int
    name: str
    sources: tuple[str, ...]


def is_share_button(url: Url) -> bool:
    """Whether a normalised URL is a share button's (:data:`SHARE_ENDPOINTS`)."""
    path = urlsplit(url.text).path
    return any(path.startswith(prefix) and host_matches(url.host, (host,)) for host, prefix in SHARE_ENDPOINTS)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Word tokens of a name or a text (``&`` is a token; ``and`` is read as ``&``)."""
    return list(_TOKEN.finditer(text, start, len(text) if end is None else end))


def _key(url: Url) -> str:
    parts = urlsplit(url.text)
    host = url.host[4:] if url.host.startswith("www.") else url.host
    path = parts.path.rstrip("/")
    return host + path + ("?" + parts.query if parts.query else "")


def _doi_in(url: Url) -> str | None:
    doi = doi_of_url(url)
    if doi is None and (found := _DOI_IN_PATH.search(urlsplit(url.text).path)) is not None:
        try:
            doi = normalise_doi(unquote(found.group(1)))
        except UrlError:
            return None
    return doi


def _qualifies(name: tuple[str, ...]) -> bool:
    """A name precise enough to stand for a source: not one common word, not lower-case only."""
    if not name or all(t.lower() in _STOP for t in name):
        return False
    if len(name) == 1:
        word = name[0]
        return len(word) >= 3 and any(c.isupper() for c in word)
    return any(c.isupper() or c.isdigit() for t in name for c in t)


def _same(words: list[str], name: tuple[str, ...]) -> bool:
    """``words`` spell ``name``; a closing number may be glued to what follows ("Report 20252030")."""
    if len(words) != len(name):
        return False
    last = name[-1]
    if words[-1] != last and not (last.isdigit() and words[-1].startswith(last)):
        return False
    return tuple(words[:-1]) == name[:-1]


class RankedClaims(NamedTuple):
    """Claims of a catalogue that EV301 may find on a page, by id (see
    :meth:`SourceIndex.ranked_claims`), as parallel lists."""

    ranked: list[tuple[str, Strength]]
    """(claim id, strength), ids ascending."""
    texts: list[str]
    """Each claim's text as a page prints it (white space collapsed, apostrophe straight)."""
    lowered: list[str]
    """The same, lower-cased."""
    ranks: list[int]
    """Each claim's evidence rank (smaller: stronger)."""
    urls: list[str | None]
    """Each claim's primary URL (normalised), if it has one."""
    needles: Any = None
    """``lowered`` prepared for the compiled scanner's ``find_folded`` (None without it)."""


@dataclass
class SourceIndex:
    """The sources of a catalogue by normalised URL, DOI and name; the site's own hosts."""

    catalogue: Catalogue | None
    config: Config = field(default_factory=Config)
    statuses: dict[str, SourceStatus] = field(default_factory=dict)
    by_url: dict[str, str] = field(default_factory=dict)
    by_doi: dict[str, str] = field(default_factory=dict)
    by_host: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = field(default_factory=dict)
    site_hosts: set[str] = field(default_factory=set)
    first_words: frozenset[str] = frozenset()
    """The words a name can start with as written on a page (``and`` for ``&``): a block
    with none of them names no source."""
    _verdicts: dict[str, UrlVerdict] = field(default_factory=dict, repr=False)
    _cited: dict[str, UrlVerdict | None] = field(default_factory=dict, repr=False)
    _ranked: dict[frozenset[str], RankedClaims] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, catalogue: Catalogue | None) -> SourceIndex:
        """Index a loaded catalogue; ``None`` gives an index that only knows aggregator hosts."""
        config = catalogue.config if catalogue is not None else Config()
        index = cls(catalogue, config)
        if catalogue is None:
            return index
        named: dict[tuple[str, ...], set[str]] = {}
        for sid, source in sorted(catalogue.sources.items()):
            status = source_status(source, config)
            index.statuses[sid] = status
            if status.url is not None:
                index.by_url.setdefault(_key(status.url), sid)
                index.by_host.setdefault(status.url.host, []).append(sid)
                if (doi := _doi_in(status.url)) is not None:
                    index.by_doi.setdefault(doi, sid)
            if status.doi is not None:
                index.by_doi.setdefault(status.doi, sid)
            for name in cls._names(source.title, source.publisher, source.authors):
                named.setdefault(name, set()).add(sid)
        for name, ids in named.items():
            index.names.setdefault(name[0], []).append((name, frozenset(ids)))
        for entries in index.names.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        index.first_words = frozenset(index.names) | ({"and"} if "&" in index.names else set())
        for page in catalogue.pages.values():
            if page.url:
                try:
                    index.site_hosts.add(normalise_url(page.url, allow_private=True).host)
                except UrlError:
                    pass
        return index

    @staticmethod
    def _names(title: str, publisher: str | None, authors: list[str]) -> set[tuple[str, ...]]:
        """The ways a page may name a source: its title, short title, publisher, authors."""
        texts = [title, publisher or ""]
        if (short := _SHORT_NAME.match(title)) is not None:
            texts.append(short.group(1))
        if len(authors) == 2:
            texts.append(f"{authors[0]} & {authors[1]}")
        elif len(authors) > 2:
            texts.append(f"{authors[0]} et al")
        names = set()
        for text in texts:
            name = tuple("&" if t.group(0) == "and" else t.group(0) for t in tokens(text))
            if _qualifies(name):
                names.add(name)
        return names

    @cached_property
    def context(self) -> Context | None:
        """The checker's context of the catalogue (claim strengths for EV301), made on first use."""
        return Context(self.catalogue) if self.catalogue is not None else None

    @cached_property
    def claims_by_source(self) -> dict[str, list[str]]:
        """The ids of the claims citing each source, for matching a page's claims."""
        claims: dict[str, list[str]] = {}
        if self.catalogue is not None:
            for cid, claim in sorted(self.catalogue.claims.items()):
                for citation in claim.citations():
                    claims.setdefault(citation.source, []).append(cid)
        return claims

    @cached_property
    def claim_texts(self) -> dict[str, tuple[str, str]]:
        """Each claim's text as a page would print it (white space collapsed, curly apostrophe
        straightened), and lower-cased: what EV301 looks for on a page."""
        texts: dict[str, tuple[str, str]] = {}
        if self.catalogue is not None:
            for cid, claim in self.catalogue.claims.items():
                wanted = " ".join(claim.text.split()).replace("\u2019", "'")
                texts[cid] = (wanted, wanted.lower())
        return texts

    def ranked_claims(self, sources: Iterable[str]) -> RankedClaims:
        """The claims citing any of ``sources`` whose evidence has a rank (what EV301
        orders), by id. Kept per set of sources for the run: a site's pages cite a few sets."""
        key = frozenset(sources)
        known = self._ranked.get(key)
        if known is not None:
            return known
        ranked: list[tuple[str, Strength]] = []
        context = self.context
        if context is not None:
            by_source = self.claims_by_source
            strengths = context.strengths
            ranked = [(cid, strength) for cid in sorted({cid for sid in key for cid in by_source.get(sid, ())})
                      if (strength := strengths[cid]).rank is not None]
        texts = self.claim_texts
        lowered = [texts[cid][1] for cid, _ in ranked]
        known = self._ranked[key] = RankedClaims(
            ranked, [texts[cid][0] for cid, _ in ranked], lowered,
            [strength.rank for _, strength in ranked],  # type: ignore[misc]
            [strength.url.text if strength.url is not None else None for _, strength in ranked],
            _scan.Needles(lowered) if _scan is not None and ranked else None)
        return known

    def resolve_url(self, raw: str) -> UrlVerdict:
        """Judge one cited URL: a primary source of the catalogue, an aggregator, unknown, ...

        Verdicts are kept per URL for the whole run: a site cites the same studies on many pages.
        """
        verdict = self._verdicts.get(raw)
        if verdict is None:
            verdict = self._verdicts[raw] = self._resolve(raw)
        return verdict

    @property
    def cited_verdicts(self) -> dict[str, UrlVerdict | None]:
        """:meth:`cited_url`'s answers so far, by written form (compiled code reads them here)."""
        return self._cited

    def cited_url(self, href: str) -> UrlVerdict | None:
        """The verdict on a link target or bare URL written in a page, or None when it cites
        nothing (not http(s), or the site's own page). ``doi:`` and ``//host`` forms are read
        as URLs. Kept per written form for the run, like :meth:`resolve_url`.
        """
        try:
            return self._cited[href]
        except KeyError:
            pass
        url = href.strip()
        if url.lower().startswith("doi:"):
            url = "https://doi.org/" + url[4:].strip()
        elif url.startswith("//"):
            url = "https:" + url
        verdict = self.resolve_url(url) if url.lower().startswith(("http://", "https://")) else None
        if verdict is not None and not verdict.cites:
            verdict = None
        self._cited[href] = verdict
        return verdict

    def _resolve(self, raw: str) -> UrlVerdict:
        try:
            url = normalise_url(raw, allow_private=self.config.allow_private_hosts)
        except UrlError as exc:
            return UrlVerdict(raw, "invalid", reason=str(exc))
        sid = self.by_url.get(_key(url))
        if sid is None and (doi := _doi_in(url)) is not None:
            sid = self.by_doi.get(doi)
        if sid is not None:
            status = self.statuses[sid]
            if status.aggregator:
                return UrlVerdict(url.text, "aggregator", sid, f"source '{sid}' is an aggregator")
            return UrlVerdict(url.text, "primary", sid)
        if is_share_button(url):
            return UrlVerdict(url.text, "share")
        if host_matches(url.host, self.config.aggregator_domains):
            return UrlVerdict(url.text, "aggregator", reason=f"{url.host} is an aggregator")
        if url.host in self.site_hosts:
            return UrlVerdict(url.text, "internal")
        if self.catalogue is None:
            return UrlVerdict(url.text, "primary")
        same_host = self.by_host.get(url.host)
        hint = f" (the catalogue cites {url.host} as '{same_host[0]}')" if same_host else ""
        return UrlVerdict(url.text, "unknown", reason=f"it is not the URL of any source in the catalogue{hint}")

    def attributions(self, text: str, start: int, end: int) -> list[Attribution]:
        """The sources named in ``text[start:end]``, longest name first at each place.

        The block's words are read as strings; only where one can start a name are names
        compared, and the words' places are looked up only when a name is found. The
        compiled scanner, when built, reads the tokens as places instead (one pass, a str
        made only of a token whose first character starts a name)."""
        if not self.names:
            return []
        if _scan is not None:
            places = _scan.name_places(text, start, end, self.names)
            if not places:
                return places  # type: ignore[return-value]  # empty: the list itself, none made
            return [Attribution(begin, stop, text[begin:stop], tuple(sorted(ids))) for begin, stop, ids in places]
        values = _TOKEN.findall(text, start, end)
        first_words = self.first_words
        if first_words.isdisjoint(values):
            return []  # most blocks: not one word a name starts with
        if "and" in values:
            values = ["&" if value == "and" else value for value in values]
        found: list[Attribution] = []
        words: list[re.Match[str]] | None = None
        after = 0  # a name's words are not read again as the start of another
        for i in [i for i, value in enumerate(values) if value in first_words or value == "&"]:
            if i < after:
                continue
            for name, ids in self.names.get(values[i], ()):
                size = len(name)
                if _same(values[i:i + size], name):
                    if words is None:
                        words = tokens(text, start, end)
                    begin, stop = words[i].start(), words[i + size - 1].end()
                    found.append(Attribution(begin, stop, text[begin:stop], tuple(sorted(ids))))
                    after = i + size
                    break
        return found

    def has_primary_url(self, attribution: Attribution) -> bool:
        """True when every source the name may mean has a primary URL."""
        return all(self.statuses[s].primary_url is not None for s in attribution.sources)
