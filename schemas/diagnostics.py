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

    def __init__(self, code: str, severity: Severity, message: str, file: str, line: int = 0, column: int = 0,
                 kind: str | None = None, id: str | None = None) -> None:
        # the fields set through their slots: a frozen dataclass's own __init__ goes through
        # object.__setattr__ for each, twice as slow, and a lint run makes thousands
        _SET_CODE(self, code)
        _SET_SEVERITY(self, severity)
        _SET_MESSAGE(self, message)
        _SET_FILE(self, file)
        _SET_LINE(self, line)
        _SET_COLUMN(self, column)
        _SET_KIND(self, kind)
        _SET_ID(self, id)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by place, then code, then text: the order every renderer prints."""
        return (self.file, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of DESIGN section 5."""
        return asdict(self)


(_SET_CODE, _SET_SEVERITY, _SET_MESSAGE, _SET_FILE, _SET_LINE, _SET_COLUMN, _SET_KIND, _SET_ID) = (
    Diagnostic.__dict__[name].__set__ for name in ("code", "severity", "message", "file", "line", "column", "kind", "id"))
