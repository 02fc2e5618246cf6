"""The site search: the filters each page carries, the action records, and the Pagefind
index written into the site (engine/search_index.py). The browser tests search it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine import search_index
from generator.engine.search_index import IndexFailed, index_site
from generator.pipeline import Result
from generator.render.search import (
    SearchRecord,
    action_records,
    filter_attributes,
    page_filters,
)
from tests.pagefind_index import indexed, page_count

SESSION = "sessions/2026/2026-11-16-weekly.md"


def test_every_kind_of_page_has_its_filters(example_result: Result) -> None:
    filters = page_filters(example_result.content)
    session = filters[SESSION]
    assert session["kind"] == ["session"] and session["year"] == ["2026"]
    assert set(session["team"]) == {"Marketing", "Sales"}
    assert "university" in session["tag"] and "Client A, a university" in session["client"]
    playbook = filters["playbooks/university.md"]
    assert playbook["kind"] == ["playbook"] and playbook["team"] == ["Sales"]
    assert playbook["client"] == ["Client A, a university"] and playbook["year"] == ["2026"]
    assert filters["people/hana.md"] == {"kind": ["person"], "team": ["Sales"]}
    for definition in ("mql.md", "funnel.md", "glossary.md", "why-handover.md"):
        assert filters[definition] == {"kind": ["definition"]}, definition
    assert "index.md" not in filters and "tags/index.md" not in filters


def test_filter_values_are_escaped_for_an_html_attribute() -> None:
    attributes = filter_attributes({"tag": ['"><script>alert(1)</script>', "R&D, Q1"]})
    assert attributes == [
        "tag:&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "tag:R&amp;D, Q1",
    ]
    assert filter_attributes(None) == []


def test_each_action_is_a_record_that_opens_its_row(example_result: Result) -> None:
    assert example_result.facts is not None
    records = {r.url: r for r in action_records(example_result.facts)}
    assert len(records) == len(example_result.facts.ledger)
    rota = records["sessions/2026/2026-11-16-weekly/#action-a1"]
    assert rota.title.startswith("Set up a holiday cover rota")
    assert rota.section == "Week 47 handover · actions"
    assert "Gus Lindqvist" in rota.content
    assert rota.filters == {"kind": ["action"], "team": ["Sales"], "year": ["2026"]}
    page = str(example_result.pages[SESSION])
    assert '<td data-label="#"><span id="action-a1"></span>a1</td>' in page  # the row it opens


def _page(title: str, body: bool) -> str:
    mark = " data-pagefind-body" if body else ""
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
        f'<nav>Everywhere</nav><article{mark}><h1 id="top">{title}<a class="headerlink">¶</a>'
        f"</h1><p>The {title.lower()} words.</p></article>"
        f'<span data-pagefind-filter="kind:session"></span></body></html>'
    )


def test_the_index_holds_marked_pages_and_records_and_is_replaced_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "kept").mkdir(parents=True)
    (site / "left").mkdir()
    (site / "index.html").write_text(_page("Home", body=True))
    (site / "kept/index.html").write_text(_page("Zanzibar", body=True))
    (site / "left/index.html").write_text(_page("Debrief", body=False))
    record = SearchRecord("kept/#action-a1", "Call back", "Kept · actions", "Call back Ana", {})
    assert index_site(site, [record]) >= 2
    first = indexed(site)
    assert set(first) == {"/", "/kept/", "/kept/#action-a1"}
    assert first["/kept/"]["meta"]["title"] == "Zanzibar"  # no permalink mark
    assert "¶" not in first["/kept/"]["content"] and "Everywhere" not in first["/kept/"]["content"]
    assert first["/kept/"]["filters"] == {"kind": ["session"]}
    assert first["/kept/#action-a1"]["meta"]["section"] == "Kept · actions"
    (site / "kept/index.html").unlink()
    index_site(site)
    assert set(indexed(site)) == {"/"} and page_count(site) == 1
    assert sorted(p.name for p in site.iterdir() if "pagefind" in p.name) == ["pagefind"]


def test_a_missing_pagefind_binary_is_said_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    (tmp_path / "index.html").write_text(_page("Home", body=True))
    with pytest.raises(IndexFailed, match="pagefind binary is missing"):
        index_site(tmp_path)
    assert not (tmp_path / search_index.BUNDLE).exists()


def test_the_site_language_comes_from_the_home_page(tmp_path: Path) -> None:
    assert search_index.site_language(tmp_path) == "en"  # no page yet
    (tmp_path / "index.html").write_text('<!doctype html><html lang="de-AT" class="x">')
    assert search_index.site_language(tmp_path) == "de"
