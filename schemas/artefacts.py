"""Generated, checked-in artefacts derived from the models: the JSON Schema of a catalogue file.

Editors point their YAML language server at ``schemas/generated/catalogue.schema.json``
to get completion and errors while typing. ``python -m schemas.artefacts`` rewrites it;
a test fails when it drifts from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from schemas.files import write_atomic
from schemas.models import KINDS

GENERATED = Path(__file__).parent / "generated"
JSON_SCHEMA = GENERATED / "catalogue.schema.json"


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


def main() -> None:
    """Rewrite every generated artefact."""
    write_atomic(JSON_SCHEMA, render_json_schema())
    print(f"wrote {JSON_SCHEMA}")


if __name__ == "__main__":
    main()
