"""One online run over a catalogue: which URLs and DOIs to ask, in what order, with how many
workers, and the results by source, ready for the rules and the report.

Work is ordered round-robin over hosts, so the workers spread over many hosts instead of
queueing behind one host's limit. Progress is reported from the calling thread.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from itertools import zip_longest
from typing import Iterable
from urllib.parse import urlsplit

from evidence.online.doi import DoiVerifier
from evidence.online.fetch import Fetcher, NotCached
from evidence.online.httpcache import HttpCache, default_path
from evidence.online.politeness import HostLimiter
from evidence.online.results import Verification
from evidence.online.settings import Progress, Settings
from evidence.online.verify import UrlVerifier
from schemas.catalogue import Catalogue
from schemas.sources import SourceStatus
from schemas.urls import doi_of_url

URL_CODES = frozenset(("EV401", "EV402", "EV405", "EV406", "EV407"))
DOI_CODES = frozenset(("EV403", "EV404", "EV405"))


def _round_robin(items: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """``(kind, source id, host)`` items reordered so that consecutive items name different hosts."""
    by_host: dict[str, list[tuple[str, str, str]]] = {}
    for item in items:
        by_host.setdefault(item[2], []).append(item)
    queues = [by_host[host] for host in sorted(by_host)]
    return [item for row in zip_longest(*queues) for item in row if item is not None]


def needs_text(catalogue: Catalogue) -> set[str]:
    """Sources that some claim quotes: their pages are read for EV407."""
    return {c.source for claim in catalogue.claims.values() for c in claim.citations() if c.quote and c.quote.strip()}


def verify_catalogue(catalogue: Catalogue, statuses: dict[str, SourceStatus], settings: Settings,
                     codes: Iterable[str], progress: Progress | None = None) -> Verification:
    """Verify every source URL and DOI the selected ``codes`` need; never raises for network trouble."""
    started = time.perf_counter()
    codes = set(codes)
    quoted = needs_text(catalogue) if "EV407" in codes else set()
    work: list[tuple[str, str, str]] = []
    dois: dict[str, str] = {}
    for sid, status in sorted(statuses.items()):
        if status.url is not None and codes & URL_CODES:
            work.append(("url", sid, status.url.text.split("/", 3)[2]))  # scheme://netloc/...
        doi = status.doi if status.doi is not None and status.doi_problem is None else None
        if doi is None and status.url is not None:
            doi = doi_of_url(status.url)
        if doi is not None and codes & DOI_CODES:
            dois[sid] = doi
            work.append(("doi", sid, urlsplit(settings.doi_resolver).netloc))
    cache = HttpCache(settings.cache_path or default_path(), success_seconds=settings.success_seconds,
                      failure_seconds=settings.failure_seconds)
    fetcher = Fetcher(settings, cache, HostLimiter(settings.per_host, settings.host_delay))
    if catalogue.config.allow_private_hosts == settings.allow_private:  # normalised under the same policy
        fetcher.guard.trust(status.url for status in statuses.values() if status.url is not None)
    urls, doi_checker = UrlVerifier(fetcher), DoiVerifier(fetcher, settings)
    result = Verification()

    def run(item: tuple[str, str, str]) -> None:
        kind, sid, _ = item
        if kind == "url":
            status = statuses[sid]
            assert status.url is not None
            result.urls[sid] = urls.check(status.url.text, need_text=sid in quoted)
        else:
            source = catalogue.sources[sid]
            result.dois[sid] = doi_checker.check(dois[sid], source.title, source.year)

    ordered = _round_robin(work)
    done = 0

    def finished() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(ordered))

    try:
        pending = ordered
        if not settings.refresh:
            # what the cache can answer is answered here, in this thread; only the rest goes to the pool
            cache.prefetch(("HEAD", statuses[sid].url.text) for kind, sid, _ in ordered if kind == "url")  # type: ignore[union-attr]
            pending = []
            with fetcher.cache_only():
                for item in ordered:
                    try:
                        run(item)
                    except NotCached:
                        pending.append(item)
                    else:
                        finished()
        if pending:
            with ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="evidence-online") as pool:
                for future in as_completed([pool.submit(run, item) for item in pending]):
                    future.result()
                    finished()
    finally:
        fetcher.close()
        cache.close()
    result.sent, result.cached = fetcher.counters.sent, fetcher.counters.cached
    result.peaks = fetcher.limiter.peaks()
    result.seconds = time.perf_counter() - started
    return result
