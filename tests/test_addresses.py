"""The address scheme: every page's docs path and its URL, from one module."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import addresses as at

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("path", "url"),
    [
        (at.HOME, ""),
        (at.START, "start/"),
        (at.SESSIONS, "sessions/"),
        (at.year("2026"), "sessions/2026/"),
        (at.session("2026", "2026-11-16-weekly"), "sessions/2026/2026-11-16-weekly/"),
        (at.debrief("2026", "2026-11-16", "sales"), "sessions/2026/2026-11-16/debrief/sales/"),
        (at.playbook("uni"), "playbooks/uni/"),
        (at.person("ana"), "people/ana/"),
        (at.MQL, "mql/"),
        (at.free_page("process"), "process/"),
    ],
)
def test_every_page_has_its_directory_url(path: str, url: str) -> None:
    assert at.url(path) == url


def test_files_beside_a_page_live_under_its_url() -> None:
    assert at.workbook("2026", "2026-11-16") == "sessions/2026/2026-11-16/2026-11-16.xlsx"
    debrief = at.debrief("2026", "2026-11-16", "sales")
    assert at.redirect(debrief) == "sessions/2026/2026-11-16/debrief/sales/index.html"


def test_reserved_names_are_every_top_level_name_the_site_takes() -> None:
    assert {
        *("actions", "api", "calendar", "funnel", "glossary", "leads", "mql", "people"),
        *("playbooks", "search", "sessions", "tags", "assets", "feed", "index", "start"),
        "when-a-lead-arrives",
    } == at.RESERVED


def test_glossary_terms_have_stable_anchors() -> None:
    assert at.term("MQL") == at.term("mql") == "mql"
    assert at.term("Lead scoring") == at.term("lead  scoring") == "lead-scoring"
    assert at.term("Minute-taker") == "minute-taker"
    assert at.term("R&D (internal)") == "r-d-internal"
    assert at.term("??") == "term"


LINK_LITERAL = re.compile(r"link\(\s*['\"]")


def test_templates_link_only_through_the_scheme() -> None:
    """No template spells an address: a link is link(addr.X) or to a record's path."""
    spelled = [
        f"{path.name}: {line.strip()[:80]}"
        for path in (REPO / "site_templates").rglob("*.j2")
        for line in path.read_text(encoding="utf-8").splitlines()
        if LINK_LITERAL.search(line)
    ]
    assert not spelled, spelled


@given(
    path=st.lists(st.sampled_from(["a", "b", "x.md", "", ".", ".."]), max_size=4).map("/".join),
    start=st.lists(st.sampled_from(["a", "b", "c", "", "."]), max_size=3).map("/".join),
)
def test_relpath_is_posixpaths(path: str, start: str) -> None:
    """The links of every page (html.relative_url, env.href) are worked out without
    posixpath's normalising; the answer is its."""
    assert at.relpath(path, start) == posixpath.relpath(path or ".", start or ".")
