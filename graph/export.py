"""Exports of the catalogue: RDF (Turtle, N-Triples, JSON-LD, TriG, N-Quads), in three layers.

``export_text(catalogue, fmt)`` renders a string; ``export(catalogue, fmt, path)`` writes it
atomically. N-Triples and N-Quads are written here directly (sorted lines, no blank nodes);
Turtle and TriG are written here too, from the same sorted lines (one block per subject,
vocabulary IRIs compacted to prefixed names), which is simpler and faster than a round
trip through a serialiser; JSON-LD is compacted here against the project's context, so it
is readable and needs no network.
Every format is deterministic byte for byte.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Callable

import pyoxigraph as ox

from graph.rdf import Statement, nquads_line, statements
from schemas.catalogue import Catalogue
from schemas.files import write_atomic
from schemas.vocab import PREFIXES, RDF, XSD

RDF_FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads")
SUFFIXES = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "trig": ".trig", "nquads": ".nq"}


def ntriples_text(stmts: list[Statement]) -> str:
    """Sorted, unique N-Triples lines (a statement in two files' graphs is one triple)."""
    lines = sorted({line for _, line in stmts})
    return "\n".join(lines) + "\n" if lines else ""


def nquads_text(stmts: list[Statement]) -> str:
    """Sorted, unique N-Quads lines: each data file's statements in its own named graph."""
    lines = sorted({nquads_line(s) for s in stmts})
    return "\n".join(lines) + "\n" if lines else ""


_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_COMPACT_CACHE: dict[str, str] = {}


def _compact_term(term: str) -> str:
    """``<https://schema.org/Claim>`` -> ``schema:Claim`` where the local name allows it."""
    if not term.startswith("<"):
        return term
    cached = _COMPACT_CACHE.get(term)
    if cached is None:
        cached = term
        value = term[1:-1]
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace) and _LOCAL.match(value[len(namespace):]):
                cached = "a" if value == RDF + "type" else f"{prefix}:{value[len(namespace):]}"
                break
        if len(_COMPACT_CACHE) < 100_000:
            _COMPACT_CACHE[term] = cached
    return cached


def _turtle_body(lines: list[str], indent: str = "") -> list[str]:
    """Sorted N-Triples lines as Turtle statements, one subject a block, predicates compacted."""
    out: list[str] = []
    subject = None
    for line in lines:
        s, p, rest = line.split(" ", 2)
        o = rest[:-2]
        o_short = _compact_term(o) if o.startswith("<") else o
        p_short = _compact_term(p)
        if s == subject:
            out[-1] += " ;"
            out.append(f"{indent}    {p_short} {o_short}")
        else:
            if subject is not None:
                out[-1] += " ."
            subject = s
            out.append(f"{indent}{s} {p_short} {o_short}")
    if subject is not None:
        out[-1] += " ."
    return out


def _prefix_header() -> str:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(PREFIXES.items()))


def turtle_text(stmts: list[Statement]) -> str:
    """Turtle with the project's prefixes: one block per subject, subjects and lines sorted."""
    lines = sorted({line for _, line in stmts})
    return _prefix_header() + "\n" + "\n".join(_turtle_body(lines)) + "\n"


def trig_text(stmts: list[Statement]) -> str:
    """TriG: the default graph (provenance) first, then each data file's named graph."""
    graphs: dict[str, set[str]] = {}
    for g, line in stmts:
        graphs.setdefault(g, set()).add(line)
    parts = [_prefix_header()]
    for g in sorted(graphs):
        body = _turtle_body(sorted(graphs[g]), indent="    " if g else "")
        parts.append("\n".join(body) + "\n" if not g else f"<{g}> {{\n" + "\n".join(body) + "\n}\n")
    return "\n".join(parts)


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if local and all(ch.isalnum() or ch in "_-" for ch in local):
                return f"{prefix}:{local}"
    return iri


def _jsonld_value(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": term.value}
    datatype = term.datatype.value
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if datatype == XSD + "string":
        return term.value
    return {"@value": term.value, "@type": _compact(datatype)}


def jsonld_text(stmts: list[Statement]) -> str:
    """Compacted JSON-LD: the project's context inline, one node per subject, keys sorted."""
    nodes: dict[str, dict[str, list[Any]]] = {}
    for triple in ox.parse(ntriples_text(stmts).encode(), format=ox.RdfFormat.N_TRIPLES):
        node = nodes.setdefault(triple.subject.value, {})
        if triple.predicate.value == RDF + "type":
            node.setdefault("@type", []).append(_compact(triple.object.value))
        else:
            node.setdefault(_compact(triple.predicate.value), []).append(_jsonld_value(triple.object))
    graph = []
    for subject in sorted(nodes):
        entry: dict[str, Any] = {"@id": subject}
        for key, values in nodes[subject].items():
            entry[key] = values[0] if len(values) == 1 else values
        graph.append(entry)
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


_RENDERERS: dict[str, Callable[[list[Statement]], str]] = {
    "turtle": turtle_text,
    "ntriples": ntriples_text,
    "jsonld": jsonld_text,
    "trig": trig_text,
    "nquads": nquads_text,
}


def export_text(catalogue: Catalogue, fmt: str) -> str:
    """The catalogue rendered in one of :data:`RDF_FORMATS`."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(RDF_FORMATS)}")
    return _RENDERERS[fmt](statements(catalogue))


def export(catalogue: Catalogue, fmt: str, path: str | os.PathLike[str]) -> None:
    """Write an export atomically (a temporary file beside ``path``, then a rename)."""
    write_atomic(path, export_text(catalogue, fmt))
