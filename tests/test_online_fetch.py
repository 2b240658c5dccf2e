"""The HTTP client underneath the online rules: politeness, Retry-After, nothing from the
environment, bounded bodies, and the HTTP cache (SQLite, JSON, WAL, per-status expiry)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from email.utils import formatdate
from pathlib import Path
from typing import Callable

import pytest

from evidence.online.fetch import Fetcher
from evidence.online.httpcache import CACHE_FILE, HttpCache, default_path
from evidence.online.politeness import HostLimiter, parse_retry_after
from evidence.online.settings import USER_AGENT, Settings
from onlineserver import Reply, Site, html, redirect, site, sites  # noqa: F401  (fixtures)

SETTINGS = Settings(allow_private=True, host_delay=0, connect_timeout=2, read_timeout=2)


def make_cache(tmp_path: Path) -> HttpCache:
    return HttpCache(tmp_path / "http.sqlite", success_seconds=3600, failure_seconds=60)


def test_requests_name_the_tool_and_carry_no_credentials(sites: Callable[..., Site], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site, proxy = sites(), sites()
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login alice password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HTTP_PROXY", proxy.url())
    monkeypatch.setenv("http_proxy", proxy.url())
    site.routes["/"] = html("ok", "ok")
    assert Fetcher(SETTINGS).fetch(site.url("/"), "GET").status == 200
    [(_, _, headers)] = site.log
    assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("evidence/")
    assert "Authorization" not in headers and "Cookie" not in headers
    assert proxy.log == [], "proxies from the environment are not used"


def test_cookies_stay_within_one_redirect_chain(site: Site) -> None:
    site.routes["/login-wall"] = Reply(302, {"Location": "/paper", "Set-Cookie": "session=abc; Path=/"})
    site.routes["/paper"] = html("paper", "text")
    fetcher = Fetcher(SETTINGS)
    assert fetcher.fetch(site.url("/login-wall"), "GET").status == 200
    assert fetcher.fetch(site.url("/paper"), "GET").status == 200
    cookies = [headers.get("Cookie") for _, path, headers in site.log]
    assert cookies == [None, "session=abc", None]


def test_retry_after_as_a_date_is_honoured(site: Site) -> None:
    site.routes["/busy"] = [Reply(429, {"Retry-After": formatdate(time.time() + 2, usegmt=True)}), html("ok", "ok")]
    started = time.monotonic()
    fetched = Fetcher(SETTINGS).fetch(site.url("/busy"), "GET")
    assert fetched.status == 200
    assert time.monotonic() - started >= 0.9


def test_503_with_retry_after_is_retried(site: Site) -> None:
    site.routes["/maintenance"] = [Reply(503, {"Retry-After": "0"}), html("ok", "ok")]
    assert Fetcher(SETTINGS).fetch(site.url("/maintenance"), "GET").status == 200


def test_retries_are_bounded(site: Site) -> None:
    site.routes["/busy"] = Reply(429, {"Retry-After": "0"})
    fetched = Fetcher(SETTINGS).fetch(site.url("/busy"), "GET")
    assert fetched.status == 429
    assert len(site.requests()) == SETTINGS.retries + 1


@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120.0), ("0", 0.0), (" 7 ", 7.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ("soon", None), ("", None), (None, None), ("-5", None),
])
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value) == seconds


def test_parse_retry_after_future_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)


def test_host_limiter_spaces_request_starts_and_limits_concurrency() -> None:
    limiter = HostLimiter(per_host=2, delay=0.05)
    starts: list[float] = []

    def work() -> None:
        with limiter.slot("a.example"):
            starts.append(time.monotonic())
            time.sleep(0.05)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts.sort()
    assert all(b - a >= 0.045 for a, b in zip(starts, starts[1:]))
    assert limiter.peaks() == {"a.example": 2}


def test_back_off_delays_the_next_request_to_that_host_only() -> None:
    limiter = HostLimiter(per_host=4, delay=0)
    limiter.back_off("slow.example", 0.3)
    started = time.monotonic()
    with limiter.slot("other.example"):
        assert time.monotonic() - started < 0.1
    with limiter.slot("slow.example"):
        assert time.monotonic() - started >= 0.25


def test_bodies_are_read_up_to_the_bound(site: Site) -> None:
    site.routes["/huge"] = Reply(200, {"Content-Type": "text/plain"}, "x" * 50_000)
    settings = Settings(allow_private=True, host_delay=0, max_bytes=4096)
    fetched = Fetcher(settings).fetch(site.url("/huge"), "GET")
    assert fetched.answer is not None and fetched.answer.truncated and len(fetched.answer.body or b"") == 4096


def test_every_request_has_connect_and_read_timeouts(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/a"] = redirect("/b")
    site.routes["/b"] = html("b", "b")
    fetcher = Fetcher(SETTINGS)
    seen: list[object] = []
    real = fetcher.session.request

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(kwargs.get("timeout"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fetcher.session, "request", spy)
    fetcher.fetch(site.url("/a"), "HEAD")
    fetcher.fetch(site.url("/a"), "GET")
    assert seen == [(2, 2)] * 4


def test_the_cache_is_sqlite_with_json_entries_in_wal_mode(site: Site, tmp_path: Path) -> None:
    site.routes["/"] = html("ok", "ok")
    cache = make_cache(tmp_path)
    Fetcher(SETTINGS, cache).fetch(site.url("/"), "GET")
    cache.close()
    with sqlite3.connect(tmp_path / "http.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        [(value,)] = db.execute("SELECT value FROM responses").fetchall()
    entry = json.loads(value)  # JSON, never pickle
    assert entry["status_code"] == 200 and entry["url"] == site.url("/")


def test_cache_lifetimes_by_status(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    assert cache.lifetime(200) == cache.lifetime(301) == 3600
    assert cache.lifetime(404) == cache.lifetime(410) == cache.lifetime(403) == 60
    assert cache.lifetime(429) is None and cache.lifetime(500) is None and cache.lifetime(503) is None


def test_expired_entries_are_misses(site: Site, tmp_path: Path) -> None:
    site.routes["/"] = html("ok", "ok")
    cache = HttpCache(tmp_path / "http.sqlite", success_seconds=0.5, failure_seconds=0.5)
    Fetcher(SETTINGS, cache).fetch(site.url("/"), "HEAD")
    assert cache.get("HEAD", site.url("/")) is not None
    time.sleep(1.1)
    assert cache.get("HEAD", site.url("/")) is None


def test_the_cache_lives_in_the_user_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVIDENCE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "evidence" / CACHE_FILE
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".cache" / "evidence" / CACHE_FILE


def test_a_damaged_cache_file_is_replaced_by_misses(site: Site, tmp_path: Path) -> None:
    site.routes["/"] = html("ok", "ok")
    cache = make_cache(tmp_path)
    Fetcher(SETTINGS, cache).fetch(site.url("/"), "GET")
    with sqlite3.connect(tmp_path / "http.sqlite") as db:
        db.execute("UPDATE responses SET value = 'not json'")
    assert cache.get("GET", site.url("/")) is None
