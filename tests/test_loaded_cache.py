"""Loaded files kept in the build cache (loader.load_root with a store): a file whose
bytes are unchanged is not parsed again, an edited one is, and what comes out is what
reading every file afresh gives, diagnostics included."""

from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path

import pytest

from generator import loader
from generator.diagnostics import Collector, Diagnostic
from generator.loader import LOADED, Source, load_root
from generator.render.cache import DiskCache
from tests.conftest import REPO, edit

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import write_root

BROKEN = "sessions/2026/2026-12-30-broken.yaml"
BIG = "sessions/2026/2026-12-29-big.yaml"


def _root(tmp_path: Path) -> tuple[Path, DiskCache]:
    """A small root, and an empty build cache beside it."""
    root = tmp_path / "root"
    write_root(root, 6)
    # A file with a mistake the loader reads past (reported, line assumed fixed) and
    # one it cannot read at all: their diagnostics must come back from the cache too.
    (root / BROKEN).write_text("title: x\nnotes: one\nnotes: two\n", encoding="utf-8")
    (root / "sessions/2026/2026-12-31-bad-bytes.yaml").write_bytes(b"title: \xff\n")
    return root, DiskCache(tmp_path / "cache")


def _load(
    root: Path, store: DiskCache | None, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[Source], list[Diagnostic], list[str]]:
    """The sources and diagnostics of ``root``, and the files parsed (not from the store)."""
    parsed: list[str] = []
    real = loader.parse_source

    def counting(rel: str, kind: str, raw: bytes, diags: Collector) -> Source:
        parsed.append(rel)
        return real(rel, kind, raw, diags)

    monkeypatch.setattr(loader, "parse_source", counting)
    monkeypatch.setenv("HANDOVER_JOBS", "1")  # counted in this process
    diags = Collector()
    sources = load_root(root, diags, store=store)
    monkeypatch.setattr(loader, "parse_source", real)
    return sources, diags.items, parsed


def test_an_unchanged_file_is_not_parsed_again_and_an_edited_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, store = _root(tmp_path)
    fresh, fresh_diags, parsed = _load(root, None, monkeypatch)
    assert any(d.path == BROKEN and "duplicate" in d.message for d in fresh_diags)
    assert any(d.path.endswith("bad-bytes.yaml") for d in fresh_diags)
    files = {s.path for s in fresh}
    assert set(parsed) == files

    cold, cold_diags, parsed = _load(root, store, monkeypatch)
    assert set(parsed) == files
    assert (cold, cold_diags) == (fresh, fresh_diags)

    warm, warm_diags, parsed = _load(root, store, monkeypatch)
    assert parsed == []
    assert (warm, warm_diags) == (fresh, fresh_diags)
    assert [s.assumed for s in warm] == [s.assumed for s in fresh]

    session = next(s.path for s in fresh if s.kind == "session" and s.path != BROKEN)
    edit(root, session, "Short minutes", "Edited minutes")
    edit(root, BROKEN, "notes: two", "summary: two")
    after, after_diags, parsed = _load(root, store, monkeypatch)
    assert sorted(parsed) == sorted([session, BROKEN])
    again, again_diags, _ = _load(root, None, monkeypatch)
    assert (after, after_diags) == (again, again_diags)
    edited = next(s for s in after if s.path == session)
    assert "Edited minutes" in repr(edited.data)
    assert not any(d.path == BROKEN and "duplicate" in d.message for d in after_diags)


def test_an_entry_that_names_other_code_is_refused_and_the_file_read_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, store = _root(tmp_path)
    fresh, fresh_diags, _ = _load(root, store, monkeypatch)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (Path.touch, (str(marker),))

    # Every entry replaced by one that would run code, or that holds something else.
    folder = tmp_path / "cache" / LOADED
    keys = sorted(p.name for p in folder.rglob("*") if p.is_file())
    for number, key in enumerate(keys):
        bad = (Payload(), []) if number % 2 else ("not a source", [])
        store.put(LOADED, key, pickle.dumps(bad))
    sources, diags, parsed = _load(root, store, monkeypatch)
    assert not marker.exists()
    assert (sources, diags) == (fresh, fresh_diags)
    assert len(parsed) == len(keys)
    with pytest.raises(pickle.UnpicklingError, match="not part of a loaded file"):
        loader._Unpickler(io.BytesIO(pickle.dumps(Payload()))).load()


def test_a_file_that_cannot_be_read_is_reported_each_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, store = _root(tmp_path)
    _load(root, store, monkeypatch)
    big = root / BIG
    big.write_bytes(b"#" * (loader.MAX_BYTES + 1))
    for _ in range(2):
        sources, diags, _parsed = _load(root, store, monkeypatch)
        assert [d.message for d in diags if d.path == BIG] == [
            "file is larger than 1024 KiB: split it up"
        ]
        assert not next(s for s in sources if s.path == BIG).ok
