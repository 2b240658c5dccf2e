"""The safe HTTP client of online checks: one request at a time through the guard, the
per-host limiter and the HTTP cache, redirects followed by hand (at most 10, each hop
checked again), ``Retry-After`` honoured up to a cap, bodies read up to a size and time bound.

Nothing from the environment is used: no proxies, no ``.netrc``, no stored cookies (a
cookie a site sets during one redirect chain goes back to it within that chain only, as a
browser would; some sites loop without it). Every request has a connect and a read
timeout, and a whole answer must arrive within their sum.
"""

from __future__ import annotations

import http.cookiejar
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterator, Mapping
from urllib.parse import urljoin, urlsplit

import requests
from requests.cookies import RequestsCookieJar
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import HTTPError, ReadTimeoutError

from evidence.online.guard import Guard, GuardedAdapter, HostNotFound, Refused, ResolutionFailed
from evidence.online.httpcache import HttpCache
from evidence.online.politeness import HostLimiter, parse_retry_after
from evidence.online.settings import Settings

MAX_REDIRECTS = 10
REDIRECTS = frozenset((301, 302, 303, 307, 308))
RETRY_STATUSES = frozenset((429, 503))

# why a chain ended without an answer
TIMEOUT, REFUSED, NO_HOST, CONNECTION, TLS, LOOP, TOO_MANY = (
    "timeout", "refused", "no-host", "connection", "tls", "loop", "too-many-redirects")


@dataclass(frozen=True)
class Answer:
    """One HTTP answer as the checks see it, fresh or from the cache."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes | None
    checked_at: datetime
    from_cache: bool
    truncated: bool = False


@dataclass(frozen=True)
class Fetched:
    """The end of a redirect chain: the last answer, or why there is none (``failure``, ``detail``)."""

    url: str
    method: str
    final_url: str
    answer: Answer | None = None
    hops: tuple[str, ...] = ()
    failure: str | None = None
    detail: str = ""
    from_cache: bool = False

    @property
    def status(self) -> int | None:
        return self.answer.status if self.answer else None


@dataclass
class Counters:
    """How many requests went to the network and how many answers came from the cache."""

    sent: int = 0
    cached: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, *, cached: bool) -> None:
        with self.lock:
            if cached:
                self.cached += 1
            else:
                self.sent += 1


class NotCached(Exception):
    """Raised in cache-only mode instead of sending a request (see :meth:`Fetcher.cache_only`)."""


class Fetcher:
    """Makes the tool's HTTP requests; safe to share between worker threads."""

    def __init__(self, settings: Settings, cache: HttpCache | None = None, limiter: HostLimiter | None = None) -> None:
        self.settings = settings
        self._mode = threading.local()
        self.cache = cache
        self.limiter = limiter or HostLimiter(settings.per_host, settings.host_delay)
        self.guard = Guard(settings.resolver, allow_private=settings.allow_private)
        self.counters = Counters()
        session = requests.Session()
        session.trust_env = False  # no proxies, no .netrc credentials, no CA bundle from the environment
        session.cookies = RequestsCookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        session.headers.clear()
        session.headers.update({
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        })
        adapter = GuardedAdapter(self.guard, pool_maxsize=settings.per_host)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        self.session = session

    def close(self) -> None:
        """Close pooled connections."""
        self.session.close()

    @contextmanager
    def cache_only(self) -> Iterator[None]:
        """Within this block (in this thread), a request the cache cannot answer raises :class:`NotCached`.

        A run first answers what it can from the cache in one thread, which costs far less
        than handing cached work to a pool of threads, and sends only the rest to the pool.
        """
        self._mode.cache_only = True
        try:
            yield
        finally:
            self._mode.cache_only = False

    def fetch(self, url: str, method: str = "HEAD", *, follow: bool = True) -> Fetched:
        """Request ``url`` and follow its redirects (unless ``follow`` is false); never raises for network trouble."""
        jar = RequestsCookieJar()
        hops: list[str] = []
        current, all_cached = url, True
        for _ in range(MAX_REDIRECTS + 1):
            try:
                answer = self.request(method, current, jar)
            except Refused as exc:
                why = f"redirects to {current}, which was refused: {exc}" if hops else f"refused: {exc}"
                return Fetched(url, method, current, None, tuple(hops), REFUSED, why)
            except _Failure as exc:
                return Fetched(url, method, current, None, tuple(hops), exc.kind, exc.detail)
            hops.append(answer.url)
            all_cached = all_cached and answer.from_cache
            location = answer.headers.get("Location")
            if not follow or answer.status not in REDIRECTS or not location:
                return Fetched(url, method, answer.url, answer, tuple(hops), from_cache=all_cached)
            target = urljoin(answer.url, location.strip())
            try:
                target = self.guard.check_url(target).text
            except Refused as exc:
                return Fetched(url, method, target, answer, tuple(hops), REFUSED, f"redirects to {target}, which was refused: {exc}")
            if target in hops:
                chain = " -> ".join(hops[hops.index(target):] + [target])
                return Fetched(url, method, target, answer, tuple(hops), LOOP, f"redirects in a loop ({chain})")
            current = target
        return Fetched(url, method, current, None, tuple(hops), TOO_MANY, f"more than {MAX_REDIRECTS} redirects")

    def request(self, method: str, url: str, jar: RequestsCookieJar | None = None) -> Answer:
        """One request (no redirects followed): from the cache when allowed, else through the limiter.

        Raises :class:`Refused` before anything is sent, or :class:`_Failure` for network trouble.
        """
        url = self.guard.check_url(url).text
        if self.cache is not None and not self.settings.refresh:
            cached = self.cache.get(method, url)
            if cached is not None:
                self.counters.count(cached=True)
                body = cached.content if method == "GET" else None
                return Answer(url, cached.status_code, cached.headers, body, cached.created_at, True)
        if getattr(self._mode, "cache_only", False):
            raise NotCached(url)
        host = urlsplit(url).netloc
        jar = jar if jar is not None else RequestsCookieJar()
        for attempt in range(self.settings.retries + 1):
            with self.limiter.slot(host):
                response, body, truncated = self._send(method, url, jar)
            if response.status_code in RETRY_STATUSES and attempt < self.settings.retries:
                wait = parse_retry_after(response.headers.get("Retry-After"))
                if wait is None and response.status_code == 429:
                    wait = float(2 ** attempt)  # rate-limited without a date: back off briefly
                if wait is not None and wait <= self.settings.max_retry_after:
                    self.limiter.back_off(host, wait)
                    continue
            break
        if self.cache is not None:
            self.cache.put(method, url, response, body)
        now = datetime.now(timezone.utc)
        return Answer(url, response.status_code, CaseInsensitiveDict(response.headers), body, now, False, truncated)

    def _send(self, method: str, url: str, jar: RequestsCookieJar) -> tuple[requests.Response, bytes | None, bool]:
        settings = self.settings
        deadline = time.monotonic() + settings.connect_timeout + settings.read_timeout
        self.counters.count(cached=False)
        try:
            response = self.session.request(method, url, cookies=jar, allow_redirects=False, stream=True,
                                            timeout=(settings.connect_timeout, settings.read_timeout))
        except (HostNotFound, ResolutionFailed) as exc:
            raise _Failure(NO_HOST if isinstance(exc, HostNotFound) else CONNECTION, str(exc)) from None
        except requests.exceptions.Timeout:
            raise _Failure(TIMEOUT, f"no answer within {settings.read_timeout:g} s") from None
        except requests.exceptions.SSLError as exc:
            raise _Failure(TLS, f"TLS failed ({_reason(exc)})") from None
        except (requests.exceptions.RequestException, ValueError) as exc:
            raise _Failure(CONNECTION, f"connection failed ({_reason(exc)})") from None
        body: bytes | None = None
        truncated = reusable = False
        try:
            if method == "GET":
                # read1 returns what has arrived, so the deadline holds even for a page that trickles in
                chunks, size = [], 0
                while chunk := response.raw.read1(64 * 1024, decode_content=True):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size >= settings.max_bytes:
                        truncated = True
                        break
                    if time.monotonic() > deadline:
                        raise _Failure(TIMEOUT, f"the page took longer than {settings.connect_timeout + settings.read_timeout:g} s to arrive")
                body = b"".join(chunks)[: settings.max_bytes]
            jar.update(response.cookies)
            reusable = not truncated
        except ReadTimeoutError:
            raise _Failure(TIMEOUT, f"no answer within {settings.read_timeout:g} s") from None
        except (HTTPError, OSError) as exc:
            raise _Failure(CONNECTION, f"the answer broke off ({_reason(exc)})") from None
        finally:
            if reusable:  # read to the end (a HEAD has nothing to read): the connection goes back to the pool
                response.raw.drain_conn()
                response.raw.release_conn()
            else:
                response.close()
        return response, body, truncated


class _Failure(Exception):
    """Network trouble that ends a chain without an answer: a kind (TIMEOUT, ...) and words."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind, self.detail = kind, detail


def _reason(exc: BaseException) -> str:
    """The innermost useful words of a requests/urllib3 exception chain."""
    inner: BaseException = exc
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    reason = getattr(inner, "reason", None)
    text = str(reason or inner)
    return text[:200]
