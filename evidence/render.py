"""Renderers: a :class:`Report` (or ranked claims) as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import json
from typing import Any

from evidence.report import Report
from schemas.diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: Report) -> str:
    """One line saying what was checked and what was found (a report that words its own, as page lint's does, says it)."""
    own = getattr(report, "summary_line", None)
    if callable(own):
        return str(own())
    counts = report.counts
    what = ", ".join(_plural(counts.get(k, 0), k[:-1]) for k in ("claims", "sources", "pages") )
    found = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    cached = " (cached)" if report.cached else ""
    return (f"Checked {_plural(sum(counts.values()), 'record')} in {_plural(report.files, 'file')} ({what}) "
            f"with {_plural(len(report.rules), 'rule')}: {found}.{cached}")


def where(d: Diagnostic) -> str:
    """``path:line:col`` (or just the path for a whole-file finding)."""
    return f"{d.file}:{d.line}:{d.column}" if d.line else d.file


def render_text(report: Report) -> str:
    """One line per diagnostic, ``path:line:col: CODE message``, then the summary."""
    lines = [f"{where(d)}: {d.code} {d.message}" for d in report.diagnostics]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    """The JSON shape of DESIGN section 5, keys sorted, with a final newline."""
    payload: dict[str, Any] = {
        "summary": report.summary(),
        "diagnostics": [d.as_dict() for d in report.diagnostics],
    }
    return json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _escape(text: str, *, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per diagnostic."""
    lines = []
    for d in report.diagnostics:
        props = [f"file={_escape(d.file, property=True)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={d.code}")
        lines.append(f"::{d.severity} {','.join(props)}::{_escape(d.code + ' ' + d.message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render(report: Report, fmt: str) -> str:
    """Render in one of :data:`FORMATS`."""
    return {"text": render_text, "json": render_json, "github": render_github}[fmt](report)
