"""The shipped automation: the GitHub workflow and the pre-commit hook run the right commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent


def load(rel: str) -> Any:
    return yaml.safe_load((REPO / rel).read_text(encoding="utf-8"))


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_pull_requests_are_checked_built_and_summarised() -> None:
    workflow = load(".github/workflows/handover.yml")
    assert set(workflow[True]) >= {"pull_request", "push"}  # PyYAML reads `on:` as true
    job = workflow["jobs"]["check"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    commands = runs(job)
    for command in (
        "handover check --format github",
        "handover build",
        'handover summary --base "origin/${BASE_REF}"',  # the ref through env, not inline
        "gh pr comment",
    ):
        assert command in commands
    assert "actions/upload-artifact" in uses(job)
    assert job["permissions"]["pull-requests"] == "write"
    summary = next(step for step in job["steps"] if step.get("id") == "summary")
    assert summary["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_main_is_deployed_to_github_pages() -> None:
    workflow = load(".github/workflows/handover.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    job = workflow["jobs"]["deploy"]
    assert "handover build" in runs(job)
    assert uses(job)[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_pre_commit_hook_runs_check_on_the_whole_root() -> None:
    (hook,) = load(".pre-commit-hooks.yaml")
    assert hook["entry"] == "handover check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
