"""JSON Schemas for editors, generated from the pydantic models that validate.

The schemas follow draft 2020-12. They describe the files as an editor reads them
(YAML 1.2: an unquoted date is a string), refuse unknown fields like the checker
does, and carry a short description of every field for hover help.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator import models
from generator.authoring.descriptions import DESCRIPTIONS, EXTRA, TITLES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SLUG_MESSAGE = "use lowercase letters, digits and '-', starting with a letter or digit"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# A plan task needs a start date unless it follows other tasks (the contract's rule).
STARTS = {
    "anyOf": [
        {"required": ["start"]},
        {"required": ["after"], "properties": {"after": {"minItems": 1}}},
    ]
}

SCHEMAS: dict[str, type[models.Record]] = {
    "session": models.Session,
    "playbook": models.PlaybookMeta,
    "team": models.TeamFile,
    "mql": models.MqlFile,
    "funnel": models.FunnelFile,
    "glossary": models.GlossaryFile,
}


class _Generator(GenerateJsonSchema):
    """Adds what the models check in validator functions: id patterns, non-empty text,
    dates written YYYY-MM-DD (`format: date` alone is only an annotation in 2020-12)."""

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {**super().date_schema(schema), "pattern": DATE_PATTERN}

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        result = super().function_after_schema(schema)
        function = schema["function"].get("function")
        if function is models._slug:
            return {**result, "pattern": models.SLUG.pattern, "patternErrorMessage": SLUG_MESSAGE}
        if function is models._text:
            return {**result, "minLength": 1}
        return result


def _document(kind: str, schema: dict[str, Any]) -> None:
    """Field descriptions and extras by model name; pydantic's generated titles removed."""
    parts = {**schema.get("$defs", {}), SCHEMAS[kind].__name__: schema}
    if "PlanTask" in parts:
        parts["PlanTask"].update(STARTS)
    for name, part in parts.items():
        for field, prop in part.get("properties", {}).items():
            prop.pop("title", None)
            if "default" in prop and prop["default"] is None:
                del prop["default"]  # nothing for an editor to offer
            if (name, field) in DESCRIPTIONS:
                prop["description"] = DESCRIPTIONS[name, field]
            prop.update(EXTRA.get((name, field), {}))


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    model = SCHEMAS[kind]
    generated = model.model_json_schema(schema_generator=_Generator)
    _document(kind, generated)
    title, description = TITLES[kind]
    generated.pop("title", None)
    return {"$schema": DRAFT, "title": title, "description": description, **generated}


def schema_files() -> dict[str, str]:
    """File name -> JSON text of every schema, stable and ending with a newline."""
    return {
        f"{kind}.schema.json": json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in SCHEMAS
    }


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into ``out`` (created if needed); the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
