"""The typed graph built from a catalogue, and (in later modules) its exports and queries."""

from graph.build import EDGE_KINDS, NODE_KINDS, build_graph, node_id

__all__ = ["EDGE_KINDS", "NODE_KINDS", "build_graph", "node_id"]
