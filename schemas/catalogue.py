"""A loaded catalogue: validated records by kind, where each came from, and load findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, TypeVar

from schemas.config import Config
from schemas.diagnostics import Diagnostic
from schemas.models import KINDS, Claim, Design, Occupation, Page, Record, Skill, Source, Task
from schemas.tree import Pos, YMap, position_of

R = TypeVar("R", bound=Record)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read: its file and the parsed mapping (which knows every field's position)."""

    file: str
    node: YMap

    @property
    def pos(self) -> Pos:
        return self.node.pos


@dataclass
class Catalogue:
    """Everything read from one catalogue directory.

    ``records[kind][id]`` holds the validated models in a deterministic order (file path,
    then position); ``diagnostics`` holds what loading found (EV100, EV101, EV103).
    """

    root: str
    config: Config = field(default_factory=Config)
    files: list[str] = field(default_factory=list)
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    # typed views ---------------------------------------------------------------
    @property
    def designs(self) -> dict[str, Design]:
        return self.records["designs"]  # type: ignore[return-value]

    @property
    def sources(self) -> dict[str, Source]:
        return self.records["sources"]  # type: ignore[return-value]

    @property
    def claims(self) -> dict[str, Claim]:
        return self.records["claims"]  # type: ignore[return-value]

    @property
    def occupations(self) -> dict[str, Occupation]:
        return self.records["occupations"]  # type: ignore[return-value]

    @property
    def skills(self) -> dict[str, Skill]:
        return self.records["skills"]  # type: ignore[return-value]

    @property
    def tasks(self) -> dict[str, Task]:
        return self.records["tasks"]  # type: ignore[return-value]

    @property
    def pages(self) -> dict[str, Page]:
        return self.records["pages"]  # type: ignore[return-value]

    def counts(self) -> dict[str, int]:
        """How many records of each kind were loaded."""
        return {kind: len(records) for kind, records in self.records.items()}

    def __iter__(self) -> Iterator[tuple[str, Record]]:
        for kind, records in self.records.items():
            for record in records.values():
                yield kind, record

    def relative(self, file: str) -> str:
        """A data file's path relative to the catalogue root (``claims/a.yaml``)."""
        prefix = self.root.rstrip("/") + "/"
        return file[len(prefix):] if self.root not in ("", ".") and file.startswith(prefix) else file

    def where(self, kind: str, id: str, *path: object) -> tuple[str, int, int]:
        """File, line and column of a record, or of the field at ``path`` inside it."""
        origin = self.origins.get((kind, id))
        if origin is None:
            return (self.root, 0, 0)
        line, column = position_of(origin.node, path, origin.pos)
        return (origin.file, line, column)

    def diagnostic(self, code: str, severity: str, message: str, kind: str, id: str, *path: object) -> Diagnostic:
        """A diagnostic about a record (or one of its fields), placed where the record was read."""
        file, line, column = self.where(kind, id, *path)
        return Diagnostic(code, severity, message, file, line, column, kind, id)  # type: ignore[arg-type]
