"""The shape of every field of a record, read from the pydantic models that validate it.

The editor's form and the canonical layout are both built from this, so that a field
the checker requires, a choice it allows or a date it parses is the same in the form.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union

from annotated_types import Ge, Le, MinLen
from pydantic import AfterValidator

from generator import models

Kind = Literal["date", "text", "markdown", "slug", "int", "bool", "choice", "records"]
MARKDOWN = {("Session", "notes")}  # free-form Markdown: the editor's Markdown widget


@dataclass(frozen=True)
class Shape:
    """One field: its kind, whether it is a list of that kind, and its limits."""

    name: str
    kind: Kind
    required: bool
    many: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    min_items: int = 0
    record: type[models.Record] | None = None
    default: str | int | bool | None = None  # the model's default, for the form to show


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside Optional[...] and Annotated[...], with the Annotated metadata."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            meta.extend(_flatten(extra))
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation, meta


def _flatten(extra: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in extra:
        out.extend(getattr(item, "metadata", None) or [item])
    return out


def _kind(model: str, name: str, annotation: Any, meta: list[Any]) -> Kind:
    validators = [m.func for m in meta if isinstance(m, AfterValidator)]
    if annotation is dt.date:
        return "date"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if typing.get_origin(annotation) is Literal:
        return "choice"
    if isinstance(annotation, type) and issubclass(annotation, models.Record):
        return "records"
    if models._slug in validators:
        return "slug"
    return "markdown" if (model, name) in MARKDOWN else "text"


def _limits(meta: list[Any]) -> dict[str, int | None]:
    low = next((m.ge for m in meta if isinstance(m, Ge) and isinstance(m.ge, int)), None)
    high = next((m.le for m in meta if isinstance(m, Le) and isinstance(m.le, int)), None)
    return {"low": low, "high": high}


def shapes(model: type[models.Record]) -> list[Shape]:
    """Every field of ``model``, in the contract's order."""
    out = []
    for name, info in model.model_fields.items():
        annotation, meta = _unwrap(info.annotation)
        meta = [*info.metadata, *meta]
        many = typing.get_origin(annotation) is list
        min_items = next((m.min_length for m in meta if isinstance(m, MinLen)), 0)
        if many:
            annotation, meta = _unwrap(typing.get_args(annotation)[0])
        kind = _kind(model.__name__, name, annotation, meta)
        choices = tuple(typing.get_args(annotation)) if kind == "choice" else ()
        record = annotation if kind == "records" else None
        default = info.default if isinstance(info.default, str | int | bool) else None
        out.append(
            Shape(
                name,
                kind,
                info.is_required(),
                many,
                choices,
                min_items=min_items,
                record=record,
                default=default,
                **_limits(meta),
            )
        )
    return out
