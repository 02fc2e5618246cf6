"""Partial (dirty) rebuilds through the plugin, as `handover serve` makes them.

After every edit, the site a partial rebuild leaves behind must be the site a clean
build of the same content makes: the same files, byte for byte, and a search index
with the same entries.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import policies
from generator.engine.serve import preview_config
from generator.pipeline import Result, generate
from tests.conftest import REPO, TODAY
from tests.pagefind_index import indexed

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import write_root

URL = "http://127.0.0.1:8000/"
SESSION = "sessions/2026/2026-11-16-weekly.yaml"
PAGE = "sessions/2026/2026-11-16-weekly/index.html"
UNRELATED = "glossary/index.html"
SIBLING = "sessions/2026/2026-11-09-expo-debrief/index.html"  # its navigation lists PAGE

pytestmark = pytest.mark.slow


class Preview:
    """A content root, its partially rebuilt site, and a clean build to compare with."""

    def __init__(self, root: Path, work: Path, result: Result) -> None:
        self.root, self.site = root, work / "site"
        self.config = preview_config(result, root, TODAY, work / "partial")
        self.clean_config = preview_config(result, root, TODAY, work / "clean", incremental=False)
        self.clean_site = work / "clean-site"

    def build(self) -> None:
        config = load_config(str(self.config), site_dir=str(self.site))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=URL, dirty=True)
        config.plugins["handover"].search.wait()  # the preview indexes in the background

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    def assert_same_as_clean_build(self) -> None:
        shutil.rmtree(self.clean_site, ignore_errors=True)
        build(load_config(str(self.clean_config), site_dir=str(self.clean_site)), serve_url=URL)
        partial, clean = _tree(self.site), _tree(self.clean_site)
        assert sorted(partial) == sorted(clean)
        differ = [p for p in clean if partial[p] != clean[p]]
        assert not differ, _diff(self.site / differ[0], self.clean_site / differ[0])
        mine, theirs = _search(self.site), _search(self.clean_site)
        assert mine == theirs, (set(mine) - set(theirs), set(theirs) - set(mine))

    def mtime(self, rel: str) -> int:
        return (self.site / rel).stat().st_mtime_ns

    def text(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


def _tree(site: Path) -> dict[str, bytes]:
    """Every built file but the search index (compared as entries) and the gzipped
    sitemap (its header holds the time it was written).

    Pages are compared byte for byte. The preview collapses the theme's whitespace as
    ``handover build`` does (engine/postprocess.py ``compact_html``): Material's
    navigation writes blank lines for each child of a pruned section, so without it a
    page kept from the last build could differ from a fresh one in those blank lines
    alone (a month that gained a session, pruned on another month's page).
    """
    skip = {"sitemap.xml.gz"}
    return {
        rel: p.read_bytes()
        for p in site.rglob("*")
        if p.is_file()
        and (rel := p.relative_to(site).as_posix()) not in skip
        and p.relative_to(site).parts[0] != "pagefind"
    }


def _diff(mine: Path, clean: Path) -> str:
    lines = difflib.unified_diff(
        clean.read_text().splitlines(), mine.read_text().splitlines(), lineterm="", n=1
    )
    return f"{mine} differs from a clean build:\n" + "\n".join(lines)[:3000]


def _search(site: Path) -> list[str]:
    return sorted(json.dumps(entry, sort_keys=True) for entry in indexed(site).values())


@pytest.fixture
def preview(example_root: Path, example_result: Result, tmp_path: Path) -> Preview:
    root = tmp_path / "root"
    for name in ("content", "playbooks", "sessions"):
        shutil.copytree(example_root / name, root / name)
    shutil.copy(example_root / "mkdocs.yml", root / "mkdocs.yml")
    preview = Preview(root, tmp_path, example_result)
    preview.build()
    return preview


def test_an_edit_rebuilds_only_its_pages_and_the_site_stays_whole(preview: Preview) -> None:
    untouched = preview.mtime(UNRELATED)
    preview.edit(SESSION, "Set up a holiday cover rota", "Set up a holiday cover roster")
    preview.build()
    assert "holiday cover roster" in preview.text(PAGE)
    assert preview.mtime(UNRELATED) == untouched  # not rebuilt
    assert list((preview.site / "assets/stylesheets").glob("main.*.min.css"))  # theme assets
    preview.assert_same_as_clean_build()


def test_a_retitled_session_shows_in_every_navigation_that_lists_it(preview: Preview) -> None:
    untouched = preview.mtime(UNRELATED)
    preview.edit(SESSION, "title: Week 47 handover", "title: Week 47 retitled")
    preview.build()
    assert "Week 47 retitled" in preview.text(PAGE)
    assert "Week 47 retitled" in preview.text(SIBLING)  # the navigation
    # with navigation.prune the glossary's navigation shows the Sessions section closed
    assert preview.mtime(UNRELATED) == untouched
    preview.assert_same_as_clean_build()


def test_added_and_deleted_sessions_come_and_go(preview: Preview) -> None:
    new = "sessions/2026/2026-11-23-weekly.yaml"
    text = (preview.root / SESSION).read_text()
    (preview.root / new).write_text(
        text.replace("2026-11-16", "2026-11-23").replace("Week 47 handover", "Week 48 handover")
    )
    untouched = preview.mtime(UNRELATED)
    preview.build()
    assert "Week 48 handover" in preview.text("sessions/index.html")
    assert "Week 48 handover" in preview.text(SIBLING)  # the navigation
    assert preview.mtime(UNRELATED) == untouched
    preview.assert_same_as_clean_build()
    (preview.root / new).unlink()
    preview.build()
    assert preview.mtime(UNRELATED) == untouched
    assert not (preview.site / "sessions/2026/2026-11-23-weekly").exists()
    assert "Week 48 handover" not in preview.text("sessions/index.html")
    assert "2026-11-23-weekly" not in json.dumps(_search(preview.site))
    preview.assert_same_as_clean_build()


def test_a_content_error_shows_on_every_page_and_the_fix_recovers(preview: Preview) -> None:
    """Issue 18: the preview never stops on a content error (MkDocs' server would hold
    every request until a build succeeds); every page keeps its last good content and
    shows the errors, and once they are fixed every page loses them."""
    banner = 'id="handover-problems"'
    preview.edit(SESSION, "minute_taker: ben", "minute_taker: [ben")
    preview.build()
    for page in (PAGE, UNRELATED, SIBLING, "404.html"):
        assert banner in preview.text(page), page
    assert "Week 47 handover" in preview.text(PAGE)  # the last good content
    preview.edit(SESSION, "minute_taker: [ben", "minute_taker: ben")
    preview.edit(SESSION, "Set up a holiday cover rota", "Set up a holiday cover roster")
    preview.build()
    assert "holiday cover roster" in preview.text(PAGE)
    assert all(banner not in preview.text(p) for p in (PAGE, UNRELATED, SIBLING, "404.html"))
    preview.assert_same_as_clean_build()
    untouched = preview.mtime(UNRELATED)
    preview.edit(SESSION, "holiday cover roster", "holiday cover rota")
    preview.build()
    assert preview.mtime(UNRELATED) == untouched  # partial rebuilds again


def test_plain_mkdocs_with_the_plugin_builds_every_page(example_root: Path, tmp_path: Path) -> None:
    """The plugin is an entry point: mkdocs.yml's `plugins: [handover]` with plain MkDocs."""
    site = tmp_path / "site"
    build(load_config(str(example_root / "mkdocs.yml"), site_dir=str(site)))
    assert "Week 47 handover" in (site / "sessions/2026/2026-11-16-weekly/index.html").read_text()
    assert list((site / "assets/stylesheets").glob("main.*.min.css"))
    assert "/sessions/2026/2026-11-16-weekly/" in indexed(site)


def test_a_build_that_fails_half_way_makes_the_next_one_full(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise OSError("disk full")

    preview.edit(SESSION, "Set up a holiday cover rota", "Set up a holiday cover roster")
    with monkeypatch.context() as patch:
        patch.setattr("generator.engine.outputs.SearchEntries.complete", broken)
        with pytest.raises(OSError):
            preview.build()
    untouched = preview.mtime(UNRELATED)
    preview.build()
    assert preview.mtime(UNRELATED) != untouched  # everything was built again
    preview.assert_same_as_clean_build()


def test_a_new_session_in_a_busy_year_rebuilds_its_month_not_the_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a year split by month, the months link their own index pages: a new session
    changes the navigation of its month's pages, and the other months' stay as built."""
    monkeypatch.setattr(policies, "MONTHS_AFTER", 10)  # a busy year, split by month
    root = tmp_path / "root"
    write_root(root, 40)
    preview = Preview(root, tmp_path, generate(root, TODAY, history=lambda _root: {}))
    preview.build()
    newest = sorted((root / "sessions/2026").glob("*.yaml"))[-1]
    day = dt.date.fromisoformat(newest.stem[:10])
    older = next(
        p
        for p in sorted((root / "sessions/2026").glob("*.yaml"))
        if p.stem[5:7] != newest.stem[5:7]
    )
    other_month = f"sessions/2026/{older.stem}/index.html"
    month = f"sessions/2026/{day.month:02d}/index.html"
    assert "Sessions in" in preview.text(month) and f'href="../{day.month:02d}/"' in preview.text(
        other_month
    )  # the month's link in another month's navigation is its index page
    untouched = preview.mtime(other_month)
    later = (day + dt.timedelta(days=1)).isoformat()
    added = root / f"sessions/2026/{later}-added.yaml"
    text = newest.read_text().replace(day.isoformat(), later)
    added.write_text(re.sub(r"title: .*", "title: Brand new handover", text, count=1))
    preview.build()
    for shown in (month, "sessions/2026/index.html", f"sessions/2026/{newest.stem}/index.html"):
        assert "Brand new handover" in preview.text(shown)  # its lists, its month's navigation
    assert preview.mtime(other_month) == untouched
    preview.assert_same_as_clean_build()
    added.unlink()
    preview.build()
    assert "Brand new handover" not in preview.text(month)
    assert preview.mtime(other_month) == untouched
    preview.assert_same_as_clean_build()
