"""Work on every core: a map over many items in forked processes (reading content
files, rendering pages and workbooks).

Pages and workbooks are pure functions of the facts, which the parent has already
computed; forked workers share them without copying or pickling, and send back only
their results. Used for sites big enough to gain from it, and never from a process
that runs other threads (``handover serve``'s server), where forking is unsafe.
HANDOVER_JOBS=N sets the number of processes (1: none forked), here and in the MkDocs
build (engine/build.py).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 200  # below this, starting a process costs more than it saves

_work: tuple[Callable[[Any], Any], list[Sequence[Any]]] | None = None


def workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - not Linux


def jobs_given() -> int | None:
    """The number of processes HANDOVER_JOBS asks for, if it is set to one."""
    given = os.environ.get("HANDOVER_JOBS", "")
    return int(given) if given.isdigit() and int(given) > 0 else None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_map(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T]) -> list[R]:
    """``fn(items)``, computed in contiguous chunks by forked workers when worthwhile.

    ``fn`` takes a chunk and returns one result per item, in order.
    """
    jobs = min(jobs_given() or workers(), len(items) // (MIN_ITEMS // 2) or 1)
    if len(items) < MIN_ITEMS or jobs < 2 or not can_fork():
        return fn(items)
    size = -(-len(items) // jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    global _work
    _work = (fn, chunks)
    pool = multiprocessing.get_context("fork").Pool(len(chunks), initializer=_worker_signals)
    try:
        parts = pool.map(_chunk, range(len(chunks)))
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()  # each worker takes its last task and exits
    finally:
        pool.join()
        _work = None
    return [result for part in parts for result in part]


def _worker_signals() -> None:
    """A worker ends on SIGTERM, as Pool.terminate expects, and leaves Ctrl-C to the
    parent. It would otherwise inherit the command's SIGTERM handler (interrupt.py), and a
    worker waiting for its next task when the pool ended could wait for ever, and its
    parent with it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunk(index: int) -> list[Any]:
    assert _work is not None
    fn, chunks = _work
    return list(fn(chunks[index]))
