"""The page-lint diagnostics: their messages, written for the editor who has to act on them.

Each builder returns a :class:`Finding`: the :class:`schemas.Diagnostic` every renderer
prints, with ``file:line:col`` pointing into the page, and the block it was found in (the
unit a suppression comment applies to).
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.lint.holes import Hole
from evidence.lint.index import Attribution, SourceIndex, UrlVerdict
from evidence.lint.order import Placed
from evidence.lint.page import Page
from evidence.lint.statistics import Statistic
from evidence.registry import RULES
from schemas.diagnostics import Diagnostic

SHOWN = 3
"""How many figures an EV601 message quotes before it says "and N more"."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic and the block of the page it belongs to."""

    diagnostic: Diagnostic
    block: int


def _diagnostic(code: str, message: str, page: Page, file: str, offset: int, kind: str | None = None,
                record: str | None = None) -> Diagnostic:
    line, column = page.position(offset)
    return Diagnostic(code, RULES[code].severity, message, file, line, column, kind, record)


def _quote(text: str) -> str:
    return "'" + " ".join(text.replace("\t", " | ").split()) + "'"


def figures_finding(page: Page, file: str, block: int, figures: list[Statistic], named: list[Attribution],
                    index: SourceIndex) -> Finding:
    """EV601: the statistics of one sentence that nothing cites."""
    shown = ", ".join(_quote(s.text) for s in figures[:SHOWN])
    if len(figures) > SHOWN:
        shown += f" and {len(figures) - SHOWN} more"
    what = f"statistic {shown} is" if len(figures) == 1 else f"statistics {shown} are"
    if named:
        first = named[0]
        if len(first.sources) == 1:
            why = f"it is attributed to {_quote(first.name)} (source '{first.sources[0]}'), which has no primary URL"
        else:
            listed = ", ".join(f"'{s}'" for s in first.sources)
            why = (f"it is attributed to {_quote(first.name)}, which names {len(first.sources)} sources "
                   f"({listed}) not all with a primary URL: link the one meant")
    else:
        why = "no link, footnote or attribution to a source with a primary URL in its sentence, paragraph or list item"
        if index.catalogue is None:
            why += " (named sources are resolved with --catalogue)"
    return Finding(_diagnostic("EV601", f"{what} not cited: {why}", page, file, figures[0].start), block)


def hole_finding(page: Page, file: str, hole: Hole) -> Finding:
    """EV602: a template hole, quoted with a few words around it."""
    text = page.text
    start = max(text.rfind("\n", 0, hole.start) + 1, hole.start - 24)
    end = text.find("\n", hole.end)
    end = min(end if end >= 0 else len(text), hole.end + 24)
    snippet = text[start:end]
    if start > 0 and text[start - 1] not in "\n":
        snippet = snippet.split(" ", 1)[-1] if " " in snippet[: hole.start - start] else snippet
    if end < len(text) and text[end] not in "\n" and " " in text[hole.end:end]:
        snippet = snippet.rsplit(" ", 1)[0]
    message = f"template hole: {hole.explanation} ({_quote(hole.text)} in {_quote(snippet)})"
    return Finding(_diagnostic("EV602", message, page, file, hole.start), page.block_at(hole.start))


def url_finding(page: Page, file: str, block: int, offset: int, verdict: UrlVerdict) -> Finding:
    """EV603: a cited URL that is not a primary source of the catalogue."""
    if verdict.status == "invalid":
        message = f"cited URL {verdict.url!r} cannot be a primary URL: {verdict.reason}"
    elif verdict.status == "aggregator":
        message = f"cited URL {verdict.url} is an aggregator, not a primary source ({verdict.reason}): cite the study it reports"
    else:
        message = f"cited URL {verdict.url} is not a primary source: {verdict.reason}"
    kind = "sources" if verdict.source else None
    return Finding(_diagnostic("EV603", message, page, file, offset, kind, verdict.source), block)


def order_finding(page: Page, file: str, later: Placed, earlier: Placed) -> Finding:
    """EV301: a claim of stronger evidence shown after a weaker one."""
    s, w = later.strength, earlier.strength
    message = (f"page shows claim '{later.claim}' ({s.design}, rank {s.rank}) after weaker claim "
               f"'{earlier.claim}' ({w.design}, rank {w.rank})")
    return Finding(_diagnostic("EV301", message, page, file, later.offset, "claims", later.claim), page.block_at(later.offset))
