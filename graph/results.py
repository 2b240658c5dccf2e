"""Query results as a table, CSV, TSV or SPARQL 1.1 JSON results; graphs as Turtle or N-Triples."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyoxigraph as ox

from graph.sparql import QueryResult
from schemas.vocab import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json")


def _short(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return str(term.value) if isinstance(term, ox.Literal) else str(term)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def render_result(result: QueryResult, fmt: str) -> str:
    """A query result in one of :data:`RESULT_FORMATS` (graphs: Turtle for table, else N-Triples)."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        rdf_format = ox.RdfFormat.TURTLE if fmt == "table" else ox.RdfFormat.N_TRIPLES
        prefixes = PREFIXES if fmt == "table" else None
        return (ox.serialize(result.triples, format=rdf_format, prefixes=prefixes) or b"").decode()
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, indent=1, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([["" if t is None else str(t.value) for t in row] for row in result.rows])
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    cells = [[_short(t) for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")
    return "\n".join(lines) + "\n"
