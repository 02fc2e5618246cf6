"""Build with MkDocs on several cores: each process renders a share of the pages.

MkDocs converts and renders pages one after the other, and on a 2,000-session site
that is nearly all of the build. Here every shard runs the whole MkDocs build (the
configuration, the files, the navigation, and every page's source and front matter,
so titles, navigation and tag listings are those of the whole site) but converts and
renders only its own share of the pages, a contiguous run in MkDocs' page order
balanced by size. Pages of other shards get an empty template, which MkDocs does not
write, and are left out of that shard's search index. Only the first shard writes the
rest of the site (the static files, hard-linked from the docs tree, and the 404 page
and sitemap). The shards' sites are then merged: every page from the shard that
rendered it, one search index with every shard's entries in page order. The result is the same site, byte for byte, as one
process builds (tests/test_shards.py).

A live ``progress`` counter (pages rendered) is shared by all shards.

The shards start from a fork server (``context()``), not by forking the build's
process: a fork would inherit every record and rendered page of the parent (some
hundred MB at 2,000 sessions) in each shard. The server is a fresh interpreter that has
imported MkDocs, Material and the plugins once; each shard forks from it, so it starts
small and does not import them again. The server does not see the parent's later
state, so each shard is given what it needs: the environment (MkDocs reads
SOURCE_DATE_EPOCH) and the level of MkDocs' log.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.sharedctypes
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import addresses as at
from generator.engine.csp import protect_static_pages
from generator.engine.seams import (
    NavMemo,
    PageWork,
    first_heading,
    link_static_files,
    not_converted,
    one_converter,
    pages_only,
    render_empty,
    static_page,
)
from generator.engine.search_index import prepare

SEARCH_INDEX = Path(at.SEARCH_INDEX)
MANIFEST = "pages.json"  # beside each shard's site: the pages it rendered
# How shard processes start (see the module's docstring); spawn where there is no fork
# server (Windows): a fresh interpreter per shard, slower to start but as small.
START = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
# Imported once by the fork server, before it forks the shards.
PRELOAD = [
    "generator.engine.shards",
    "generator.engine.plugin",
    "mkdocs.commands.build",
    "material.plugins.tags.plugin",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "generator.engine.theme_compiled",  # the theme's templates, compiled
]


def context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context of the shards (and of the progress counter they share)."""
    ctx = multiprocessing.get_context(START)
    if START == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    return ctx


def _handled(logger: logging.Logger) -> bool:
    """Whether configure_logging gave ``logger`` its handler."""
    return any(getattr(h, "_handover", False) for h in logger.handlers)


def configure_logging(verbose: bool = False) -> None:
    """MkDocs logs through 'mkdocs'; show its warnings (and info with --verbose) plainly."""
    logger = logging.getLogger("mkdocs")
    if not _handled(logger):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._handover = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


class ShardConfig(Config):  # type: ignore[no-untyped-call]
    index = opt.Type(int, default=0)
    count = opt.Type(int, default=1)


class ShardPlugin(BasePlugin[ShardConfig]):  # type: ignore[no-untyped-call]
    """Added to the configuration of each shard's build; not an entry point."""

    def __init__(self, index: int, count: int, progress: Any = None) -> None:
        self.index, self.count, self.progress = index, count, progress
        self.mine: set[str] = set()
        self.rendered: list[str] = []
        self.work = PageWork()

    def on_files(self, files: Files, config: Any) -> Files:
        one_converter()  # before MkDocs converts the pages
        pages = list(files.documentation_pages())
        self.mine = {f.src_uri for f in share(pages, self.index, self.count)}
        if self.index > 0:  # the first shard's site is the one kept (merge)
            pages_only(config, files)
        else:
            protect_static_pages(files)
            link_static_files(files, config.docs_dir)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        if page.file.src_uri not in self.mine:
            not_converted(page, first_heading(page))  # another shard builds it
            return markdown
        return self.work.markdown(markdown, page)

    def on_page_content(self, html: str, page: Page, config: Any, files: Files) -> str:
        if page.file.src_uri not in self.mine:
            return html
        return self.work.content(html, page, config, files)

    def on_env(self, env: jinja2.Environment, config: Any, files: Files) -> jinja2.Environment:
        render_empty(env, files.documentation_pages(), self.mine)
        # Forked from the fork server, which compiled the theme's templates (PRELOAD).
        compiled = sys.modules.get("generator.engine.theme_compiled")
        if compiled is not None:
            env.bytecode_cache = compiled.COMPILED
        self.nav = NavMemo(env).install()
        return env

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        output = self.work.output(output, page)
        if page.file.src_uri in self.mine:
            self.rendered.append(page.file.dest_uri)
            if self.progress is not None:
                with self.progress.get_lock():
                    self.progress.value += 1
        return output

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return static_page(output_content)


def share(pages: list[File], index: int, count: int) -> list[File]:
    """Shard ``index``'s contiguous run of ``pages``, balanced by source size."""
    if count <= 1:
        return pages
    sizes = [_size(f) for f in pages]
    total = sum(sizes)
    start_at, end_at = total * index / count, total * (index + 1) / count
    chosen, before = [], 0
    for file, size in zip(pages, sizes, strict=True):
        middle = before + size / 2
        if start_at <= middle < end_at:
            chosen.append(file)
        before += size
    return chosen


def _size(file: File) -> int:
    if file.generated_by or not file.abs_src_path:
        return max(1, len(file.content_bytes))
    try:
        return max(1, os.path.getsize(file.abs_src_path))
    except OSError:
        return 1


def build_shard(config_file: Path, site_dir: Path, index: int, count: int, **kw: Any) -> None:
    """One shard's MkDocs build into ``site_dir``; lists the pages it wrote beside it.
    With ``prepared`` (a folder), the pages it wrote are also prepared there for the
    search index (search_index.prepare): on every shard's core, not after the merge."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=kw.get("strict", False))
    plugin = ShardPlugin(index, count, kw.get("progress"))
    config.plugins["handover-shard"] = plugin
    build(config)
    if kw.get("prepared") is not None:
        prepare(site_dir, plugin.rendered, kw["prepared"], f"shard-{index}")
    manifest = site_dir.with_name(site_dir.name + "." + MANIFEST)
    manifest.write_text(json.dumps(plugin.rendered), encoding="utf-8")


class ShardFailed(Exception):
    pass


def _child(conn: Any, config_file: Path, site_dir: Path, index: int, count: int, kw: Any) -> None:
    env, log = kw.pop("environ", None), kw.pop("log", None)
    if env is not None:  # a fork server's child has the server's, not the build's
        os.environ.clear()
        os.environ.update(env)
    if log is not None:
        level, configured = log
        if configured:
            configure_logging()
        logging.getLogger("mkdocs").setLevel(level)
    try:
        build_shard(config_file, site_dir, index, count, **kw)
    except KeyboardInterrupt:
        conn.send(("interrupted", ""))
    except SystemExit as exc:
        conn.send(("failed", f"MkDocs stopped (exit {exc.code})"))
    except BaseException as exc:
        from mkdocs.exceptions import MkDocsException

        # said as the one-process build says it (engine/build.py), never a traceback
        detail = str(exc) if isinstance(exc, MkDocsException) else f"{type(exc).__name__}: {exc}"
        conn.send(("failed", detail or type(exc).__name__))
    else:
        conn.send(("ok", ""))


def run_shards(
    config_file: Path,
    sites: list[Path],
    *,
    strict: bool,
    progress: Any,
    prepared: Path | None = None,
) -> None:
    """Build every shard in its own process; raise ShardFailed if any fails.
    ``prepared``: see build_shard."""
    ctx = context()
    running = []
    kw = {"strict": strict, "progress": progress, "prepared": prepared}
    # A shard's process does not inherit this one's state: it is told what it needs.
    logger = logging.getLogger("mkdocs")
    kw["environ"] = dict(os.environ)
    kw["log"] = (logger.level, _handled(logger))
    for index, site in enumerate(sites):
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(  # type: ignore[attr-defined]
            target=_child, args=(child, config_file, site, index, len(sites), kw), daemon=True
        )
        proc.start()
        child.close()
        running.append((proc, parent))
    try:
        outcomes = [_outcome(proc, conn) for proc, conn in running]
    finally:
        for proc, _ in running:
            if proc.is_alive():
                proc.terminate()
            proc.join()
        _stop_server()
    for status, detail in outcomes:
        if status == "interrupted":
            raise KeyboardInterrupt
        if status != "ok":
            raise ShardFailed(detail)


def start_server() -> None:
    """Start the fork server now: it imports MkDocs, Material and the plugins (half a
    second) while this process goes on generating the pages, not after. The shards then
    fork from it as soon as they are started."""
    if START != "forkserver":
        return
    import multiprocessing.forkserver

    context()
    multiprocessing.forkserver.ensure_running()


def _stop_server() -> None:
    """Stop the fork server and wait for it, once its shards have ended: their time and
    memory then count among this process's children's, as a forked shard's did (what
    `time` and benchmarks/bench.py read). The next build starts a new one."""
    if START != "forkserver":
        return
    import multiprocessing.forkserver

    stop = getattr(getattr(multiprocessing.forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:  # CPython 3.11 to 3.14; without it, the server ends with us
        stop()


def _outcome(proc: Any, conn: Any) -> tuple[str, str]:
    try:
        status, detail = conn.recv()
    except EOFError:  # the process died without a word (killed, out of memory)
        proc.join()
        return "failed", f"a build process ended unexpectedly (exit {proc.exitcode})"
    return str(status), str(detail)


def merge(sites: list[Path]) -> Path:
    """Move every shard's pages into the first shard's site; one search index."""
    target = sites[0]
    for site in sites[1:]:
        manifest = site.with_name(site.name + "." + MANIFEST)
        for dest in json.loads(manifest.read_text(encoding="utf-8")):
            (target / dest).parent.mkdir(parents=True, exist_ok=True)
            os.replace(site / dest, target / dest)
    indexes = [site / SEARCH_INDEX for site in sites]
    if all(index.is_file() for index in indexes):
        data = [json.loads(index.read_text(encoding="utf-8")) for index in indexes]
        merged = {"config": data[0]["config"], "docs": [d for part in data for d in part["docs"]]}
        text = json.dumps(merged, separators=(",", ":"), default=str)
        (target / SEARCH_INDEX).write_text(text, encoding="utf-8")
    for site in sites[1:]:
        shutil.rmtree(site)
    return target
