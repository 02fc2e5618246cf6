"""What ``handover check`` prints: the named files' problems first, then a line per file.

The whole root is always checked (rules span files: a follow-up points at another
session, a person is defined in team.yaml). Naming files only changes the report: their
problems come first, each gets a closing line (``...: OK`` or its count of problems),
and other files' warnings are summed up in one line unless ``--all``. Other files'
errors are always shown: they stop the build.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from generator.diagnostics import Diagnostic, render, summary_line
from generator.pipeline import Result

EMPTY_ROOT = (
    "the content root holds no content files (content/, playbooks/, sessions/): "
    "is this the right folder?"
)


def named_paths(files: Sequence[Path], root: Path) -> list[str]:
    """Each file given on the command line (relative to the current folder) as a path
    relative to the root, as diagnostics name it; a usage error for one outside it."""
    base = Path(os.path.abspath(root))
    named = []
    for given in files:
        path = Path(os.path.abspath(given))
        if not path.exists():
            raise click.UsageError(f"no such file: {given}")
        try:
            rel = path.relative_to(base)
        except ValueError:
            try:
                rel = path.resolve().relative_to(base.resolve())
            except ValueError:
                raise click.UsageError(f"{given} is not inside the content root {base}") from None
        named.append(rel.as_posix())
    return named


def _is_named(diag: Diagnostic, named: Sequence[str]) -> bool:
    return any(diag.path == n or diag.path.startswith(n.rstrip("/") + "/") for n in named)


def _count(diags: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    parts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    return ", ".join(parts)


@dataclass(frozen=True)
class Report:
    """How ``handover check`` reports: the files named, and the options of the report."""

    named: Sequence[str] = ()
    show_all: bool = False
    verbose: bool = False

    def echo(self, result: Result, root: Path, fmt: str) -> None:
        """Print the report of ``result``: in text on stderr, or GitHub annotations or JSON
        on stdout followed by what was checked on stderr. A root without content files
        is a warning in ``result`` (an error under --strict)."""
        if not result.content.sources:
            result.diagnostics.append(Diagnostic(".", 1, 1, "warning", EMPTY_ROOT))
        diags = result.diagnostics
        lines = self.lines(diags, len(result.content.sources), root.resolve())
        if fmt != "text":
            if diags or fmt == "json":
                click.echo(render(diags, fmt))
            lines = lines[-1:]
        for line in lines:
            click.echo(line, err=True)

    def lines(self, diags: Sequence[Diagnostic], files: int, root: Path) -> list[str]:
        if not self.named:
            shown, hidden = list(diags), []
        else:
            mine = [d for d in diags if _is_named(d, self.named)]
            others = [d for d in diags if not _is_named(d, self.named)]
            keep = [d for d in others if self.show_all or d.severity == "error"]
            shown, hidden = [*mine, *keep], [d for d in others if d not in keep]
        out = [line for d in shown for line in self._diag(d)]
        if hidden:
            out.append(
                f"... and {_count(hidden)} in {len({d.path for d in hidden})} other file(s) "
                "(--all shows them)"
            )
        for name in self.named:
            own = [d for d in diags if _is_named(d, [name])]
            out.append(f"{name}: {_count(own) if own else 'OK'}")
        checked = f"Checked {files} file{'s' if files != 1 else ''} in {root}."
        out.append(f"{summary_line(diags)} {checked}")
        return out

    def _diag(self, diag: Diagnostic) -> list[str]:
        lines = [render([diag], "text")]
        if self.verbose and diag.detail:
            lines.append(f"    (the YAML parser said: {diag.detail})")
        return lines
