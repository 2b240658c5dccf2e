"""The HTTP cache of online checks: requests-cache's SQLite backend, JSON serializer, our expiry.

Expiry is the link checker's, not the server's ``Cache-Control``: what matters is when the
tool last looked. Successes (2xx, 3xx) are kept for days, other answers (404, 410, 403, ...)
briefly, and 429 or 5xx answers never, because they say nothing lasting about the page.
The database runs in WAL mode so worker threads read while one writes. It lives in
``$EVIDENCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/evidence``, else ``~/.cache/evidence``.
Keys are the method and the normalised URL (every request of the tool carries the same
headers), so a redirect hop is cached like any other request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Mapping

import requests
from requests.structures import CaseInsensitiveDict
from requests_cache import CachedRequest, CachedResponse, SQLiteCache

from schemas.digest import cache_dir

CACHE_FILE = "http-cache.sqlite"


@dataclass(frozen=True)
class Stored:
    """A cached answer: what the checks need of it, and when it was fetched from the server."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes
    created_at: datetime


def default_path() -> Path:
    """Where the HTTP cache lives (next to the result cache)."""
    return cache_dir() / CACHE_FILE


def cache_key(method: str, url: str) -> str:
    """The key of one request: its method and normalised URL."""
    return hashlib.blake2b(f"{method} {url}".encode(), digest_size=16).hexdigest()


class HttpCache:
    """Stored answers by (method, URL) with per-status expiry; a broken database is a cache miss."""

    def __init__(self, path: Path, *, success_seconds: float, failure_seconds: float) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.success_seconds = success_seconds
        self.failure_seconds = failure_seconds
        self.backend = SQLiteCache(path, serializer="json", wal=True, busy_timeout=30_000)
        self._table = self.backend.responses.table_name
        self._prefetched: dict[str, tuple[str, int | None]] = {}
        try:
            self.backend.delete(expired=True, vacuum=False)
        except sqlite3.Error:
            pass

    def lifetime(self, status: int) -> float | None:
        """How long an answer with ``status`` is kept, in seconds; None: never stored."""
        if status == 429 or status >= 500:
            return None
        seconds = self.success_seconds if status < 400 else self.failure_seconds
        return seconds if seconds > 0 else None

    def get(self, method: str, url: str) -> Stored | None:
        """The stored, unexpired answer to ``method url``, or None.

        Entries are written by requests-cache; they are read back here straight from its
        JSON (status, headers, body, when fetched) without rebuilding requests and urllib3
        response objects, which costs several times the lookup itself.
        """
        key = cache_key(method, url)
        row = self._prefetched.pop(key, None)
        if row is None:
            try:
                with self.backend.responses.connection() as connection:
                    row = connection.execute(f"SELECT value, expires FROM {self._table} WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
        if row is None or (row[1] is not None and row[1] <= time.time()):
            return None
        try:
            entry = json.loads(row[0])
            return Stored(
                status_code=int(entry["status_code"]),
                headers=CaseInsensitiveDict(entry.get("headers") or {}),
                content=base64.b64decode(entry["_content"]) if entry.get("_content") else b"",
                created_at=datetime.fromisoformat(entry["created_at"]),
            )
        except (ValueError, KeyError, TypeError, binascii.Error):
            return None  # an entry this version cannot read is a miss

    def prefetch(self, requests: Iterable[tuple[str, str]]) -> None:
        """Read the entries of many ``(method, url)`` requests in a few queries (a run's first hops)."""
        keys = [cache_key(method, url) for method, url in requests]
        try:
            with self.backend.responses.connection() as connection:
                for start in range(0, len(keys), 500):
                    chunk = keys[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, value, expires in connection.execute(
                            f"SELECT key, value, expires FROM {self._table} WHERE key IN ({marks})", chunk):
                        self._prefetched[key] = (value, expires)
        except sqlite3.Error:
            self._prefetched.clear()

    def put(self, method: str, url: str, response: requests.Response, body: bytes | None) -> None:
        """Store ``response`` (with the body as read, possibly cut short) if its status may be kept."""
        lifetime = self.lifetime(response.status_code)
        if lifetime is None:
            return
        now = datetime.now(timezone.utc)
        stored = CachedResponse(
            status_code=response.status_code,
            url=url,
            reason=response.reason,
            headers=CaseInsensitiveDict(response.headers),
            content=body or b"",
            request=CachedRequest.from_request(response.request),
            created_at=now,
            expires=now + timedelta(seconds=lifetime),
        )
        try:
            self.backend.responses[cache_key(method, url)] = stored
        except sqlite3.Error:
            pass  # a cache that cannot be written costs a request next time, nothing more

    def close(self) -> None:
        """Close the database connections."""
        self.backend.close()
