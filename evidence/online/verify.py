"""Verdicts on source URLs: alive, dead (EV401), redirected elsewhere (EV402), unknown
(EV405, never called dead) or a suspected soft 404 (EV406).

A URL is asked with HEAD first; a HEAD the server refuses or fails (any status from 400,
except 429) is asked again with a GET, as many servers answer HEAD badly. A GET is also
made when the page's text is needed (a cited quote, a soft-404 comparison). Dead means the
server said so (404, 410) or the host does not exist; a redirect loop is dead too, since
no reader can reach the page. Timeouts, 5xx, 429 and refusals are unknown.
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future
from dataclasses import replace
from typing import Callable, Generic, Hashable, TypeVar
from urllib.parse import urlsplit

from evidence.online.fetch import CONNECTION, LOOP, NO_HOST, REFUSED, TIMEOUT, TLS, TOO_MANY, Fetched, Fetcher
from evidence.online.results import ALIVE, DEAD, REDIRECTED, SOFT_404, UNKNOWN, UrlCheck
from evidence.online.text import looks_missing, normalise, page_text, similarity

_NO_RETRY_WITH_GET = frozenset((TIMEOUT, REFUSED, NO_HOST, LOOP, TOO_MANY, TLS))
_HOME_PATHS = frozenset(("", "/", "/index.html", "/index.htm", "/index.php", "/home", "/en", "/en/", "/default.aspx"))
_RESOLVERS = frozenset(("doi.org", "dx.doi.org", "www.doi.org", "hdl.handle.net", "n2t.net", "identifiers.org"))
SAME_PAGE = 0.9

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Once(Generic[K, V]):
    """Computes each key's value once per run, however many threads ask at the same time.

    A computation that raises is not remembered: the next caller computes again.
    """

    def __init__(self) -> None:
        self._futures: dict[K, Future[V]] = {}
        self._lock = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        with self._lock:
            future = self._futures.get(key)
            owner = future is None
            if future is None:
                future = self._futures[key] = Future()
        if owner:
            try:
                future.set_result(compute())
            except BaseException as exc:  # not remembered (a cache-only miss is tried again), waiters not left hanging
                with self._lock:
                    del self._futures[key]
                future.set_exception(exc)
        return future.result()


def same_site(a: str, b: str) -> bool:
    """True when two hosts are one site: equal without ``www.``, or one a subdomain of the other."""
    a, b = a.lower().removeprefix("www."), b.lower().removeprefix("www.")
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def probe_url(url: str) -> str:
    """A path on ``url``'s site that no page has: stable per site, so its answer can be cached."""
    scheme, _, netloc = url.split("/", 3)[:3]  # a normalised URL: scheme://netloc/...
    token = hashlib.blake2b(f"evidence-soft-404:{netloc}".encode(), digest_size=10).hexdigest()
    return f"{scheme}//{netloc}/{token}-no-such-page"


class UrlVerifier:
    """Turns URLs into :class:`UrlCheck` verdicts, sharing one soft-404 probe per site per run."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._probes: Once[str, UrlCheck] = Once()
        self._checks: Once[tuple[str, bool], UrlCheck] = Once()

    def check(self, url: str, *, need_text: bool = False) -> UrlCheck:
        """The verdict on ``url``; with ``need_text`` the page is read (GET) for its text."""
        return self._checks.get((url, need_text), lambda: self._check(url, need_text))

    def _get_or_head(self, url: str, need_text: bool) -> Fetched:
        head = self.fetcher.fetch(url, "HEAD")
        if head.failure in _NO_RETRY_WITH_GET or head.status == 429:
            return head
        if head.failure or (head.status or 0) >= 400 or need_text:
            return self.fetcher.fetch(url, "GET")
        return head

    def _check(self, url: str, need_text: bool) -> UrlCheck:
        check = _classify(url, self._get_or_head(url, need_text))
        return self._soft_404(check, need_text) if check.verdict == ALIVE else check

    def _soft_404(self, check: UrlCheck, read: bool) -> UrlCheck:
        """Compare a 200 page with the answer to a path no site has (probe): the same page is a soft 404.

        ``read`` says the page was already read with a GET (its text is all there is).
        """
        probe_target = probe_url(check.final_url)
        probe = self._probes.get(probe_target, lambda: self._classify_probe(probe_target))
        if probe.verdict != ALIVE:
            return check  # the site answers a missing page as missing: its 200 is a real page
        if check.final_url != check.url and probe.final_url == check.final_url:
            return replace(check, verdict=SOFT_404, reason=f"redirects to {check.final_url}, where a page that does not exist on the site also lands")
        if check.text is None and not read:  # answered a HEAD: read the page itself (its verdict decides)
            page = self.check(check.url, need_text=True)
            return replace(check, verdict=SOFT_404, reason=page.reason) if page.verdict == SOFT_404 else check
        if check.text is None or probe.text is None:
            return check
        ours = _without_path(check.text, check.final_url)
        theirs = _without_path(probe.text, probe.final_url)
        if similarity(ours, theirs) >= SAME_PAGE:
            return replace(check, verdict=SOFT_404, reason="answers 200 with the same page as a path that does not exist on the site")
        return check

    def _classify_probe(self, target: str) -> UrlCheck:
        fetched = self._get_or_head(target, False)
        probe = _classify(target, fetched)
        if probe.verdict == ALIVE and probe.text is None:
            probe = _classify(target, self.fetcher.fetch(target, "GET"))
        return probe


def _without_path(text: str, url: str) -> str:
    """The text without mentions of the page's own path (a 404 page often repeats it)."""
    path = normalise(urlsplit(url).path)
    return text.replace(path, " ") if len(path) > 1 else text


def _classify(url: str, fetched: Fetched) -> UrlCheck:
    """The verdict a chain's end gives, before any soft-404 comparison."""
    answer = fetched.answer
    checked_at = answer.checked_at if answer else None

    def verdict(kind: str, reason: str, text: str | None = None) -> UrlCheck:
        return UrlCheck(url, kind, fetched.status, fetched.final_url, reason, checked_at, fetched.from_cache, text)

    failure = fetched.failure
    if failure == NO_HOST:
        return verdict(DEAD, fetched.detail)
    if failure == LOOP:
        return verdict(DEAD, fetched.detail)
    if failure in (TIMEOUT, CONNECTION, TLS, TOO_MANY, REFUSED):
        return verdict(UNKNOWN, fetched.detail)
    assert answer is not None
    status = answer.status
    if status in (404, 410):
        return verdict(DEAD, f"answers {status}" + (f" at {fetched.final_url}" if fetched.final_url != url else ""))
    if status == 429:
        wait = answer.headers.get("Retry-After")
        return verdict(UNKNOWN, "rate-limited (429)" + (f", asked to wait {wait}" if wait else ""))
    if status >= 500:
        return verdict(UNKNOWN, f"server error ({status})")
    if status >= 400:
        return verdict(UNKNOWN, f"answers {status} to the checker")
    if status >= 300:
        return verdict(UNKNOWN, f"answers {status} without a usable Location")
    if fetched.final_url != url:
        original, final = urlsplit(url), urlsplit(fetched.final_url)
        if original.hostname not in _RESOLVERS and not same_site(original.hostname or "", final.hostname or ""):
            return verdict(REDIRECTED, f"redirects to another site: {fetched.final_url}")
        if final.path in _HOME_PATHS and not final.query and not (original.path in _HOME_PATHS and not original.query):
            return verdict(REDIRECTED, f"redirects to the site's home page: {fetched.final_url}")
    parsed = page_text(answer.headers, answer.body)
    if parsed is None:
        return verdict(ALIVE, f"answers {status}")
    title, body = parsed
    text = normalise(title + " " + body)
    if looks_missing(title):
        return verdict(SOFT_404, f"answers {status} but its title says the page is missing ({title.strip()[:80]!r})", text)
    return verdict(ALIVE, f"answers {status}", text)
