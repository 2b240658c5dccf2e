"""DOIs online: does the DOI resolve (the configured resolver, doi.org by default), does its
registered metadata (a Crossref-compatible API) agree with the source's title and year,
and has the work been retracted or withdrawn?

Resolution asks the resolver with HEAD and does not follow its redirect: a redirect (or a
200) means the DOI is registered, 404 means it is not (EV403). Metadata comes from
``{api}/works/{doi}``; a DOI that API does not know (a DataCite DOI, say) is not compared.
A retraction shows as an ``updated-by`` relation of type retraction, partial retraction,
withdrawal or removal on the work, as an ``update-to`` relation when the DOI is itself the
notice, or as a registered title starting with "Retracted" (EV404).
"""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import quote

from evidence.online.fetch import Fetcher
from evidence.online.results import DoiCheck
from evidence.online.settings import Settings

RETRACTIONS = frozenset(("retraction", "partial_retraction", "withdrawal", "removal"))
_DATE_FIELDS = ("issued", "published", "published-print", "published-online")
_TAG = re.compile(r"<[^>]+>")
_NON_WORD = re.compile(r"[\W_]+")
_RETRACTED = re.compile(r"^\s*(?:retracted|withdrawn)\b[\s:.-]*", re.IGNORECASE)


def doi_path(doi: str) -> str:
    """The DOI as a URL path segment: characters a URL cannot carry are percent-encoded."""
    return quote(doi, safe="/:;()._-")


def title_key(title: str) -> str:
    """A title reduced for comparison: no markup, no "Retracted:" mark, letters and digits only."""
    text = unicodedata.normalize("NFKC", _TAG.sub(" ", title))
    text = _RETRACTED.sub("", text)
    return _NON_WORD.sub(" ", text.casefold()).strip()


def titles_agree(ours: str, theirs: list[str]) -> bool:
    """True when the source's title is one of the registered titles, allowing subtitles and small slips."""
    mine = title_key(ours)
    for title in theirs:
        other = title_key(title)
        if not other:
            continue
        shorter, longer = sorted((mine, other), key=len)
        if mine == other or (len(shorter) >= 15 and longer.startswith(shorter)):
            return True
        if SequenceMatcher(None, mine, other).ratio() >= 0.85:
            return True
    return False


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _years(message: dict[str, Any]) -> set[int]:
    years = set()
    for name in _DATE_FIELDS:
        parts = message.get(name, {})
        dates = parts.get("date-parts") if isinstance(parts, dict) else None
        for date in dates if isinstance(dates, list) else []:
            if isinstance(date, list) and date and isinstance(date[0], int):
                years.add(date[0])
    return years


def _relations(message: dict[str, Any], name: str) -> list[tuple[str, str]]:
    found = []
    for entry in message.get(name, []) if isinstance(message.get(name), list) else []:
        if isinstance(entry, dict) and str(entry.get("type", "")).lower().replace("-", "_") in RETRACTIONS:
            found.append((str(entry.get("type")), str(entry.get("DOI", entry.get("doi", "?")))))
    return found


def retraction_of(message: dict[str, Any]) -> str | None:
    """Words naming a retraction the metadata records, or None."""
    for kind, notice in _relations(message, "updated-by"):
        return f"the DOI's record carries a {kind.replace('_', ' ')} notice ({notice})"
    for kind, target in _relations(message, "update-to"):
        return f"the DOI is itself a {kind.replace('_', ' ')} notice (for {target})"
    for title in _strings(message.get("title")):
        if _RETRACTED.match(title):
            return f"the DOI's registered title is marked retracted ({title.strip()[:100]!r})"
    return None


class DoiVerifier:
    """Checks DOIs against the resolver and the metadata API of the settings."""

    def __init__(self, fetcher: Fetcher, settings: Settings) -> None:
        self.fetcher = fetcher
        self.resolver = settings.doi_resolver.rstrip("/") + "/"
        self.api = settings.crossref_api.rstrip("/") + "/works/"

    def check(self, doi: str, title: str, year: int | None) -> DoiCheck:
        """Resolve ``doi`` and compare its metadata with the source's ``title`` and ``year``."""
        resolved = self.fetcher.fetch(self.resolver + doi_path(doi), "HEAD", follow=False)
        if resolved.status in (405, 501):  # a resolver that does not do HEAD
            resolved = self.fetcher.fetch(self.resolver + doi_path(doi), "GET", follow=False)
        status = resolved.status
        when = resolved.answer.checked_at if resolved.answer else None
        if resolved.failure or status is None:
            return DoiCheck(doi, unknown=f"the resolver could not be asked: {resolved.detail}")
        if status in (404, 410):
            return DoiCheck(doi, resolves=False, checked_at=when, from_cache=resolved.from_cache)
        if status >= 400:
            return DoiCheck(doi, unknown=f"the resolver answered {status}", checked_at=when)
        meta = self.fetcher.fetch(self.api + doi_path(doi), "GET")
        cached = resolved.from_cache and meta.from_cache
        if meta.failure or meta.answer is None:
            return DoiCheck(doi, True, unknown=f"the metadata could not be fetched: {meta.detail}", checked_at=when)
        if meta.answer.status in (404, 410):
            return DoiCheck(doi, True, checked_at=when, from_cache=cached, notes=("not registered with the metadata API",))
        if meta.answer.status != 200:
            return DoiCheck(doi, True, unknown=f"the metadata API answered {meta.answer.status}", checked_at=when)
        try:
            payload = json.loads(meta.answer.body or b"")
            message = payload["message"]
            if not isinstance(message, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            return DoiCheck(doi, True, unknown="the metadata API's answer is not a work record", checked_at=when)
        return DoiCheck(doi, True, _mismatches(message, title, year), retraction_of(message), None, when, cached)


def _mismatches(message: dict[str, Any], title: str, year: int | None) -> tuple[str, ...]:
    found = []
    titles = _strings(message.get("title"))
    subtitles = _strings(message.get("subtitle"))
    candidates = titles + [f"{t}: {s}" for t in titles for s in subtitles]
    if titles and not titles_agree(title, candidates):
        found.append(f"the DOI is registered with the title {titles[0].strip()[:120]!r}")
    years = _years(message)
    if year is not None and years and year not in years:
        found.append(f"the DOI is registered as published in {'/'.join(map(str, sorted(years)))}, not {year}")
    return tuple(found)
