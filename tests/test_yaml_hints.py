"""Issue 18: YAML mistakes in plain words, with the corrected line; where the fix is
unambiguous, the rest of the file is checked as if it were applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diagnostics import Collector
from generator.loader import read_source

REPO = Path(__file__).resolve().parent.parent
SESSION = "sessions/2026/2026-11-30-weekly.yaml"
HEAD = "date: 2026-11-30\nfacilitators: [ana]\nminute_taker: ben\nattendees: [ana, ben]\n"


def read(tmp_path: Path, text: str) -> tuple[bool, list[int], list[str], list[str]]:
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    diags = Collector()
    src = read_source(tmp_path, "f.yaml", "session", diags)
    messages = [f"{d.line}:{d.col}: {d.message}" for d in diags.items]
    return src.ok, src.assumed, messages, [d.detail for d in diags.items]


CASES = [
    pytest.param(
        "context:\n  - kind: absence\n    note: Rota drafted: Ben signs\n",
        "3:11: the text after 'note:' contains ': '; put the whole text in quotes: "
        'note: "Rota drafted: Ben signs"',
        True,
        "mapping values are not allowed",
        id="colon-in-a-note",
    ),
    pytest.param(
        "actions:\n  - id: a1\n    what: Rota\n  team: sales\n",
        "4:3: 'team:' is indented 2 spaces, but the fields of this list item above it are "
        "indented 4; indent it 4 spaces, under the first field after the '-': team: sales",
        True,
        "did not find expected '-' indicator",
        id="field-indented-2-not-4",
    ),
    pytest.param(
        'context:\n  - kind: market\n    note: "Live" since 27 November\n',
        "3:11: the text after 'note:' starts with a quoted word, so YAML takes the quotes as "
        "the whole text and cannot read what follows; put the whole text in quotes: "
        "note: '\"Live\" since 27 November'",
        True,
        "did not find expected key",
        id="note-starting-with-a-quoted-word",
    ),
    pytest.param(
        "actions:\n  - id: a1\n    what: Rota\n    id: a2\n    what: Brief\n",
        "4:5: 'id:' is given twice in one item of 'actions': the '-' that starts the next item "
        "seems forgotten; write it before 'id:': - id: a2",
        True,
        "duplicate field 'id'",
        id="dash-before-a-second-item-forgotten",
    ),
    pytest.param(
        "actions:\n  - id: a1\n\twhat: Rota\n",
        "3:1: this line holds a tab; YAML allows only spaces for indentation: replace the tab "
        "with spaces, as the lines around it are indented: what: Rota",
        False,
        "tab",
        id="tab",
    ),
    pytest.param(
        'title: "Week 47\nnotes: x\n',
        '1:8: the quote (") that starts this text is never closed; end the text with " on '
        'the same line: title: "Week 47"',
        True,
        "end of stream",
        id="unclosed-quote",
    ),
    pytest.param(
        "attendees: ana\n- ben\n",
        "2:1: 'attendees:' already has a value (ana), so the list item below it belongs "
        "nowhere; write the list in brackets: attendees: [ana, ben], or put every item on its "
        "own line after 'attendees:'",
        True,
        "did not find expected key",
        id="list-item-under-a-scalar",
    ),
    pytest.param(
        "actions:\n  - id: a1\n    what: Rota\n      team: sales\n",
        "4:7: 'team:' is indented 6 spaces, more than 'what:' above it (4), so YAML reads it "
        "as more text of 'what'; indent it 4 spaces: team: sales",
        True,
        "mapping values are not allowed",
        id="field-indented-too-far",
    ),
]


@pytest.mark.parametrize(("text", "message", "fixed", "raw"), CASES)
def test_each_common_mistake_is_named_with_the_corrected_line(
    tmp_path: Path, text: str, message: str, fixed: bool, raw: str
) -> None:
    ok, assumed, messages, details = read(tmp_path, text)
    assert messages == [message]
    assert raw in details[0] and details[0].startswith(("invalid YAML", "duplicate"))
    assert ok is fixed  # read as if fixed only where the fix is unambiguous
    assert bool(assumed) is fixed


def test_the_fixed_reading_is_the_intended_data(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text(
        "actions:\n  - id: a1\n    what: Rota\n    id: a2\n    what: Brief: today\n"
    )
    diags = Collector()
    src = read_source(tmp_path, "f.yaml", "session", diags)
    assert src.data == {
        "actions": [{"id": "a1", "what": "Rota"}, {"id": "a2", "what": "Brief: today"}]
    }
    assert sorted(d.line for d in diags.items) == [4, 5]  # two mistakes, two messages, one run


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for name in ("content", "playbooks"):
        shutil.copytree(REPO / name, tmp_path / name)
    (tmp_path / "sessions" / "2026").mkdir(parents=True)
    return tmp_path


def test_a_colon_and_a_misspelt_person_show_in_one_run(root: Path) -> None:
    (root / SESSION).write_text(
        HEAD + "context:\n  - kind: absence\n    note: Rota drafted: Ben signs\n"
        "actions:\n  - what: Rota\n    team: sales\n    owner: guss\n    due: 2026-12-04\n"
    )
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--today", "2026-11-30"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"{SESSION}:7:11: error: the text after 'note:' contains ': '; put the whole text in quotes: note: \"Rota drafted: Ben signs\""
        in lines
    )
    assert (
        f"{SESSION}:11:12: error: unknown person 'guss' (did you mean 'gus'?) "
        "(found assuming the fix at line 7)"
    ) in lines
    assert "mapping values" not in result.output  # the parser's words only with --verbose
    verbose = CliRunner().invoke(
        main, ["check", "--root", str(root), "--today", "2026-11-30", "--verbose"]
    )
    assert (
        "    (the YAML parser said: invalid YAML: mapping values are not allowed in this context)"
        in verbose.output.splitlines()
    )


def test_github_annotations_and_json_carry_the_new_message(root: Path) -> None:
    (root / SESSION).write_text(HEAD + 'title: "Live" since 27 November\n')
    github = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "github"])
    assert (
        f"::error file={SESSION},line=5,col=8::the text after 'title:' starts with a quoted word"
        in github.stdout
    )
    as_json = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert '"detail": "invalid YAML: did not find expected key"' in as_json.stdout


def test_a_mistake_without_a_known_fix_keeps_the_parsers_words(tmp_path: Path) -> None:
    ok, _, messages, _ = read(tmp_path, "a: [1, 2\nb: 3\n")
    assert not ok and messages[0].split(": ", 1)[1].startswith("invalid YAML:")


def test_front_matter_mistakes_get_the_same_hints(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("---\nname: Uni: admissions\n---\nBody\n")
    diags = Collector()
    src = read_source(tmp_path, "p.md", "playbook", diags)
    [diag] = diags.items
    assert diag.line == 2 and 'name: "Uni: admissions"' in diag.message
    assert src.ok and src.data == {"name": "Uni: admissions"}


def test_a_colon_in_a_list_item_of_text_says_to_quote_it(root: Path) -> None:
    (root / SESSION).write_text(HEAD + "decisions:\n  - Event leads: 60 points\n")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert (
        f"{SESSION}:6:5: error: item 1 of 'decisions' must be text: the text contains ': ', "
        'so YAML read a field; put the whole text in quotes: "Event leads: 60 points"'
    ) in result.output.splitlines()
