"""Pages that would grow with every session list the latest and point to the rest."""

from __future__ import annotations

import calendar
import re
import sys
from pathlib import Path

import pytest

from generator import addresses as at
from generator import policies
from generator.engine.config import site_config
from generator.pipeline import Result, generate
from generator.render import ledger_pages, pages
from generator.vocabulary import SESSION_TAG
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
        patch.setattr(pages, "SESSIONS_YEARS", 0)
        patch.setattr(ledger_pages, "BOARD_LISTED", 2)
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
    linked = set(re.findall(r'href="\.\./\.\./sessions/\d{4}/([^/"]+)/"', roles))
    assert len(linked) == 5
    rows = roles.count('<td data-label="Activity">')
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
    assert _rows(overdue) == 3
    assert "The 3 most overdue of" in overdue
    assert "](actions/index.md)" in overdue


def _rows(page: str) -> int:
    """The rows of the actions tables on ``page`` (their due date's cell)."""
    return len(re.findall(r'<td[^>]*><span class="ho-when">\d', page))


def test_the_actions_board_lists_the_open_and_links_each_year_of_the_closed(
    result: Result, site_pages: dict[str, str]
) -> None:
    assert result.facts is not None
    ledger = result.facts.ledger
    board = site_pages[at.ACTIONS]
    groups = ledger_pages.by_team_and_owner(result.facts.open_actions, result.facts)
    counts = [len(entries) for _, owners in groups for _, entries in owners]
    assert max(counts) > 2  # so that the cap below is tried
    assert _rows(board) == sum(min(n, 2) for n in counts)
    assert "The 2 most urgent of" in board
    closed = [e for e in ledger if not e.is_open]
    years = {ledger_pages.closed_year(e) for e in closed}
    assert closed and years
    for year in years:
        on_page = site_pages[at.actions_year(year)]
        count = sum(1 for e in closed if ledger_pages.closed_year(e) == year)
        assert _rows(on_page) == count
        assert f"[{year}]({year}/index.md) ({count})" in board
    assert not any(
        p.startswith("actions/") and p.endswith(".md")
        for p in set(site_pages) - {at.ACTIONS, *(at.actions_year(y) for y in years)}
    )


def test_the_sessions_index_lists_the_newest_years_and_links_the_others(
    site_pages: dict[str, str],
) -> None:
    index = site_pages[at.SESSIONS]
    assert "| Date | Session |" not in index  # SESSIONS_YEARS is 0 here
    assert f"- [2026](2026/index.md): {SESSIONS} sessions" in index
    assert site_pages[at.year("2026")].count('<td data-label="Session"><a href="2026-') == SESSIONS


def test_tags_lists_sessions_on_their_years_page_not_on_the_tags_page(
    result: Result, site_pages: dict[str, str]
) -> None:
    assert f"<!-- material/tags {{ exclude: [{SESSION_TAG}] }} -->" in site_pages[at.TAGS]
    assert "<!-- material/tags { scope: true } -->" in site_pages[at.year("2026")]
    assert all(f'  - "{SESSION_TAG}"' in site_pages[s.page] for s in result.content.sessions)
    config = site_config(None, result.content)
    tags = next(p["tags"] for p in config["plugins"] if isinstance(p, dict) and "tags" in p)
    assert SESSION_TAG in tags["shadow_tags"]


def test_a_busy_year_lists_its_sessions_by_month_each_with_its_own_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(policies, "MONTHS_AFTER", 5)  # every year of this root is busy
    root = tmp_path / "root"
    write_root(root, SESSIONS)
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed
    sessions = [s for s in result.content.sessions if s.year == "2026"]
    months = sorted({s.model.date.month for s in sessions}, reverse=True)
    year = result.pages[at.year("2026")]
    assert isinstance(year, str)
    linked = re.findall(r"^## \[(\w+)\]\((\d\d)/index\.md\)$", year, re.M)
    assert linked == [(calendar.month_name[m], f"{m:02d}") for m in months]  # newest first
    for month in months:
        page = result.pages[at.month("2026", month)]
        assert isinstance(page, str)
        assert page.startswith(f"# Sessions in {calendar.month_name[month]} 2026\n")
        listed = re.findall(r'<a href="\.\./(2026-[^/"]+)/">', page)
        assert listed == [
            s.id
            for s in result.facts.sessions_newest
            if s.year == "2026" and s.model.date.month == month
        ]


def test_each_persons_lists_are_sorted_out_in_one_pass_in_the_order_they_came() -> None:
    """render/ledger_pages.py reads the ledger and the sessions once for all the people
    (not once per person), keeping the ledger's order and the sessions' (newest first)."""
    from types import SimpleNamespace as NS

    from generator.render.ledger_pages import _ByPerson

    def session(sid: str, taker: str, *attendees: str) -> NS:
        return NS(id=sid, model=NS(minute_taker=taker, attendees=list(attendees)))

    def entry(owner: str, n: int) -> NS:
        return NS(action=NS(owner=owner), n=n)

    newest = [
        session("s3", "ana", "ana", "bo", "ana"),
        session("s2", "bo", "bo"),
        session("s1", "ana", "ana"),
    ]
    ledger = [entry("bo", 1), entry("ana", 2), entry("bo", 3)]
    by = _ByPerson(NS(ledger=ledger, sessions_newest=newest))  # type: ignore[arg-type]
    assert [s.id for s in by.attended["ana"]] == ["s3", "s1"]  # s3 once, though named twice
    assert [s.id for s in by.attended["bo"]] == ["s3", "s2"]
    assert [s.id for s in by.minuted["ana"]] == ["s3", "s1"]
    assert [e.n for e in by.owned["bo"]] == [1, 3]
    assert "cy" not in by.owned and "cy" not in by.attended
