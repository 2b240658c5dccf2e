"""URL and DOI normalisation, done once for the whole tool.

A URL that comes out of :func:`normalise_url` is safe to print, compare and (online)
fetch: http(s) only, no userinfo, no backslashes or control characters, host lower-cased
and IDNA-encoded, default port dropped, fragment removed. Hosts that are IP literals in
any spelling the C library accepts (``127.1``, ``2130706433``, ``0x7f.0.0.1``,
``[::ffff:127.0.0.1]``) are decoded and refused unless globally routable.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

import idna

_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_DOI = re.compile(r"^10\.\d{4,9}/[^\s]+$", re.IGNORECASE)
_DOI_PREFIXES = tuple(
    f"{scheme}://{host}/" for scheme in ("https", "http") for host in ("doi.org", "dx.doi.org", "www.doi.org")
) + ("doi:",)
_MAYBE_ADDRESS = re.compile(r"^[0-9a-fA-Fx.:%]+$")
_ASCII_HOST = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")
_IRI_UNSAFE = re.compile(r'[<>"{}|^`]')
_UNPRINTABLE = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".localdomain")


class UrlError(ValueError):
    """A URL the tool refuses; the message says why, in words an editor understands."""


@dataclass(frozen=True, slots=True)
class Url:
    """A normalised http(s) URL and its host."""

    text: str
    host: str

    def __str__(self) -> str:
        return self.text


def host_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Decode a host that is an IP literal in any accepted spelling, else None."""
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not _MAYBE_ADDRESS.match(host):  # a name with letters beyond hex digits is no address
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is None and re.fullmatch(r"[0-9a-fA-Fx.]+", host) and not host.endswith("."):
        try:
            # inet_aton accepts the legacy forms browsers and curl accept: 127.1, 2130706433, 0x7f.1
            address = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            address = None
    if isinstance(address, ipaddress.IPv6Address):
        # an IPv4 address embedded in IPv6 reaches that IPv4 host: judge the IPv4 address
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if (address in _NAT64 or address in _IPV4_COMPATIBLE) and int(address) > 1:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def is_private_host(host: str) -> bool:
    """True when a host is a literal address that is not globally routable, or a local name."""
    address = host_address(host)
    if address is not None:
        return not address.is_global or address.is_multicast
    name = host.rstrip(".").lower()
    return name in _LOCAL_NAMES or name.endswith(_LOCAL_SUFFIXES) or "." not in name


def normalise_url(raw: str, *, allow_private: bool = False) -> Url:
    """Return the normalised form of ``raw`` or raise :class:`UrlError` saying why not."""
    if not isinstance(raw, str) or not raw.strip(" \t\r\n"):
        raise UrlError("the URL is empty")
    text = raw.strip(" \t\r\n")
    if "\\" in text:
        raise UrlError("the URL contains a backslash")
    if _CONTROL.search(text) or (not text.isascii() and any(unicodedata.category(ch) in _UNPRINTABLE for ch in text)):
        raise UrlError("the URL contains white space or a control character (or an invisible formatting one)")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise UrlError(f"the URL is malformed ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise UrlError(f"the URL has {shown}; only http(s) URLs can be primary URLs")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UrlError("the URL carries user information (user:password@); credentials never go in a catalogue")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UrlError("the URL has no host")
    if "%" in host:
        raise UrlError("the host is percent-encoded; write the domain name itself")
    address = host_address(host)
    if address is None and _ASCII_HOST.match(host.lower()) and "xn--" not in host.lower():
        host = host.lower()  # plain ASCII letters, digits and hyphens: UTS 46 only lower-cases them
    elif address is None:
        try:
            # UTS 46, as browsers do: faß.de is xn--fa-hia.de, not fass.de
            host = idna.encode(host, uts46=True).decode("ascii").lower()
        except (idna.IDNAError, UnicodeError):
            raise UrlError(f"the host {host!r} is not a valid domain name") from None
    else:
        host = str(address)
    if not allow_private and is_private_host(host):
        raise UrlError(f"the host {host} is private, loopback, link-local or not a public name")
    shown_host = f"[{host}]" if ":" in host else host
    if port is not None and not (scheme == "http" and port == 80) and not (scheme == "https" and port == 443):
        shown_host = f"{shown_host}:{port}"
    # characters an IRI may not hold are percent-encoded, as browsers send them
    path = _IRI_UNSAFE.sub(_percent, parts.path or "/")
    query = _IRI_UNSAFE.sub(_percent, parts.query)
    return Url(urlunsplit((scheme, shown_host, path, query, "")), host)


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8"))


def normalise_doi(raw: str) -> str:
    """Return a DOI in its canonical lower-case ``10.xxxx/...`` form, or raise UrlError."""
    text = raw.strip()
    lowered = text.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    if not _DOI.match(text):
        raise UrlError(f"{raw!r} is not a DOI (expected 10.NNNN/suffix)")
    return text.lower()


def doi_of_url(url: Url) -> str | None:
    """The DOI a doi.org URL resolves, or None for any other URL."""
    if url.host not in ("doi.org", "dx.doi.org", "www.doi.org"):
        return None
    path = urlsplit(url.text).path.lstrip("/")
    try:
        return normalise_doi(unquote(path))
    except UrlError:
        return None
