"""Issue 18: lead channels are spelt one way (validate/channels.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Collector
from generator.validate import validate_root
from tests.conftest import edit

REPO = Path(__file__).resolve().parent.parent
SESSION = "sessions/2026/2026-11-16-weekly.yaml"


@pytest.fixture
def root(example_copy: Path) -> Path:
    return example_copy


def channel_warnings(root: Path) -> list[str]:
    diags = Collector()
    validate_root(root, diags)
    assert not diags.errors
    return [f"{d.path}:{d.line}: {d.message}" for d in diags.warnings if "channel" in d.message]


def without_list(root: Path) -> None:
    edit(root, "content/funnel.yaml", "channels: [", "# channels: [")


def test_the_example_content_lists_its_channels_and_uses_only_those(root: Path) -> None:
    assert channel_warnings(root) == []
    without_list(root)
    assert channel_warnings(root) == []


@pytest.mark.parametrize(
    ("written", "hint"),
    [("Webinar", "'webinar'"), ("webniar", "'webinar'"), ("linkedin", None)],
)
def test_a_channel_not_on_the_list_is_a_warning_with_the_closest(
    root: Path, written: str, hint: str | None
) -> None:
    edit(root, SESSION, "channel: webinar", f"channel: {written}")
    [warning] = channel_warnings(root)
    assert warning.startswith(f"{SESSION}:")
    assert f"unknown channel '{written}'" in warning and "content/funnel.yaml" in warning
    assert (f"(did you mean {hint}?)" in warning) if hint else "did you mean" not in warning


@pytest.mark.parametrize("written", ["Webinar", "webniar", "WEBINAR", "webinars"])
def test_without_a_list_a_near_spelling_of_a_used_channel_is_a_warning(
    root: Path, written: str
) -> None:
    without_list(root)
    edit(root, SESSION, "channel: webinar", f"channel: {written}")
    [warning] = channel_warnings(root)
    assert f"channel '{written}' looks like 'webinar' (used 3 times)" in warning


def test_without_a_list_distinct_channels_pass(root: Path) -> None:
    without_list(root)
    edit(root, SESSION, "channel: webinar", "channel: linkedin")
    assert channel_warnings(root) == []


def test_the_list_is_part_of_the_funnel_schema() -> None:
    import json

    schema = json.loads((REPO / "schemas" / "funnel.schema.json").read_text())
    assert "channels" in schema["properties"]
