"""The live preview's caches: re-read only changed files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.diagnostics import Collector
from generator.engine.incremental import SourceCache
from generator.loader import load_root


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
