"""Random YAML structures fed to `handover check`: diagnostics and exit 0 or 1, never a
traceback.

test_loader.py feeds random bytes and text; these feed random *structures* (mappings,
lists and scalars of every type YAML can write, dumped with yaml.safe_dump), as whole
files and in place of single fields of valid files, so that they reach validation and
the rules that span files, not only the parser.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.test_cli_check import PLAYBOOK, SESSION_1, TEAM, valid_root, write

SESSION = "sessions/2026/2026-11-02-weekly.yaml"
PLAYBOOK_PATH = "playbooks/uni.md"
TODAY = "2026-11-23"
FIELDS = sorted(
    {
        *yaml.safe_load(SESSION_1),
        *yaml.safe_load(TEAM),
        *("id", "what", "owner", "team", "due", "status", "action", "R", "A", "after", "days"),
    }
)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["ana", "ben", "carla", "marketing", "2026-11-02-weekly/a1", "a1", ""]),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)
KEYS = st.one_of(st.sampled_from(FIELDS), st.text(max_size=10), st.integers(), st.booleans())
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return valid_root(tmp_path_factory.mktemp("structures"))


def check_survives(root: Path, rel: str, text: str | bytes) -> None:
    """Write one file, run `check` in every format: exit 0 or 1, diagnostics, no traceback."""
    original = (root / rel).read_bytes() if (root / rel).exists() else None
    write(root, rel, text)
    try:
        for fmt in ("text", "json"):
            result = CliRunner().invoke(
                main, ["check", "--root", str(root), "--today", TODAY, "--format", fmt]
            )
            assert "Traceback" not in result.output, result.output
            if result.exception is not None:
                assert isinstance(result.exception, SystemExit), repr(result.exception)
            assert result.exit_code in (0, 1), result.output
            if fmt == "json":
                diagnostics = json.loads(result.stdout)
                assert (result.exit_code == 1) == any(
                    d["severity"] == "error" for d in diagnostics
                ), result.output
            else:
                assert result.output.strip(), "no summary line"
    finally:
        if original is None:
            (root / rel).unlink()
        else:
            (root / rel).write_bytes(original)


def replace_at(data: Any, path: list[int], value: Any) -> Any:
    """``data`` with the node chosen by ``path`` (indices into children) replaced."""
    if not path:
        return value
    if isinstance(data, dict) and data:
        keys = list(data)
        key = keys[path[0] % len(keys)]
        return {**data, key: replace_at(data[key], path[1:], value)}
    if isinstance(data, list) and data:
        i = path[0] % len(data)
        return [*data[:i], replace_at(data[i], path[1:], value), *data[i + 1 :]]
    return value


PATHS = st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=5)


@FUZZ
@given(data=STRUCTURES)
def test_a_random_structure_as_a_whole_session_file(fuzz_root: Path, data: Any) -> None:
    check_survives(fuzz_root, SESSION, dump(data))


@FUZZ
@given(data=STRUCTURES, path=PATHS)
def test_a_random_structure_in_place_of_a_session_field(
    fuzz_root: Path, data: Any, path: list[int]
) -> None:
    session = replace_at(yaml.safe_load(SESSION_1), path, data)
    check_survives(fuzz_root, SESSION, dump(session))


@FUZZ
@given(data=STRUCTURES, path=PATHS)
def test_a_random_structure_in_place_of_a_team_field(
    fuzz_root: Path, data: Any, path: list[int]
) -> None:
    check_survives(
        fuzz_root, "content/team.yaml", dump(replace_at(yaml.safe_load(TEAM), path, data))
    )


@FUZZ
@given(data=STRUCTURES, path=st.lists(st.integers(min_value=0, max_value=50), max_size=4))
def test_a_random_structure_in_playbook_front_matter(
    fuzz_root: Path, data: Any, path: list[int]
) -> None:
    _, front, body = PLAYBOOK.split("---\n", 2)
    meta = replace_at(yaml.safe_load(front), path, data)
    check_survives(fuzz_root, PLAYBOOK_PATH, f"---\n{dump(meta)}---\n{body}")


@FUZZ
@given(data=STRUCTURES, kind=st.sampled_from(["mql", "funnel", "glossary"]))
def test_a_random_structure_as_a_shared_file(fuzz_root: Path, data: Any, kind: str) -> None:
    check_survives(fuzz_root, f"content/{kind}.yaml", dump(data))


@FUZZ
@given(data=STRUCTURES, where=st.sampled_from(["whole", "handover", "allowlist"]))
def test_a_random_structure_in_the_site_configuration(
    fuzz_root: Path, data: Any, where: str
) -> None:
    settings = {"personal_data_allowlist": data} if where == "allowlist" else data
    config = data if where == "whole" else {"site_name": "x", "extra": {"handover": settings}}
    check_survives(fuzz_root, "mkdocs.yml", dump(config))


@FUZZ
@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_random_bytes_as_the_site_configuration(fuzz_root: Path, data: bytes) -> None:
    check_survives(fuzz_root, "mkdocs.yml", data)


def test_a_control_character_in_the_site_configuration_is_an_error_at_its_place(
    fuzz_root: Path,
) -> None:
    write(fuzz_root, "mkdocs.yml", "site_name: Handover\nextra:\n  x: a\x01b\n")
    try:
        result = CliRunner().invoke(main, ["check", "--root", str(fuzz_root), "--today", TODAY])
    finally:
        (fuzz_root / "mkdocs.yml").unlink()
    assert result.exit_code == 1, result.output
    assert result.output.startswith(
        "mkdocs.yml:3:7: error: invalid YAML: unacceptable character U+0001"
    ), result.output
