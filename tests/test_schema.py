"""`handover schema`: JSON Schemas (draft 2020-12) from the models that validate.

Files are read here as an editor reads them: YAML 1.2, where an unquoted date is a
string. PyYAML (YAML 1.1) gives datetime.date, so dates are turned back into ISO
strings before validating.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from generator import models
from generator.authoring.descriptions import DESCRIPTIONS, EXTRA
from generator.authoring.schema import DRAFT, SCHEMAS, json_schema, schema_files
from generator.cli import main
from generator.loader import FRONT_MATTER

REPO = Path(__file__).resolve().parent.parent


def as_editor_sees_it(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(v) for v in value]
    return value


def load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        match = FRONT_MATTER.match(text)
        assert match is not None, path
        text = match.group(1)
    return as_editor_sees_it(yaml.safe_load(text))


def errors(kind: str, data: Any) -> list[str]:
    validator = Draft202012Validator(json_schema(kind))
    return [e.message for e in validator.iter_errors(data)]


EXAMPLES = [
    *[("session", p) for p in sorted((REPO / "sessions").rglob("*.yaml"))],
    *[("playbook", p) for p in sorted((REPO / "playbooks").glob("*.md"))],
    *[(p.stem, p) for p in sorted((REPO / "content").glob("*.yaml"))],
]


def test_there_is_a_schema_for_every_content_file() -> None:
    assert set(SCHEMAS) == {"session", "playbook", "team", "mql", "funnel", "glossary"}
    assert {kind for kind, _ in EXAMPLES} == set(SCHEMAS)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    schema = json_schema(kind)
    assert schema["$schema"] == DRAFT
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_object_refuses_unknown_fields(kind: str) -> None:
    schema = json_schema(kind)
    objects = [schema, *schema.get("$defs", {}).values()]
    assert all(o["additionalProperties"] is False for o in objects)


@pytest.mark.parametrize(("kind", "path"), EXAMPLES, ids=lambda v: getattr(v, "name", v))
def test_the_schemas_accept_every_example_file(kind: str, path: Path) -> None:
    assert errors(kind, load(path)) == []


MISSPELT: list[tuple[str, str, list[str | int], str]] = [
    ("session", "sessions/2026/2026-11-16-weekly.yaml", ["actions", 0], "owner"),
    ("session", "sessions/2026/2026-11-16-weekly.yaml", [], "minute_taker"),
    ("playbook", "playbooks/university.md", [], "reviewed"),
    ("team", "content/team.yaml", ["people", 0], "name"),
    ("mql", "content/mql.yaml", ["versions", 0], "threshold"),
    ("funnel", "content/funnel.yaml", ["stages", 0], "owner"),
    ("glossary", "content/glossary.yaml", ["terms", 0], "means"),
]


@pytest.mark.parametrize(("kind", "rel", "where", "field"), MISSPELT)
def test_a_misspelt_field_is_rejected(
    kind: str, rel: str, where: list[str | int], field: str
) -> None:
    data = copy.deepcopy(load(REPO / rel))
    target = data
    for part in where:
        target = target[part]
    target[field[:-1]] = target.pop(field)  # drop the last letter: owne, reviewe, ...
    messages = errors(kind, data)
    assert any(f"'{field[:-1]}' was unexpected" in m for m in messages), messages
    assert any(f"'{field}' is a required property" in m for m in messages), messages


def test_ids_dates_and_choices_are_described_for_the_editor() -> None:
    data = load(REPO / "sessions/2026/2026-11-16-weekly.yaml")
    data["actions"][0]["owner"] = "Gus"
    data["actions"][0]["status"] = "finished"
    data["follow_up"][0]["action"] = "a5"
    data["leads"][0]["count"] = "33"
    messages = errors("session", data)
    assert len(messages) == 4, messages
    session = json_schema("session")
    assert session["properties"]["date"] == {
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "type": "string",
        "description": DESCRIPTIONS["Session", "date"],
    }


@pytest.mark.parametrize("bad", ["30/11/2026", "20261130", "2026-11-30 10:00", "next monday"])
def test_a_date_not_written_yyyy_mm_dd_is_rejected(bad: str) -> None:
    data = load(REPO / "sessions/2026/2026-11-16-weekly.yaml")
    data["actions"][0]["due"] = bad
    assert errors("session", data), bad


@pytest.mark.parametrize("after", [None, []])
def test_a_plan_task_needs_a_start_or_tasks_before_it(after: list[str] | None) -> None:
    data = load(REPO / "sessions/2026/2026-11-16-weekly.yaml")
    task = data["plan"][0]
    task.pop("start", None)
    task.pop("after", None)
    if after is not None:
        task["after"] = after
    assert errors("session", data)
    task["after"] = [data["plan"][1]["id"]]
    assert errors("session", data) == []


def test_the_fresh_scaffold_is_valid_too(tmp_path: Path) -> None:
    for folder in ("content", "playbooks", "sessions"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    runner = CliRunner()
    result = runner.invoke(
        main, ["new", "session", "--root", str(tmp_path), "--date", "2026-11-23"]
    )
    assert result.exit_code == 0, result.output
    assert errors("session", load(Path(result.stdout.strip()))) == []


def test_descriptions_name_real_fields() -> None:
    known = {
        (cls.__name__, name)
        for cls in vars(models).values()
        if isinstance(cls, type) and issubclass(cls, models.Record)
        for name in cls.model_fields
    }
    assert set(DESCRIPTIONS) <= known
    assert set(EXTRA) <= known
    session_fields = {(n, f) for n, f in known if n in {"Session", "Action", "FollowUp"}}
    assert session_fields <= set(DESCRIPTIONS)


def test_the_command_writes_every_schema(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    assert written == schema_files()
    assert result.stdout.split() == [str(out / name) for name in schema_files()]
    for text in written.values():
        json.loads(text)


def test_the_committed_schemas_are_up_to_date() -> None:
    """schemas/ is what `handover schema` writes; regenerate it after a model change."""
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").iterdir()}
    assert committed == schema_files(), "run: handover schema --out schemas"
