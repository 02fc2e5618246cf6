"""When content last changed, from git: one process, relative paths, no git -> no dates."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator import history
from generator.history import COMMIT, last_changed, parse_log
from generator.pipeline import generate
from tests.conftest import REPO, TODAY

D = dt.date
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, date: str = "2026-01-01") -> None:
    stamp = f"{date}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(repo: Path, files: dict[str, str], date: str) -> None:
    for name, body in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"change on {date}", date=date)


def test_parse_log_keeps_the_newest_date_of_each_path() -> None:
    log = "\n".join(
        [
            f"{COMMIT}2026-11-16 b2",
            "",
            "sessions/2026/2026-11-16-weekly.yaml",
            "content/mql.yaml",
            f"{COMMIT}2026-10-05 a1",
            "",
            "content/mql.yaml",
            "content/team.yaml",
            f"{COMMIT}not-a-date a0",
            "",
            "content/glossary.yaml",
            f"{COMMIT}2026-01-05",
            "",
            "content/funnel.yaml",
            COMMIT,
            "content/odd.yaml",
        ]
    )
    assert parse_log(log) == {
        "sessions/2026/2026-11-16-weekly.yaml": D(2026, 11, 16),
        "content/mql.yaml": D(2026, 11, 16),
        "content/team.yaml": D(2026, 10, 5),
        "content/funnel.yaml": D(2026, 1, 5),
    }
    # In a shallow clone the parentless commit is the boundary: its files are not dated.
    assert "content/funnel.yaml" not in parse_log(log, shallow=True)


@needs_git
def test_last_changed_is_the_last_commit_of_each_file(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"content/mql.yaml": "a", "sessions/2026/2026-11-02.yaml": "a"}, "2026-11-02")
    commit(tmp_path, {"sessions/2026/2026-11-16.yaml": "b", "notes.txt": "x"}, "2026-11-16")
    commit(tmp_path, {"content/mql.yaml": "c"}, "2026-11-20")
    assert last_changed(tmp_path) == {
        "content/mql.yaml": D(2026, 11, 20),
        "sessions/2026/2026-11-02.yaml": D(2026, 11, 2),
        "sessions/2026/2026-11-16.yaml": D(2026, 11, 16),
    }


@needs_git
def test_a_root_inside_a_repository_gets_paths_relative_to_itself(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"site/content/team.yaml": "a", "content/team.yaml": "x"}, "2026-03-04")
    assert last_changed(tmp_path / "site") == {"content/team.yaml": D(2026, 3, 4)}


def test_no_repository_or_no_git_means_no_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert last_changed(tmp_path) == {}
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert last_changed(tmp_path) == {}


@needs_git
def test_a_shallow_clone_dates_only_what_it_has_seen_change(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    commit(origin, {"content/a.md": "1", "content/b.md": "1"}, "2026-01-01")
    commit(origin, {"content/b.md": "2"}, "2026-02-01")
    commit(origin, {"content/c.md": "3"}, "2026-03-01")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", origin.as_uri(), str(clone))
    assert last_changed(clone) == {"content/c.md": D(2026, 3, 1)}
    assert last_changed(origin)["content/a.md"] == D(2026, 1, 1)


def test_generate_runs_git_once_for_the_whole_root(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    result = generate(REPO, TODAY)
    assert not result.failed
    logs = [c for c in calls if "log" in c]
    assert len(logs) == 1 and len(calls) <= 2  # the log, and "is it a shallow clone?"


@needs_git
def test_pages_show_when_their_source_last_changed_and_only_then(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for area in ("content", "playbooks", "sessions"):
        shutil.copytree(REPO / area, root / area)
    plain = generate(root, TODAY)  # not a repository yet
    assert "Last changed" not in str(plain.pages["sessions/2026/2026-11-16-weekly.md"])
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "import", date="2026-11-17")
    pages = generate(root, TODAY).pages
    assert 'Last changed <time datetime="2026-11-17">17 Nov 2026</time>' in str(
        pages["sessions/2026/2026-11-16-weekly.md"]
    )
    for page in ("playbooks/university.md", "mql.md", "why-handover.md", "people/index.md"):
        assert "Last changed" in str(pages[page]), page
    for page in ("index.md", "actions/index.md", "people/ana.md", "sessions/index.md"):
        assert "Last changed" not in str(pages[page]), page


@needs_git
def test_the_preview_asks_git_log_again_only_after_a_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"content/mql.yaml": "a"}, "2026-11-02")
    logs: list[Path] = []
    real = history.last_changed

    def counted(root: Path) -> dict[str, dt.date]:
        logs.append(root)
        return real(root)

    monkeypatch.setattr(history, "last_changed", counted)
    dates = history.SinceCommit()
    assert dates(tmp_path) == {"content/mql.yaml": D(2026, 11, 2)}
    (tmp_path / "content/mql.yaml").write_text("edited, not committed")
    assert dates(tmp_path) == {"content/mql.yaml": D(2026, 11, 2)}
    assert len(logs) == 1
    commit(tmp_path, {"content/mql.yaml": "b"}, "2026-11-20")
    assert dates(tmp_path) == {"content/mql.yaml": D(2026, 11, 20)}
    assert len(logs) == 2
