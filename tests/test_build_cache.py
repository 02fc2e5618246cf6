"""The build cache (generator/render/cache.py): an entry is reused only for the same
inputs and code, a damaged entry is made again, and a warm run writes what a cold one
writes, byte for byte."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import generate
from generator.render import cache as caching
from generator.render import xlsx
from generator.render.cache import DiskCache
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
