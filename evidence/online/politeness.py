"""Politeness: at most ``per_host`` requests in flight to one host, request starts spaced by
``delay``, and a host that answered ``Retry-After`` left alone until then.

A slot is held for one HTTP request only, never across a redirect or a second host, so a
worker never holds two hosts' slots at once and the limiter cannot deadlock.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from datetime import timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Iterator


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait that a ``Retry-After`` header asks for (delta-seconds or HTTP-date), or None.

    A date in the past means 0; anything unreadable means None (the caller decides).
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


class _Host:
    """The state of one host: its free slots, when the next request may start."""

    def __init__(self, per_host: int) -> None:
        self.slots = threading.BoundedSemaphore(per_host)
        self.next_start = 0.0
        self.in_flight = 0
        self.peak = 0


class HostLimiter:
    """Per-host concurrency limit and spacing, shared by every worker thread of a run."""

    def __init__(self, per_host: int, delay: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.per_host = per_host
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, key: str) -> _Host:
        with self._lock:
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(self.per_host)
            return host

    @contextmanager
    def slot(self, key: str) -> Iterator[None]:
        """Hold one of ``key``'s slots for one request, starting no sooner than the host allows."""
        host = self._host(key)
        host.slots.acquire()
        try:
            with self._lock:
                start = max(self._clock(), host.next_start)
                host.next_start = start + self.delay
            wait = start - self._clock()
            if wait > 0:
                self._sleep(wait)
            with self._lock:
                host.in_flight += 1
                host.peak = max(host.peak, host.in_flight)
            try:
                yield
            finally:
                with self._lock:
                    host.in_flight -= 1
        finally:
            host.slots.release()

    def back_off(self, key: str, seconds: float) -> None:
        """Start no request to ``key`` for ``seconds`` (a Retry-After the host sent)."""
        host = self._host(key)
        with self._lock:
            host.next_start = max(host.next_start, self._clock() + seconds)

    def peaks(self) -> dict[str, int]:
        """The most requests that were ever in flight at once, per host (for tests and benchmarks)."""
        with self._lock:
            return {key: host.peak for key, host in self._hosts.items()}

