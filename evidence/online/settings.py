"""What one online run is allowed to do: the catalogue's ``[online]`` settings with the
command line's overrides on top, resolved once into :class:`Settings`.

A Python caller passes :class:`OnlineOptions` (every field optional: ``None`` keeps the
catalogue's setting) to ``evidence.check(path, online=OnlineOptions(...))``; ``online=True``
means "the catalogue's settings as they are".
"""

from __future__ import annotations

import socket
from importlib import metadata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from schemas.config import Config

Resolver = Callable[[str, int], Sequence[str]]
"""Turns a host name and port into IP address strings (tests replace the system's)."""

Progress = Callable[[int, int], None]
"""Called with (done, total) after each finished item of an online run."""



def _version() -> str:
    try:
        return metadata.version("evidence")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


USER_AGENT = f"evidence/{_version()} (citation link checker; python-requests)"


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host``, in its order, without duplicates."""
    seen: list[str] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


@dataclass(frozen=True)
class OnlineOptions:
    """Overrides of one run; ``None`` keeps what ``evidence.toml`` (or its default) says."""

    refresh: bool = False
    allow_private: bool | None = None
    timeout: float | None = None
    per_host: int | None = None
    workers: int | None = None
    host_delay: float | None = None
    cache_path: Path | None = None
    resolver: Resolver | None = None


@dataclass(frozen=True)
class Settings:
    """Everything the online layer reads, fully resolved; built by :func:`resolve_settings`."""

    doi_resolver: str = "https://doi.org/"
    crossref_api: str = "https://api.crossref.org/"
    per_host: int = 4
    workers: int = 32
    host_delay: float = 0.02
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_retry_after: float = 30.0
    retries: int = 2
    max_bytes: int = 2 * 1024 * 1024
    success_seconds: float = 7 * 24 * 3600.0
    failure_seconds: float = 3600.0
    refresh: bool = False
    allow_private: bool = False
    cache_path: Path | None = None
    resolver: Resolver = field(default=system_resolver, compare=False)
    user_agent: str = USER_AGENT


def resolve_settings(config: Config, options: OnlineOptions) -> Settings:
    """The catalogue's ``[online]`` table with ``options`` applied; ``--timeout`` bounds both timeouts."""
    online = config.online
    connect, read = online.connect_timeout, online.read_timeout
    if options.timeout is not None:
        connect, read = min(connect, options.timeout), options.timeout
    return Settings(
        doi_resolver=online.doi_resolver,
        crossref_api=online.crossref_api,
        per_host=options.per_host or online.per_host,
        workers=options.workers or online.workers,
        host_delay=online.host_delay if options.host_delay is None else options.host_delay,
        connect_timeout=connect,
        read_timeout=read,
        max_retry_after=online.max_retry_after,
        retries=online.retries,
        max_bytes=online.max_bytes,
        success_seconds=online.cache_success_hours * 3600.0,
        failure_seconds=online.cache_failure_minutes * 60.0,
        refresh=options.refresh,
        allow_private=config.allow_private_hosts if options.allow_private is None else options.allow_private,
        cache_path=options.cache_path,
        resolver=options.resolver or system_resolver,
    )
