"""YAML traps, end to end through `handover check`: what YAML 1.1 (PyYAML) reads
differently from what was meant, and files too large to read.

Each error must say what was read, how to write it instead, and stand at its file,
line and column. Duplicate keys, anchors and aliases, non-UTF-8 files and nesting
depth are tested in test_loader.py and test_validation.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import loader
from tests.test_cli_check import TEXT_LINE, check, no_crash, valid_root, write

NEW = "sessions/2026/2026-11-16-weekly.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return valid_root(tmp_path / "root")


HEAD = "date: 2026-11-16\nfacilitators: [ana]\nminute_taker: ana\nattendees: [ana]\n"
ACTION = "actions:\n  - what: {what}\n    team: marketing\n    owner: ana\n    due: {due}\n"
LEADS = "leads:\n  - source: Expo\n    channel: events\n    ring: core\n    count: {count}\n"


def errors(root: Path, text: str) -> list[str]:
    """The error lines of `check` after writing ``text`` as the session NEW."""
    write(root, NEW, text)
    result = check(root)
    no_crash(result)
    lines = result.output.splitlines()
    assert all(TEXT_LINE.match(line) for line in lines[:-1]), result.output
    found = [line for line in lines if ": error: " in line]
    assert (result.exit_code == 1) == bool(found), result.output
    return found


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("12:30", "the number 750"),
        ("1:20:30", "the number 4830"),
        ("no", "the boolean false"),
        ("on", "the boolean true"),
        ("Off", "the boolean false"),
        ("1.5e+3", "the number 1500.0"),
        ("2026-11-20", "a date"),
        ("0x1F", "the number 31"),
        (".inf", "the number inf"),
    ],
)
def test_a_yaml_1_1_value_where_text_is_expected_says_what_was_read_and_how_to_quote_it(
    root: Path, written: str, read: str
) -> None:
    [line] = errors(root, HEAD + ACTION.format(what=written, due="2026-12-01"))
    assert line.startswith(f"{NEW}:6:11: error: 'what' must be text: "), line
    assert f"YAML read '{written}' as {read}" in line, line
    assert f'put it in quotes: "{written}"' in line, line


def test_a_yaml_1_1_value_in_a_list_of_text_is_reported_at_the_item(root: Path) -> None:
    found = errors(root, HEAD + "decisions: [Budget agreed, 12:30, yes]\n")
    assert [line.split(": error: ")[0] for line in found] == [f"{NEW}:5:28", f"{NEW}:5:35"]
    assert "item 2 of 'decisions'" in found[0] and "as the number 750" in found[0]
    assert "item 3 of 'decisions'" in found[1] and "as the boolean true" in found[1]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("12:30", "YAML read '12:30' as the number 750"),
        ("no", "YAML read 'no' as the boolean false"),
        ("1e3", "got '1e3'"),
        ("20261120", "got the number 20261120"),
    ],
)
def test_a_yaml_1_1_value_where_a_date_is_expected_says_what_was_read(
    root: Path, written: str, read: str
) -> None:
    [line] = errors(root, HEAD + ACTION.format(what="Book the stand", due=written))
    assert line.startswith(f"{NEW}:9:10: error: 'due' expected a date written as YYYY-MM-DD"), line
    assert read in line, line
    assert "quotes" not in line, "quoting does not make a date of it"


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("12:30", "written in plain digits: YAML read '12:30' as the number 750 (minutes and"),
        ("017", "written in plain digits: YAML read '017' as the number 15 (octal)"),
        (
            "1e3",
            "a whole number: got '1e3', which YAML reads as text: write the number in digits (1000)",
        ),
        ("yes", "a whole number: YAML read 'yes' as the boolean true"),
    ],
)
def test_a_number_yaml_1_1_reads_differently_is_an_error_where_a_number_is_expected(
    root: Path, written: str, fragment: str
) -> None:
    [line] = errors(root, HEAD + LEADS.format(count=written))
    assert line.startswith(f"{NEW}:9:12: error: 'count' must be "), line
    assert fragment in line, line
    assert "quotes" not in line, "quoting does not make a number of it"


@pytest.mark.parametrize("written", ["30", "1_000", "0"])
def test_plain_whole_numbers_are_fine(root: Path, written: str) -> None:
    assert errors(root, HEAD + LEADS.format(count=written)) == []


def test_a_file_larger_than_the_limit_is_an_error_and_the_rest_is_checked(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 4096)
    notes = "notes: |\n" + "  Nothing else to note.\n" * 200
    write(root, "playbooks/uni.md", "---\nname: x\n---\n")  # another broken file
    found = errors(root, HEAD + notes)
    assert f"{NEW}:1:1: error: file is larger than 4 KiB: split it up" in found, found
    assert any(line.startswith("playbooks/uni.md:") for line in found), found


def test_the_size_limit_is_a_mebibyte_and_a_file_at_the_limit_is_read(root: Path) -> None:
    assert loader.MAX_BYTES == 1024 * 1024
    text = HEAD + "notes: |\n"
    text += "  x\n" * ((loader.MAX_BYTES - len(text)) // 4)
    text += " " * (loader.MAX_BYTES - len(text.encode()))
    assert len(text.encode()) == loader.MAX_BYTES
    assert errors(root, text) == []
    assert any("larger than 1024 KiB" in line for line in errors(root, text + "\n"))


# --- anchors and aliases: rejected before anything is built from them ------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)
)


def test_an_alias_bomb_is_an_error_at_the_first_anchor_and_costs_nothing(root: Path) -> None:
    import time
    import tracemalloc

    assert ALIAS_BOMB.count("*") == 90  # expanded, 10**10 items
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = errors(
            root, HEAD + "notes:\n" + "".join(f"  {x}\n" for x in ALIAS_BOMB.splitlines())
        )
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - started < 10
    assert peak < 50 * 1024 * 1024
    assert found == [
        f"{NEW}:6:6: error: YAML anchors and aliases (&name / *name) are not supported: "
        "write the value out in full"
    ]


def test_an_anchor_without_an_alias_is_an_error_too(root: Path) -> None:
    found = errors(root, HEAD.replace("minute_taker: ana", "minute_taker: &taker ana"))
    assert found == [
        f"{NEW}:3:15: error: YAML anchors and aliases (&name / *name) are not supported: "
        "write the value out in full"
    ]
