"""The command line: handover check | build | serve | export | actions."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Collection
from pathlib import Path

import click

from generator import __version__, clock
from generator.authoring.commands import new, schema, summary
from generator.commands import Group
from generator.derive.dates import epoch_date
from generator.diagnostics import did_you_mean, render, summary_line
from generator.interrupt import interruptible
from generator.options import (
    cache_option,
    require_root,
    root_option,
    site_url_option,
    strict_option,
    today_option,
)
from generator.pipeline import Result, generate
from generator.render.cache import DiskCache, location


def _require_known(
    value: str | None,
    known: Collection[str],
    option: str,
    noun: str,
    other: tuple[Collection[str], str, str] | None = None,
) -> None:
    """A usage error (exit 2) naming the closest known id when ``value`` is not one.

    ``other`` is (ids, option, noun) of the other kind of id: a value that is one of
    those is pointed at that option (--owner sales -> --team sales).
    """
    if value is not None and value not in known:
        hint = did_you_mean(value, known)
        if other is not None and value in other[0]:
            hint = f": it is a {other[2]} (did you mean {other[1]} {value}?)"
        raise click.BadParameter(f"unknown {noun} '{value}'{hint}", param_hint=f"'{option}'")


def _say(message: str) -> None:
    click.echo(message, err=True)


def _report(result: Result, fmt: str = "text") -> None:
    if result.diagnostics:
        output = render(result.diagnostics, fmt)
        click.echo(output, err=fmt == "text")
    if fmt == "text":
        _say(summary_line(result.diagnostics))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handover")
def main() -> None:
    """Marketing-to-Sales handover records in git, checked and rendered as a website."""
    # Material prints a banner about MkDocs 2.0 on every run; it is not actionable here.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _check_source_date_epoch()


def _check_source_date_epoch() -> None:
    """A bad SOURCE_DATE_EPOCH is a usage error for every command (MkDocs would crash on
    it, and "today" would quietly be the local date); a blank one counts as unset, for
    MkDocs as well."""
    try:
        epoch_date(os.environ)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not os.environ.get("SOURCE_DATE_EPOCH", "x").strip():
        del os.environ["SOURCE_DATE_EPOCH"]


@main.command()
@root_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
)
@strict_option
@today_option
@click.option("--all", "show_all", is_flag=True, help="With FILE: show other files' warnings too.")
@click.option("-v", "--verbose", is_flag=True, help="Also show the YAML parser's own words.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def check(
    root: Path | None,
    fmt: str,
    strict: bool,
    today: dt.date | None,
    show_all: bool,
    verbose: bool,
    files: tuple[Path, ...],
) -> None:
    """Check every content file and report every problem at its file and line.

    With FILE...: the whole root is still checked (rules span files), but the files
    named come first, each with a closing line (OK, or its count of problems).
    """
    from generator.checkreport import Report, named_paths
    from generator.pipeline import check as run_check

    root = require_root(root)
    named = named_paths(files, root)
    result = run_check(root, clock.today(today))
    Report(named, show_all, verbose).echo(result, root, fmt)
    sys.exit(1 if result.failed_under(strict) else 0)


@main.command()
@root_option
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the site (default: <root>/site).",
)
@today_option
@strict_option
@site_url_option
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' progress messages.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="MkDocs build processes (default: one per core for sites of 200 pages or more).",
)
@cache_option
def build(
    root: Path | None,
    site_dir: Path | None,
    today: dt.date | None,
    strict: bool,
    site_url: str | None,
    verbose: bool,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Build the site; site/ is replaced only when the whole build succeeded."""
    from generator.engine.build import check_site_dir

    started = time.perf_counter()
    root = require_root(root)
    target = site_dir if site_dir is not None else root / "site"
    check_site_dir(target, root)  # a refusal (Refused) is a usage error: nothing touched
    with interruptible("Build interrupted. The existing site was left as it was."):
        cache = _cache(root, not no_cache)
        pages, addressed = _build(root, target, today, strict, site_url, verbose, jobs, cache)
    _say(f"Built {pages} pages into {target} in {time.perf_counter() - started:.1f} s.")
    if not addressed:
        _say(NO_SITE_URL)


NO_SITE_URL = (
    "warning: site_url is not set, so the 404 page works only at the top of a web server "
    "and shared addresses are not shown in full: set site_url in mkdocs.yml or pass "
    "--site-url https://intranet/handover/"
)


def _build(
    root: Path,
    target: Path,
    today: dt.date | None,
    strict: bool,
    site_url: str | None,
    verbose: bool,
    jobs: int | None,
    cache: DiskCache | None = None,
) -> tuple[int, bool]:
    """Check, render and build into ``target``; the number of pages built, and whether the
    site's address (site_url) is known."""
    from generator.engine.build import BuildFailed, build_site, configure_logging, default_jobs
    from generator.engine.seams import check_versions
    from generator.engine.shards import start_server

    check_versions()
    if (jobs or default_jobs(2 * _session_files(root))) > 1:
        start_server()  # the MkDocs processes' imports, while the pages are generated
    result = generate(root, clock.today(today), strict, site_url=site_url, cache=cache)
    _report(result)
    if result.failed_under(strict):
        _say("Build stopped: fix the problems above. The existing site was left as it was.")
        sys.exit(1)
    _say(f"Rendered {len(result.pages)} files; building the site with MkDocs...")
    configure_logging(verbose)
    try:
        pages = build_site(result, target, strict=strict, root=root, jobs=jobs)
    except (BuildFailed, OSError) as exc:
        _say(f"Build failed: {exc}. The existing site was left as it was.")
        sys.exit(1)
    config = result.user_config
    return pages, bool(site_url or (config and config.get("site_url")))


def _session_files(root: Path) -> int:
    """About how many sessions there are (each has about two pages), before loading them."""
    return sum(1 for _ in (root / "sessions").rglob("*.y*ml"))


@main.command()
@root_option
@click.option(
    "--dev-addr",
    metavar="HOST:PORT",
    default=None,
    help="Address to serve on (default 127.0.0.1:8000).",
)
@click.option(
    "--edit",
    is_flag=True,
    help="Also start the browser editor's local proxy: write sessions at /admin/.",
)
@today_option
def serve(root: Path | None, dev_addr: str | None, today: dt.date | None, edit: bool) -> None:
    """Preview the site; edits to content reload the browser."""
    root = require_root(root)
    if edit:
        from generator.editor.serve import serve_with_editor

        serve_with_editor(root, lambda: _serve(root, dev_addr, today))
    else:
        _serve(root, dev_addr, today)


def _serve(root: Path, dev_addr: str | None, today: dt.date | None) -> None:
    from generator.engine.build import configure_logging
    from generator.engine.seams import check_versions
    from generator.engine.serve import serve as run_serve

    check_versions()
    day = clock.today(today)
    result = generate(root, day)
    _report(result)
    if result.failed:
        _say("The preview shows these errors at the top of every page until they are fixed.")
    configure_logging(verbose=True)
    run_serve(result, root, day, dev_addr)


@main.command()
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory to write docs/ and mkdocs.yml into.",
)
@today_option
@site_url_option
@cache_option
def export(
    root: Path | None, out: Path, today: dt.date | None, site_url: str | None, no_cache: bool
) -> None:
    """Write the generated Markdown tree and a config that plain `mkdocs build` can build."""
    from generator.engine.tree import refuse_unsafe_destination

    root = require_root(root)
    refuse_unsafe_destination(out, root)
    with interruptible("Export interrupted. The existing export was left as it was."):
        _export(root, out, today, site_url, _cache(root, not no_cache))


def _cache(root: Path, enabled: bool) -> DiskCache | None:
    """The build cache of ``root`` (render/cache.py), unless it is off."""
    folder = location(root, enabled)
    return DiskCache(folder) if folder is not None else None


def _export(
    root: Path,
    out: Path,
    today: dt.date | None,
    site_url: str | None,
    cache: DiskCache | None = None,
) -> None:
    """Check, render and write the export to ``out``."""
    from generator.engine import export as exporting

    result = generate(root, clock.today(today), site_url=site_url, cache=cache)
    _report(result)
    if result.failed:
        sys.exit(1)
    try:
        exporting.export_tree(result, out)
    except OSError as exc:
        _say(f"Export failed: {exc}. The existing export was left as it was.")
        sys.exit(1)
    _say(
        f"Exported {len(result.pages)} files to {out} (build it with: mkdocs build -f {out / 'mkdocs.yml'})."
    )


@main.command()
@root_option
@click.option("--owner", metavar="ID", default=None, help="Only the actions this person owns.")
@click.option("--team", metavar="ID", default=None, help="Only the actions of this team.")
@click.option("--overdue", is_flag=True, help="Only the overdue actions.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="json and csv carry the fields of api/actions.json.",
)
@today_option
def actions(
    root: Path | None,
    owner: str | None,
    team: str | None,
    overdue: bool,
    fmt: str,
    today: dt.date | None,
) -> None:
    """The action ledger: overdue first, then open, in progress, blocked, done and dropped."""
    from generator.derive.ledger import build_ledger, select, sort_for_board
    from generator.pipeline import check as run_check
    from generator.render.actions_table import render_actions

    day = clock.today(today)
    result = run_check(require_root(root), day)
    if result.failed:
        _report(result)
        sys.exit(1)
    people, teams = result.content.people, result.content.teams
    _require_known(owner, people, "--owner", "person", (teams, "--team", "team"))
    _require_known(team, teams, "--team", "team", (people, "--owner", "person"))
    ledger = build_ledger(result.content, day)
    entries = sort_for_board(select(ledger, owner=owner, team=team, overdue_only=overdue))
    click.echo(render_actions(entries, fmt, day), nl=False)


# The authoring commands are made in their own module, with the same classes.
for command in (new, schema, summary):
    main.add_command(command)
