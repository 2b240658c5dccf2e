"""The result of a page lint: a :class:`evidence.report.Report` that counts pages, not records.

The checker's renderers print it unchanged (text, JSON, GitHub annotations); only the
summary differs: what was linted, and every finding a comment suppressed, so a
suppression is always visible in the output it changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from evidence.report import Report


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding a suppression comment silenced, and the line of that comment."""

    code: str
    file: str
    line: int
    column: int
    message: str
    comment_line: int


@dataclass(frozen=True, slots=True)
class Unused:
    """A suppression comment that silenced nothing."""

    file: str
    line: int
    comment: str


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class LintReport(Report):
    """Findings of ``evidence lint``, pointing into the pages, and what the comments silenced."""

    suppressed: list[Suppressed] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """Pages linted; a run that linted none fails (see :meth:`exit_code`)."""
        return self.counts.get("pages", 0)

    def summary(self) -> dict[str, Any]:
        """The ``summary`` object of the JSON output."""
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "pages": self.pages,
            "statistics": self.counts.get("statistics", 0),
            "cited": self.counts.get("cited", 0),
            "urls": self.counts.get("urls", 0),
            "files": self.files,
            "rules": len(self.rules),
            "suppressed": [asdict(s) for s in self.suppressed],
            "unused_suppressions": [asdict(u) for u in self.unused],
        }

    def exit_code(self, strict: bool = False) -> int:
        """0 when every page may go out, 1 on errors (or warnings with ``strict``) or when no page was linted."""
        if self.errors or self.pages == 0 or (strict and self.warnings):
            return 1
        return 0

    def summary_line(self) -> str:
        """What was linted and found, then one line per suppressed finding and unused comment."""
        counts = self.counts
        found = f"{_plural(self.errors, 'error')}, {_plural(self.warnings, 'warning')}"
        if self.suppressed:
            found += f", {len(self.suppressed)} suppressed"
        lines = [
            f"Linted {_plural(self.pages, 'page')} ({_plural(counts.get('statistics', 0), 'statistic')}, "
            f"{counts.get('cited', 0)} cited; {_plural(counts.get('urls', 0), 'cited URL')}) "
            f"with {_plural(len(self.rules), 'rule')}: {found}."
        ]
        for s in self.suppressed:
            lines.append(f"  suppressed {s.file}:{s.line}:{s.column}: {s.code} {s.message} (comment on line {s.comment_line})")
        for u in self.unused:
            lines.append(f"  unused suppression {u.file}:{u.line}: {u.comment} silenced nothing")
        return "\n".join(lines)
