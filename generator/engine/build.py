"""Build the site with MkDocs and Material, replacing site/ only when all succeeded."""

from __future__ import annotations

from pathlib import Path

from generator.engine.csp import protect
from generator.engine.export import write_into
from generator.engine.progress import Progress
from generator.engine.search_index import IndexFailed, index_site, preparing
from generator.engine.shards import ShardFailed, build_shard, merge, run_shards
from generator.engine.shards import configure_logging as configure_logging  # for the CLI
from generator.engine.tree import (
    OutputRefused,
    refuse_unsafe_destination,
    removing,
    replace_dir,
    staging,
    writing,
)
from generator.pipeline import Result
from generator.procs import jobs_given, workers
from generator.render.pages import Pages

SITE_MARKER = ".handover-site"


class BuildFailed(Exception):
    pass


def is_built_site(folder: Path) -> bool:
    """Whether ``folder`` holds a site that a build may replace.

    A site built by handover carries SITE_MARKER. Sites built before the marker existed
    are recognised as what every MkDocs build writes at its top: ``index.html`` beside
    ``sitemap.xml`` or ``404.html``. Such a folder is generated output, so replacing it
    loses nothing that a build cannot write again.
    """
    if (folder / SITE_MARKER).is_file():
        return True
    return (folder / "index.html").is_file() and any(
        (folder / name).is_file() for name in ("sitemap.xml", "404.html")
    )


def check_site_dir(site_dir: Path, root: Path | None = None) -> None:
    """Raise OutputRefused unless a build may replace ``site_dir`` (see is_built_site).

    Also refused: the content root, its content folders and anything in or around them
    (``root`` given), a symbolic link, and a file.
    """
    refuse_unsafe_destination(site_dir, root)
    if site_dir.is_dir() and any(site_dir.iterdir()) and not is_built_site(site_dir):
        raise OutputRefused(
            f"'{site_dir}' is not empty and is not a site built by handover: "
            "choose another --site-dir, or empty it first"
        )


def site_only(pages: Pages) -> tuple[Pages, Pages]:
    """``pages`` split into the docs tree MkDocs builds and the files a build writes
    straight into the site: each session's own files beside its page (its workbook, its
    older debriefs' redirects), which MkDocs would only copy, and which no Markdown links
    to (the session page links them from its HTML). At 2,000 sessions they are 6,000 of
    the docs tree's 8,500 files and most of its folders: written, then copied or linked
    into the site, then removed, where once into the site is enough."""
    docs: Pages = {}
    site: Pages = {}
    for path, data in pages.items():
        if path.startswith("sessions/") and not path.endswith(".md"):
            # The policy MkDocs' build gives a static page (protect_static_pages).
            site[path] = protect(data) if isinstance(data, str) and path.endswith(".html") else data
        else:
            docs[path] = data
    return docs, site


PAGES_PER_JOB = 100  # a second process pays from about 200 pages (100 sessions: 4.7 s, not 5.1)


def default_jobs(pages: int) -> int:
    """One build process per available core, for sites big enough to gain from it;
    HANDOVER_JOBS=N sets the number (as --jobs does)."""
    return jobs_given() or max(1, min(workers(), pages // PAGES_PER_JOB))


def build_site(
    result: Result,
    site_dir: Path,
    *,
    strict: bool = False,
    root: Path | None = None,
    jobs: int | None = None,
) -> int:
    """Render into a staging directory, build it, then swap it in. Returns page count.

    ``jobs``: MkDocs build processes (engine/shards.py); default: see default_jobs.
    Raises OutputRefused, before touching anything, when ``site_dir`` may not be
    replaced (see check_site_dir).
    """
    from mkdocs.exceptions import MkDocsException

    check_site_dir(site_dir, root)
    pages = sum(1 for p in result.pages if p.endswith(".md"))
    jobs = jobs or default_jobs(pages)
    # The MkDocs processes prepare their pages for the search index as they finish
    # (engine/search_index.py), into a folder in memory where there is room.
    needed = sum(len(text) for text in result.pages.values())
    with staging(site_dir) as tmp, preparing(needed) as prepared:
        docs, site_files = site_only(result.pages)
        write_into(result, tmp, pages=docs)
        sites = [tmp / "site"] if jobs == 1 else [tmp / f"site-{i}" for i in range(jobs)]
        try:
            with Progress(pages) as progress:
                counter = progress.counter
                if jobs == 1:
                    build_shard(
                        tmp / "mkdocs.yml",
                        sites[0],
                        0,
                        1,
                        strict=strict,
                        progress=counter,
                        prepared=prepared,
                    )
                else:
                    run_shards(
                        tmp / "mkdocs.yml",
                        sites,
                        strict=strict,
                        progress=counter,
                        prepared=prepared,
                    )
        except (MkDocsException, ShardFailed) as exc:
            raise BuildFailed(str(exc) or type(exc).__name__) from None
        except SystemExit as exc:  # mkdocs aborts some builds this way
            raise BuildFailed(f"MkDocs stopped (exit {exc.code})") from None
        except Exception as exc:  # a plugin, hook or theme that breaks: said, not a traceback
            raise BuildFailed(f"{type(exc).__name__}: {exc}") from None
        site = merge(sites)
        # The site's static files are links to the docs tree's (or copies): the tree
        # itself is no longer needed, and goes while Pagefind indexes the pages, which
        # is also when the sessions' own files are written (Pagefind reads neither).
        try:
            with removing(tmp / "docs"), writing(site, site_files):
                try:
                    index_site(site, prepared=prepared)
                except (IndexFailed, OSError) as exc:
                    raise BuildFailed(f"search index: {exc}") from None
        except OSError as exc:
            raise BuildFailed(f"writing the sessions' files into the site: {exc}") from None
        (site / SITE_MARKER).write_text(
            "Written by `handover build`; this folder is replaced on the next build.\n",
            encoding="utf-8",
        )
        replace_dir(site, site_dir, tmp)
    return pages
