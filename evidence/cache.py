"""A result cache for checks: a repeat run on unchanged files costs a hash, not a parse.

The key is a digest of everything the result depends on: the tool's own code, the rule
selection, and every data file's relative path and bytes (plus ``evidence.toml``). Any
change to any of them misses. Entries are JSON (never pickle), written atomically, in
``$EVIDENCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/evidence``, else ``~/.cache/evidence``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable

from schemas.files import write_atomic

_PACKAGES = ("schemas", "graph", "evidence")
_MAX_ENTRIES = 64


def cache_dir() -> Path:
    """Where cached results live, honouring EVIDENCE_CACHE_DIR and XDG_CACHE_HOME."""
    explicit = os.environ.get("EVIDENCE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "evidence"


def _code_fingerprint() -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parent.parent
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def catalogue_key(root: Path, files: Iterable[Path], extra: str) -> str:
    """A digest of the code, ``extra`` (rule selection, shown root) and every file's path and bytes."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(_code_fingerprint())
    digest.update(extra.encode())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "blake2b").digest())
        except OSError as exc:
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


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
