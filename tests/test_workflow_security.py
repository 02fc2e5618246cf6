"""The workflow this repository ships passes zizmor, the static analyser for GitHub
Actions, with no finding: offline (no look-up of the actions' repositories), and with
the strictest persona, which also reports what is only a smell."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")  # pinned in the dev extras


def zizmor(*args: str) -> subprocess.CompletedProcess[str]:
    command = str(ZIZMOR) if ZIZMOR.exists() else shutil.which("zizmor")
    assert command, "zizmor is missing: it is a dev dependency (pip install -e '.[dev]')"
    return subprocess.run(
        [command, "--offline", "--no-progress", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing_in_the_workflows(persona: str) -> None:
    run = zizmor("--persona", persona, "--collect=workflows,dependabot", str(WORKFLOWS.parent))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report" in run.stdout + run.stderr


def test_zizmor_would_report_an_action_pinned_by_tag(tmp_path: Path) -> None:
    """The check above can fail: the same workflow with one action back on a tag does."""
    text = (WORKFLOWS / "handover.yml").read_text(encoding="utf-8")
    unpinned, count = re.subn(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4", text)
    assert count
    (tmp_path / "handover.yml").write_text(unpinned, encoding="utf-8")
    run = zizmor(str(tmp_path / "handover.yml"))
    assert run.returncode != 0
    assert "unpinned-uses" in run.stdout


def test_every_action_is_pinned_to_a_commit_with_its_release_beside_it() -> None:
    uses = re.findall(r"uses: (\S+)(.*)", (WORKFLOWS / "handover.yml").read_text("utf-8"))
    assert uses
    for action, rest in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", rest), f"{action}: no release in a comment"


def test_the_lock_files_pin_what_pyproject_pins() -> None:
    """After a change of a pin in pyproject.toml, `make lock` must be run: else the
    install fails on a conflict with the lock (requirements/ holds every dependency)."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    locks = {
        name: (REPO / "requirements" / f"{name}.txt").read_text("utf-8").lower()
        for name in ("site", "dev")
    }
    wanted = {"site": project["dependencies"]}
    wanted["dev"] = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    for lock, pins in wanted.items():
        for pin in pins:
            name, version = pin.split("==")
            line = f"{name.lower().replace('_', '-').replace('.', '-')}=={version}\n"
            assert line in locks[lock], f"{pin}: run `make lock`"
