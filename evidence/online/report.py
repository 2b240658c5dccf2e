"""The report of an online check: the usual :class:`Report` plus, for every verified source,
its verdict and when its URL was last checked (fresh, or when the cached answer was fetched).

Rendering adds to the usual output and keeps its shape: text and GitHub output get one
``online:`` line per source and a line of totals just before the summary line; JSON gets an
``online`` list beside ``summary`` and ``diagnostics``, and ``summary.online`` totals.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from evidence.online.results import VERDICTS
from evidence.render import render
from evidence.report import Report


@dataclass
class OnlineReport(Report):
    """A report with the online records of :meth:`evidence.online.run.Verification.records`."""

    online: list[dict[str, Any]] = field(default_factory=list)
    requests_sent: int = 0
    answers_cached: int = 0
    online_seconds: float = 0.0

    def online_totals(self) -> dict[str, Any]:
        """Counts of URL verdicts and DOI checks, requests sent and answers taken from the HTTP cache."""
        verdicts = Counter(r["verdict"] for r in self.online if "verdict" in r)
        return {
            "urls": sum(verdicts.values()),
            "dois": sum(1 for r in self.online if "doi" in r),
            **{v: verdicts.get(v, 0) for v in VERDICTS},
            "requests": self.requests_sent,
            "cached_answers": self.answers_cached,
        }


def _line(record: dict[str, Any]) -> str:
    parts = []
    if "verdict" in record:
        status = f" {record['status']}" if record["status"] is not None else ""
        when = f"checked {record['checked_at']}" if record["checked_at"] else "not answered"
        cached = " (cached)" if record["cached"] else ""
        moved = f" -> {record['final_url']}" if record["final_url"] != record["url"] else ""
        parts.append(f"{record['verdict']}{status}, {when}{cached}: {record['url']}{moved}")
    if "doi" in record:
        when = f"checked {record['doi_checked_at']}" if record["doi_checked_at"] else "not answered"
        cached = " (cached)" if record["doi_cached"] else ""
        parts.append(f"DOI {record['doi']} {record['doi_verdict']}, {when}{cached}")
    return f"online: {record['source']}: " + "; ".join(parts)


def totals_line(report: OnlineReport) -> str:
    """One line of online totals: verdicts, DOIs, requests sent, answers from the cache."""
    t = report.online_totals()
    verdicts = ", ".join(f"{t[v]} {v}" for v in VERDICTS if t[v])
    return (f"Verified {t['urls']} URLs ({verdicts or 'none'}) and {t['dois']} DOIs online: "
            f"{t['requests']} requests sent, {t['cached_answers']} answers from the HTTP cache.")


def render_online(report: Report, fmt: str) -> str:
    """Render ``report`` like :func:`evidence.render.render`, with the online records when it has them."""
    text = render(report, fmt)
    if not isinstance(report, OnlineReport):
        return text
    if fmt == "json":
        payload = json.loads(text)
        payload["online"] = report.online
        payload["summary"]["online"] = report.online_totals()
        return json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    lines = text.rstrip("\n").split("\n")
    extra = [_line(r) for r in report.online] + [totals_line(report)]
    return "\n".join(lines[:-1] + extra + lines[-1:]) + "\n"
