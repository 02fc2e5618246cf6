"""`handover summary --base REF`: the pull-request digest, against real git repositories."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from ruamel.yaml import YAML

from generator.authoring.digest import Snapshot, compare
from generator.authoring.summary import snapshot
from generator.cli import main

TODAY = "2026-11-23"
BASE_DATE = "2026-11-20T12:00:00+00:00"  # the first commit: a Friday
WEEK47 = "sessions/2026/2026-11-16-weekly.yaml"
NEW = "sessions/2026/2026-11-23-handover.yaml"


def git(repo: Path, *args: str, date: str = BASE_DATE) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def commit(repo: Path, message: str, date: str = BASE_DATE) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def init(repo: Path, example_root: Path, root: Path | None = None) -> Path:
    """A repository whose first commit holds a copy of the example content."""
    root = root or repo
    for folder in ("content", "playbooks", "sessions"):
        shutil.copytree(example_root / folder, root / folder)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test Lead")
    git(repo, "config", "user.email", "lead@example.test")
    git(repo, "config", "commit.gpgsign", "false")
    commit(repo, "Example content")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def summary(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["summary", "--root", str(root), "--today", TODAY, *args])


def section(text: str, title: str) -> str:
    """The part of the digest under a bold or ### title, up to the next title."""
    match = re.search(
        rf"^(?:\*\*{re.escape(title)}\*\* \(\d+\)|### {re.escape(title)})$(.*?)(?=^\*\*|^### |\Z)",
        text,
        re.M | re.S,
    )
    return match.group(1) if match else ""


def week48(repo: Path) -> None:
    """The second commit's session: closes, blocks and adds actions."""
    result = CliRunner().invoke(main, ["new", "session", "--root", str(repo), "--date", TODAY])
    assert result.exit_code == 0, result.output
    yaml = YAML()
    path = repo / NEW
    data = yaml.load(path.read_text(encoding="utf-8"))
    for follow in data["follow_up"]:
        if follow["action"] == "2026-11-16-weekly/a1":
            follow["status"] = "done"
        if follow["action"] == "2026-11-16-weekly/a4":
            follow["status"] = "blocked"
    data["actions"] = [
        {
            "what": "Send the | pipe * report",
            "team": "sales",
            "owner": "hana",
            "due": dt.date(2026, 11, 20),
        }
    ]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


@pytest.fixture
def repo(tmp_path: Path, example_root: Path) -> Path:
    (tmp_path / "repo").mkdir()
    repo = init(tmp_path / "repo", example_root)
    week48(repo)
    edit(repo / WEEK47, "owner: dev\n    due: 2026-11-27", "owner: ana\n    due: 2026-11-30")
    edit(
        repo / "content/mql.yaml",
        "sla_hours: 12\n\n  - effective: 2027",
        "sla_hours: 8\n\n  - effective: 2027",
    )
    mql = (repo / "content/mql.yaml").read_text(encoding="utf-8")
    spring = mql[mql.index("  - effective: 2027-01-04") :].replace("2027-01-04", "2027-03-01")
    (repo / "content/mql.yaml").write_text(mql.rstrip("\n") + "\n\n" + spring, encoding="utf-8")
    with (repo / "playbooks/university.md").open("a", encoding="utf-8") as handle:
        handle.write("\nParents now join most calls.\n")
    commit(repo, "Week 48 handover", date="2026-11-23T12:00:00+00:00")
    return repo


def test_the_digest_lists_what_the_second_commit_changed(repo: Path) -> None:
    result = summary(repo, "--base", "HEAD~1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("## Handover changes since HEAD&#126;1\n")
    sessions = section(text, "Sessions")
    assert "- Added: **Week 48 handover** (sessions/2026/2026-11-23-handover.yaml)" in sessions
    assert "- Edited: **Week 47 handover** (sessions/2026/2026-11-16-weekly.yaml)" in sessions
    assert "2026-11-23-handover/a1" in section(text, "Added")
    closed = section(text, "Closed")
    assert "2026-11-16-weekly/a1" in closed and "open → done" in closed
    other = section(text, "Other status changes")
    assert "2026-11-16-weekly/a4" in other and "open → blocked" in other
    reassigned = section(text, "Reassigned")
    assert "| 2026-11-16-weekly/a3 |" in reassigned and "| ana | 2026-11-30 | dev |" in reassigned
    redated = section(text, "Re-dated")
    assert "| 2026-11-16-weekly/a3 |" in redated and "| 2026-11-27 |" in redated
    mql = section(text, "MQL definition")
    assert "- Added: the version effective 2027-03-01 (threshold 60)" in mql
    assert "- Edited: the version effective 2026-10-05 (threshold 60), changed: sla\\_hours." in mql
    assert "- Edited: **University admissions** (playbooks/university.md)" in section(
        text, "Playbooks"
    )
    assert "- Edited: content/mql.yaml" in section(text, "Shared definitions and pages")
    for title in ("Added", "Closed", "Other status changes", "Reassigned", "Re-dated"):
        assert f"**{title}** (1)" in text
    assert "Removed" not in text


def test_newly_overdue_means_not_overdue_at_the_base_commit(repo: Path) -> None:
    text = summary(repo, "--base", "HEAD~1").stdout
    assert "**Newly overdue** (2)" in text
    overdue = section(text, "Newly overdue")
    # due on the base commit's day (20 Nov), overdue by the 23rd:
    assert "| 2026-11-09-expo-debrief/a2 |" in overdue
    assert "| 2026-11-23-handover/a1 |" in overdue and "open, 3 days overdue" in overdue
    # already overdue at the base commit:
    assert "2026-09-28-weekly/a5" not in overdue


def test_record_text_never_breaks_a_table_row(repo: Path) -> None:
    text = summary(repo, "--base", "HEAD~1").stdout
    row = next(
        line for line in section(text, "Added").splitlines() if "2026-11-23-handover/a1" in line
    )
    assert "Send the &#124; pipe \\* report" in row
    assert row.count("|") == 5


def test_uncommitted_changes_count(repo: Path) -> None:
    edit(repo / "content/glossary.yaml", "term: MQL", "term: MQLs")
    text = summary(repo, "--base", "HEAD").stdout
    assert "- Edited: content/glossary.yaml" in section(text, "Shared definitions and pages")
    assert "### Sessions" not in text


def test_no_changes(repo: Path) -> None:
    result = summary(repo, "--base", "HEAD")
    assert result.exit_code == 0
    assert "No changes to sessions, actions, the MQL definition, playbooks" in result.stdout


def test_a_broken_file_is_reported_and_its_actions_are_not_called_removed(repo: Path) -> None:
    edit(repo / WEEK47, "owner: gus\n    due: 2026-12-04", "ownr: gus\n    due: 2026-12-04")
    text = summary(repo, "--base", "HEAD").stdout
    assert "> `handover check` finds 2 errors and" in text  # unknown 'ownr', missing 'owner'
    assert "files with errors are left out below" in text
    assert "Removed" not in text


def test_compares_with_where_the_branch_forked(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature", "HEAD~1")
    edit(repo / "content/glossary.yaml", "term: MQL", "term: MQLs")
    commit(repo, "Glossary")
    text = summary(repo, "--base", "main").stdout
    assert "(where this branch forked from it)" in text
    assert (
        section(text, "Shared definitions and pages").strip() == "- Edited: content/glossary.yaml"
    )
    assert "Week 48" not in text  # main's newer session is not this branch's change


def test_a_root_in_a_subfolder_of_the_repository(tmp_path: Path, example_root: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "handover").mkdir(parents=True)
    init(repo, example_root, repo / "handover")
    week48(repo / "handover")
    text = summary(repo / "handover", "--base", "HEAD").stdout
    assert "- Added: **Week 48 handover** (sessions/2026/2026-11-23-handover.yaml)" in text
    assert "### Shared" not in text


def test_not_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    result = summary(tmp_path, "--base", "main")
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.output


@pytest.mark.parametrize("ref", ["no-such-branch", "HEAD~9", "--all"])
def test_an_unknown_revision_is_a_usage_error(repo: Path, ref: str) -> None:
    result = summary(repo, "--base", ref)
    assert result.exit_code == 2
    assert f"'{ref}'" in result.output


def test_removed_actions_are_listed(repo: Path) -> None:
    old = snapshot(repo, dt.date(2026, 11, 23))
    (repo / NEW).unlink()
    new = snapshot(repo, dt.date(2026, 11, 23))
    digest = compare(old, new)
    assert [c.entry.gid for c in digest.removed] == ["2026-11-23-handover/a1"]
    assert [(c.path, c.change) for c in digest.sessions] == [(NEW, "removed")]
    assert compare(new, new).empty
    same_day_earlier = Snapshot(new.content, new.files, dt.date(2026, 11, 1))
    assert compare(same_day_earlier, new).overdue  # time passing alone makes actions overdue
