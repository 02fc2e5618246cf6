"""The build cache (generator/render/cache.py): an entry is reused only for the same
inputs and code, a damaged entry is made again, and a warm run writes what a cold one
writes, byte for byte."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import Result, generate
from generator.render import cache as caching
from generator.render import pages, xlsx
from generator.render.cache import DiskCache
from generator.render.links import broken_links
from tests.conftest import REPO, TODAY, edit

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import write_root


def entries(folder: Path, kind: str) -> set[str]:
    return {p.name for p in (folder / kind).rglob("*") if p.is_file()}


def test_an_entry_round_trips_and_a_damaged_one_is_a_miss_and_removed(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "c")
    key = cache.key("page", 1)
    assert cache.get("k", key) is None
    cache.put("k", key, b"made once")
    assert cache.get("k", key) == b"made once"
    path = next((tmp_path / "c" / "k").rglob(key))
    path.write_bytes(path.read_bytes()[:-3])  # cut short, as by a crash mid-copy
    assert cache.get("k", key) is None
    assert not path.exists()
    cache.put("k", key, b"made once")
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 1  # one bit flipped
    path.write_bytes(bytes(raw))
    assert cache.get("k", key) is None
    assert cache.text("k", key, lambda: "made again") == "made again"
    assert cache.get("k", key) == b"made again"


def test_no_temporary_file_is_left_and_an_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "c")
    cache.put("k", cache.key(1), b"x")
    assert [p.name for p in (tmp_path / "c").rglob("*") if p.is_file()] == [cache.key(1)]
    (tmp_path / "file").write_text("not a folder")
    blocked = DiskCache(tmp_path / "file")
    blocked.put("k", blocked.key(1), b"x")  # nothing raised
    assert blocked.data("k", blocked.key(1), lambda: b"y") == b"y"


def test_a_folder_removed_during_a_run_is_made_again(tmp_path: Path) -> None:
    """A put makes each folder once (DiskCache remembers it); if the folder goes
    meanwhile, that entry is lost, not the next one."""
    import shutil

    cache = DiskCache(tmp_path / "c")
    cache.put("k", cache.key(1), b"one")
    shutil.rmtree(tmp_path / "c")
    cache.put("k", cache.key(1), b"one")  # nothing raised, nothing stored
    cache.put("k", cache.key(1), b"one")
    assert cache.get("k", cache.key(1)) == b"one"


def test_the_key_holds_the_code_version(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DiskCache(Path("unused"))
    before = cache.key("same", dt.date(2026, 1, 1))
    assert before == cache.key("same", dt.date(2026, 1, 1))
    assert before != cache.key("same", dt.date(2026, 1, 2))
    monkeypatch.setattr(caching, "code_version", lambda: "another release")
    assert before != cache.key("same", dt.date(2026, 1, 1))


def test_the_code_version_changes_with_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import site_templates

    fake = tmp_path / "site_templates"
    fake.mkdir()
    (fake / "page.md.j2").write_text("one")
    monkeypatch.setattr(site_templates, "__file__", str(fake / "__init__.py"))
    caching.code_version.cache_clear()
    try:
        first = caching.code_version()
        caching.code_version.cache_clear()
        (fake / "page.md.j2").write_text("two")
        assert caching.code_version() != first
    finally:
        caching.code_version.cache_clear()


def test_location_follows_the_environment_and_the_switch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(caching.ENV, raising=False)
    assert caching.location(tmp_path) == tmp_path / ".handover-cache"
    assert caching.location(tmp_path, enabled=False) is None
    monkeypatch.setenv(caching.ENV, str(tmp_path / "elsewhere"))
    assert caching.location(tmp_path) == tmp_path / "elsewhere"
    monkeypatch.setenv(caching.ENV, "off")
    assert caching.location(tmp_path) is None


def _workbooks(root: Path, folder: Path, today: dt.date = TODAY) -> tuple[dict[str, bytes], int]:
    """Every workbook of ``root`` rendered with the cache in ``folder``, and how many of
    them were made (not found in the cache)."""
    made = 0
    real = xlsx._workbook.__wrapped__

    def counting(*args: object) -> bytes:
        nonlocal made
        made += 1
        return real(*args)  # type: ignore[arg-type]

    xlsx._workbook.cache_clear()  # the in-memory memory of the same inputs
    mp = pytest.MonkeyPatch()
    mp.setattr(xlsx, "_workbook", counting)
    mp.setenv("HANDOVER_JOBS", "1")  # counted in this process
    try:
        result = generate(root, today, history=lambda _root: {}, cache=DiskCache(folder))
    finally:
        mp.undo()
    assert not result.failed, result.diagnostics
    books = {p: b for p, b in result.pages.items() if p.endswith(".xlsx")}
    assert all(isinstance(b, bytes) for b in books.values())
    return books, made  # type: ignore[return-value]


def test_each_input_of_a_workbook_makes_only_its_entries_again(
    example_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    cold, made = _workbooks(example_copy, folder)
    assert made == len(cold) >= 3
    warm, made = _workbooks(example_copy, folder)
    assert (warm, made) == (cold, 0)
    kept = entries(folder, "xlsx")
    assert len(kept) == len(cold)

    # The session file: only that session's workbook is made again.
    edit(example_copy, "sessions/2026/2026-11-16-weekly.yaml", "title: ", "title: Renamed ")
    changed, made = _workbooks(example_copy, folder)
    assert made == 1
    path = next(p for p in cold if "2026-11-16-weekly" in p)
    assert changed[path] != cold[path]
    assert {p: b for p, b in changed.items() if p != path} == {
        p: b for p, b in cold.items() if p != path
    }
    assert len(entries(folder, "xlsx") - kept) == 1  # the old entry pruned, the new one kept
    assert len(entries(folder, "xlsx")) == len(cold)

    # A fact other files give (a person's name): the workbooks that show it.
    edit(example_copy, "content/team.yaml", "name: ", "name: Renamed ")
    _, made = _workbooks(example_copy, folder)
    assert 0 < made <= len(cold)

    # Today (dates the document): every workbook.
    _, made = _workbooks(example_copy, folder, TODAY + dt.timedelta(days=1))
    assert made == len(cold)


def _export(root: Path, out: Path, *extra: str) -> None:
    run = CliRunner().invoke(
        main, ["export", "--root", str(root), "--out", str(out), "--today", "2026-11-23", *extra]
    )
    assert run.exit_code == 0, run.output


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_warm_export_is_the_cold_one_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    write_root(root, 12)
    monkeypatch.delenv(caching.ENV, raising=False)
    _export(root, tmp_path / "nocache", "--no-cache")
    assert not (root / ".handover-cache").exists()
    _export(root, tmp_path / "cold")
    assert entries(root / ".handover-cache", "xlsx")
    _export(root, tmp_path / "warm")
    cold = _tree(tmp_path / "cold")
    assert _tree(tmp_path / "warm") == cold
    assert _tree(tmp_path / "nocache") == cold
    # A damaged cache gives the same export too.
    for path in (root / ".handover-cache").rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes()[: os.path.getsize(path) // 2])
    _export(root, tmp_path / "damaged")
    assert _tree(tmp_path / "damaged") == cold


def _site(
    root: Path, folder: Path | None, today: dt.date = TODAY
) -> tuple[dict[str, Any], set[str]]:
    """Every file of ``root``'s site (with the cache in ``folder``, or none) and the
    paths of the pages whose template was rendered (not found in the cache)."""
    rendered: set[str] = set()
    real = pages.render

    def counting(template: str, path: str, **context: Any) -> str:
        if not template.startswith("_"):
            rendered.add(path)
        return real(template, path, **context)

    mp = pytest.MonkeyPatch()
    mp.setattr(pages, "render", counting)
    mp.setenv("HANDOVER_JOBS", "1")  # counted in this process
    try:
        cache = DiskCache(folder) if folder is not None else None
        result = generate(root, today, history=lambda _root: {}, cache=cache)
    finally:
        mp.undo()
    assert not result.failed, result.diagnostics
    return dict(result.pages), rendered


def test_each_input_of_a_page_renders_again_exactly_the_pages_it_changes(
    tmp_path: Path,
) -> None:
    """After each edit, the site rendered with the cache is the one rendered without it,
    and the pages that did not change were taken from the cache."""
    root, folder = tmp_path / "root", tmp_path / "cache"
    write_root(root, 12)  # each session follows up two actions of the one before
    cold, rendered = _site(root, folder)
    sessions = sorted(p for p in cold if re.fullmatch(r"sessions/\d{4}/\d[^/]+\.md", p))
    assert len(sessions) == 12 and set(sessions) <= rendered
    warm, rendered = _site(root, folder)
    assert warm == cold
    assert not rendered & set(sessions)  # every session page from the cache
    assert entries(folder, "page") and entries(folder, "svg")

    def after(edit_args: tuple[str, str, str] | None, today: dt.date = TODAY) -> set[str]:
        if edit_args:
            edit(root, *edit_args)
        site, rendered = _site(root, folder, today)
        assert site == _site(root, None, today)[0]  # what no cache gives
        return rendered & set(sessions)

    newest, previous = sessions[-1], sessions[-2]
    newest_file = "sessions/" + newest.split("/", 1)[1].replace(".md", ".yaml")
    # The session file: its page, and the page of the session whose actions it follows
    # up (which names it), not the others.
    assert after((newest_file, "Short minutes", "Longer minutes")) == {newest, previous}
    # A follow-up's status: the page of the action's session shows it.
    assert after((newest_file, "status: done", "status: blocked")) == {newest, previous}
    # A fact every page is given (a person's name), today, the code: every page.
    assert after(("content/team.yaml", "Person 05", "Person Five")) == set(sessions)
    assert after(None, TODAY + dt.timedelta(days=1)) == set(sessions)
    mp = pytest.MonkeyPatch()
    mp.setattr(caching, "code_version", lambda: "another release")
    try:
        assert after(None) == set(sessions)
    finally:
        mp.undo()


def test_a_page_that_asks_what_was_not_asked_beforehand_is_not_kept(tmp_path: Path) -> None:
    """memo.Answered: a call with other arguments is answered, and the page not stored."""
    from generator.render.memo import Answered

    calls: list[tuple[Any, ...]] = []

    def method(*args: Any) -> str:
        calls.append(args)
        return "-".join(map(str, args))

    one, two = object(), object()
    answered = Answered(method, [(one,)])
    assert calls == [(one,)]
    assert answered(one) == answered.answers[0] and not answered.strayed
    answered(two)
    assert answered.strayed


def test_links_read_from_the_cache_are_still_checked_against_this_site(
    example_result: Result, tmp_path: Path
) -> None:
    """The cache keeps what a page links to, never the verdict: a page that is gone
    breaks the links to it on pages whose text did not change."""
    cache = DiskCache(tmp_path / "c")
    site = {p: t for p, t in example_result.pages.items()}
    assert broken_links(site, cache=cache) == []
    assert entries(tmp_path / "c", "links")
    hits = cache.hits
    gone = "people/ana.md"
    del site[gone]
    broken = broken_links(site, cache=cache)
    assert cache.hits > hits
    assert broken
    assert {
        b.link.split("#")[0].rstrip("/").removesuffix(".md").split("/")[-1] for b in broken
    } == {"ana"}
