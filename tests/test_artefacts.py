"""Generated artefacts are checked in and never drift from the models."""

from __future__ import annotations

import json

import pytest

from schemas.artefacts import JSON_SCHEMA, render_json_schema


def test_json_schema_matches_the_models() -> None:
    assert JSON_SCHEMA.read_text() == render_json_schema(), "run `python -m schemas.artefacts` and commit the result"


@pytest.mark.parametrize("kind", ["designs", "sources", "claims", "occupations", "skills", "tasks", "pages"])
def test_json_schema_names_every_kind_and_forbids_unknown_fields(kind: str) -> None:
    schema = json.loads(JSON_SCHEMA.read_text())
    assert kind in schema["properties"]
    assert schema["additionalProperties"] is False
    record = {"designs": "Design", "sources": "Source", "claims": "Claim", "occupations": "Occupation",
              "skills": "Skill", "tasks": "Task", "pages": "Page"}[kind]
    assert schema["$defs"][record]["additionalProperties"] is False
