"""A build on several processes is the same site, byte for byte, as a build on one."""

from __future__ import annotations

import dataclasses
import gzip
import io
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from generator import policies
from generator.engine import build as build_module
from generator.engine import seams, shards
from generator.engine.build import BuildFailed, build_site
from generator.engine.progress import Progress
from generator.pipeline import generate
from tests.conftest import REPO, TODAY
from tests.pagefind_index import indexed

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import write_root

pytestmark = pytest.mark.slow


def tree(site: Path) -> dict[str, bytes]:
    """Every file but the search index, which Pagefind writes in no fixed order; the
    sitemap's archive by what it holds (its header carries the day of the build, which
    two builds a minute apart around midnight do not share)."""
    return {
        p.relative_to(site).as_posix(): gzip.decompress(p.read_bytes())
        if p.name == "sitemap.xml.gz"
        else p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def assert_same_tree(one: Path, other: Path) -> None:
    """The same site, byte for byte, and a search index that holds the same entries."""
    assert indexed(one) == indexed(other)
    a, b = tree(one), tree(other)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_the_example_built_on_three_processes_is_the_same_site(
    built_site: Path, example_result: Any, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build_site(example_result, site, strict=True, jobs=3)
    assert_same_tree(built_site, site)


def test_a_site_with_sessions_by_month_is_the_same_on_two_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(policies, "MONTHS_AFTER", 10)  # a busy year, split by month
    write_root(tmp_path / "root", 40)
    result = generate(tmp_path / "root", TODAY, history=lambda _root: {})
    assert not result.failed
    build_site(result, tmp_path / "one", jobs=1)
    build_site(result, tmp_path / "two", jobs=2)
    assert_same_tree(tmp_path / "one", tmp_path / "two")
    index = indexed(tmp_path / "two")
    assert len([url for url in index if url.startswith("/sessions/2026/2026-")]) >= 40
    assert (tmp_path / "two/sessions/2026/index.html").is_file()


def test_a_sessions_own_files_go_straight_into_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbooks and the older debriefs' redirects are written into the site, not
    into the docs tree MkDocs reads: the same bytes (a redirect with the policy MkDocs'
    build gives a static page); every other file goes through the docs tree."""
    from generator.engine.csp import has_policy
    from generator.render import pages

    monkeypatch.setattr(pages, "DEBRIEF_PAGES", 2)  # the older debriefs become redirects
    write_root(tmp_path / "root", 6)
    result = generate(tmp_path / "root", TODAY, history=lambda _root: {})
    assert not result.failed
    real, given = build_module.write_into, []

    def write_into(result: Any, base: Path, **kw: Any) -> None:
        given.append(set(kw["pages"]))
        real(result, base, **kw)

    monkeypatch.setattr(build_module, "write_into", write_into)
    site = tmp_path / "site"
    build_site(result, site, jobs=2)
    own = {p for p in result.pages if p.startswith("sessions/") and not p.endswith(".md")}
    assert any(p.endswith(".xlsx") for p in own)
    redirects = [p for p in own if p.endswith("/index.html")]
    assert len(redirects) == 2 * 4  # two teams' debriefs of the four older sessions
    assert given == [set(result.pages) - own]
    for path in own:
        data = result.pages[path]
        if isinstance(data, bytes):
            assert (site / path).read_bytes() == data
        else:
            text = (site / path).read_text(encoding="utf-8")
            assert has_policy(text) and "refresh" in text
    assert (site / "sessions/2026/index.html").is_file()


def test_a_failing_write_of_the_sessions_own_files_leaves_the_site_as_it_was(
    built_site: Path, example_result: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.engine import tree as tree_module

    site = tmp_path / "site"
    build_site(example_result, site, jobs=1)
    before = tree(site)

    def full(base: Path, pages: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tree_module, "write_tree", full)
    with pytest.raises(BuildFailed, match=r"sessions' files into the site.*No space left"):
        build_site(example_result, site, jobs=1)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _fail_in_shard(which: int, error: BaseException) -> Any:
    real = shards.build_shard

    def build_shard(config_file: Path, site_dir: Path, index: int, count: int, **kw: Any) -> None:
        if index == which:
            raise error
        real(config_file, site_dir, index, count, **kw)

    return build_shard


@pytest.mark.parametrize(
    ("error", "expected"),
    [(RuntimeError("disk on fire"), BuildFailed), (KeyboardInterrupt(), KeyboardInterrupt)],
)
def test_a_failing_or_interrupted_shard_leaves_the_site_as_it_was(
    built_site: Path,
    example_result: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    expected: type[BaseException],
) -> None:
    site = tmp_path / "site"
    build_site(example_result, site, jobs=1)
    before = tree(site)
    # Forked, so that the shard sees the failing build_shard (a fork server's would not).
    monkeypatch.setattr(shards, "START", "fork")
    monkeypatch.setattr(shards, "build_shard", _fail_in_shard(1, error))
    with pytest.raises(expected):
        build_site(example_result, site, jobs=2)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_shard_started_by_the_fork_server_warns_as_the_build_does(
    example_result: Any, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Shards start from the fork server, not as forks of this process (which holds every
    record and page), so they are given MkDocs' log set-up: a warning in the last shard is
    said as the one-process build says it, and fails a strict build."""
    assert shards.START == "forkserver"
    logger = logging.getLogger("mkdocs")
    before = (logger.level, logger.propagate, list(logger.handlers))
    shards.configure_logging()  # as `handover build` does
    last = "zz-last.md"  # the last page in MkDocs' order: built by the last shard
    pages = {**example_result.pages, last: "# Last\n\nSee [the gone page](gone.md).\n"}
    result = dataclasses.replace(example_result, pages=pages)
    try:
        with pytest.raises(BuildFailed):
            build_site(result, tmp_path / "site", strict=True, jobs=2)
    finally:
        logger.level, logger.propagate, logger.handlers = before
    err = capfd.readouterr().err
    assert f"WARNING -  Doc file '{last}' contains a link 'gone.md', but the target" in err
    assert not (tmp_path / "site").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_every_page_rendered(
    example_result: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Progress] = []

    class Recorded(Progress):
        def __init__(self, total: int) -> None:
            super().__init__(total, stream=Terminal(), every=0.01)
            seen.append(self)

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(build_module, "Progress", Recorded)
    pages = build_site(example_result, tmp_path / "site", jobs=2)
    [progress] = seen
    assert progress.counter.value == pages
    assert progress.stream.getvalue().endswith(f"Rendering pages: {pages}/{pages} (100%)\n")


@pytest.mark.parametrize(("ci", "tty"), [("true", True), ("", False)])
def test_progress_is_quiet_in_ci_and_when_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch, ci: str, tty: bool
) -> None:
    monkeypatch.setenv("CI", ci)
    stream = Terminal() if tty else io.StringIO()
    with Progress(10, stream=stream, every=0.01) as progress:
        progress.counter.value = 10
    assert stream.getvalue() == ""


class Sized:
    def __init__(self, name: str, size: int) -> None:
        self.src_uri, self.generated_by, self.abs_src_path = name, "test", None
        self.content_bytes = b"x" * size


@given(st.lists(st.integers(1, 5000), max_size=60), st.integers(1, 6))
def test_shares_split_the_pages_in_order_without_gaps_or_overlaps(
    sizes: list[int], count: int
) -> None:
    pages: Any = [Sized(f"p{i}.md", size) for i, size in enumerate(sizes)]
    parts = [shards.share(pages, index, count) for index in range(count)]
    assert [f for part in parts for f in part] == pages


def test_only_the_first_shard_writes_more_than_pages_and_it_links_the_docs_files(
    example_result: Any, tmp_path: Path
) -> None:
    """The first shard's site is the one kept: it alone writes the static files (as hard
    links to the docs tree, not copies) and the 404 page; the others write their pages."""
    from generator.engine.export import write_into

    write_into(example_result, tmp_path)
    config = tmp_path / "mkdocs.yml"
    first, second = tmp_path / "site-0", tmp_path / "site-1"
    shards.build_shard(config, first, 0, 2)
    shards.build_shard(config, second, 1, 2)
    workbooks = sorted((tmp_path / "docs").rglob("*.xlsx"))
    assert workbooks
    for book in workbooks:
        built = first / book.relative_to(tmp_path / "docs")
        assert built.stat().st_ino == book.stat().st_ino  # the same file, linked
        assert not (second / book.relative_to(tmp_path / "docs")).exists()
    assert (first / "404.html").is_file() and not (second / "404.html").exists()
    assert (first / "assets" / "handover.css").is_file()
    assert not (second / "assets").exists()
    docs_files = {
        p.relative_to(tmp_path / "docs").as_posix()
        for p in (tmp_path / "docs").rglob("*")
        if p.is_file() and p.suffix != ".md"
    }
    written = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    assert any(name.endswith("/index.html") for name in written)
    assert written & docs_files == set()


def test_the_navigation_patched_for_sibling_pages_is_the_one_the_theme_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """seams.NavMemo renders Material's navigation once per group of sibling pages (the
    sessions of a month, the people) and patches it for the others, and keeps the tabs
    of a folder: the same pages, byte for byte, as the theme rendering them every time."""
    monkeypatch.setattr(policies, "MONTHS_AFTER", 10)  # sessions grouped by month
    write_root(tmp_path / "root", 40)
    result = generate(tmp_path / "root", TODAY, history=lambda _root: {})
    memos: list[seams.NavMemo] = []
    install = seams.NavMemo.install

    def kept(self: seams.NavMemo) -> seams.NavMemo:
        memos.append(self)
        return install(self)

    monkeypatch.setattr(seams.NavMemo, "install", kept)
    build_site(result, tmp_path / "patched", jobs=1)
    monkeypatch.setattr(seams.NavMemo, "install", lambda self: self)
    build_site(result, tmp_path / "rendered", jobs=1)
    assert_same_tree(tmp_path / "patched", tmp_path / "rendered")
    [memo] = memos
    # Most pages were patched: every session but the first of its month, every person
    # but the first; a group whose entries the theme wrote otherwise would be None.
    assert memo.patched > 40 > memo.rendered > 0
    assert None not in memo.groups.values()
    # The tabs: one rendering per folder of pages and active top-level section.
    assert 0 < len(memo.tab_rows) < memo.rendered


def test_a_navigation_without_each_pages_own_entry_once_is_not_patched() -> None:
    """A group is patched only when each page's entry is found exactly once: otherwise
    every page of the group is rendered by the theme."""

    class Item:  # Material's nav-item macro in the context of ``current``: its entry active
        def __init__(self, current: Page) -> None:
            self.current = current

        def render(self, page: Page, *_: Any) -> str:
            return f"<li>{page.url}{'*' if page is self.current else ''}</li>"

    section = Section("2025", [])
    for name in ("a", "b", "c"):
        file = File(f"x/{name}.md", src_dir=None, dest_dir="/site", use_directory_urls=True)
        page = Page(name, file, {})
        page.parent = section
        section.children.append(page)
    first, second = section.children[0], section.children[1]
    nav = "<ul><li>x/a/*</li><li>x/b/</li><li>x/c/</li></ul>"
    group = seams._NavGroup.start(nav, first, Item(first))
    assert group is not None
    assert group.patch(second, Item(second)) == "<ul><li>x/a/</li><li>x/b/*</li><li>x/c/</li></ul>"
    for broken in (
        "<ul><li>x/a/*</li><li>x/c/</li></ul>",  # a sibling's entry missing
        "<ul><li>x/a/*</li><li>x/b/</li><li>x/b/</li><li>x/c/</li></ul>",  # twice
    ):
        assert seams._NavGroup.start(broken, first, Item(first)) is None


def test_a_fork_server_started_before_the_pages_are_generated_builds_the_same_site(
    built_site: Path, example_result: Any, tmp_path: Path
) -> None:
    """``handover build`` starts the shards' fork server before it generates the pages
    (cli._build), so that its imports overlap the generator's work."""
    shards.start_server()
    site = tmp_path / "site"
    build_site(example_result, site, strict=True, jobs=2)
    assert_same_tree(built_site, site)


def test_the_fork_servers_compiled_templates_spare_each_shard_compiling_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fork server imports engine/theme_compiled.py (shards.PRELOAD), which compiles
    Material's templates once; a shard's environment then loads them without compiling.
    (test_the_example_built_on_three_processes_is_the_same_site: the same pages.)"""
    from mkdocs.theme import Theme

    from generator.engine import theme_compiled

    assert "generator.engine.theme_compiled" in shards.PRELOAD
    assert theme_compiled.compile_theme() >= 40
    env = Theme(name="material").get_env()
    env.bytecode_cache = theme_compiled.COMPILED

    def no_compiling(*_: Any, **__: Any) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", no_compiling)
    for name in ("base.html", "partials/nav.html", "partials/nav-item.html", "partials/toc.html"):
        env.get_template(name)


def test_one_markdown_converter_reset_between_pages_converts_them_as_one_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """seams.one_converter: MkDocs makes a Markdown converter per page; a build makes one
    and resets it between pages. The same pages, byte for byte, as with one per page."""
    import markdown
    import mkdocs.structure.pages as mkdocs_pages

    monkeypatch.setattr(policies, "MONTHS_AFTER", 10)
    write_root(tmp_path / "root", 40)
    result = generate(tmp_path / "root", TODAY, history=lambda _root: {})
    made: list[object] = []

    class Counted(markdown.Markdown):
        def __init__(self, **kw: Any) -> None:
            made.append(self)
            super().__init__(**kw)

    monkeypatch.setattr(markdown, "Markdown", Counted)
    monkeypatch.setattr(mkdocs_pages, "markdown", markdown)  # as MkDocs has it
    build_site(result, tmp_path / "one", jobs=1)
    assert len(made) == 2  # for 100 pages and more: one to check the configuration, one
    monkeypatch.setattr(mkdocs_pages, "markdown", markdown)
    monkeypatch.setattr(shards, "one_converter", lambda: None)
    made.clear()
    build_site(result, tmp_path / "each", jobs=1)
    assert len(made) > 90
    assert_same_tree(tmp_path / "one", tmp_path / "each")


def test_a_converter_is_not_kept_for_an_extension_it_does_not_know(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An extension the build has not checked may keep state between pages: a site
    that adds one gets a converter per page, as MkDocs makes them."""
    import markdown

    one = seams._OneConverter(markdown)
    known = one.Markdown(extensions=["toc", "tables"], extension_configs={})
    assert one.Markdown(extensions=["toc", "tables"], extension_configs={}) is known
    assert one.Markdown(extensions=["toc"], extension_configs={}) is not known  # others
    other = ["toc", "footnotes"]
    assert one.Markdown(extensions=other, extension_configs={}) is not one.Markdown(
        extensions=other, extension_configs={}
    )
