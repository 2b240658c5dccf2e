"""The one diagnostic type every layer reports, kept apart from how it is printed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding with a stable code, pointing at a file position and, where known, a record.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    code: str
    severity: Severity
    message: str
    file: str
    line: int = 0
    column: int = 0
    kind: str | None = None
    id: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by place, then code, then text: the order every renderer prints."""
        return (self.file, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of DESIGN section 5."""
        return asdict(self)
