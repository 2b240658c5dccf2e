"""Online verdicts end to end: a catalogue whose source URLs live on real loopback servers,
checked with ``evidence.check(..., online=...)``; one test per verdict and per code."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Callable

import pytest

import evidence
from evidence.online import OnlineOptions
from evidence.report import Report
from onlineserver import Reply, Site, html, redirect, site, sites, write_catalogue  # noqa: F401  (fixtures)

FAST = OnlineOptions(timeout=2, host_delay=0)
PAGE = html("Experimental evidence on generative AI", "ChatGPT cut the time taken by 40% and raised quality by 18%.")


def codes(report: Report) -> list[tuple[str, str | None]]:
    return sorted((d.code, d.id) for d in report.diagnostics)


def check_one(tmp_path: Path, url: str, options: OnlineOptions = FAST, **source: object) -> Report:
    root = write_catalogue(tmp_path / "cat", [{"id": "the-source", "url": url, **source}])
    return evidence.check(root, online=options)


def test_alive_page_gives_no_finding_and_records_when_it_was_checked(tmp_path: Path, site: Site) -> None:
    site.routes["/study"] = PAGE
    report = check_one(tmp_path, site.url("/study"))
    assert codes(report) == []
    [record] = report.online  # type: ignore[attr-defined]
    assert record["verdict"] == "alive" and record["status"] == 200 and record["cached"] is False
    assert record["checked_at"].endswith("Z")


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_are_dead(tmp_path: Path, site: Site, status: int) -> None:
    site.routes["/gone"] = Reply(status)
    report = check_one(tmp_path, site.url("/gone"))
    assert codes(report) == [("EV401", "the-source")]
    assert f"answers {status}" in report.diagnostics[0].message
    assert report.exit_code() == 1


def test_a_host_that_does_not_exist_is_dead(tmp_path: Path) -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    report = check_one(tmp_path, "https://no-such-host.example/paper", OnlineOptions(timeout=2, resolver=resolver))
    assert codes(report) == [("EV401", "the-source")]
    assert "does not exist" in report.diagnostics[0].message


def test_a_temporary_resolver_failure_is_unknown_not_dead(tmp_path: Path) -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    report = check_one(tmp_path, "https://flaky-dns.example/paper", OnlineOptions(timeout=2, resolver=resolver))
    assert codes(report) == [("EV405", "the-source")]


def test_redirect_within_the_site_is_alive(tmp_path: Path, site: Site) -> None:
    site.routes["/old"] = redirect("/new", 301)
    site.routes["/new"] = PAGE
    report = check_one(tmp_path, site.url("/old"))
    assert codes(report) == []
    assert report.online[0]["final_url"] == site.url("/new")  # type: ignore[attr-defined]


def test_redirect_to_another_site_is_ev402(tmp_path: Path, sites: Callable[..., Site]) -> None:
    here, elsewhere = sites("127.0.0.1"), sites("127.0.0.2")
    here.routes["/paper"] = redirect(elsewhere.url("/landing"))
    elsewhere.routes["/landing"] = PAGE
    report = check_one(tmp_path, here.url("/paper"))
    assert codes(report) == [("EV402", "the-source")]
    assert "another site" in report.diagnostics[0].message and elsewhere.url("/landing") in report.diagnostics[0].message


def test_redirect_to_the_home_page_is_ev402(tmp_path: Path, site: Site) -> None:
    site.routes["/reports/2023/ai-study"] = redirect("/")
    site.routes["/"] = html("Welcome", "Our institute")
    report = check_one(tmp_path, site.url("/reports/2023/ai-study"))
    assert codes(report) == [("EV402", "the-source")]
    assert "home page" in report.diagnostics[0].message


def test_a_redirect_loop_is_dead(tmp_path: Path, site: Site) -> None:
    site.routes["/a"] = redirect("/b")
    site.routes["/b"] = redirect("/a")
    report = check_one(tmp_path, site.url("/a"))
    assert codes(report) == [("EV401", "the-source")]
    assert "loop" in report.diagnostics[0].message
    assert len(site.requests()) == 2, "a loop is detected, not followed ten times"


def test_more_than_ten_redirects_is_unknown(tmp_path: Path, site: Site) -> None:
    for n in range(12):
        site.routes[f"/r{n}"] = redirect(f"/r{n + 1}")
    site.routes["/r12"] = PAGE
    report = check_one(tmp_path, site.url("/r0"))
    assert codes(report) == [("EV405", "the-source")]
    assert "more than 10 redirects" in report.diagnostics[0].message
    assert len(site.requests()) == 11


def test_head_refused_then_get_fine_is_alive(tmp_path: Path, site: Site) -> None:
    site.routes["/no-head"] = lambda method, path: Reply(405) if method == "HEAD" else PAGE
    report = check_one(tmp_path, site.url("/no-head"))
    assert codes(report) == []
    assert site.requests("/no-head") == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_429_with_retry_after_then_200_is_alive(tmp_path: Path, site: Site) -> None:
    site.routes["/busy"] = [Reply(429, {"Retry-After": "1"}), PAGE]
    started = time.monotonic()
    report = check_one(tmp_path, site.url("/busy"))
    assert codes(report) == []
    assert time.monotonic() - started >= 0.9, "Retry-After: 1 is honoured"
    assert site.requests("/busy") == [("HEAD", "/busy"), ("HEAD", "/busy")], site.requests()


def test_429_asking_too_long_a_wait_is_unknown_without_waiting(tmp_path: Path, site: Site) -> None:
    site.routes["/busy"] = Reply(429, {"Retry-After": "86400"})
    started = time.monotonic()
    report = check_one(tmp_path, site.url("/busy"))
    assert time.monotonic() - started < 5
    assert codes(report) == [("EV405", "the-source")]
    assert "rate-limited" in report.diagnostics[0].message
    assert site.requests("/busy") == [("HEAD", "/busy")], "a rate-limited host is not asked again with GET"


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_is_unknown_never_dead(tmp_path: Path, site: Site, status: int) -> None:
    site.routes["/down"] = Reply(status)
    report = check_one(tmp_path, site.url("/down"))
    assert codes(report) == [("EV405", "the-source")]
    assert f"server error ({status})" in report.diagnostics[0].message


def test_a_slow_page_is_bounded_by_the_timeout(tmp_path: Path, site: Site) -> None:
    site.routes["/slow"] = Reply(200, delay=5)
    started = time.monotonic()
    report = check_one(tmp_path, site.url("/slow"), OnlineOptions(timeout=0.5, host_delay=0))
    assert time.monotonic() - started < 3
    assert codes(report) == [("EV405", "the-source")]
    assert "no answer within 0.5 s" in report.diagnostics[0].message


def test_a_page_that_trickles_in_is_bounded_too(tmp_path: Path, site: Site) -> None:
    site.routes["/trickle"] = lambda method, path: Reply(405) if method == "HEAD" else Reply(200, body="x" * 100, trickle=0.1)
    started = time.monotonic()
    report = check_one(tmp_path, site.url("/trickle"), OnlineOptions(timeout=0.5, host_delay=0))
    assert time.monotonic() - started < 4
    assert codes(report) == [("EV405", "the-source")]


def test_soft_404_same_page_as_a_random_path(tmp_path: Path, site: Site) -> None:
    site.default = html("Example Research", "Sorry, we could not find that. Try the search box.")
    report = check_one(tmp_path, site.url("/papers/ai-study"))
    assert codes(report) == [("EV406", "the-source")]
    assert "same page as a path that does not exist" in report.diagnostics[0].message


def test_a_site_answering_200_everywhere_with_real_pages_is_alive(tmp_path: Path, site: Site) -> None:
    site.default = html("Example Research", "Sorry, we could not find that. Try the search box.")
    site.routes["/papers/ai-study"] = PAGE
    assert codes(check_one(tmp_path, site.url("/papers/ai-study"))) == []


def test_soft_404_by_title_when_the_page_is_read(tmp_path: Path, site: Site) -> None:
    site.routes["/papers/ai-study"] = html("Page not found | Example Research", "We moved things around.")
    claims = [{"id": "c", "text": "Things moved.", "cites": [{"source": "s", "quote": "We moved things around."}]}]
    root = write_catalogue(tmp_path / "cat", [{"id": "s", "url": site.url("/papers/ai-study")}], claims)
    report = evidence.check(root, online=FAST)
    assert codes(report) == [("EV406", "s")], "a quote on a missing page is not looked for (EV406 says enough)"
    assert "title says the page is missing" in report.diagnostics[0].message


def test_soft_404_by_redirect_to_where_missing_pages_land(tmp_path: Path, site: Site) -> None:
    site.routes["/search"] = html("Search", "Search our publications")
    site.default = redirect("/search")
    report = check_one(tmp_path, site.url("/papers/ai-study"))
    assert codes(report) == [("EV406", "the-source")]


def test_quotes_found_after_normalisation_and_missing_quotes_are_ev407(tmp_path: Path, site: Site) -> None:
    site.routes["/study"] = html("Study", "ChatGPT cut the time taken by 40% \u2014 and \u201craised quality\u201d by 18%.")
    claims = [
        {"id": "found", "text": "Quality rose by 18%.",
         "cites": [{"source": "s", "quote": 'ChatGPT cut the time taken by 40% - and "RAISED quality" by 18%'}]},
        {"id": "ellipsis", "text": "Quality rose by 18%.", "cites": [{"source": "s", "quote": "cut the time ... by 18%"}]},
        {"id": "gone", "text": "Quality rose by 25%.", "cites": [{"source": "s", "quote": "raised quality by 25%"}]},
    ]
    root = write_catalogue(tmp_path / "cat", [{"id": "s", "url": site.url("/study")}], claims)
    report = evidence.check(root, online=FAST)
    assert codes(report) == [("EV407", "gone")]
    assert "'raised quality by 25%'" in report.diagnostics[0].message
    assert ("GET", "/study") in site.requests(), "the page is read when a quote needs it"


def test_a_second_run_is_served_from_the_cache_and_refresh_goes_back(tmp_path: Path, site: Site) -> None:
    site.routes["/study"] = PAGE
    site.routes["/gone"] = Reply(404)
    root = write_catalogue(tmp_path / "cat", [{"id": "a", "url": site.url("/study")}, {"id": "b", "url": site.url("/gone")}])
    first = evidence.check(root, online=FAST)
    sent = len(site.requests())
    second = evidence.check(root, online=FAST)
    assert len(site.requests()) == sent, "the server sees no new request"
    assert codes(first) == codes(second) == [("EV401", "b")]
    assert all(r["cached"] for r in second.online)  # type: ignore[attr-defined]
    assert [r["checked_at"] for r in second.online] == [r["checked_at"] for r in first.online]  # type: ignore[attr-defined]
    assert second.answers_cached > 0 and second.requests_sent == 0  # type: ignore[attr-defined]
    evidence.check(root, online=OnlineOptions(timeout=2, host_delay=0, refresh=True))
    assert len(site.requests()) == 2 * sent, "--refresh asks the server again"


def test_5xx_and_429_are_never_cached(tmp_path: Path, site: Site) -> None:
    site.routes["/down"] = Reply(503)
    site.routes["/busy"] = Reply(429, {"Retry-After": "3600"})
    root = write_catalogue(tmp_path / "cat", [{"id": "a", "url": site.url("/down")}, {"id": "b", "url": site.url("/busy")}])
    evidence.check(root, online=FAST)
    before = len(site.requests("/down")) + len(site.requests("/busy"))
    evidence.check(root, online=FAST)
    assert len(site.requests("/down")) + len(site.requests("/busy")) == 2 * before


def test_the_per_host_limit_is_never_exceeded(tmp_path: Path, site: Site) -> None:
    page, missing = Reply(200, {"Content-Type": "text/plain"}, "ok", delay=0.05), Reply(404)
    site.default = lambda method, path: page if path.startswith("/paper/") else missing
    sources = [{"id": f"s{n:02d}", "url": site.url(f"/paper/{n}")} for n in range(24)]
    root = write_catalogue(tmp_path / "cat", sources)
    report = evidence.check(root, online=OnlineOptions(timeout=5, host_delay=0, per_host=3, workers=16))
    assert codes(report) == []
    assert site.peak == 3, f"{site.peak} requests were in flight at once"


def test_an_offline_check_sends_nothing_and_reports_no_online_codes(tmp_path: Path, site: Site) -> None:
    root = write_catalogue(tmp_path / "cat", [{"id": "a", "url": site.url("/gone")}])
    report = evidence.check(root, use_cache=False)
    assert site.requests() == []
    assert not any(code.startswith("EV4") for code in report.rules)
    assert not hasattr(report, "online")


def test_select_narrows_the_online_work(tmp_path: Path, site: Site) -> None:
    root = write_catalogue(tmp_path / "cat", [{"id": "a", "url": site.url("/gone")}])
    report = evidence.check(root, online=FAST, select=["EV403"])
    assert site.requests() == [], "no URL rule selected: no URL is fetched"
    assert codes(report) == []
