"""A result cache for checks: a repeat run on unchanged files costs a hash, not a parse.

The key is a digest of everything the result depends on: the tool's own code, the rule
selection, and every data file's relative path and bytes (plus ``evidence.toml``). Any
change to any of them misses. Entries are JSON (never pickle), written atomically, in
``$EVIDENCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/evidence``, else ``~/.cache/evidence``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from schemas.digest import cache_dir, content_digest
from schemas.files import write_atomic

__all__ = ["cache_dir", "catalogue_key", "get", "put"]
_MAX_ENTRIES = 64


def catalogue_key(root: Path, files: Iterable[Path], extra: str) -> str:
    """A digest of the code, ``extra`` (rule selection, shown root) and every file's path and bytes."""
    return content_digest(root, files, extra)


def get(key: str) -> dict | None:  # type: ignore[type-arg]
    """The cached entry for ``key``, or None (a missing or damaged entry is a miss)."""
    try:
        return json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def put(key: str, value: dict) -> None:  # type: ignore[type-arg]
    """Store an entry atomically; a cache that cannot be written is skipped silently."""
    folder = cache_dir()
    try:
        write_atomic(folder / f"{key}.json", json.dumps(value, sort_keys=True))
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-_MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
