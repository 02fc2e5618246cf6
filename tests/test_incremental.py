"""The live preview's caches: re-read only changed files, rebuild only changed pages."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from generator.diagnostics import Collector
from generator.engine.incremental import SourceCache, plan, snapshot
from generator.engine.outputs import SEARCH_INDEX, SearchEntries, remove_outputs
from generator.loader import load_root

NAV = [{"Home": "index.md"}, {"Sessions": ["sessions/index.md"]}]


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "sessions/2026").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "content/glossary.yaml").write_text("terms:\n  - term: MQL\n    means: a lead\n")
    (root / "sessions/2026/2026-11-16-weekly.yaml").write_text("date: 2026-11-16\ntitle: One\n")
    return root


def _load(root: Path, cache: SourceCache) -> tuple[dict[str, object], list[str]]:
    diags = Collector()
    sources = load_root(root, diags, cache)
    return {s.path: s.data for s in sources}, [d.text() for d in diags.sorted()]


def _touch_later(path: Path, text: str) -> None:
    """Rewrite a file, with a modification time that differs even on a coarse clock."""
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_source_cache_parses_only_files_that_changed(tmp_path: Path) -> None:
    root = _root(tmp_path)
    cache = SourceCache()
    first, _ = _load(root, cache)
    assert cache.parsed == 2
    again, _ = _load(root, cache)
    assert cache.parsed == 2 and again == first
    session = root / "sessions/2026/2026-11-16-weekly.yaml"
    _touch_later(session, "date: 2026-11-16\ntitle: Two\n")  # same size as before
    edited, _ = _load(root, cache)
    assert cache.parsed == 3
    assert edited["sessions/2026/2026-11-16-weekly.yaml"] == {
        "date": dt.date(2026, 11, 16),
        "title": "Two",
    }


def test_source_cache_reports_a_cached_files_problems_on_every_load(tmp_path: Path) -> None:
    root = _root(tmp_path)
    bad = root / "sessions/2026/2026-11-16-weekly.yaml"
    bad.write_text("date: 2026-11-16\ntitle: [unclosed\n")
    cache = SourceCache()
    _, first = _load(root, cache)
    _, second = _load(root, cache)
    assert first and first == second
    assert "sessions/2026/2026-11-16-weekly.yaml:" in first[0]
    assert cache.parsed == 2


def test_source_cache_forgets_deleted_files(tmp_path: Path) -> None:
    root = _root(tmp_path)
    cache = SourceCache()
    _load(root, cache)
    (root / "content/glossary.yaml").unlink()
    cache.sweep()
    data, _ = _load(root, cache)
    cache.sweep()
    assert list(data) == ["sessions/2026/2026-11-16-weekly.yaml"]
    assert len(cache._reads) == 1


ANA = '---\ntitle: "Ana"\ntags:\n  - "Marketing"\n---\n\n# Ana\n'
PAGES: dict[str, str | bytes] = {
    "index.md": "---\ntitle: Home\n---\n\n# Handover\n\nLatest: week 47\n",
    "sessions/index.md": "# Handover sessions\n\n- Week 47\n",
    "people/ana.md": ANA,
    "api/actions.json": b"[]",
}


def test_first_build_builds_everything() -> None:
    result = plan(None, snapshot(PAGES, NAV))
    assert result.full and result.changed == set(PAGES) and not result.removed


def test_an_edit_rebuilds_only_the_pages_it_changed() -> None:
    before = snapshot(PAGES, NAV)
    pages = {**PAGES, "index.md": "---\ntitle: Home\n---\n\n# Handover\n\nLatest: week 48\n"}
    pages["api/actions.json"] = b'[{"id": "a1"}]'
    result = plan(before, snapshot(pages, NAV, before))
    assert not result.full
    assert result.changed == {"index.md", "api/actions.json"}
    assert plan(before, snapshot(PAGES, NAV, before)).changed == set()


def test_what_every_page_shows_rebuilds_the_pages_that_show_it() -> None:
    before = snapshot(PAGES, NAV)
    retitled = {**PAGES, "sessions/index.md": "# All sessions\n\n- Week 47\n"}
    # the page itself, and the home page, whose footer links it as the next page (the
    # section shows its own title, and people/ana.md, not in the navigation, the top level)
    assert plan(before, snapshot(retitled, NAV, before)).changed == {
        "index.md",
        "sessions/index.md",
    }
    result = plan(before, snapshot(PAGES, NAV[:1], before))
    # every page shows the top level, which this changes
    assert not result.full and result.changed == {p for p in PAGES if p.endswith(".md")}
    added = {**PAGES, "people/ben.md": "# Ben\n"}  # not in the navigation: itself only
    result = plan(before, snapshot(added, NAV, before))
    assert result.changed == {"people/ben.md"} and not result.keep_static  # the sitemap


def test_new_tags_rebuild_the_page_and_the_tag_listing() -> None:
    pages = {**PAGES, "tags/index.md": "# Tags\n"}
    before = snapshot(pages, NAV)
    retagged = {**pages, "people/ana.md": ANA.replace("Marketing", "Sales")}
    result = plan(before, snapshot(retagged, NAV, before))
    assert result.changed == {"people/ana.md", "tags/index.md"} and result.keep_static


YEARS = {
    f"sessions/{year}/{year}-0{month}-01.md": f"# Week {month} of {year}\n"
    for year in (2024, 2025)
    for month in (1, 2, 3)
}
YEAR_PAGES = {f"sessions/{year}/index.md": f"# {year}\n" for year in (2024, 2025)}


def _nav(titles: dict[str, str]) -> list[object]:
    by_year: dict[str, list[object]] = {}
    for path, title in sorted(titles.items(), reverse=True):
        year = path.split("/")[1]
        by_year.setdefault(year, [f"sessions/{year}/index.md"]).append({title: path})
    sessions = [{year: items} for year, items in by_year.items()]
    return [
        {"Home": "index.md"},
        {"Sessions": ["sessions/index.md", *sessions]},
        {"Ana": "people/ana.md"},
    ]


def test_a_retitled_session_rebuilds_its_years_pages_and_neighbours_only() -> None:
    titles = {path: text[2:-1] for path, text in YEARS.items()}
    pages = {**PAGES, **YEAR_PAGES, **YEARS}
    before = snapshot(pages, _nav(titles))
    moved = "sessions/2025/2025-02-01.md"
    pages[moved] = "# Retitled\n"
    result = plan(before, snapshot(pages, _nav({**titles, moved: "Retitled"}), before))
    # its year's section lists it; the footer of its neighbours (in the same year) too
    assert result.changed == {p for p in pages if p.startswith("sessions/2025/")}
    assert result.keep_static


def test_a_new_session_in_a_year_leaves_the_other_years_alone() -> None:
    titles = {path: text[2:-1] for path, text in YEARS.items()}
    pages = {**PAGES, **YEAR_PAGES, **YEARS}
    before = snapshot(pages, _nav(titles))
    new = "sessions/2024/2024-04-01.md"
    result = plan(before, snapshot({**pages, new: "# New\n"}, _nav({**titles, new: "New"}), before))
    # the set of pages changed too (the sitemap)
    assert result.changed == {new, *(p for p in pages if p.startswith("sessions/2024/"))}
    assert not result.full and not result.keep_static


def test_a_removed_page_is_listed_for_deletion() -> None:
    before = snapshot(PAGES, NAV)
    pages = {k: v for k, v in PAGES.items() if k != "people/ana.md"}
    result = plan(before, snapshot(pages, NAV, before))
    assert result.removed == {"people/ana.md"} and not result.keep_static
    assets = {**PAGES, "assets/old.svg": b"<svg/>"}
    assert plan(snapshot(assets, NAV), snapshot(PAGES, NAV)).removed == {"assets/old.svg"}


def _index(site: Path, docs: list[dict[str, str]]) -> None:
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / SEARCH_INDEX).write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}))


def _docs(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site / SEARCH_INDEX).read_text())["docs"]
    return docs


def test_search_index_keeps_the_entries_of_pages_not_rebuilt(tmp_path: Path) -> None:
    entries = SearchEntries()
    home = [{"location": "", "title": "Home", "text": "old"}, {"location": "#x", "title": "X"}]
    ana = [{"location": "people/ana/", "title": "Ana", "text": "ana"}]
    ben = [{"location": "people/ben/", "title": "Ben", "text": "ben"}]
    urls = ["", "people/ana/", "people/ben/"]
    _index(tmp_path, home + ana + ben)
    entries.complete(tmp_path, set(urls), urls)
    assert _docs(tmp_path) == home + ana + ben  # a full build's index is left as written
    new_ana = [{"location": "people/ana/", "title": "Ana", "text": "new"}]
    _index(tmp_path, new_ana)  # a partial build: the search plugin saw one page
    entries.complete(tmp_path, {"people/ana/"}, urls)
    assert _docs(tmp_path) == home + new_ana + ben
    _index(tmp_path, [])  # ben's page is gone, nothing was rebuilt
    entries.complete(tmp_path, set(), ["", "people/ana/"])
    assert _docs(tmp_path) == home + new_ana


def test_search_index_without_a_search_plugin_is_left_alone(tmp_path: Path) -> None:
    SearchEntries().complete(tmp_path, set(), ["people/ana/"])
    assert not (tmp_path / SEARCH_INDEX).exists()


def test_removed_pages_leave_no_file_or_empty_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    page = site / "sessions/2026/2026-11-16-weekly/index.html"
    page.parent.mkdir(parents=True)
    page.write_text("old")
    (site / "sessions/2026/index.html").write_text("year")
    outside = tmp_path / "outside.html"
    outside.write_text("keep")
    remove_outputs(site, [str(page), str(outside), str(site)])
    assert not page.parent.exists()
    assert (site / "sessions/2026/index.html").exists()
    assert outside.exists() and site.exists()


def _generate(root: Path, today: dt.date, **cached: object) -> dict[str, str | bytes]:
    from generator.pipeline import generate

    result = generate(root, today, history=lambda root: {}, **cached)  # type: ignore[arg-type]
    assert not result.failed, [d.text() for d in result.diagnostics]
    return result.pages


def test_the_render_memo_renders_what_a_fresh_render_does_after_every_kind_of_edit(
    tmp_path: Path,
) -> None:
    """The preview renders only the pages whose context changed (render/memo.py): after
    each kind of edit its pages are those of a render from scratch, byte for byte, and
    an edit of one action renders a few pages, not all."""
    from benchmarks.bench import write_root
    from generator.render.memo import RenderMemo

    root = tmp_path / "root"
    write_root(root, 30)
    repo = Path(__file__).resolve().parent.parent
    (root / "content/mql.yaml").write_text((repo / "content/mql.yaml").read_text())
    cache, memo = SourceCache(), RenderMemo()
    today = dt.date(2026, 11, 23)
    sessions = sorted((root / "sessions").rglob("*.yaml"))
    newest, middle, early = sessions[-1], sessions[len(sessions) // 2], sessions[3]

    def replace(path: Path, old: str, new: str, count: int = 1) -> None:
        text = path.read_text()
        assert old in text, (path, old)
        _touch_later(path, text.replace(old, new, count))

    def same(day: dt.date = today) -> int:
        mine = _generate(root, day, read=cache, memo=memo)
        cache.sweep()
        fresh = _generate(root, day)
        assert sorted(mine) == sorted(fresh)
        differ = [p for p in fresh if mine[p] != fresh[p]]
        assert not differ, differ[:5]
        return memo.rendered

    assert same() > 100  # the first render renders every page
    assert same() == 0  # nothing changed: nothing rendered
    replace(middle, "what: Action 1 of the week", "what: Action 1, now reworded")
    assert 0 < same() < 40
    replace(early, "status: done", "status: blocked")  # a follow-up: the ledger changes
    same()
    replace(middle, "title: Handover", "title: Retitled handover")
    same()
    added = newest.with_name("2026-11-20-added.yaml")
    added.write_text(newest.read_text().replace(newest.stem[:10], "2026-11-20"))
    same()
    added.unlink()
    same()
    replace(root / "content/team.yaml", "Person 07", "Person Seven")
    same()
    replace(root / "content/glossary.yaml", "Marketing Qualified Lead.", "A lead Sales accepts.")
    same()
    replace(root / "playbooks/pb01.md", "name: Playbook 01", "name: Renamed playbook")
    same()
    # the MQL definition: what facts.lead_rule answers the session pages (memo.Called)
    replace(root / "content/mql.yaml", "threshold: 50", "threshold: 55")
    same()
    same(today + dt.timedelta(days=9))  # actions fall overdue
