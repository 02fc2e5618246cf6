"""One file at a time: raw data to typed records, pydantic errors to diagnostics."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.content import Content, PageDoc, PlaybookDoc, SessionDoc, stem
from generator.diagnostics import Collector, did_you_mean
from generator.loader import Loc, Source
from generator.models import MODELS, SLUG, Record

M = TypeVar("M", bound=Record)


def _describe(value: Any, raw: str | None) -> str:
    """How YAML read a value, for messages about unexpected types."""
    if isinstance(value, bool):
        return f"YAML read '{raw}' as the boolean {str(value).lower()}; put it in quotes"
    if isinstance(value, int | float) and raw is not None and raw != str(value):
        return f"YAML read '{raw}' as the number {value}; put it in quotes"
    if isinstance(value, int | float):
        return f"got the number {value}"
    if isinstance(value, dt.datetime | dt.date):
        return f"YAML read '{raw}' as a date; put it in quotes"
    if value is None:
        return "got nothing"
    if isinstance(value, list):
        return "got a list"
    if isinstance(value, dict):
        return "got a mapping of fields"
    return f"got '{value}'"


def _fields_of(model: type[BaseModel], loc: Loc) -> list[str]:
    """Known field names of the (nested) model at loc, for did-you-mean hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            for inner in (candidate, *getattr(candidate, "__args__", ())):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    current = inner
    return list(getattr(current, "model_fields", {}))


def _label(loc: Loc) -> str:
    """How a message names the value at loc: 'due', or item 2 of 'attendees'."""
    if not loc:
        return "the file"
    if isinstance(loc[-1], int):
        parent = next((p for p in reversed(loc) if isinstance(p, str)), None)
        item = f"item {loc[-1] + 1}"
        return f"{item} of '{parent}'" if parent else item
    return f"'{loc[-1]}'"


def _message(err: ErrorDetails, src: Source, model: type[BaseModel]) -> tuple[Loc, str, bool]:
    """(location, message, point at key?) for one pydantic error."""
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    raw = src.pos.raw.get(loc)
    name = str(loc[-1]) if loc else "file"
    label = _label(loc)
    if kind == "missing":
        return loc[:-1], f"missing required field '{name}'", False
    if kind == "extra_forbidden":
        hint = did_you_mean(name, _fields_of(model, loc[:-1]))
        return loc, f"unknown field '{name}'{hint}", True
    if kind in {"string_type", "string_sub_type"}:
        return loc, f"{label} must be text: {_describe(err['input'], raw)}", False
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return loc, f"{label} must be a whole number: {_describe(err['input'], raw)}", False
    if kind == "bool_type":
        return loc, f"{label} must be true or false: {_describe(err['input'], raw)}", False
    if kind in {"list_type"}:
        return loc, f"{label} must be a list: {_describe(err['input'], raw)}", False
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return loc, f"expected a mapping of fields: {_describe(err['input'], raw)}", False
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        value = str(err["input"])
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        hint = did_you_mean(value, choices)
        return loc, f"{label} is '{value}', expected one of: {' | '.join(choices)}{hint}", False
    if kind == "too_short":
        need = err.get("ctx", {}).get("min_length", 1)
        return loc, f"{label} needs at least {need} item{'s' if need != 1 else ''}", False
    if kind in {"greater_than_equal", "less_than_equal"}:
        return loc, f"{label} {err['msg'].lower().replace('input ', '')}", False
    if kind == "date_range":
        return loc, f"{label} {err['msg']}", False
    if kind == "date_format":
        return loc, f"{label} {err['msg']}: {_describe(err['input'], raw)}", False
    return loc, f"{label}: {err['msg']}", False


def parse_record(src: Source, model: type[M], diags: Collector) -> M | None:
    """Validate one file's data against its model; report every error at its line."""
    data = src.data
    if data is None and src.kind == "page":
        data = {}
    if not isinstance(data, dict):
        what = "nothing" if data is None else type(data).__name__
        where = "front matter" if src.path.endswith(".md") else "file"
        line = src.body_line if data is None and src.path.endswith(".md") else 1
        diags.error(
            src.path, line, 1, f"expected the {where} to be a mapping of fields, found {what}"
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc, message, at_key = _message(err, src, model)
            line, col = src.pos.key_at(loc) if at_key else src.pos.at(loc)
            diags.error(src.path, line, col, message)
        return None


def build_content(sources: list[Source], diags: Collector) -> Content:
    """Typed content from loaded sources; files that fail validation are left out."""
    content = Content(sources={s.path: s for s in sources})
    seen_kinds: set[str] = set()
    for src in sources:
        if not src.ok:
            if src.kind == "team":
                content.team_ok = False
            continue
        model = MODELS[src.kind]
        if src.kind in {"team", "mql", "funnel", "glossary"}:
            if src.kind in seen_kinds:
                diags.error(src.path, 1, 1, f"a second {src.kind} file: keep only one")
                continue
            seen_kinds.add(src.kind)
        record = parse_record(src, model, diags)
        if record is None:
            if src.kind == "team":
                content.team_ok = False
            continue
        _place(content, src, record, diags)
    return content


def _place(content: Content, src: Source, record: Record, diags: Collector) -> None:
    from generator import models as m

    if isinstance(record, m.TeamFile):
        content.team = record
    elif isinstance(record, m.MqlFile):
        content.mql = record
    elif isinstance(record, m.FunnelFile):
        content.funnel = record
    elif isinstance(record, m.GlossaryFile):
        content.glossary = record
    elif isinstance(record, m.PageMeta):
        content.pages.append(PageDoc(stem(src.path), record, src))
    elif isinstance(record, m.PlaybookMeta):
        if not SLUG.match(stem(src.path)):
            diags.error(src.path, 1, 1, "playbook file name must be a valid id: <id>.md, lowercase")
            return
        content.playbooks.append(PlaybookDoc(stem(src.path), record, src))
    elif isinstance(record, m.Session):
        content.sessions.append(SessionDoc(stem(src.path), record, src))
