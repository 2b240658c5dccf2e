"""A result cache for checks: a repeat run on unchanged files costs a hash, not a parse.

The key, computed by the checker with :func:`schemas.digest.content_digest`, is a digest
of everything the result depends on: the tool's own code, the rule selection, and every
data file's relative path and bytes (plus ``evidence.toml``). Any change to any of them
misses. Entries are JSON (never pickle), written atomically, in
``$EVIDENCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/evidence``, else ``~/.cache/evidence``.
"""

from __future__ import annotations

import json

from schemas.digest import cache_dir
from schemas.files import write_atomic

__all__ = ["get", "put"]
_MAX_ENTRIES = 64


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
