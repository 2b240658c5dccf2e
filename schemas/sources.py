"""What every layer knows about each source: its normalised URL or why it has none, its DOI,
whether it is an aggregator. Computed once per source and shared by rules and exports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from schemas.config import Config
from schemas.models import Source
from schemas.urls import Url, UrlError, doi_of_url, normalise_doi, normalise_url


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """A source's URL and DOI after normalisation, with the reasons either was refused."""

    url: Url | None
    url_problem: str | None
    doi: str | None
    doi_problem: str | None
    aggregator: bool

    @property
    def primary_url(self) -> Url | None:
        """The URL a claim may rest on: valid, http(s), public, and not an aggregator's."""
        return None if self.aggregator else self.url


@lru_cache(maxsize=32)
def _domain_set(domains: tuple[str, ...]) -> frozenset[str]:
    return frozenset(d.lower().strip(".") for d in domains)


def host_matches(host: str, domains: list[str] | tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one."""
    wanted = _domain_set(tuple(domains))
    labels = host.lower().split(".")
    return any(".".join(labels[i:]) in wanted for i in range(len(labels)))


def source_status(source: Source, config: Config) -> SourceStatus:
    """Normalise a source's URL and DOI and decide whether it is an aggregator."""
    url: Url | None = None
    url_problem: str | None = None
    if source.url is not None:
        try:
            url = normalise_url(source.url, allow_private=config.allow_private_hosts)
        except UrlError as exc:
            url_problem = str(exc)
    doi: str | None = None
    doi_problem: str | None = None
    if source.doi is not None:
        try:
            doi = normalise_doi(source.doi)
        except UrlError as exc:
            doi_problem = str(exc)
    if url is not None and doi is not None and doi_problem is None:
        linked = doi_of_url(url)
        if linked is not None and linked != doi:
            doi_problem = f"the DOI {doi} disagrees with the doi.org URL, which names {linked}"
    aggregator = source.aggregator or (url is not None and host_matches(url.host, config.aggregator_domains))
    return SourceStatus(url, url_problem, doi, doi_problem, aggregator)
