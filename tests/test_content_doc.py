"""Issue 18: docs/content.md states the content format; every field of the models is in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.models import MODELS

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "content.md"


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        yield from _nested(field.annotation, seen)


def _nested(annotation: Any, seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from _models(annotation, seen)
    for arg in getattr(annotation, "__args__", ()):
        yield from _nested(arg, seen)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):
        yield from _nested(origin, seen)


def every_field() -> set[tuple[str, str]]:
    seen: set[type[BaseModel]] = set()
    found = set()
    for model in MODELS.values():
        for each in _models(model, seen):
            found |= {(each.__name__, name) for name in each.model_fields}
    return found


def documented(text: str) -> set[str]:
    """Field names as the doc writes them: in backticks, or as a YAML key in an example."""
    names = set(re.findall(r"`([A-Za-z_]+)`", text))
    names |= set(re.findall(r"^\s*(?:- )?([A-Za-z_]+):", text, re.M))
    return names


def test_every_field_of_the_models_is_in_docs_content_md() -> None:
    fields = every_field()
    assert len(fields) > 60  # all the files' models were found
    missing = sorted(
        f"{model}.{name}" for model, name in fields if name not in documented(DOC.read_text())
    )
    assert missing == [], f"fields missing from {DOC.relative_to(REPO)}: {missing}"


def test_the_check_fails_for_a_field_left_out() -> None:
    text = DOC.read_text().replace("sla_hours", "sla")
    assert "sla_hours" not in documented(text)


def test_the_readme_links_the_contract_and_nothing_points_outside() -> None:
    readme = (REPO / "README.md").read_text()
    assert "(docs/content.md)" in readme
    assert "shared folder" not in readme and "CONTENT.md" not in readme
