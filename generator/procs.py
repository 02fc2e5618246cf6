"""Work on every core: a map over many items in forked processes (reading content
files, rendering pages and workbooks), and one task computed by a forked process while
this one goes on (``Background``: the workbooks, while the pages are rendered).

Pages and workbooks are pure functions of the facts, which the parent has already
computed; forked workers share them without copying or pickling, and send back only
their results. Used for sites big enough to gain from it, and never from a process
that runs other threads (``handover serve``'s server), where forking is unsafe.
HANDOVER_JOBS=N sets the number of processes (1: none forked), here and in the MkDocs
build (engine/build.py).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any, Generic, TypeVar, cast

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


class Background(Generic[R]):
    """``fn()``, computed by a forked child while this process goes on; ``result()``
    waits for it. Used as a context manager, so that a child still running when the
    work stops (an error, Ctrl-C) is ended with it.

    Computed here, at once, when forking is not worth it (``items``, the number of things
    ``fn`` makes, under MIN_ITEMS), not wanted (HANDOVER_JOBS=1, one core) or not safe
    (``can_fork``). The result comes back pickled through a pipe; an exception in the
    child is raised by ``result()``.
    """

    def __init__(self, fn: Callable[[], R], items: int) -> None:
        self._pid: int | None = None
        self._read: int | None = None  # the pipe's end, until result() reads it
        self._done: tuple[bool, Any] | None = None
        if not self.forks(items):
            self._done = (True, fn())
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child, measured by the tests' results
            os.close(read)
            _worker_signals()
            _child(fn, write)
        os.close(write)
        self._pid, self._read = pid, read

    @staticmethod
    def forks(items: int) -> bool:
        """Whether a task that makes ``items`` things is computed by a forked child."""
        return items >= MIN_ITEMS and (jobs_given() or workers()) >= 2 and can_fork()

    def result(self) -> R:
        if self._done is None:
            assert self._read is not None
            pipe, self._read = os.fdopen(self._read, "rb"), None  # the file owns it now
            try:
                with pipe:
                    payload = pipe.read()
            except BaseException:  # interrupted while waiting: the child goes too
                self._stop()
                raise
            self._wait()
            try:
                self._done = pickle.loads(payload)
            except Exception:  # the child died before it could answer
                self._done = (False, RuntimeError("a background worker ended without a result"))
        ok, value = self._done
        if not ok:
            raise value
        return cast(R, value)

    def _stop(self) -> None:
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGTERM)
        if self._read is not None:
            os.close(self._read)
            self._read = None
        self._wait()

    def _wait(self) -> None:
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None

    def __enter__(self) -> Background[R]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()  # a child still running here was not asked for its result


def _child(fn: Callable[[], Any], write: int) -> None:  # pragma: no cover - in the child
    """Compute ``fn()``, send it (or its exception) to the parent, and end the process
    without running what the parent set to run at its exit."""
    code = 0
    try:
        try:
            payload = pickle.dumps((True, fn()), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # every failure goes to the parent
            code = 1
            try:
                payload = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
            except Exception:
                payload = pickle.dumps((False, RuntimeError(repr(exc))))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)
