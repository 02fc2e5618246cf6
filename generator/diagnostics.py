"""Diagnostics: what went wrong, where, and how to print it."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file. Paths are relative to the content root, POSIX style."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    # The parser's own words where a plain-words hint replaced them (shown by --verbose).
    detail: str = field(default="", compare=False)

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github(self) -> str:
        # Workflow commands: '%', CR and LF must be escaped in the message and properties.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity} file={path},line={self.line},col={self.col}::{msg}"


class Collector:
    """Collects diagnostics; never raises on bad content."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, path: str, line: int, col: int, message: str, detail: str = "") -> None:
        self.add(path, line, col, "error", message, detail)

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.add(path, line, col, "warning", message)

    def add(
        self, path: str, line: int, col: int, severity: Severity, message: str, detail: str = ""
    ) -> None:
        # One diagnostic, one line: the text format is parsed by editors and CI. A file
        # name may hold a line break too: it is shown escaped, as Python writes it.
        flat = " ".join(message.split())
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)
        self.items.append(
            Diagnostic(shown, max(line, 1), max(col, 1), severity, flat, " ".join(detail.split()))
        )

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.items.extend(items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix naming the closest known id, or ''."""
    matches = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def render(diags: Sequence[Diagnostic], fmt: str) -> str:
    """Format diagnostics as text, GitHub annotations or JSON."""
    if fmt == "json":
        return json.dumps([_fields(d) for d in diags], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.github() for d in diags)
    return "\n".join(d.text() for d in diags)


def _fields(diag: Diagnostic) -> dict[str, object]:
    """A diagnostic as JSON: the parser's own words only where there are some."""
    fields = asdict(diag)
    if not diag.detail:
        del fields["detail"]
    return fields


def summary_line(diags: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    files = len({d.path for d in diags})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not diags:
        return "No problems found."
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}."
