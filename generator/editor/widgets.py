"""One form widget per field of a record, from its shape (the pydantic models).

Required fields, choices, number limits and the id pattern are the checker's; the
messages are written for people who do not read YAML.
"""

from __future__ import annotations

from typing import Any

from generator import models
from generator.editor.choices import Choices, Option, statuses
from generator.editor.fields import Shape, shapes
from generator.editor.words import SINGULAR, hint, label

DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD"}
SLUG_PATTERN = [
    models.SLUG.pattern,
    "Use only lowercase letters, digits and hyphens (-), starting with a letter or digit, "
    "for example 'webinar-page'.",
]
# Which list of options a reference field offers: (model, field) -> Choices attribute.
REFS: dict[tuple[str, str], str] = {
    ("Session", "facilitators"): "people",
    ("Session", "minute_taker"): "people",
    ("Session", "attendees"): "people",
    ("AgendaItem", "team"): "teams",
    ("LeadGroup", "channel"): "channels",
    ("LeadGroup", "playbook"): "playbooks",
    ("LeadGroup", "assigned_to"): "people",
    ("Action", "team"): "teams",
    ("Action", "owner"): "people",
    ("RaciRow", "R"): "parties",
    ("RaciRow", "A"): "people",
    ("RaciRow", "C"): "parties",
    ("RaciRow", "I"): "parties",
    ("PlanTask", "owner"): "people",
    ("FollowUp", "action"): "open_actions",
    ("Team", "lead"): "people",
    ("Person", "team"): "teams",
    ("TeamFile", "rotation"): "people",
    ("Stage", "owner"): "teams",
    ("Alignment", "teams"): "teams",
    ("PlaybookMeta", "owner"): "people",
}
# The item of a list of records shown when the list is collapsed.
SUMMARIES = {
    "AgendaItem": "{{fields.topic}}",
    "ContextItem": "{{fields.kind}}: {{fields.note}}",
    "LeadGroup": "{{fields.count}} from {{fields.source}} ({{fields.ring}})",
    "Action": "{{fields.id}} {{fields.what}}",
    "RaciRow": "{{fields.activity}}",
    "PlanTask": "{{fields.id}}: {{fields.task}}",
    "FollowUp": "{{fields.action}}: {{fields.status}}",
    "Team": "{{fields.name}}",
    "Person": "{{fields.name}}",
    "MqlVersion": "{{fields.effective}}: {{fields.summary}}",
    "Criterion": "{{fields.name}} ({{fields.points}})",
    "Stage": "{{fields.name}}",
    "Term": "{{fields.term}}",
}


def _options(shape: Shape, model: str, lists: Choices) -> list[Option] | list[str] | None:
    if shape.name == "status":
        return statuses()
    if shape.kind == "choice":
        return list(shape.choices)
    ref = REFS.get((model, shape.name))
    return getattr(lists, ref) if ref else None


def _scalar(shape: Shape, model: str, lists: Choices) -> dict[str, Any]:
    options = _options(shape, model, lists)
    if options is not None:
        return {"widget": "select", "options": options}
    if shape.kind == "date":
        return {**DATE, "time_format": False}
    if shape.kind == "int":
        limits = {k: v for k, v in (("min", shape.low), ("max", shape.high)) if v is not None}
        return {"widget": "number", "value_type": "int", **limits}
    if shape.kind == "bool":
        return {"widget": "boolean"}
    if shape.kind == "markdown":
        return {"widget": "markdown"}
    if shape.kind == "slug":
        return {"widget": "string", "pattern": SLUG_PATTERN}
    return {"widget": "string"}


def widget(shape: Shape, model: str, lists: Choices) -> dict[str, Any]:
    """The Decap field for ``shape`` of ``model`` (its name, label, widget and rules)."""
    field: dict[str, Any] = {"name": shape.name, "label": label(model, shape.name)}
    if text := hint(model, shape.name):
        field["hint"] = text
    if shape.record is not None:
        # An empty list by default: else the editor starts a new record with one item
        # made of its fields' defaults (an action with only a status).
        field.update(records(shape.record, lists), default=[])
    elif shape.many:
        one = _scalar(shape, model, lists)
        if one["widget"] == "select":
            field.update(one, multiple=True)
            if shape.min_items:
                field["min"] = shape.min_items
        else:
            field.update(
                widget="list", field={"name": "item", "label": label(model, shape.name), **one}
            )
    else:
        field.update(_scalar(shape, model, lists))
    if shape.many and shape.min_items:
        field["min"] = shape.min_items
    if shape.default is not None:
        field["default"] = shape.default
    field["required"] = shape.required or bool(shape.min_items)
    return field


def records(model: type[models.Record], lists: Choices) -> dict[str, Any]:
    """A list of records: one sub-form per item, with a one-line summary."""
    out: dict[str, Any] = {
        "widget": "list",
        "collapsed": False,
        "fields": fields(model, lists),
    }
    if summary := SUMMARIES.get(model.__name__):
        out["summary"] = summary
    if singular := SINGULAR.get(model.__name__):
        out["label_singular"] = singular
    return out


def fields(model: type[models.Record], lists: Choices) -> list[dict[str, Any]]:
    return [widget(shape, model.__name__, lists) for shape in shapes(model)]
