"""Pages that would grow with every session list the latest and point to the rest."""

from __future__ import annotations

import re
import sys

import pytest

from generator.pipeline import Result, generate
from generator.render import ledger_pages, pages
from tests.conftest import REPO, TODAY

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import write_root

SESSIONS = 30


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    root = tmp_path_factory.mktemp("long") / "root"
    write_root(root, SESSIONS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger_pages, "LISTED", 5)
        patch.setattr(pages, "HOME_OVERDUE", 3)
        result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed
    return result


@pytest.fixture(scope="module")
def site_pages(result: Result) -> dict[str, str]:
    return {k: v for k, v in result.pages.items() if isinstance(v, str)}


def section(page: str, heading: str) -> str:
    return page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_a_person_lists_the_latest_sessions_attended_and_counts_the_rest(
    site_pages: dict[str, str],
) -> None:
    attended = section(site_pages["people/p00.md"], "Sessions attended")
    assert len(re.findall(r"^- \[", attended, re.M)) == 5
    assert f"And {SESSIONS - 5} earlier sessions" in attended


def test_roles_come_from_the_latest_sessions_only(
    result: Result, site_pages: dict[str, str]
) -> None:
    roles = section(site_pages["people/p00.md"], "RACI roles")
    linked = set(re.findall(r"\]\(\.\./sessions/\d{4}/([^)]+)\.md\)", roles))
    assert len(linked) == 5
    rows = len(re.findall(r"^\| Activity \d", roles, re.M))
    assert result.facts is not None
    every = result.facts.raci_roles("p00", "sales")
    assert len({r.session.id for r in every}) == SESSIONS
    assert f"; {len(every) - rows} more are in earlier" in roles


def test_minute_taking_turns_count_them_all(site_pages: dict[str, str]) -> None:
    turns = section(site_pages["people/p01.md"], "Minute-taking")
    assert f"Took the minutes {SESSIONS} times (the latest 5 here)" in turns
    assert turns.count("](../sessions/") == 5


def test_the_home_page_lists_the_most_overdue_and_links_the_board(
    site_pages: dict[str, str],
) -> None:
    overdue = section(site_pages["index.md"], "Overdue")
    rows = [line for line in overdue.splitlines() if line.startswith("| ") and "ho-when" in line]
    assert len(rows) == 3
    assert "The 3 most overdue of" in overdue
    assert "](actions/index.md)" in overdue
