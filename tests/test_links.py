"""The generator checks every internal link and anchor it wrote (render/links.py)."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import addresses
from generator.pipeline import Result, link_errors
from generator.render.links import broken_links

SESSION = "sessions/2026/2026-11-16-weekly.md"


def _pages(result: Result) -> dict[str, str | bytes]:
    return dict(result.pages)


def test_the_example_site_has_no_broken_link(example_result: Result) -> None:
    assert not example_result.failed
    assert link_errors(example_result.pages, example_result.content) == []


def test_a_broken_markdown_link_is_an_error_naming_the_page_and_the_link(
    example_result: Result,
) -> None:
    pages = _pages(example_result)
    page = "people/ana.md"
    text = str(pages[page])
    link = "(../sessions/2026/2026-11-16-weekly.md)"
    assert link in text
    pages[page] = text.replace(link, link.replace("weekly", "weakly"), 1)
    errors = link_errors(pages, example_result.content)
    assert [e.severity for e in errors] == ["error"]
    assert errors[0].path == f"docs/{page}"
    assert "'../sessions/2026/2026-11-16-weakly.md' is broken" in errors[0].message


def test_a_broken_html_link_is_an_error(example_result: Result) -> None:
    pages = _pages(example_result)
    text = str(pages[SESSION])
    assert 'href="../../../people/ben/"' in text  # the HTML tables' final URLs
    pages[SESSION] = text.replace('href="../../../people/ben/"', 'href="../../people/ben/"')
    broken = broken_links(pages)
    assert {(b.page, b.link) for b in broken} == {(SESSION, "../../people/ben/")}
    assert "no page or file of the site is there" in broken[0].text()


def test_a_missing_anchor_is_an_error(example_result: Result) -> None:
    pages = _pages(example_result)
    page = "actions/index.md"
    text = str(pages[page])
    ok = (
        text
        + "\n[Marketing](#marketing) [RACI](../sessions/2026/2026-11-16-weekly.md#raci-matrix)\n"
    )
    pages[page] = ok
    assert broken_links(pages) == []
    pages[page] = ok + "\n[gone](../sessions/2026/2026-11-16-weekly.md#no-such-step)\n"
    broken = broken_links(pages)
    assert [(b.page, b.link) for b in broken] == [
        (page, "../sessions/2026/2026-11-16-weekly.md#no-such-step")
    ]
    assert "has no anchor #no-such-step" in broken[0].text()


def test_a_folder_link_reaches_its_redirect_page_and_the_tabs_share_links_are_checked() -> None:
    """An older session's debrief has a redirect (a folder's index.html) instead of a page:
    the tab's share link names the folder, as MkDocs links pages, and is checked."""
    from generator.render.html import relative_url

    session = "sessions/2020/2020-01-06-x.md"
    redirect = "sessions/2020/2020-01-06-x/debrief/sales/index.html"
    assert relative_url(redirect, session) == "debrief/sales/"
    tab = '<a class="ho-share" href="debrief/sales/">share</a>'
    pages: dict[str, str | bytes] = {session: f"# X\n\n{tab}\n", redirect: "<html></html>"}
    assert broken_links(pages) == []
    del pages[redirect]
    assert [(b.page, b.link) for b in broken_links(pages)] == [(session, "debrief/sales/")]


SEGMENTS = ["people", "sessions", "2026", "a b", "x.md", "index.md", "book.xlsx", "..", "."]


@given(
    target=st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4).map("/".join),
    page=st.lists(st.sampled_from(SEGMENTS[:5]), min_size=0, max_size=3).map(
        lambda parts: "/".join([*parts, "p.md"])
    ),
)
def test_a_relative_url_is_what_posixpath_relpath_gives(target: str, page: str) -> None:
    """relative_url works the path out itself (it runs for every link of every page);
    the answer is the one posixpath.relpath gives between the two URLs."""
    from generator import addresses
    from generator.render.html import relative_url

    there = addresses.url(target) if target.endswith(".md") else target
    if there.endswith("/index.html") or there == "index.html":
        there = there[: -len("index.html")]
    rel = posixpath.relpath(there or ".", addresses.url(page) or ".")
    if there == "" or there.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    assert relative_url.__wrapped__(target, page) == quote(rel, safe="/.-_~")


NAMES = ["x", "xy", "x.md", "index.md", "index.html", "", ".", "..", "a b", "2026", "sessions"]


@settings(max_examples=1000)
@given(
    target=st.lists(st.sampled_from(NAMES), min_size=1, max_size=5).map("/".join),
    page=st.lists(st.sampled_from(NAMES[:2] + NAMES[5:]), min_size=0, max_size=3).map(
        lambda parts: "/".join([*parts, "x.md"])
    ),
)
def test_a_link_from_a_pages_folder_is_the_one_from_the_page(target: str, page: str) -> None:
    """relative_url works a link out from the page's folder, shared by many pages (every
    session page of a year), unless the target is under the page itself: a folder whose
    name starts as the page's does not count, nor empty or dotted path segments."""
    from generator.render.html import _relative, relative_url

    there = addresses.url(target) if target.endswith(".md") else target
    if there.endswith("/index.html") or there == "index.html":
        there = there[: -len("index.html")]
    if page.startswith("/"):
        return  # a page's docs path is relative
    assert relative_url.__wrapped__(target, page) == _relative.__wrapped__(
        there, addresses.url(page)
    )


def test_the_fast_scan_finds_what_the_patterns_with_look_behind_find(
    example_result: Result,
) -> None:
    """links._found searches from a literal and checks what came before each match:
    the same links, hrefs and ids as the patterns that say it themselves (slow: tried
    at every character), on the example's pages and on random text made of their parts."""
    import random
    import re

    from generator.render import links

    md = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")
    href = re.compile(r'\bhref="([^"]*)"')
    ids = re.compile(r'\bid="([^"]+)"|\{:?[^}\n]*#([\w-]+)[^}\n]*\}')
    rng = random.Random(15)
    parts = ["\\", "](", "x)", ")", 'href="', 'id="', '"', "{", "}", "#", "a", "é", "_", " "]
    parts += ["\n", "{: #", "[", "]", 'xhref="', '_id="', 'éid="', "<table>", "</table>"]
    texts = [t for t in example_result.pages.values() if isinstance(t, str)]
    texts += ["".join(rng.choice(parts) for _ in range(rng.randrange(40))) for _ in range(5000)]
    for text in texts:
        expected = (tuple(md.findall(links.TABLES.sub("", text))), tuple(href.findall(text)))
        assert links._links(text, ()) == expected, text
        found = {m.group(1) or m.group(2) for m in links._found(links.IDS, text, links._id_ok)}
        assert found == {a or b for a, b in ids.findall(text)}, text


def test_the_links_are_checked_while_the_workbooks_are_made_with_their_paths_known(
    example_result: Result,
) -> None:
    """render_pages hands the rendered pages to the link check before the workbooks are
    ready: every page is there, and each workbook's path, as an empty file for now."""
    from generator.render.pages import render_pages

    assert example_result.facts is not None
    seen: list[dict[str, str | bytes]] = []
    pages = render_pages(example_result.facts, meanwhile=lambda given: seen.append(dict(given)))
    assert len(seen) == 1
    books = {p for p in pages if p.endswith(".xlsx")}
    assert books and all(seen[0][p] == b"" for p in books)
    assert all(bytes(pages[p][:2]) == b"PK" for p in books)  # the workbooks, made meanwhile
    assert seen[0].keys() == pages.keys()
