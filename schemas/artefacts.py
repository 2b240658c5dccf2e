"""Generated, checked-in artefacts derived from the models and the vocabulary.

* ``catalogue.schema.json``: the JSON Schema of a catalogue file; editors point their
  YAML language server at it for completion and errors while typing;
* ``evidence.ttl``: the ``ev:`` vocabulary as an OWL/RDFS ontology;
* ``context.jsonld``: the JSON-LD context of the exports;
* ``shapes.ttl``: the SHACL shapes of the rules SHACL can express.

``python -m schemas.artefacts`` rewrites them all; a test fails when one drifts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from schemas.files import write_atomic
from schemas.models import KINDS
from schemas.shapes import shapes_turtle
from schemas.vocab import EV, PREFIXES, TERMS

GENERATED = Path(__file__).parent / "generated"
JSON_SCHEMA = GENERATED / "catalogue.schema.json"
ONTOLOGY = GENERATED / "evidence.ttl"
CONTEXT = GENERATED / "context.jsonld"
SHAPES = GENERATED / "shapes.ttl"


def catalogue_json_schema() -> dict[str, Any]:
    """The JSON Schema of one catalogue file: a mapping of kinds to lists of records."""
    fields: dict[str, Any] = {kind: (list[model] | None, None) for kind, model in KINDS.items()}  # type: ignore[valid-type]
    file_model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        "CatalogueFile", __config__=ConfigDict(extra="forbid", title="evidence catalogue file"), **fields
    )
    schema = file_model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "A catalogue file of the evidence tool: each key is a kind holding a list of records. "
        "Scalars may be written as strings; the tool converts them as the schema says."
    )
    return schema


def render_json_schema() -> str:
    """The schema as the exact text checked in (sorted keys, two-space indent, final newline)."""
    return json.dumps(catalogue_json_schema(), indent=2, sort_keys=True) + "\n"


def _turtle_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_ontology() -> str:
    """The ``ev:`` vocabulary as Turtle: classes, object and datatype properties, datatypes."""
    lines = [f"@prefix {name}: <{iri}> ." for name, iri in sorted(PREFIXES.items())]
    lines += ["", f"<{EV.rstrip('#')}> a owl:Ontology ;",
              '    rdfs:label "evidence graph vocabulary" ;',
              '    rdfs:comment "Terms of the citation-grounded evidence graph not covered by schema.org, CiTO, PROV-O, SKOS or DCTERMS." .',
              ""]
    kinds = {"class": "owl:Class", "object": "owl:ObjectProperty", "datatype": "owl:DatatypeProperty", "datatype-iri": "rdfs:Datatype"}
    for term in sorted(TERMS, key=lambda t: t.name):
        parts = [f"ev:{term.name} a {kinds[term.kind]}", f"    rdfs:label {_turtle_string(term.name)}",
                 f"    rdfs:comment {_turtle_string(term.comment)}"]
        if term.domain:
            parts.append(f"    rdfs:domain ev:{term.domain}")
        if term.range:
            parts.append(f"    rdfs:range ev:{term.range}")
        lines.append(" ;\n".join(parts) + " .")
    return "\n".join(lines) + "\n"


def render_context() -> str:
    """The JSON-LD context: the project's prefixes (exports embed the same context inline)."""
    return json.dumps({"@context": dict(sorted(PREFIXES.items()))}, indent=2, sort_keys=True) + "\n"


ARTEFACTS = {
    JSON_SCHEMA: render_json_schema,
    ONTOLOGY: render_ontology,
    CONTEXT: render_context,
    SHAPES: shapes_turtle,
}


def main() -> None:
    """Rewrite every generated artefact."""
    for path, render in ARTEFACTS.items():
        write_atomic(path, render())
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
