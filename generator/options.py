"""Command-line pieces shared by every command: dates, the content root."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import click

from generator.models import parse_iso_date
from generator.rootfind import resolve_root


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
        default=None,
        help="The content root (holds content/, playbooks/, sessions/). "
        "Default: the current folder or the nearest one above it that holds mkdocs.yml, "
        "or content/ and sessions/.",
    )(f)


def require_root(root: Path | None) -> Path:
    """The root given with --root, else the one found from the current folder upwards."""
    return resolve_root(root)


def today_option(f: Any) -> Any:
    return click.option(
        "--today",
        type=DateType(),
        default=None,
        help="The day to judge overdue actions and current MQL by (default: SOURCE_DATE_EPOCH, else today).",
    )(f)


def strict_option(f: Any) -> Any:
    return click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")(f)


def _site_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
        raise click.BadParameter(
            f"'{value}' is not an http(s) address, e.g. https://intranet/handover/"
        )
    if value is not None and not value.endswith("/"):
        value += "/"
    return value


def site_url_option(f: Any) -> Any:
    return click.option(
        "--site-url",
        metavar="URL",
        default=None,
        callback=_site_url,
        help="The address the site is served from (overrides site_url in mkdocs.yml): "
        "makes the 404 page work under a sub-path and the exports' links absolute.",
    )(f)


def cache_option(f: Any) -> Any:
    return click.option(
        "--no-cache",
        is_flag=True,
        help="Make every workbook and page afresh, without reading or writing the build "
        "cache (<root>/.handover-cache, or HANDOVER_CACHE; HANDOVER_CACHE=off also "
        "disables it).",
    )(f)
