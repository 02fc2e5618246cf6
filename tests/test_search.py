"""The site search: the filters each page carries, the action anchors, and the Pagefind
index written into the site (engine/search_index.py). The browser tests search it."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from generator.engine import search_index
from generator.engine.search_index import IndexFailed, index_site, page_count, searched_html
from generator.pipeline import Result
from generator.render.search import filter_attributes, page_filters
from tests.pagefind_index import indexed

SESSION = "sessions/2026/2026-11-16-weekly.md"


def test_every_kind_of_page_has_its_filters(example_result: Result) -> None:
    filters = page_filters(example_result.content)
    session = filters[SESSION]
    assert session["kind"] == ["session", "action"] and session["year"] == ["2026"]
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


def test_a_session_without_actions_is_not_of_the_kind_action(example_result: Result) -> None:
    content = example_result.content
    kinds = {
        s.id: page_filters(content)[f"sessions/{s.year}/{s.id}.md"]["kind"]
        for s in content.sessions
    }
    for session in content.sessions:
        expected = ["session", "action"] if session.model.actions else ["session"]
        assert kinds[session.id] == expected, session.id
    page = str(example_result.pages[SESSION])
    assert '<td data-label="#"><span id="action-a1"></span>a1</td>' in page  # a row's anchor


def test_the_index_holds_each_actions_row_anchor_with_its_words(built_site: Path) -> None:
    """search.js opens the row that holds the matched words: the anchor of each row and
    the row's words must be in the session page's entry, in that order."""
    entry = indexed(built_site)["/" + SESSION.removesuffix(".md") + "/"]
    anchors = {a["id"]: a["location"] for a in entry["anchors"]}
    words = entry["content"].split()
    row = " ".join(words[anchors["action-a1"] : anchors["action-a2"]])
    assert "holiday cover rota" in row and "Gus Lindqvist" in row, row
    assert entry["filters"]["kind"] == ["session", "action"]
    assert not [u for u in indexed(built_site) if "#" in u]  # pages only, no records


def test_an_actions_words_find_its_session_not_the_actions_board(built_site: Path) -> None:
    """The board of open actions repeats rows whose home is their session page: its
    title and headings are searched, its rows are not. A person's list is."""
    pages = indexed(built_site)
    holiday = "holiday cover rota"
    assert holiday in pages["/" + SESSION.removesuffix(".md") + "/"]["content"]
    board = pages["/actions/"]
    assert "Actions" in board["meta"]["title"] and "Gus Lindqvist" in board["content"]
    assert holiday not in board["content"]
    assert holiday in pages["/people/gus/"]["content"]


def _pagefind_over(site: Path, output: Path) -> dict[str, dict[str, object]]:
    """Pagefind's own command over the whole pages of ``site``, read back."""
    language = search_index.site_language(site)
    executable = search_index._executable()
    run = [*search_index.command(site, output / "pagefind", executable, language), "--quiet"]
    subprocess.run(run, check=True, capture_output=True)
    return indexed(output)


def test_pagefind_indexes_the_pages_given_to_it_as_it_does_the_whole_pages(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """index_site gives Pagefind each page's marked element less what Pagefind leaves out
    and less the tags that only style words (searched_html): the words, anchors, filters,
    titles and word index must be those of Pagefind over the pages themselves."""
    # Pagefind numbers the pages in the order its file system lists them: the pages
    # given to it are written on the same one as the site, for the same numbers.
    monkeypatch.setattr(search_index, "_scratch", lambda _needed: str(tmp_path))
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind*"))
    whole = _pagefind_over(site, tmp_path / "whole")
    assert index_site(site, first_sessions=10**6) == len(whole)
    given = indexed(site)
    assert given.keys() == whole.keys()
    for url, fragment in whole.items():
        assert given[url] == fragment, url
    chunks = sorted(p.name for p in (tmp_path / "whole/pagefind/index").iterdir())
    assert sorted(p.name for p in (site / "pagefind/index").iterdir()) == chunks
    # The session pages were given less than half of their HTML.
    page = site / SESSION.replace(".md", "/index.html")
    given_html = searched_html(page.read_bytes())
    assert given_html is not None and len(given_html) < page.stat().st_size / 2


def test_the_build_indexes_the_pages_its_processes_prepared_as_pagefind_does_the_pages(
    example_result: Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """handover build has each MkDocs process prepare the pages it wrote for Pagefind
    (search_index.prepare): the index phase reads none of them again, and the index is
    the one Pagefind makes of the whole pages."""
    from generator.engine.build import build_site

    scratch = tmp_path / "scratch"  # the site's file system: Pagefind's page order
    scratch.mkdir()
    monkeypatch.setattr(search_index, "_scratch", lambda _needed: str(scratch))
    read_here: list[bytes] = []

    def searched(page: bytes) -> bytes | None:
        slim = searched_html(page)
        if slim is not None:
            read_here.append(page)
        return slim

    # The two processes start from the fork server: they call the real searched_html.
    monkeypatch.setattr(search_index, "searched_html", searched)
    site = tmp_path / "site"
    build_site(example_result, site, strict=True, jobs=2)
    assert read_here == []  # every page that carries the mark came prepared
    assert list(scratch.iterdir()) == []  # and the prepared pages are gone
    copy = tmp_path / "copy"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind*"))
    whole = _pagefind_over(copy, tmp_path / "whole")
    given = indexed(site)
    assert len(given) > 20 and given.keys() == whole.keys()
    for url, fragment in whole.items():
        assert given[url] == fragment, url
    chunks = sorted(p.name for p in (tmp_path / "whole/pagefind/index").iterdir())
    assert sorted(p.name for p in (site / "pagefind/index").iterdir()) == chunks


def test_a_failed_build_leaves_no_prepared_pages_behind(
    example_result: Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.engine import build, shards
    from generator.engine.build import BuildFailed, build_site

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(search_index, "_scratch", lambda _needed: str(scratch))
    real = shards.build_shard
    seen: list[bool] = []

    def failing(config: Path, site: Path, index: int, count: int, **kw: object) -> None:
        real(config, site, index, count, **kw)  # its pages prepared, then it fails
        seen.append(any(scratch.rglob("*.html")))
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build, "build_shard", failing)  # the one-process build's
    with pytest.raises(BuildFailed, match="disk on fire"):
        build_site(example_result, tmp_path / "site", jobs=1)
    assert seen == [True] and list(scratch.iterdir()) == []


def test_pages_prepared_for_the_index_are_not_read_again_and_index_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """index_site(prepared=...) takes the pages prepare wrote, in either part; reads the
    pages it does not list (a page no build process wrote); skips the listed pages
    without the mark (a debrief)."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(search_index, "_scratch", lambda _needed: str(scratch))
    site = tmp_path / "site"
    ids = ["2025-12-29-weekly", "2026-01-05-weekly", "2026-01-12-weekly"]
    _sessions_site(site, ids)
    index_site(site, first_sessions=1)
    expected = {part: indexed(site, part) for part in ("pagefind", "pagefind-archive")}
    assert [len(fragments) for fragments in expected.values()] == [3, 2]
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    pages = [p for p in pages if not p.startswith("pagefind")]
    unlisted = "people/ana/index.html"
    read_here: list[str] = []
    with search_index.preparing(1) as folder:
        assert folder.parent == scratch
        listed = [p for p in pages if p != unlisted]
        search_index.prepare(site, listed[:3], folder, "one")
        search_index.prepare(site, [*listed[3:], "gone/index.html"], folder, "two")
        real = searched_html

        def searched(page: bytes) -> bytes | None:
            read_here.append(page.decode())
            return real(page)

        monkeypatch.setattr(search_index, "searched_html", searched)
        assert index_site(site, first_sessions=1, prepared=folder) == 5
        assert [p for p in folder.iterdir() if p.is_dir() and p.name != "pages"] == []
    assert len(read_here) == 1 and "<title>Ana</title>" in read_here[0]
    assert not list(scratch.iterdir())
    assert {part: indexed(site, part) for part in expected} == expected
    assert page_count(site / "pagefind-archive") == 2


_MARKED = (
    '<!doctype html><html lang="en"><head><title>T</title></head><body><nav>Menu</nav>'
    '<article data-pagefind-body><h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>'
    '<p>A <a href="x">link</a> and <strong id="who">Ana <em>B</em></strong>.</p>'
    "<figure data-pagefind-ignore><svg><text>chart</text></svg></figure>"
    '<div data-pagefind-ignore><span data-pagefind-filter="tag:kept">x</span></div>'
    '<span id="action-a1"></span>Row'
    '<div class="f"><span data-pagefind-filter="kind:session"></span></div></article>'
    "<footer>End</footer></body></html>"
)


def test_the_page_given_to_pagefind_keeps_what_pagefind_reads() -> None:
    slim = searched_html(_MARKED.encode())
    assert slim is not None
    assert slim.decode() == (
        '<!doctype html><html lang="en"><head><title>T</title></head><body>'
        '<article data-pagefind-body><h1 id="t">Title</h1>'
        '<p>A link and <strong id="who">Ana B</strong>.</p>'
        '<div data-pagefind-ignore><span data-pagefind-filter="tag:kept">x</span></div>'
        '<span id="action-a1"></span>Row'
        '<div class="f"><span data-pagefind-filter="kind:session"></span></div></article>'
        "</body></html>"
    )


@pytest.mark.parametrize(
    "page",
    [
        "<article data-pagefind-body>a</article><div data-pagefind-body>b</div>",  # two
        '<span data-pagefind-meta="x:y"></span><article data-pagefind-body>a</article>',
        "<article data-pagefind-body><p>a <span id='x'>b</p></article>",  # never closed
        "<article data-pagefind-body><div data-pagefind-ignore>a</article>",
        "<article data-pagefind-body>a",
        "<article data-pagefind-body>a \x01 b</article>",
        '<article data-pagefind-body><nav id="n">a <a href="x">b</a></nav></article>',
    ],
)
def test_a_page_not_as_expected_is_given_to_pagefind_whole(page: str) -> None:
    assert searched_html(page.encode()) == page.encode()


def test_the_pages_for_pagefind_go_to_memory_only_where_there_is_room_for_them() -> None:
    assert search_index._scratch(10**18) is None  # the usual temporary folder
    memory = search_index._scratch(1)
    assert memory in (None, "/dev/shm")


def test_a_page_without_the_mark_is_not_given_to_pagefind() -> None:
    assert searched_html(b"<html><body><article>Debrief</article></body></html>") is None


def _page(title: str, body: bool) -> str:
    mark = " data-pagefind-body" if body else ""
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
        f'<nav>Everywhere</nav><article{mark}><h1 id="top">{title}<a class="headerlink">¶</a>'
        f"</h1><p>The {title.lower()} words.</p></article>"
        f'<span data-pagefind-filter="kind:session"></span></body></html>'
    )


def test_the_index_holds_marked_pages_and_is_replaced_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "kept").mkdir(parents=True)
    (site / "left").mkdir()
    (site / "index.html").write_text(_page("Home", body=True))
    (site / "kept/index.html").write_text(_page("Zanzibar", body=True))
    (site / "left/index.html").write_text(_page("Debrief", body=False))
    assert index_site(site) == 2
    first = indexed(site)
    assert set(first) == {"/", "/kept/"}
    assert first["/kept/"]["meta"]["title"] == "Zanzibar"  # no permalink mark
    assert "¶" not in first["/kept/"]["content"] and "Everywhere" not in first["/kept/"]["content"]
    assert first["/kept/"]["filters"] == {"kind": ["session"]}
    assert not [p for p in (site / "pagefind").iterdir() if p.name in search_index.UNUSED]
    (site / "kept/index.html").unlink()
    index_site(site)
    assert set(indexed(site)) == {"/"} and page_count(site / "pagefind") == 1
    assert sorted(p.name for p in site.iterdir() if "pagefind" in p.name) == ["pagefind"]


def _sessions_site(site: Path, ids: list[str]) -> None:
    (site / "people/ana").mkdir(parents=True)
    (site / "index.html").write_text(_page("Home", body=True))
    (site / "people/ana/index.html").write_text(_page("Ana", body=True))
    for id in ids:
        page = site / "sessions" / id[:4] / id / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(_page(f"Session {id}", body=True))
        debrief = page.parent / "debrief/sales/index.html"
        debrief.parent.mkdir(parents=True)
        debrief.write_text(_page("Debrief", body=False))


def test_the_older_sessions_get_an_index_of_their_own_and_lose_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"  # where the pages for Pagefind are written
    scratch.mkdir()
    monkeypatch.setattr(search_index, "_scratch", lambda _needed: str(scratch))
    site = tmp_path / "site"
    _sessions_site(site, ["2025-12-29-weekly", "2026-01-05-weekly", "2026-01-12-weekly"])
    assert index_site(site, first_sessions=1) == 5
    manifest = json.loads((site / "pagefind" / search_index.MANIFEST).read_text())
    assert manifest == {"archive": "pagefind-archive/"}
    assert set(indexed(site)) == {"/", "/people/ana/", "/sessions/2026/2026-01-12-weekly/"}
    assert page_count(site / "pagefind-archive") == 2
    assert not list(scratch.iterdir())
    index_site(site)  # fewer sessions than the first index takes: one index again
    assert json.loads((site / "pagefind" / search_index.MANIFEST).read_text()) == {"archive": None}
    assert len(indexed(site)) == 5 and not (site / "pagefind-archive").exists()
    assert sorted(p.name for p in site.iterdir() if "pagefind" in p.name) == ["pagefind"]


def test_the_older_sessions_pagefind_starts_before_the_rest_of_the_site_is_read(
    tmp_path: Path,
) -> None:
    """Their part is the longer one to index at the sizes that have two: its Pagefind
    starts first, after only their pages were read, and runs while the others are."""
    site = tmp_path / "site"
    _sessions_site(site, ["2025-12-29-weekly", "2026-01-05-weekly", "2026-01-12-weekly"])
    events: list[str] = []

    def asked() -> bool:  # before each page is read
        events.append("page")
        return False

    def started(_run: object) -> None:
        events.append("start")

    assert index_site(site, first_sessions=1, started=started, stopped=asked) == 5
    assert events[:3] == ["page", "page", "start"]
    assert events.count("start") == 2 and events[-1] == "start"


def test_a_busy_years_month_pages_are_not_older_sessions(tmp_path: Path) -> None:
    """sessions/<YYYY>/<MM>/ lists a month's sessions: it is searched first, with the
    other lists, not after the older sessions."""
    site = tmp_path / "site"
    _sessions_site(site, ["2025-12-29-weekly", "2026-01-05-weekly", "2026-01-12-weekly"])
    month = site / "sessions/2026/01/index.html"
    month.parent.mkdir()
    month.write_text(_page("January 2026", body=True))
    assert index_site(site, first_sessions=1) == 6
    assert "/sessions/2026/01/" in indexed(site)
    assert set(indexed(site, "pagefind-archive")) == {
        "/sessions/2025/2025-12-29-weekly/",
        "/sessions/2026/2026-01-05-weekly/",
    }


def test_a_missing_pagefind_binary_is_said_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    (tmp_path / "index.html").write_text(_page("Home", body=True))
    with pytest.raises(IndexFailed, match="pagefind binary is missing"):
        index_site(tmp_path)
    assert not (tmp_path / search_index.BUNDLE).exists()


def test_a_site_pagefind_cannot_index_is_said_in_one_line_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.txt").write_text("no pages here")
    with pytest.raises(IndexFailed, match=r"^pagefind: .*html") as failed:
        index_site(tmp_path)
    assert "\n" not in str(failed.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_pagefind_settings_around_the_command_change_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind reads PAGEFIND_* variables and a pagefind.yml in its working folder."""
    (tmp_path / "index.html").write_text(_page("Home", body=True))
    monkeypatch.setenv("PAGEFIND_ROOT_SELECTOR", "nav")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text("exclude_selectors: ['p']\n")
    index_site(tmp_path)
    assert "home words" in indexed(tmp_path)["/"]["content"]


def test_the_site_language_comes_from_the_home_page(tmp_path: Path) -> None:
    assert search_index.site_language(tmp_path) == "en"  # no page yet
    (tmp_path / "index.html").write_text('<!doctype html><html lang="de-AT" class="x">')
    assert search_index.site_language(tmp_path) == "de"


def test_the_preview_indexes_in_the_background_and_a_stop_keeps_the_last_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """handover serve reloads the browser before Pagefind has run; a rebuild stops an
    indexing under way, which leaves the last whole index and nothing half-written."""
    site = tmp_path / "site"
    (site / "kept").mkdir(parents=True)
    (site / "index.html").write_text(_page("Home", body=True))
    (site / "kept/index.html").write_text(_page("Zanzibar", body=True))
    problems: list[str] = []
    background = search_index.BackgroundIndex(problems.append)
    background.start(site)
    background.wait()
    assert set(indexed(site)) == {"/", "/kept/"}
    # A rebuild starts while Pagefind is indexing: it is stopped while it runs.
    told = search_index.BackgroundIndex._started
    running = threading.Event()

    def slow(self: search_index.BackgroundIndex, run: subprocess.Popen[bytes]) -> None:
        told(self, run)
        running.set()
        run.wait(timeout=30)  # until stopped, so that the stop comes first

    (site / "kept/index.html").unlink()
    with monkeypatch.context() as patch:
        patch.setattr(search_index.BackgroundIndex, "_started", slow)
        background.start(site)
        assert running.wait(30)
        background.stop()
    assert set(indexed(site)) == {"/", "/kept/"}  # the last whole index
    assert sorted(p.name for p in site.iterdir() if "pagefind" in p.name) == ["pagefind"]
    assert problems == []  # stopping is not a failure
    background.start(site)
    background.wait()
    assert set(indexed(site)) == {"/"}


def test_a_stop_while_the_pages_are_read_ends_the_indexing_before_pagefind_starts(
    tmp_path: Path,
) -> None:
    """The preview's next rebuild stops the background index: asked before each page is
    read, it does not wait for the rest to be read, and the last index stays whole."""
    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(_page(name.upper() * 3, body=True))
    (site / "index.html").write_text(_page("Home", body=True))
    index_site(site)
    before = indexed(site)
    asked: list[int] = []
    runs: list[object] = []

    def stop_at_the_second_page() -> bool:
        asked.append(1)
        return len(asked) >= 2

    (site / "c/index.html").unlink()
    with pytest.raises(search_index.IndexFailed):
        index_site(site, started=runs.append, stopped=stop_at_the_second_page)
    assert len(asked) == 2 and runs == []  # no further page read, no Pagefind started
    assert indexed(site) == before  # the last whole index
    assert sorted(p.name for p in site.iterdir() if "pagefind" in p.name) == ["pagefind"]
