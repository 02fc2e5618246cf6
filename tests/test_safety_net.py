"""Issue 18: no false all-clear. The root is found upwards or the command refuses, and
`handover check FILE...` reports the named files first, each with a closing line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
SESSION = "sessions/2026/2026-11-16-weekly.yaml"


@pytest.fixture
def root(example_copy: Path) -> Path:
    return example_copy


def run(where: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(where)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def misspell_owner(root: Path) -> int:
    """Misspell the first action's owner; the line it is on."""
    path = root / SESSION
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, x in enumerate(lines) if x.strip() == "owner: gus")
    lines[line] = lines[line].replace("gus", "guss")
    path.write_text("".join(lines), encoding="utf-8")
    return line + 1


def test_check_from_a_sub_folder_finds_the_root_and_its_error(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = misspell_owner(root)
    result = run(root / "sessions" / "2026", "check", "--today", TODAY, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert f"{SESSION}:{line}:" in result.output
    assert "unknown person 'guss' (did you mean 'gus'?)" in result.output
    assert f"Content root: {root.resolve()} (found above the current folder)" in result.output
    assert result.output.rstrip().endswith(f"in {root.resolve()}.")


def test_check_from_a_folder_outside_any_root_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(empty, "check", monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert "no content root here" in result.output and "--root" in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["serve"],
        ["new", "session"],
        ["new", "playbook", "p"],
        ["actions"],
        ["summary", "--base", "HEAD"],
    ],
)
def test_every_command_refuses_outside_a_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    result = run(tmp_path, *command, monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert "no content root here" in result.output
    assert not any(tmp_path.iterdir()), "nothing may be written"


def test_a_folder_with_mkdocs_yml_is_a_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    result = run(tmp_path / "deep" / "er", "check", monkeypatch=monkeypatch)
    assert f"Content root: {tmp_path.resolve()}" in result.output
    assert "holds no content files" in result.output


def test_new_session_from_a_sub_folder_writes_into_the_root(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(
        root / "sessions" / "2026",
        "new",
        "session",
        "--date",
        "2026-11-30",
        monkeypatch=monkeypatch,
    )
    assert result.exit_code == 0, result.output
    assert (root / "sessions/2026/2026-11-30-handover.yaml").is_file()


def test_actions_output_on_stdout_stays_clean(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(root / "sessions")
    result = runner.invoke(main, ["actions", "--format", "json", "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("[")
    assert "Content root:" in result.stderr


# --- check FILE... -------------------------------------------------------------------------


def test_check_named_file_relative_to_the_current_folder(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = misspell_owner(root)
    result = run(
        root / "sessions" / "2026",
        "check",
        "--today",
        TODAY,
        "2026-11-16-weekly.yaml",
        "../../content/team.yaml",
        monkeypatch=monkeypatch,
    )
    assert result.exit_code == 1, result.output
    lines = [x for x in result.output.splitlines() if not x.startswith("Content root:")]
    assert lines[0].startswith(f"{SESSION}:{line}:"), lines
    assert f"{SESSION}: 1 error" in lines
    assert "content/team.yaml: OK" in lines
    # Other files' warnings (overdue actions, reviews) are one line, unless --all.
    [others] = [x for x in lines if x.startswith("... and ")]
    assert "warning" in others and "(--all shows them)" in others
    assert not any(": warning: " in x for x in lines)
    every = run(root, "check", "--today", TODAY, "--all", SESSION, monkeypatch=monkeypatch)
    assert any(": warning: " in x for x in every.output.splitlines())
    assert "... and " not in every.output


def test_a_named_file_with_a_problem_found_by_a_rule_across_files(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole root is checked: a follow-up of an unknown action is found in the file."""
    path = root / SESSION
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2026-11-09-expo-debrief/a2", "2026-11-09-expo-debrief/a9"))
    result = run(root, "check", "--today", TODAY, SESSION, monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert f"{SESSION}: 1 error" in result.output.splitlines()


def test_check_refuses_a_file_outside_the_root(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stray = tmp_path / "stray.yaml"
    stray.write_text("a: 1\n")
    result = run(root, "check", str(stray), monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "is not inside the content root" in result.output
    missing = run(root, "check", "sessions/2026/nope.yaml", monkeypatch=monkeypatch)
    assert missing.exit_code == 2 and "no such file" in missing.output
