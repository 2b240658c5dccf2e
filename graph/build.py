"""The catalogue as a typed networkx graph: one node per record, one edge per relation.

Designs are the default ladder merged with the catalogue's own. Nodes are ``"<kind>:<id>"`` (``"claim:noy-zhang-writing"``) with attributes ``kind``,
``id``, ``label`` and ``record`` (the model). Edges carry ``kind``, one of
:data:`EDGE_KINDS`; a node pair can hold several edges of different kinds, so the graph
is a :class:`networkx.MultiDiGraph` keyed by edge kind. References to records that do not
exist (EV102) make no edge. Nodes and edges are added in sorted order, so iteration order
is deterministic.
"""

from __future__ import annotations

import networkx as nx

from schemas.catalogue import Catalogue
from schemas.designs import design_names, merged_designs
from schemas.models import Record

NODE_KINDS = {
    "designs": "design",
    "sources": "source",
    "claims": "claim",
    "occupations": "occupation",
    "skills": "skill",
    "tasks": "task",
    "pages": "page",
}
EDGE_KINDS = (
    "cites",        # claim -> source
    "about",        # claim -> occupation | skill | task
    "has-design",   # source -> design
    "has-skill",    # occupation -> skill
    "has-task",     # occupation -> task (declared on either side)
    "decomposed-by",  # task -> source whose task table it comes from
    "adjacent",     # occupation -> occupation (declared related role)
    "shows",        # page -> claim, with attribute position (1-based display order)
    "links",        # page -> page | occupation
    "page-about",   # page -> occupation | skill
)


def node_id(kind: str, id: str) -> str:
    """The graph node of a record: ``node_id("claims", "x") == "claim:x"``."""
    return f"{NODE_KINDS[kind]}:{id}"


def build_graph(catalogue: Catalogue) -> nx.MultiDiGraph:
    """Build the typed graph of a loaded catalogue."""
    g = nx.MultiDiGraph()
    designs = merged_designs(catalogue.designs.values())
    records: dict[str, dict[str, Record]] = {**catalogue.records, "designs": dict(designs)}
    for kind in NODE_KINDS:
        for rid in sorted(records[kind]):
            record = records[kind][rid]
            label = getattr(record, "title", None) or getattr(record, "label", None) or getattr(record, "text", rid)
            g.add_node(node_id(kind, rid), kind=NODE_KINDS[kind], id=rid, label=label, record=record)

    edges: list[tuple[str, str, str, dict[str, object]]] = []

    def link(src_kind: str, src: str, dst_kinds: tuple[str, ...], dst: str, kind: str, **attrs: object) -> None:
        for dst_kind in dst_kinds:
            if dst in records[dst_kind]:
                edges.append((node_id(src_kind, src), node_id(dst_kind, dst), kind, attrs))
                return

    names = design_names(designs)
    for sid, source in catalogue.sources.items():
        design = names.get((source.design or "").strip().lower())
        if design is not None:
            link("sources", sid, ("designs",), design.id, "has-design")
    for cid, claim in catalogue.claims.items():
        for citation in claim.citations():
            link("claims", cid, ("sources",), citation.source, "cites")
        for field in ("occupations", "skills", "tasks"):
            for target in getattr(claim, field):
                link("claims", cid, (field,), target, "about")
    for oid, occupation in catalogue.occupations.items():
        for skill in occupation.skill_links():
            link("occupations", oid, ("skills",), skill.skill, "has-skill", importance=skill.importance, level=skill.level)
        for task in occupation.tasks:
            link("occupations", oid, ("tasks",), task, "has-task")
        for other in occupation.adjacent:
            link("occupations", oid, ("occupations",), other, "adjacent")
    for tid, task_record in catalogue.tasks.items():
        if task_record.occupation:
            link("occupations", task_record.occupation, ("tasks",), tid, "has-task")
        if task_record.source:
            link("tasks", tid, ("sources",), task_record.source, "decomposed-by")
    for pid, page in catalogue.pages.items():
        for position, cid in enumerate(page.claims, start=1):
            link("pages", pid, ("claims",), cid, "shows", position=position)
        for target in page.links:
            link("pages", pid, ("pages", "occupations"), target, "links")
        if page.occupation:
            link("pages", pid, ("occupations",), page.occupation, "page-about")
        if page.skill:
            link("pages", pid, ("skills",), page.skill, "page-about")

    for src, dst, kind, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        if not g.has_edge(src, dst, key=kind):  # a task listed on both sides is one has-task edge
            g.add_edge(src, dst, key=kind, kind=kind, **attrs)
    return g
