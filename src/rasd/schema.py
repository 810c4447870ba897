"""The JSON Schema of rasd's output records, generated from the core data model.

The committed copy, ``resources/record.schema.json``, is what ``rasd schema`` prints and
what users validate against; a test fails when it differs from what this module generates.
Regenerate it with ``python -m rasd.schema`` (needs the ``dev`` extra, for pydantic).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasd.model import INTERNAL_FIELDS, SCHEMA_VERSION, Document

SCHEMA_PATH = Path(__file__).parent / "resources" / "record.schema.json"


def record_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one output record: a Document plus ``schema_version``."""
    from pydantic import TypeAdapter  # build-time dependency only

    schema: dict[str, Any] = TypeAdapter(Document).json_schema(mode="serialization")
    properties: dict[str, Any] = schema["properties"]
    for name in INTERNAL_FIELDS:
        properties.pop(name, None)
    schema["$defs"].pop("TextLayer", None)
    # orjson writes every field of a dataclass, defaults included, so all are required;
    # tokens alone are written only with --tokens.
    for definition in schema["$defs"].values():
        definition["required"] = list(definition["properties"])
        definition["additionalProperties"] = False
    schema["required"] = ["schema_version", *(name for name in properties if name != "tokens")]
    schema["properties"] = {
        "schema_version": {"const": SCHEMA_VERSION, "type": "string"},
        **properties,
    }
    schema["additionalProperties"] = False
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "rasd output record"
    schema["description"] = (
        "One record per input document. Every start/end is a half-open offset in Unicode "
        "code points into 'text'. A record with errors was skipped."
    )
    return schema


def render_schema() -> str:
    return json.dumps(record_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(render_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
