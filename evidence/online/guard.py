"""The network guard: which addresses the tool may connect to, decided after DNS resolution.

Every connection the online checks open goes through :class:`GuardedAdapter`. Its
connections resolve the host themselves, refuse the name when any of its addresses is not
globally routable (an IPv4 address embedded in IPv6 is judged as that IPv4 address), and
connect only to the addresses they checked, so the answer cannot change between the check
and the connection (no DNS-rebinding window). The refusal happens before a socket is
opened: nothing is sent to a refused address.
"""

from __future__ import annotations

import ipaddress
import socket
from socket import timeout as SocketTimeout
from typing import Any, Iterable

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.connection import create_connection

from evidence.online.settings import Resolver
from schemas.urls import Url, UrlError, host_address, normalise_url

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_NOT_FOUND = {socket.EAI_NONAME} | ({socket.EAI_NODATA} if hasattr(socket, "EAI_NODATA") else set())


class Refused(Exception):
    """A request the guard would not make; nothing was sent. (Not an OSError, so urllib3 lets it through.)"""


class HostNotFound(Exception):
    """The host name does not exist: the resolver answered that there is no such name."""


class ResolutionFailed(Exception):
    """The resolver could not answer now (a temporary failure): the host's existence is unknown."""


def address_is_public(address: Address) -> bool:
    """True for a globally routable unicast address (embedded IPv4 unmapped first)."""
    decoded = host_address(str(address)) or address
    return decoded.is_global and not decoded.is_multicast


def check_address(text: str, *, allow_private: bool) -> Address:
    """The address ``text`` names, or :class:`Refused` when the tool may not connect to it.

    With ``allow_private`` only unspecified and multicast addresses are refused.
    """
    address = host_address(text)
    if address is None:
        raise Refused(f"the resolver returned {text!r}, which is not an IP address")
    if address.is_unspecified or address.is_multicast:
        raise Refused(f"{address} is not a host address")
    if not allow_private and not address_is_public(address):
        raise Refused(f"{address} is a private, loopback, link-local or reserved address (use --allow-private for an intranet)")
    return address


class Guard:
    """Checks URLs before a request and addresses before a connection."""

    def __init__(self, resolver: Resolver, *, allow_private: bool) -> None:
        self.resolver = resolver
        self.allow_private = allow_private
        self._trusted: dict[str, Url] = {}

    def trust(self, urls: Iterable[Url]) -> None:
        """Take ``urls`` as already normalised under this guard's policy (the catalogue's own, checked once)."""
        self._trusted.update((url.text, url) for url in urls)

    def check_url(self, text: str) -> Url:
        """Normalise ``text`` and refuse what may never be fetched (literal private hosts, userinfo, ...)."""
        trusted = self._trusted.get(text)
        if trusted is not None:
            return trusted
        try:
            return normalise_url(text, allow_private=self.allow_private)
        except UrlError as exc:
            raise Refused(str(exc)) from None

    def addresses(self, host: str, port: int) -> list[str]:
        """Resolve ``host`` and return its addresses, all of them allowed, or raise."""
        if host_address(host) is not None:
            candidates = [host.strip("[]")]
        else:
            try:
                candidates = list(self.resolver(host, port))
            except socket.gaierror as exc:
                if exc.errno in _NOT_FOUND:
                    raise HostNotFound(f"the host {host} does not exist") from None
                raise ResolutionFailed(f"the host {host} could not be resolved ({exc.strerror or exc})") from None
            except UnicodeError:
                raise HostNotFound(f"the host {host!r} is not a valid name") from None
            if not candidates:
                raise HostNotFound(f"the host {host} has no address")
        # one refused address refuses the name: a name that is partly private is not public
        for text in candidates:
            try:
                check_address(text, allow_private=self.allow_private)
            except Refused as exc:
                raise Refused(f"{host} resolves to {exc}") from None
        return candidates


class _GuardedConnection:
    """Mixin replacing urllib3's ``_new_conn``: resolve, check, connect to checked addresses only."""

    guard: Guard
    _dns_host: str
    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any

    def _new_conn(self) -> socket.socket:
        addresses = self.guard.addresses(self._dns_host, self.port)
        last: OSError | None = None
        for address in addresses:
            try:
                sock = create_connection((address, self.port), self.timeout,
                                         source_address=self.source_address, socket_options=self.socket_options)
            except SocketTimeout as exc:
                raise ConnectTimeoutError(self, f"connection to {self.host} timed out") from exc
            except OSError as exc:
                last = exc
                continue
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {last}")  # type: ignore[arg-type]


class GuardedAdapter(HTTPAdapter):
    """A requests transport whose every connection passes the :class:`Guard`; no retries of its own."""

    def __init__(self, guard: Guard, *, pool_maxsize: int) -> None:
        self._guard = guard
        super().__init__(pool_connections=64, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        attrs = {"guard": self._guard}
        http = type("GuardedHTTPConnection", (_GuardedConnection, HTTPConnection), attrs)
        https = type("GuardedHTTPSConnection", (_GuardedConnection, HTTPSConnection), attrs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }
