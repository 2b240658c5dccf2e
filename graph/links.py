"""The internal link graph: pages and occupations, the links between them, and proposed related roles.

Declared links come from the catalogue:

* ``links`` — a page's ``links`` (to a page or, failing that, an occupation of that id);
* ``adjacent`` — an occupation's declared related roles;
* ``about`` — a page's ``occupation``, read both ways: the page names and links its role,
  and the role's page lists the pages about it (the site templates render both).

Proposed links (``related``) come from :mod:`graph.related`, each with its score and
reasons. :func:`declared_links` feeds the link-health rules (EV501 orphans, EV502
dangling or self links); :func:`links_json` and :func:`graphml` export the whole graph
for a site generator or a graph tool, deterministically (nodes and edges sorted, no
timestamps), so the same catalogue gives the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterator
from xml.sax.saxutils import escape, quoteattr

from schemas.catalogue import Catalogue

LINK_KINDS = ("links", "adjacent", "about", "related")
_NODE = {"pages": "page", "occupations": "occupation"}


def node_id(kind: str, id: str) -> str:
    """The node of a page or occupation, as :func:`graph.build.node_id` names it (``page:x``)."""
    return f"{_NODE[kind]}:{id}"


@dataclass(frozen=True)
class Link:
    """One declared link, with the field it was declared in (for diagnostics).

    ``target_kind`` is None when the target names no page or occupation (dangling).
    """

    kind: str
    source_kind: str
    source: str
    path: tuple[object, ...]
    target: str
    target_kind: str | None

    @property
    def is_self(self) -> bool:
        """True when the link points back at the record that declares it."""
        return self.source_kind == self.target_kind and self.source == self.target


def declared_links(catalogue: Catalogue) -> Iterator[Link]:
    """Every link the catalogue declares, in catalogue order (``about`` yields both directions)."""
    pages, occupations = catalogue.pages, catalogue.occupations
    for pid, page in pages.items():
        for index, target in enumerate(page.links):
            kind = "pages" if target in pages else "occupations" if target in occupations else None
            yield Link("links", "pages", pid, ("links", index), target, kind)
        if page.occupation is not None and page.occupation in occupations:
            yield Link("about", "pages", pid, ("occupation",), page.occupation, "occupations")
            yield Link("about", "occupations", page.occupation, (), pid, "pages")
    for oid, occupation in occupations.items():
        for index, target in enumerate(occupation.adjacent):
            yield Link("adjacent", "occupations", oid, ("adjacent", index), target, "occupations" if target in occupations else None)


def inbound(catalogue: Catalogue) -> dict[tuple[str, str], int]:
    """How many declared links from *another* node reach each page and occupation."""
    counts = {("pages", pid): 0 for pid in catalogue.pages}
    counts.update({("occupations", oid): 0 for oid in catalogue.occupations})
    for link in declared_links(catalogue):
        if link.target_kind is not None and not link.is_self:
            counts[(link.target_kind, link.target)] += 1
    return counts


@dataclass(frozen=True)
class Edge:
    """An edge of the exported link graph."""

    source: str
    target: str
    kind: str
    score: float | None = None
    reasons: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The edge as JSON: score and reasons only for proposed (``related``) edges."""
        out: dict[str, object] = {"source": self.source, "target": self.target, "kind": self.kind}
        if self.score is not None:
            out.update(score=self.score, reasons=list(self.reasons))
        return out


def link_graph(catalogue: Catalogue, *, k: int = 10, min_inbound: int = 0) -> tuple[list[dict[str, object]], list[Edge]]:
    """Nodes (pages and occupations) and edges (declared and proposed), sorted.

    Dangling and self links are left out (EV502 reports them); proposed links are each
    occupation's ``k`` best related roles (``min_inbound`` as in :func:`graph.related.related_roles`).
    """
    nodes: list[dict[str, object]] = []
    for pid, page in catalogue.pages.items():
        nodes.append({"id": node_id("pages", pid), "kind": "page", "record": pid, "title": page.title,
                      "path": page.path, "occupation": page.occupation})
    for oid, occupation in catalogue.occupations.items():
        codes = {name: value for name, value in occupation.codes.model_dump().items() if value is not None}
        nodes.append({"id": node_id("occupations", oid), "kind": "occupation", "record": oid, "title": occupation.title, "codes": codes})
    edges: dict[tuple[str, str, str], Edge] = {}
    for link in declared_links(catalogue):
        if link.target_kind is not None and not link.is_self:
            source, target = node_id(link.source_kind, link.source), node_id(link.target_kind, link.target)
            edges[(source, target, link.kind)] = Edge(source, target, link.kind)
    from graph.related import related_roles  # numpy and scipy, only when proposals are wanted

    for entry in related_roles(catalogue, k=k, min_inbound=min_inbound) if catalogue.occupations else []:
        source = node_id("occupations", entry.id)
        for proposed in entry.related:
            target = node_id("occupations", proposed.id)
            edges[(source, target, "related")] = Edge(source, target, "related", proposed.score, proposed.reasons)
    return sorted(nodes, key=lambda n: str(n["id"])), [edges[key] for key in sorted(edges)]


def links_json(catalogue: Catalogue, *, k: int = 10, min_inbound: int = 0) -> str:
    """The link graph as JSON: ``{"nodes": [...], "edges": [{"source", "target", "kind", "score"?, "reasons"?}]}``."""
    nodes, edges = link_graph(catalogue, k=k, min_inbound=min_inbound)
    payload = {"nodes": nodes, "edges": [e.as_dict() for e in edges]}
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_NODE_KEYS = (("kind", "string"), ("record", "string"), ("title", "string"), ("path", "string"), ("occupation", "string"),
              ("soc", "string"), ("onet", "string"), ("isco", "string"), ("esco", "string"))
_EDGE_KEYS = (("kind", "string"), ("score", "double"), ("reasons", "string"))


def graphml(catalogue: Catalogue, *, k: int = 10, min_inbound: int = 0) -> str:
    """The link graph as GraphML (a directed multigraph; an edge's reasons joined by newlines)."""
    nodes, edges = link_graph(catalogue, k=k, min_inbound=min_inbound)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
             '         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for name, kind in _NODE_KEYS:
        lines.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name, kind in _EDGE_KEYS:
        lines.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    lines.append('  <graph id="links" edgedefault="directed">')
    for node in nodes:
        values = {**node, **node.get("codes", {})}  # type: ignore[dict-item]
        lines.append(f"    <node id={quoteattr(str(node['id']))}>")
        lines.extend(f'      <data key="n_{name}">{escape(str(values[name]))}</data>' for name, _ in _NODE_KEYS if values.get(name) is not None)
        lines.append("    </node>")
    for number, edge in enumerate(edges):
        lines.append(f'    <edge id="e{number}" source={quoteattr(edge.source)} target={quoteattr(edge.target)}>')
        lines.append(f'      <data key="e_kind">{edge.kind}</data>')
        if edge.score is not None:
            lines.append(f'      <data key="e_score">{edge.score}</data>')
            lines.append(f'      <data key="e_reasons">{escape(chr(10).join(edge.reasons))}</data>')
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"
