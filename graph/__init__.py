"""The typed graph built from a catalogue, its RDF mapping and exports, SPARQL, related roles.

Names are imported lazily (PEP 562): a query on a cached store need not import networkx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "EDGE_KINDS": "graph.build",
    "NODE_KINDS": "graph.build",
    "build_graph": "graph.build",
    "node_id": "graph.build",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from graph.build import EDGE_KINDS, NODE_KINDS, build_graph, node_id


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
