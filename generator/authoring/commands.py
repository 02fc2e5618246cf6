"""The authoring commands: handover new session | new playbook | schema | summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import clock
from generator.authoring.draft import DEFAULT_SLUG
from generator.commands import Command, Group
from generator.content import Content
from generator.diagnostics import Collector
from generator.models import SLUG
from generator.options import DateType, require_root, root_option, today_option

F = TypeVar("F", bound=Callable[..., Any])


def _date_option(name: str, help_text: str) -> Callable[[F], F]:
    return click.option(name, type=DateType(), default=None, help=help_text)


def _load(root: Path) -> Content:
    from generator.validate import validate_root

    diags = Collector()
    content = validate_root(root, diags)
    if diags.errors:
        click.echo(
            f"warning: `handover check` finds {len(diags.errors)} error(s); "
            "files that do not pass are left out of the scaffold.",
            err=True,
        )
    if not content.team_ok or not content.people:
        raise click.ClickException(
            f"{root / 'content' / 'team.yaml'} names nobody (or does not pass `handover check`): "
            "add your team first. Nothing was written."
        )
    return content


@click.group(cls=Group)
def new() -> None:
    """Scaffold a session or a playbook from a commented template."""


@new.command("session")
@root_option
@_date_option(
    "--date",
    "The session's date (default: the next weekday on which most recent sessions were held, "
    "on or after today: SOURCE_DATE_EPOCH, else the local date).",
)
@click.option(
    "--slug",
    default=DEFAULT_SLUG,
    show_default=True,
    help="The end of the file name: sessions/<YYYY>/<date>-<slug>.yaml.",
)
def new_session(root: Path | None, date: dt.date | None, slug: str) -> None:
    """Write sessions/<YYYY>/<date>-<slug>.yaml, ready for the meeting; print its path."""
    from generator.authoring.draft import draft_session
    from generator.authoring.nextday import default_day
    from generator.authoring.scaffold import Exists, session_text, sessions_on, write_new

    if not SLUG.fullmatch(slug):
        raise click.BadParameter(
            f"'{slug}' is not a slug: use lowercase letters, digits and '-'", param_hint="--slug"
        )
    root = require_root(root)
    content = _load(root)
    day = clock.today(date)
    if date is None:
        dates = [s.model.date for s in content.sessions]
        day, why = default_day(dates, day, lambda d: bool(sessions_on(root, d)))
        click.echo(f"Dated {day.isoformat()}: {why}. Another day: --date YYYY-MM-DD.", err=True)
    existing = sessions_on(root, day)
    if existing:
        raise click.ClickException(
            f"a session for {day.isoformat()} already exists: {existing[0]}. Nothing was written."
        )
    draft = draft_session(content, day, slug)
    if draft is None:  # pragma: no cover - _load refuses a root without people
        raise click.ClickException("content/team.yaml names nobody. Nothing was written.")
    path = root / draft.path
    try:
        write_new(path, session_text(draft))
    except Exists as exc:  # pragma: no cover - a concurrent run won the race
        raise click.ClickException(f"{exc.path} already exists. Nothing was written.") from None
    click.echo(str(path))
    click.echo(
        f"{len(draft.follow_up)} open action{'s' if len(draft.follow_up) != 1 else ''} "
        f"to follow up; minute-taker {draft.minute_taker}.",
        err=True,
    )


@new.command("playbook")
@click.argument("playbook_id", metavar="ID")
@root_option
def new_playbook(playbook_id: str, root: Path | None) -> None:
    """Write playbooks/<ID>.md with every front-matter field, commented; print its path."""
    from generator.authoring.draft import playbook_owner
    from generator.authoring.scaffold import Exists, playbook_text, write_new

    if not SLUG.fullmatch(playbook_id):
        raise click.BadParameter(
            f"'{playbook_id}' is not a valid id: use lowercase letters, digits and '-', "
            "starting with a letter or digit",
            param_hint="ID",
        )
    root = require_root(root)
    path = root / "playbooks" / f"{playbook_id}.md"
    if path.exists():
        raise click.ClickException(f"{path} already exists. Nothing was written.")
    owner = playbook_owner(_load(root))
    assert owner is not None  # _load refuses a root without people
    try:
        write_new(path, playbook_text(playbook_id, owner, clock.today(None)))
    except Exists as exc:  # pragma: no cover - a concurrent run won the race
        raise click.ClickException(f"{exc.path} already exists. Nothing was written.") from None
    click.echo(str(path))


@click.command(cls=Command)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Directory to write the JSON Schemas into.",
)
def schema(out: Path) -> None:
    """Write JSON Schemas of every content file, for completion and checks in editors."""
    from generator.authoring.schema import write_schemas

    try:
        written = write_schemas(out)
    except OSError as exc:
        raise click.UsageError(f"cannot write to '{out}': {exc.strerror or exc}") from None
    for path in written:
        click.echo(str(path))


@click.command(cls=Command)
@root_option
@click.option(
    "--base", "ref", required=True, help="The git revision to compare with, e.g. origin/main."
)
@today_option
def summary(root: Path | None, ref: str, today: dt.date | None) -> None:
    """Print a Markdown digest of what the content changes since REF (for a pull request)."""
    from generator.authoring.gitrefs import GitError
    from generator.authoring.summary import summarize

    root = require_root(root)
    try:
        text = summarize(root, ref, clock.today(today))
    except GitError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(text, nl=False)
