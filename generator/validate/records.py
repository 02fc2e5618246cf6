"""One file at a time: raw data to typed records, pydantic errors to diagnostics."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.content import Content, PageDoc, PlaybookDoc, SessionDoc, stem
from generator.diagnostics import Collector, did_you_mean
from generator.loader import Loc, PerSource, Source, leaves
from generator.models import MODELS, SLUG, Record

M = TypeVar("M", bound=Record)
# Numbers that YAML 1.1 reads otherwise than they look (and than YAML 1.2 editors do).
FLOATISH = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+")
SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")
OCTAL = re.compile(r"[-+]?0[0-7_]+")


def _misread(value: Any, raw: str | None) -> str | None:
    """What YAML 1.1 turned text into, when it did: "YAML read '12:30' as the number 750"."""
    if raw is None or isinstance(value, str | list | dict) or value is None:
        return None
    if isinstance(value, bool):
        what = f"the boolean {str(value).lower()}"
    elif isinstance(value, int | float):
        if raw == str(value):
            return None
        what = f"the number {value}"
    elif isinstance(value, dt.date):
        what = "a date"
    else:
        return None
    return f"YAML read '{raw}' as {what}"


def _quoted(raw: str) -> str:
    return f'"{raw}"' if '"' not in raw and "\\" not in raw else f"'{raw}'"


def _describe(value: Any, raw: str | None, *, text: bool = False) -> str:
    """How YAML read a value, for messages about unexpected types; where text was
    expected (``text``), also how to quote it."""
    misread = _misread(value, raw)
    if misread is not None:
        return f"{misread}; put it in quotes: {_quoted(str(raw))}" if text else misread
    if isinstance(value, int | float):
        return f"got the number {value}"
    if value is None:
        return "got nothing"
    if isinstance(value, list):
        return "got a list"
    if isinstance(value, dict):
        return "got a mapping of fields"
    return f"got '{value}'"


def _digits_hint(value: Any) -> str:
    """For a number written as 1e3 (text to YAML 1.1, a float to YAML 1.2): the digits."""
    try:
        number = float(value) if isinstance(value, str) else None
    except ValueError:
        return ""
    if number is None or not number.is_integer() or not FLOATISH.fullmatch(value.strip()):
        return ""
    return f", which YAML reads as text: write the number in digits ({int(number)})"


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
    if (
        kind == "string_type"
        and loc[-2:-1] != ()
        and loc[-1] == "A"
        and isinstance(err["input"], list)
    ):
        return loc, _one_accountable(err["input"]), False
    if kind in {"string_type", "string_sub_type"}:
        if colon := _colon_text(err["input"]):
            return loc, f"{label} must be text: {colon}", False
        return loc, f"{label} must be text: {_describe(err['input'], raw, text=True)}", False
    if kind == "slug":
        return loc, f"{label}: {err['msg']}{_lowercase_hint(err['input'])}", False
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        described = _describe(err["input"], raw) + _digits_hint(err["input"])
        return loc, f"{label} must be a whole number: {described}", False
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


def _one_accountable(given: list[Any]) -> str:
    """RACI's A as a list: exactly one person is accountable."""
    people = [str(p) for p in given]
    first = people[0] if people else "ana"
    others = f"; put {', '.join(people[1:])} in R or C" if len(people) > 1 else ""
    return (
        f"one person is accountable (A): write one person id, not a list, e.g. A: {first}{others}"
    )


def _colon_text(value: Any) -> str | None:
    """For `- Event leads: 60 points`, which YAML reads as a field: how to write the text."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    [(key, inner)] = value.items()
    if not isinstance(inner, str | int | float) or isinstance(inner, bool):
        return None
    whole = f"{key}: {inner}"
    return f"the text contains ': ', so YAML read a field; put the whole text in quotes: {_quoted(whole)}"


def _lowercase_hint(value: Any) -> str:
    """' (did you mean 'hana'?)' for an id written 'Hana': ids are lowercase."""
    lower = str(value).lower()
    return f" (did you mean '{lower}'?)" if lower != value and SLUG.fullmatch(lower) else ""


_PARSED = PerSource()  # each file's record and errors, while it is unchanged (the preview)


def parse_record(src: Source, model: type[M], diags: Collector) -> M | None:
    """Validate one file's data against its model; report every error at its line."""
    own = Collector()
    record, found = _PARSED.get(src, model, lambda: (_parse_record(src, model, own), own.items))
    diags.extend(found)
    return record


def _parse_record(src: Source, model: type[M], diags: Collector) -> M | None:
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
        record = model.model_validate(data)
    except ValidationError as exc:
        reported: set[Loc] = set()
        for err in exc.errors():
            loc, message, at_key = _message(err, src, model)
            line, col = src.pos.key_at(loc) if at_key else src.pos.at(loc)
            diags.error(src.path, line, col, message)
            reported.add(tuple(err["loc"]))
        _misread_numbers(src, reported, diags)
        return None
    return None if _misread_numbers(src, set(), diags) else record


def _misread_numbers(src: Source, reported: set[Loc], diags: Collector) -> bool:
    """Report whole numbers that YAML 1.1 read otherwise than they look (12:30 is 750,
    017 is 15) where the model took them; whether there were any."""
    found = False
    for loc, value in leaves(src.data):
        raw = src.pos.raw.get(loc)
        if loc in reported or raw is None or type(value) is not int:
            continue
        if SEXAGESIMAL.fullmatch(raw):
            why = "minutes and seconds"
        elif OCTAL.fullmatch(raw):
            why = "octal"
        else:
            continue
        line, col = src.pos.at(loc)
        diags.error(
            src.path,
            line,
            col,
            f"{_label(loc)} must be written in plain digits: "
            f"YAML read '{raw}' as the number {value} ({why})",
        )
        found = True
    return found


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
    elif isinstance(record, m.PageMeta | m.PlaybookMeta):
        # The file name is the page's address: only a slug is safe in every URL and path.
        if not SLUG.fullmatch(stem(src.path)):
            noun = "page" if src.kind == "page" else "playbook"
            diags.error(src.path, 1, 1, f"{noun} file name must be a valid id: <id>.md, lowercase")
        elif isinstance(record, m.PageMeta):
            content.pages.append(PageDoc(stem(src.path), record, src))
        else:
            content.playbooks.append(PlaybookDoc(stem(src.path), record, src))
    elif isinstance(record, m.Session):
        content.sessions.append(SessionDoc(stem(src.path), record, src))
