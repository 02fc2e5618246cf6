"""Progress of a long build on a terminal: pages rendered of the total.

Shown only when standard error is a terminal and not in CI, so logs and pipes stay
clean. The counter is shared memory, so that the build processes of a parallel build
(engine/shards.py) count into it too; it is made in their multiprocessing context.
"""

from __future__ import annotations

import os
import sys
import threading
from types import TracebackType
from typing import Any, TextIO


def wanted(stream: TextIO) -> bool:
    return stream.isatty() and os.environ.get("CI", "").lower() not in {"true", "1"}


class Progress:
    """``with Progress(total) as p:`` shows ``p.counter`` as it grows."""

    def __init__(self, total: int, stream: TextIO = sys.stderr, every: float = 0.25) -> None:
        self.total, self.stream, self.every = total, stream, every
        from generator.engine import shards

        self.counter: Any = shards.context().Value("i", 0)
        self.shown = wanted(stream)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def line(self) -> str:
        done = min(self.counter.value, self.total)
        percent = 100 * done // self.total if self.total else 100
        return f"Rendering pages: {done}/{self.total} ({percent}%)"

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.stream.write("\r" + self.line())
            self.stream.flush()

    def __enter__(self) -> Progress:
        if self.shown:
            self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.shown:
            self._stop.set()
            self._thread.join()
            self.stream.write("\r" + self.line() + "\n")
            self.stream.flush()
