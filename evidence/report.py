"""The result of a check: sorted diagnostics and what was checked. Data, not output."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemas.diagnostics import Diagnostic


@dataclass
class Report:
    """Diagnostics sorted by place, the record counts by kind, and the rule codes that ran."""

    catalogue: str
    diagnostics: list[Diagnostic]
    counts: dict[str, int]
    rules: list[str]
    files: int = 0
    cached: bool = field(default=False, compare=False)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    @property
    def claims(self) -> int:
        """Claims checked; a run that checked none fails (see :meth:`exit_code`)."""
        return self.counts.get("claims", 0)

    def summary(self) -> dict[str, Any]:
        """The ``summary`` object of the JSON output."""
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "claims": self.claims,
            "sources": self.counts.get("sources", 0),
            "records": sum(self.counts.values()),
            "files": self.files,
            "rules": len(self.rules),
        }

    def exit_code(self, strict: bool = False) -> int:
        """0 when publishable, 1 on errors (or warnings with ``strict``) or when no claim was checked."""
        if self.errors or self.claims == 0 or (strict and self.warnings):
            return 1
        return 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form from which :meth:`from_json` rebuilds the report (used by the cache)."""
        return {
            "catalogue": self.catalogue,
            "counts": self.counts,
            "rules": self.rules,
            "files": self.files,
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        return cls(
            catalogue=data["catalogue"],
            diagnostics=[Diagnostic(**d) for d in data["diagnostics"]],
            counts=data["counts"],
            rules=data["rules"],
            files=data["files"],
        )
