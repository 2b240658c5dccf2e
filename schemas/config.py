"""The settings a catalogue carries in ``evidence.toml``."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from schemas.diagnostics import Diagnostic

CONFIG_NAME = "evidence.toml"
DEFAULT_AGGREGATORS = (
    "medium.com",
    "linkedin.com",
    "news.google.com",
    "reddit.com",
    "twitter.com",
    "x.com",
    "wikipedia.org",
)


class RuleSelection(BaseModel):
    """Which rule codes run: ``select`` narrows, ``ignore`` removes (prefixes allowed, as ruff)."""

    model_config = ConfigDict(extra="forbid")
    select: list[str] = []
    ignore: list[str] = []


class Limits(BaseModel):
    """Caps that keep hostile or broken files from exhausting the machine."""

    model_config = ConfigDict(extra="forbid")
    max_file_bytes: int = Field(default=64 * 1024 * 1024, ge=1)
    max_depth: int = Field(default=64, ge=2, le=1000)


class Online(BaseModel):
    """Settings of ``evidence check --online``: where DOIs are looked up, how politely and how patiently."""

    model_config = ConfigDict(extra="forbid")
    doi_resolver: str = "https://doi.org/"
    crossref_api: str = "https://api.crossref.org/"
    per_host: int = Field(default=4, ge=1, le=64)
    workers: int = Field(default=32, ge=1, le=512)
    host_delay: float = Field(default=0.02, ge=0, le=60)
    connect_timeout: float = Field(default=5.0, gt=0, le=300)
    read_timeout: float = Field(default=15.0, gt=0, le=600)
    max_retry_after: float = Field(default=30.0, ge=0, le=3600)
    retries: int = Field(default=2, ge=0, le=10)
    max_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    cache_success_hours: float = Field(default=168.0, ge=0)
    cache_failure_minutes: float = Field(default=60.0, ge=0)


class Config(BaseModel):
    """All settings of one catalogue; every field has a default, so the file is optional."""

    model_config = ConfigDict(extra="forbid")
    base_iri: str = "https://evidence.example/id/"
    aggregator_domains: list[str] = list(DEFAULT_AGGREGATORS)
    allow_private_hosts: bool = False
    vendor_designs: list[str] = ["vendor"]
    rules: RuleSelection = RuleSelection()
    limits: Limits = Limits()
    online: Online = Online()


def load_config(root: Path, shown: str | None = None) -> tuple[Config, list[Diagnostic]]:
    """Read ``evidence.toml`` below ``root`` if present; problems are EV100 diagnostics.

    ``shown`` is the file name diagnostics print (default: the path below ``root``).
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return Config(), []
    shown = shown or path.as_posix()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return Config(), [Diagnostic("EV100", "error", f"not UTF-8 text ({exc.reason} at byte {exc.start})", shown)]
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(where.group(1)), int(where.group(2))) if where else (0, 0)
        return Config(), [Diagnostic("EV100", "error", f"not valid TOML: {exc}", shown, line, column)]
    try:
        return Config.model_validate(raw), []
    except ValidationError as exc:
        return Config(), [
            Diagnostic("EV100", "error", f"setting '{'.'.join(map(str, e['loc']))}': {e['msg']}", shown)
            for e in exc.errors()
        ]
