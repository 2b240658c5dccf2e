"""The embedded SPARQL store: pyoxigraph (RocksDB), built from the catalogue's N-Quads and
cached on disk per catalogue content, so a second query on an unchanged catalogue opens
the stored database instead of loading the catalogue again.

Why pyoxigraph and not rdflib's own store: measured here at career-site scale (1.09 M
triples), building it is 5x faster, it holds the graph in a quarter of the memory, and
the saved queries run 11x to 47x faster (``../shared/MEASUREMENTS.md``;
``benchmarks/bench_sparql.py`` measures the same in every run).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from schemas.digest import cache_dir, content_digest
from schemas.discovery import catalogue_files
from schemas.errors import CatalogueNotFound

_KEEP = 4  # stores kept in the cache; older ones are removed


def stores_dir() -> Path:
    """Where cached stores live (below the user's cache folder)."""
    return cache_dir() / "stores"


def store_key(catalogue: str | os.PathLike[str]) -> str:
    """The content digest a store is cached under (code, files, settings)."""
    root = Path(catalogue)
    if not root.is_dir():
        raise CatalogueNotFound(f"no catalogue directory at {os.fspath(catalogue)!r}")
    return content_digest(root, catalogue_files(root), "store")


def build_store(nquads: str, path: Path | None = None) -> ox.Store:
    """A store holding the given N-Quads (in memory when ``path`` is None)."""
    store = ox.Store(str(path)) if path is not None else ox.Store()
    if nquads:
        store.bulk_load(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    return store


def open_store(catalogue: str | os.PathLike[str], *, use_cache: bool = True) -> tuple[ox.Store, bool]:
    """A read-only store of the catalogue and whether it came from the cache.

    On a miss the catalogue is loaded, exported to N-Quads and bulk-loaded into a new
    store, built in a temporary folder and renamed into place (a crash never leaves a
    half-built store under a valid key).
    """
    key = store_key(catalogue)
    target = stores_dir() / key
    if use_cache and (target / "CURRENT").is_file():
        try:
            return ox.Store.read_only(str(target)), True
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
    from graph.export import nquads_text
    from graph.rdf import statements
    from schemas.loader import load_catalogue

    text = nquads_text(statements(load_catalogue(catalogue)))
    if not use_cache:
        return build_store(text), False
    stores_dir().mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{key[:16]}.", dir=stores_dir()))
    try:
        store = build_store(text, building / "db")
        store.flush()
        del store
        os.replace(building / "db", target)
    except OSError:
        # another process may have built it meanwhile; fall back to memory if not
        if not (target / "CURRENT").is_file():
            return build_store(text), False
    finally:
        shutil.rmtree(building, ignore_errors=True)
    _prune(keep=target)
    return ox.Store.read_only(str(target)), False


def _prune(keep: Path) -> None:
    stores = sorted((p for p in stores_dir().iterdir() if p.is_dir() and not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in stores[_KEEP:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
