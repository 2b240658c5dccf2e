"""The network guard: addresses that are not globally routable are refused with nothing sent,
whatever their spelling, after DNS resolution and again at every redirect."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

import pytest
import urllib3.util.connection

import evidence
from evidence.online import OnlineOptions, guard
from evidence.online.fetch import REFUSED, Fetcher
from evidence.online.guard import Refused, check_address
from evidence.online.settings import Settings
from onlineserver import Site, html, redirect, site, sites, write_catalogue  # noqa: F401  (fixtures)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, int]]]:
    """Every socket connection the online layer opens, by address (so a test can say: none)."""
    opened: list[tuple[str, int]] = []
    real = urllib3.util.connection.create_connection

    def recording(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        opened.append(address)
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(guard, "create_connection", recording)
    yield opened


@pytest.fixture
def public_127_0_0_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let 127.0.0.2 stand for a public server: the only loopback address the guard lets through."""
    real = guard.address_is_public
    monkeypatch.setattr(guard, "address_is_public", lambda a: str(a) == "127.0.0.2" or real(a))


def fetcher(resolver: Callable[[str, int], list[str]] | None = None, *, allow_private: bool = False) -> Fetcher:
    settings = Settings(allow_private=allow_private, host_delay=0, connect_timeout=2, read_timeout=2)
    return Fetcher(replace(settings, resolver=resolver) if resolver else settings)


def resolving(table: dict[str, list[str]]) -> Callable[[str, int], list[str]]:
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]
    return resolve


@pytest.mark.parametrize("host", ["127.1", "2130706433", "0x7f.0.0.1", "[::ffff:127.0.0.1]", "127.0.0.1", "[::1]", "localhost"])
def test_loopback_in_any_spelling_is_refused_with_nothing_sent(site: Site, connections: list[tuple[str, int]], host: str) -> None:
    site.routes["/"] = html("secret", "internal")
    fetched = fetcher().fetch(f"http://{host}:{site.port}/", "GET")
    assert fetched.failure == REFUSED
    assert connections == [] and site.requests() == []


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[fe80::1]/",
                                 "http://192.168.1.1/", "http://[::127.0.0.1]/", "http://0.0.0.0/", "http://224.0.0.1/"])
def test_private_and_link_local_addresses_are_refused(connections: list[tuple[str, int]], url: str) -> None:
    fetched = fetcher().fetch(url, "GET")
    assert fetched.failure == REFUSED, fetched
    assert connections == []


def test_a_public_looking_name_resolving_to_a_private_address_is_refused(site: Site, connections: list[tuple[str, int]]) -> None:
    resolve = resolving({"research.example": ["127.0.0.1"], "meta.example": ["169.254.169.254"],
                         "mapped.example": ["::ffff:10.1.2.3"]})
    for name in ("research.example", "meta.example", "mapped.example"):
        fetched = fetcher(resolve).fetch(f"http://{name}:{site.port}/paper", "GET")
        assert fetched.failure == REFUSED and "resolves to" in fetched.detail, fetched
    assert connections == [] and site.requests() == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(
        sites: Callable[..., Site], connections: list[tuple[str, int]], public_127_0_0_2: None) -> None:
    public = sites("127.0.0.2")
    fetched = fetcher(resolving({"mixed.example": ["127.0.0.2", "127.0.0.1"]})).fetch(f"http://mixed.example:{public.port}/", "GET")
    assert fetched.failure == REFUSED
    assert connections == [] and public.requests() == []


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret", "http://intranet.example:{port}/secret",
                                    "http://2130706433:{port}/secret"])
def test_a_redirect_to_loopback_is_refused_with_nothing_sent(
        sites: Callable[..., Site], public_127_0_0_2: None, target: str) -> None:
    public, internal = sites("127.0.0.2"), sites("127.0.0.1")
    internal.routes["/secret"] = html("secret", "internal")
    public.routes["/paper"] = redirect(target.format(port=internal.port))
    resolve = resolving({"journal.example": ["127.0.0.2"], "intranet.example": ["127.0.0.1"]})
    fetched = fetcher(resolve).fetch(f"http://journal.example:{public.port}/paper", "GET")
    assert fetched.failure == REFUSED and "redirects to" in fetched.detail
    assert public.requests() == [("GET", "/paper")]
    assert internal.requests() == []


def test_a_redirect_to_loopback_is_ev405_in_a_check(
        tmp_path: Path, sites: Callable[..., Site], public_127_0_0_2: None) -> None:
    public, internal = sites("127.0.0.2"), sites("127.0.0.1")
    public.routes["/paper"] = redirect(internal.url("/secret"))
    root = write_catalogue(tmp_path / "cat", [{"id": "s", "url": f"http://journal.example:{public.port}/paper"}], toml="")
    options = OnlineOptions(timeout=2, host_delay=0, resolver=resolving({"journal.example": ["127.0.0.2"]}))
    report = evidence.check(root, online=options)
    assert [(d.code, d.id) for d in report.diagnostics] == [("EV405", "s")]
    assert "refused" in report.diagnostics[0].message
    assert internal.requests() == []


def test_private_source_urls_are_ev203_and_never_fetched_without_allow_private(tmp_path: Path, site: Site) -> None:
    root = write_catalogue(tmp_path / "cat", [{"id": "s", "url": site.url("/paper")}], toml="")
    report = evidence.check(root, online=OnlineOptions(timeout=2))
    assert sorted((d.code, d.id) for d in report.diagnostics) == [("EV202", "the-claim"), ("EV203", "s")]
    assert site.requests() == []


def test_allow_private_lets_loopback_through(site: Site) -> None:
    site.routes["/"] = html("intranet", "ok")
    assert fetcher(allow_private=True).fetch(site.url("/"), "GET").status == 200


def test_allow_private_still_refuses_unspecified_and_multicast() -> None:
    for text in ("0.0.0.0", "::", "224.0.0.1", "ff02::1"):
        with pytest.raises(Refused):
            check_address(text, allow_private=True)
    assert check_address("127.0.0.1", allow_private=True) == ipaddress.ip_address("127.0.0.1")


def test_address_checks() -> None:
    assert guard.address_is_public(ipaddress.ip_address("93.184.216.34"))
    assert not guard.address_is_public(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not guard.address_is_public(ipaddress.ip_address("64:ff9b::a00:1"))  # NAT64 of 10.0.0.1
    for text in ("127.0.0.1", "10.1.1.1", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "::1", "fc00::1"):
        with pytest.raises(Refused):
            check_address(text, allow_private=False)
