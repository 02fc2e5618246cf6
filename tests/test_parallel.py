"""Rendering on several cores gives the same pages and files as on one."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator import procs as parallel
from generator.pipeline import generate
from tests.conftest import REPO, TODAY

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import write_root


def forkable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads that earlier tests left running (the browser's) would keep fork_map in
    this process; these tests are about what the workers return."""
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.delenv("HANDOVER_JOBS", raising=False)


def squares_and_pids(chunk: Sequence[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in chunk]


def test_fork_map_keeps_the_order_and_works_in_other_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    forkable(monkeypatch)
    results = parallel.fork_map(squares_and_pids, list(range(600)))
    assert [square for square, _ in results] == [n * n for n in range(600)]
    assert os.getpid() not in {pid for _, pid in results}


def test_fork_map_stays_in_this_process_when_small_threaded_or_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    assert {pid for _, pid in parallel.fork_map(squares_and_pids, [1, 2, 3])} == {os.getpid()}
    monkeypatch.setenv("HANDOVER_JOBS", "1")
    many = parallel.fork_map(squares_and_pids, list(range(600)))
    assert {pid for _, pid in many} == {os.getpid()}


def test_a_site_rendered_on_two_cores_is_the_one_rendered_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_root(tmp_path / "root", 30)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forkable(monkeypatch)
    both = generate(tmp_path / "root", TODAY, history=lambda _root: {})
    monkeypatch.setenv("HANDOVER_JOBS", "1")
    one = generate(tmp_path / "root", TODAY, history=lambda _root: {})
    assert not both.failed
    assert sorted(both.pages) == sorted(one.pages)
    assert [p for p in one.pages if both.pages[p] != one.pages[p]] == []
    assert sum(p.endswith(".xlsx") for p in both.pages) == 30
    assert "admin/config.yml" in both.pages  # the editor's files, made by a forked child


def test_a_root_read_on_two_cores_is_the_one_read_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.diagnostics import Collector
    from generator.loader import load_root

    root = tmp_path / "root"
    write_root(root, 30)
    broken = sorted((root / "sessions").rglob("*.yaml"))[7]
    broken.write_text(broken.read_text().replace("title:", "title: [", 1))
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forkable(monkeypatch)
    reads = []
    for jobs in ("2", "1"):
        monkeypatch.setenv("HANDOVER_JOBS", jobs)
        diags = Collector()
        sources = load_root(root, diags)
        reads.append(([(s.path, s.data, s.ok) for s in sources], [d.text() for d in diags.items]))
    assert reads[0] == reads[1]
    assert len(reads[0][0]) == 30 + 50 + 2 and len(reads[0][1]) == 1
    assert broken.name in reads[0][1][0]


def signal_handlers(chunk: Sequence[int]) -> list[tuple[bool, bool]]:
    import signal

    return [
        (
            signal.getsignal(signal.SIGTERM) == signal.SIG_DFL,
            signal.getsignal(signal.SIGINT) == signal.SIG_IGN,
        )
        for _ in chunk
    ]


def test_fork_map_workers_end_on_sigterm_whatever_handler_the_command_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pool.terminate ends idle workers with SIGTERM. A worker that kept the command's
    handler (interrupt.py raises in it) could miss it and keep its parent waiting for ever:
    a build hung this way. Workers end on SIGTERM and leave Ctrl-C to the parent."""
    from generator.interrupt import interruptible

    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forkable(monkeypatch)
    with interruptible("stopped"):
        results = parallel.fork_map(signal_handlers, list(range(400)))
    assert results == [(True, True)] * 400
    assert not __import__("multiprocessing").active_children()


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


def test_a_background_task_runs_in_another_process_unless_small_or_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forkable(monkeypatch)
    with parallel.Background(lambda: _pid_and(7), 500) as later:
        pid, value = later.result()
    assert value == 7 and pid != os.getpid()
    assert later.result() == (pid, 7)  # asked again: the same answer, the child gone
    with parallel.Background(lambda: _pid_and(8), 3) as small:
        assert small.result() == (os.getpid(), 8)
    monkeypatch.setenv("HANDOVER_JOBS", "1")
    with parallel.Background(lambda: _pid_and(9), 500) as told:
        assert told.result() == (os.getpid(), 9)


def test_a_background_failure_is_raised_by_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forkable(monkeypatch)

    def fails() -> None:
        raise ValueError("bad record")

    with parallel.Background(fails, 500) as later, pytest.raises(ValueError, match="bad record"):
        later.result()
    died = pytest.raises(RuntimeError, match="ended without a result")
    with parallel.Background(lambda: os._exit(3), 500) as later, died:
        later.result()


def test_a_background_task_is_ended_when_the_work_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An error (or Ctrl-C) in the parent leaves no child behind."""
    import time

    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forkable(monkeypatch)
    stopped = pytest.raises(KeyboardInterrupt)
    with stopped, parallel.Background(lambda: time.sleep(60), 500) as later:
        child = later._pid
        raise KeyboardInterrupt
    assert child is not None
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # ended and reaped


def test_a_background_task_is_ended_when_waiting_for_it_is_interrupted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C (or the command's SIGTERM handler) while result() waits ends the child
    at once, instead of waiting for it to finish."""
    import signal
    import time

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(parallel, "workers", lambda: 2)
    forkable(monkeypatch)
    before = signal.signal(signal.SIGALRM, interrupt)
    started = time.monotonic()
    try:
        with (
            pytest.raises(KeyboardInterrupt),
            parallel.Background(lambda: time.sleep(60), 500) as later,
        ):
            child = later._pid
            signal.setitimer(signal.ITIMER_REAL, 0.3)
            later.result()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    assert time.monotonic() - started < 30
    assert child is not None
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)
