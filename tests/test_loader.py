"""The loader: values with their 1-based positions, front matter, YAML traps, and a
property test that no input makes `handover check` crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.diagnostics import Collector
from generator.loader import _LoadError, parse_yaml, read_source

NESTED = """\
team:
  name: Sales
  people:
    - id: ben
      tags: [a, b]
    - {id: gus, role: rep}
  notes: |
    first line
    second line
"""


def test_values_have_their_positions() -> None:
    data, pos = parse_yaml(NESTED)
    assert data["team"]["people"][1] == {"id": "gus", "role": "rep"}
    assert pos.value[()] == (1, 1)
    assert pos.value[("team",)] == (2, 3)
    assert pos.value[("team", "name")] == (2, 9)
    assert pos.value[("team", "people")] == (4, 5)
    assert pos.value[("team", "people", 0)] == (4, 7)
    assert pos.value[("team", "people", 0, "id")] == (4, 11)
    assert pos.value[("team", "people", 0, "tags")] == (5, 13)
    assert pos.value[("team", "people", 0, "tags", 1)] == (5, 17)
    assert pos.value[("team", "people", 1)] == (6, 7)
    assert pos.value[("team", "people", 1, "role")] == (6, 23)
    assert pos.value[("team", "notes")] == (7, 10)


def test_keys_have_their_positions() -> None:
    _, pos = parse_yaml(NESTED)
    assert pos.key[("team",)] == (1, 1)
    assert pos.key[("team", "people")] == (3, 3)
    assert pos.key[("team", "people", 0, "tags")] == (5, 7)
    assert pos.key[("team", "people", 1, "role")] == (6, 17)
    # key_at falls back to the value when there is no key (a list item)
    assert pos.key_at(("team", "people", 1)) == (6, 7)


def test_at_falls_back_to_the_closest_enclosing_value() -> None:
    _, pos = parse_yaml(NESTED)
    assert pos.at(("team", "people", 1, "missing")) == (6, 7)
    assert pos.at(("team", "people", 7, "id")) == (4, 5)
    assert pos.at(("nothing", "here")) == (1, 1)


def test_text_at_finds_the_line_inside_a_literal_block() -> None:
    data, pos = parse_yaml(NESTED)
    assert "first" in data["team"]["notes"]
    assert pos.text_at(("team", "notes"), "first")[0] == 8
    assert pos.text_at(("team", "notes"), "second")[0] == 9
    # words not found: the value's own position
    assert pos.text_at(("team", "name"), "nowhere") == (2, 9)


def test_line_offset_shifts_every_line() -> None:
    _, pos = parse_yaml(NESTED, line_offset=10)
    assert pos.value[("team", "people", 0, "tags", 1)] == (15, 17)
    assert pos.key[("team", "people", 1, "role")] == (16, 17)


def test_scalars_are_plain_python_values() -> None:
    data, _ = parse_yaml("a: 1\nb: true\nc: 2026-11-02\nd: '2026-11-02'\ne: ~\nf: [x, 'y']\n")
    import datetime as dt

    assert data == {
        "a": 1,
        "b": True,
        "c": dt.date(2026, 11, 2),
        "d": "2026-11-02",
        "e": None,
        "f": ["x", "y"],
    }


def test_empty_document() -> None:
    data, pos = parse_yaml("")
    assert data is None
    assert pos.at(("x",)) == (1, 1)


def test_keys_stay_text() -> None:
    data, _ = parse_yaml("on: 1\n2: two\nnull: 3\n")
    assert data == {"on": 1, "2": "two", "null": 3}


# --- errors ----------------------------------------------------------------------------


def test_invalid_yaml_raises_with_a_position() -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml("a: 1\nb: c: d\n")
    assert (info.value.line, info.value.col) == (2, 4)  # the text to put in quotes
    assert 'put the whole text in quotes: b: "c: d"' in info.value.message
    assert "invalid YAML" in info.value.detail


def test_invalid_yaml_position_includes_the_offset() -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml("a: 1\nb: c: d\n", line_offset=1)
    assert info.value.line == 3


def test_duplicate_key_raises_at_the_second_key() -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml("x:\n  a: 1\n  b: 2\n  a: 3\n")
    assert (info.value.line, info.value.col) == (4, 3)
    assert "duplicate field 'a'" in info.value.message
    assert "line 2" in info.value.message


def test_duplicate_key_in_a_flow_mapping() -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml("x: {a: 1, a: 2}\n")
    assert (info.value.line, info.value.col) == (1, 11)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",
        "a: &x hello\nb: *x\n",
        "base: &b {k: 1}\nother:\n  <<: *b\n  j: 2\n",
        "a: !!str &x hello\n",  # after a tag
        "a:\r  &x hello\r",  # at the start of a line after a CR
        "- [a,&x b]\n",
    ],
)
def test_anchors_and_aliases_raise(text: str) -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml(text)
    assert "anchors and aliases" in info.value.message
    assert info.value.line >= 1 and info.value.col >= 1


def _anchors_parsed(text: str) -> bool:
    """Whether the parser sees an anchor or an alias in ``text`` (before any error)."""
    import yaml

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
    except yaml.YAMLError:
        pass
    return False


YAMLISH = st.text(alphabet="ab &*!:-?[]{},#|>'\"\t\n\r\u2028", max_size=40)


@settings(max_examples=3000)
@given(text=YAMLISH)
def test_the_quick_anchor_check_misses_no_anchor_the_parser_sees(text: str) -> None:
    """The event pass (the one that refuses anchors) is skipped for a file where
    _MAYBE_ANCHOR finds nothing: it must find every anchor and alias the parser sees."""
    from generator.loader import _MAYBE_ANCHOR

    if _anchors_parsed(text):
        assert _MAYBE_ANCHOR.search(text), text


@pytest.mark.parametrize(
    "text",
    ["notes: Short minutes with **bold** text.\n", "a: R&D and *this*\nb: x * y\n"],
)
def test_emphasis_and_ampersands_in_text_need_no_event_pass(text: str) -> None:
    from generator.loader import _MAYBE_ANCHOR

    assert not _MAYBE_ANCHOR.search(text)


def test_complex_keys_raise() -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml("? [a, b]\n: 1\n")
    assert "field name" in info.value.message


def test_impossible_date_is_kept_as_text_for_validation_to_report() -> None:
    data, pos = parse_yaml("a: 1\ndue: 2026-13-45\n")
    assert data["due"] == "2026-13-45" and pos.at(("due",)) == (2, 6)


def test_explicit_tag_with_a_bad_value_raises_at_the_value() -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml("a: 1\nb: !!int abc\n")
    assert (info.value.line, info.value.col) == (2, 4) and "!!int" not in info.value.message


# --- files and front matter -------------------------------------------------------------

PLAYBOOK = """\
---
name: University admissions
client: Client A
owner: ben
reviewed: 2026-10-01
tiers:
  - name: Tier 1
    follow_up_hours: [12, 48]
---
## Situation

Body text.
"""


def test_front_matter_keeps_its_file_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "uni.md").write_text(PLAYBOOK, encoding="utf-8")
    diags = Collector()
    src = read_source(tmp_path, "playbooks/uni.md", "playbook", diags)
    assert diags.items == []
    assert src.ok and src.data["owner"] == "ben"
    assert src.pos.value[("name",)] == (2, 7)
    assert src.pos.value[("owner",)] == (4, 8)
    assert src.pos.key[("reviewed",)] == (5, 1)
    assert src.pos.value[("tiers", 0, "follow_up_hours", 1)] == (8, 27)
    assert src.body.startswith("## Situation")
    assert src.body_line == 10


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [("", "\r\n"), ("\ufeff", "\n")],
    ids=["crlf", "bom"],
)
def test_front_matter_lines_with_crlf_or_bom(tmp_path: Path, prefix: str, newline: str) -> None:
    (tmp_path / "uni.md").write_bytes((prefix + PLAYBOOK.replace("\n", newline)).encode())
    diags = Collector()
    src = read_source(tmp_path, "uni.md", "playbook", diags)
    assert diags.items == []
    assert src.pos.value[("owner",)] == (4, 8)
    assert src.body_line == 10


def test_front_matter_error_has_the_file_line(tmp_path: Path) -> None:
    (tmp_path / "uni.md").write_text(PLAYBOOK.replace("owner: ben", "owner: ben: x"))
    diags = Collector()
    src = read_source(tmp_path, "uni.md", "playbook", diags)
    assert src.ok and src.assumed == [4]  # read as if the text were quoted
    [d] = diags.items
    assert (d.path, d.line, d.severity) == ("uni.md", 4, "error")


def test_markdown_without_front_matter_is_all_body(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("# Title\n\nText.\n")
    diags = Collector()
    src = read_source(tmp_path, "page.md", "page", diags)
    assert diags.items == [] and src.data is None
    assert src.body == "# Title\n\nText.\n" and src.body_line == 1


def test_non_utf8_file_is_reported_at_the_byte(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes(b"a: 1\nb: caf\xe9\n")
    diags = Collector()
    src = read_source(tmp_path, "x.yaml", "session", diags)
    assert not src.ok
    [d] = diags.items
    assert (d.path, d.line, d.col, d.severity) == ("x.yaml", 2, 7, "error")
    assert "UTF-8" in d.message


# --- property: no input crashes `check` ------------------------------------------------

SESSION = "sessions/2026/2026-11-16-weekly.yaml"


def _check_file(root: Path, payload: bytes) -> None:
    path = root / SESSION
    path.write_bytes(payload)
    result = CliRunner().invoke(
        main, ["check", "--root", str(root), "--today", "2026-11-23", "--format", "text"]
    )
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output


@pytest.fixture(scope="module")
def session_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / SESSION).parent.mkdir(parents=True)
    return root


@settings(max_examples=60, deadline=None)
@given(text=st.text())
def test_random_text_never_crashes_check(session_root: Path, text: str) -> None:
    _check_file(session_root, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None)
@given(data=st.binary())
def test_random_bytes_never_crash_check(session_root: Path, data: bytes) -> None:
    _check_file(session_root, data)


SESSION_ISH = st.lists(
    st.sampled_from(
        [
            "date: 2026-11-16\n",
            "facilitators: [ana]\n",
            "minute_taker: ana\n",
            "attendees: [ana]\n",
            "actions:\n",
            "  - what: x\n",
            "    due: 2026-11-01\n",
            "    owner: ana\n",
            "    team: marketing\n",
            "follow_up:\n",
            "  - action: x/a1\n",
            "    status: done\n",
            "plan:\n",
            "  - id: a\n",
            "    after: [a]\n",
            "    days: 0\n",
            "notes: |\n  a@b.co\n",
            "- x\n",
            ": :\n",
            "\t\n",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(text=SESSION_ISH)
def test_session_like_text_never_crashes_check(session_root: Path, text: str) -> None:
    _check_file(session_root, text.encode("utf-8"))


# --- nesting depth: no RecursionError, no crash in the C composer ------------------------


@pytest.mark.parametrize("depth", [500, 100_000])
def test_deeply_nested_flow_lists_are_an_error_not_a_crash(depth: int) -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml("terms: " + "[" * depth + "]" * depth + "\n")
    assert "nested more than 64 levels" in info.value.message
    # the root mapping is level 1, so the 64th '[' crosses the limit
    assert (info.value.line, info.value.col) == (1, 8 + 63)


def test_deeply_nested_block_mappings_are_reported_at_the_line_of_the_limit() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "leaf\n"
    with pytest.raises(_LoadError) as info:
        parse_yaml(text, line_offset=1)
    assert "nested more than 64 levels" in info.value.message
    assert info.value.line == 65 + 1


def test_nesting_up_to_the_limit_is_fine() -> None:
    data, _ = parse_yaml("[" * 64 + "]" * 64)
    for _ in range(63):
        data = data[0]
    assert data == []


def test_deeply_nested_glossary_is_reported_by_check(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "glossary.yaml").write_text("terms: " + "[" * 500 + "]" * 500)
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path), "--today", "2026-11-23"])
    assert result.exit_code == 1, result.output
    assert "content/glossary.yaml:1:71: error: nested more than 64 levels deep" in result.output


def test_recursion_error_while_converting_is_a_positioned_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import generator.loader as loader

    monkeypatch.setattr(loader, "MAX_DEPTH", 10**6)
    with pytest.raises(_LoadError) as info:
        parse_yaml("a: 1\nb: " + "[" * 3000 + "]" * 3000 + "\n")
    assert "nested too deeply" in info.value.message
    assert info.value.line == 2


# --- what is on disk: links, loops, special files -------------------------------------------

GOOD_SESSION = """\
date: 2026-11-16
facilitators: [ana]
minute_taker: ana
attendees: [ana]
"""
TEAM = """\
teams: [{id: marketing, name: Marketing}]
people: [{id: ana, name: Ana, team: marketing}]
"""


def small_root(base: Path) -> Path:
    (base / "content").mkdir(parents=True)
    (base / "content" / "team.yaml").write_text(TEAM)
    (base / "sessions" / "2026").mkdir(parents=True)
    (base / SESSION).write_text(GOOD_SESSION)
    return base


def check_root(root: Path) -> tuple[int, list[str]]:
    """Exit code and output lines of `handover check`, in a child process with a timeout."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(root), "--today", "2026-11-23"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in run.stderr, run.stderr
    return run.returncode, (run.stdout + run.stderr).splitlines()


def test_a_symlink_loop_is_an_error_at_the_link(tmp_path: Path) -> None:
    root = small_root(tmp_path)
    loop = root / "sessions" / "2026" / "2026-12-06.yaml"
    loop.symlink_to("2026-12-06.yaml")
    code, lines = check_root(root)
    assert code == 1, lines
    assert any(
        line.startswith("sessions/2026/2026-12-06.yaml:1:1: error: ") and "symbolic link" in line
        for line in lines
    ), lines


def test_a_content_folder_linked_from_outside_the_root_is_warned_about_and_ignored(
    tmp_path: Path,
) -> None:
    root = small_root(tmp_path / "root")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("---\nname: [broken\n---\n")
    (root / "playbooks").symlink_to(outside, target_is_directory=True)
    code, lines = check_root(root)
    assert code == 0, lines
    assert any(
        line.startswith("playbooks:1:1: warning: ") and "outside the content root" in line
        for line in lines
    ), lines
    assert not any("secret" in line for line in lines), lines


def test_a_content_folder_linked_inside_the_root_is_read(tmp_path: Path) -> None:
    root = small_root(tmp_path)
    (root / "data").mkdir()
    (root / "data" / "uni.md").write_text("---\nname: [broken\n---\n")
    (root / "playbooks").symlink_to(root / "data", target_is_directory=True)
    code, lines = check_root(root)
    assert code == 1 and any(line.startswith("playbooks/uni.md:3:1: error") for line in lines), (
        lines
    )


def test_a_fifo_named_like_a_session_does_not_hang_check(tmp_path: Path) -> None:
    import os

    root = small_root(tmp_path)
    os.mkfifo(root / "sessions" / "2026" / "2026-11-30-weekly.yaml")
    code, lines = check_root(root)
    assert code == 0, lines
    assert any(
        line.startswith("sessions/2026/2026-11-30-weekly.yaml:1:1: warning: ")
        and "not a regular file" in line
        for line in lines
    ), lines


def test_read_source_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "x.yaml")
    diags = Collector()
    src = read_source(tmp_path, "x.yaml", "session", diags)
    assert not src.ok
    [d] = diags.items
    assert (d.path, d.line, d.severity) == ("x.yaml", 1, "error")
    assert "not a regular file" in d.message


# --- characters YAML does not accept ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: 1\nb: x\x00y\n", 2, 5),
        ("a: 1\r\nb: 2\r\nc: \x07\r\n", 3, 4),
        ("name: café 😀 ok\nnote: é\x01\n", 2, 8),
    ],
    ids=["nul", "bell-crlf", "after-non-ascii"],
)
def test_a_control_character_is_reported_at_its_line_and_column(
    text: str, line: int, col: int
) -> None:
    with pytest.raises(_LoadError) as info:
        parse_yaml(text, line_offset=1)
    assert (info.value.line, info.value.col) == (line + 1, col)
    assert "U+00" in info.value.message and "\n" not in info.value.message
    assert "position" not in info.value.message


# --- front matter that is opened but never closed -------------------------------------------


@pytest.mark.parametrize(
    ("rel", "kind"), [("playbooks/uni.md", "playbook"), ("content/why.md", "page")]
)
@pytest.mark.parametrize(
    "text",
    ["---\nname: University\nowner: ben\n\n## Situation\n", "---", "--- \r\ntitle: x\r\n"],
    ids=["body", "only-the-opening", "crlf"],
)
def test_unclosed_front_matter_is_an_error_at_the_opening_line(
    tmp_path: Path, rel: str, kind: str, text: str
) -> None:
    (tmp_path / rel).parent.mkdir(parents=True)
    (tmp_path / rel).write_bytes(text.encode())
    diags = Collector()
    src = read_source(tmp_path, rel, kind, diags)
    assert not src.ok
    [d] = diags.items
    assert (d.path, d.line, d.col, d.severity) == (rel, 1, 1, "error")
    assert "front matter is not closed" in d.message


def test_a_page_with_a_thematic_break_later_is_all_body(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("# Title\n\n---\n\nText.\n")
    diags = Collector()
    src = read_source(tmp_path, "page.md", "page", diags)
    assert diags.items == [] and src.ok and src.body.startswith("# Title")
