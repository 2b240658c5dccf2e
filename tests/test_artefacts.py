"""Generated artefacts are checked in and never drift from the models."""

from __future__ import annotations

import json

import pytest

import rdflib

from schemas.artefacts import ARTEFACTS, JSON_SCHEMA, ONTOLOGY, SHAPES


@pytest.mark.parametrize("path", sorted(ARTEFACTS), ids=lambda p: p.name)
def test_generated_artefacts_are_checked_in_and_current(path) -> None:  # type: ignore[no-untyped-def]
    assert path.read_text() == ARTEFACTS[path](), "run `python -m schemas.artefacts` and commit the result"


def test_ontology_and_shapes_are_valid_turtle() -> None:
    ontology = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    classes = set(ontology.subjects(rdflib.RDF.type, rdflib.OWL.Class))
    assert rdflib.URIRef("https://evidence.example/ns#Claim") in classes
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    assert len(set(shapes.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#NodeShape")))) >= 5


@pytest.mark.parametrize("kind", ["designs", "sources", "claims", "occupations", "skills", "tasks", "pages"])
def test_json_schema_names_every_kind_and_forbids_unknown_fields(kind: str) -> None:
    schema = json.loads(JSON_SCHEMA.read_text())
    assert kind in schema["properties"]
    assert schema["additionalProperties"] is False
    record = {"designs": "Design", "sources": "Source", "claims": "Claim", "occupations": "Occupation",
              "skills": "Skill", "tasks": "Task", "pages": "Page"}[kind]
    assert schema["$defs"][record]["additionalProperties"] is False
