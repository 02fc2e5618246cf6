"""Command-line pieces shared by every command: dates, the content root."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from generator.models import parse_iso_date


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A date written YYYY-MM-DD, as in the content files."""

    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_iso_date(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date: use YYYY-MM-DD", param, ctx)


def root_option(f: Any) -> Any:
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help="The content root (holds content/, playbooks/, sessions/).",
    )(f)


def require_root(root: Path) -> Path:
    if not root.is_dir():
        raise click.UsageError(f"content root '{root}' is not a directory", None)
    return root
