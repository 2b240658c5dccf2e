"""What online checks found, as plain data: URL verdicts, DOI checks, and a run's results
by source. Light on purpose (no HTTP libraries), so the rules can be registered at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

ALIVE, DEAD, REDIRECTED, UNKNOWN, SOFT_404 = "alive", "dead", "redirected", "unknown", "soft-404"
VERDICTS = (ALIVE, DEAD, REDIRECTED, SOFT_404, UNKNOWN)


@dataclass(frozen=True)
class UrlCheck:
    """What became of one URL: its verdict, the status and final URL, why, and when it was checked."""

    url: str
    verdict: str
    status: int | None
    final_url: str
    reason: str
    checked_at: datetime | None
    from_cache: bool
    text: str | None = None
    """The page's normalised text, when it was fetched and is HTML or plain text."""


@dataclass(frozen=True)
class DoiCheck:
    """What the resolver and the metadata API said about one DOI."""

    doi: str
    resolves: bool | None = None
    mismatches: tuple[str, ...] = ()
    retraction: str | None = None
    unknown: str | None = None
    checked_at: datetime | None = None
    from_cache: bool = False
    notes: tuple[str, ...] = field(default=())


@dataclass
class Verification:
    """The online results of one run, by source id, and what the run cost."""

    urls: dict[str, UrlCheck] = field(default_factory=dict)
    dois: dict[str, DoiCheck] = field(default_factory=dict)
    sent: int = 0
    cached: int = 0
    peaks: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    """Wall time of the online work (not rendered: output stays comparable between runs)."""

    def records(self) -> list[dict[str, Any]]:
        """One JSON-ready record per verified source, sorted by id: verdicts and when each was checked."""
        records = []
        for sid in sorted(set(self.urls) | set(self.dois)):
            record: dict[str, Any] = {"source": sid}
            url = self.urls.get(sid)
            if url is not None:
                record.update(url=url.url, final_url=url.final_url, status=url.status, verdict=url.verdict,
                              reason=url.reason, checked_at=_iso(url.checked_at), cached=url.from_cache)
            doi = self.dois.get(sid)
            if doi is not None:
                record.update(doi=doi.doi, doi_verdict=doi_verdict(doi), doi_checked_at=_iso(doi.checked_at),
                              doi_cached=doi.from_cache)
            records.append(record)
        return records


def doi_verdict(check: DoiCheck) -> str:
    """One word for a DOI check: retracted, unresolved, mismatch, unknown or ok."""
    if check.retraction:
        return "retracted"
    if check.resolves is False:
        return "unresolved"
    if check.mismatches:
        return "mismatch"
    return "unknown" if check.unknown else "ok"


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if when is not None else None
