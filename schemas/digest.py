"""Caches' keys and place: what a cached result depends on, hashed, and where caches live.

A digest covers the tool's own code (path, size and mtime of every module of the
project's packages), an ``extra`` string (options, the root as shown) and every file's
relative path and bytes. Any change to any of them gives another digest.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

_PACKAGES = ("schemas", "graph", "evidence")


def code_fingerprint() -> bytes:
    """A digest of the project's own modules, so a new version never reads an old cache."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parent.parent
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def content_digest(root: Path, files: Iterable[Path], extra: str) -> str:
    """A hex digest of the code, ``extra`` and every file's path (relative to ``root``) and bytes."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(code_fingerprint())
    digest.update(extra.encode())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "blake2b").digest())
        except OSError as exc:
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where caches live: ``$EVIDENCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/evidence``, else ``~/.cache/evidence``."""
    explicit = os.environ.get("EVIDENCE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "evidence"
