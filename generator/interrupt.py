"""Ctrl-C and SIGTERM: a command stops cleanly, says so, and exits as a shell expects."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import click


class _Stopped(KeyboardInterrupt):
    """SIGTERM (a cancelled CI job, a stopped container), raised like Ctrl-C."""

    signum = signal.SIGTERM


def _stop(_signum: int, _frame: object) -> None:
    raise _Stopped


@contextmanager
def interruptible(message: str) -> Iterator[None]:
    """Ctrl-C (SIGINT) or SIGTERM stops the command with ``message`` and the exit code a
    shell reports for that signal (130, 143), after the staging directory is cleaned up.
    Without the handler, SIGTERM would end the process with no cleanup at all."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if main_thread else None
    try:
        yield
    except KeyboardInterrupt as exc:
        click.echo(message, err=True)
        sys.exit(128 + int(getattr(exc, "signum", signal.SIGINT)))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
