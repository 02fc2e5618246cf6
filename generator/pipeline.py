"""The one-way flow: files -> records -> model -> facts -> pages."""

from __future__ import annotations

import datetime as dt
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from generator import addresses as at
from generator.content import Content
from generator.derive.facts import Facts, derive
from generator.derive.ledger import Entry
from generator.diagnostics import Collector, Diagnostic
from generator.editor.page import editor_files
from generator.editor.settings import LocalProxy
from generator.history import last_changed
from generator.loader import Reader, read_source
from generator.policies import Policies
from generator.procs import Background
from generator.render.cache import DiskCache
from generator.render.links import broken_links
from generator.render.memo import RenderMemo
from generator.render.pages import Pages, render_pages
from generator.validate import checked_root
from generator.validate.settings import Settings, read_settings
from generator.validate.user_config import load_user_config, user_config_name, with_site_url
from generator.yaml_hints import mark_assumed


@dataclass
class Result:
    content: Content
    diagnostics: list[Diagnostic]
    user_config: CommentedMap | None = None
    facts: Facts | None = None
    ledger: list[Entry] | None = None  # built once, by validation, for the facts
    policies: Policies = field(default_factory=Policies)
    pages: Pages = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def failed_under(self, strict: bool) -> bool:
        return self.failed or (strict and bool(self.diagnostics))


def check(
    root: Path, today: dt.date, read: Reader = read_source, cache: DiskCache | None = None
) -> Result:
    """Load and validate everything; collect every diagnostic. ``cache`` (the build
    cache) keeps each file as loaded, by its bytes (loader.load_root)."""
    diags = Collector()
    user_config = load_user_config(root, diags)
    settings = read_settings(user_config, user_config_name(root) or "mkdocs.yml", diags)
    allow, policies = settings.personal_data_allowlist, settings.policies
    content, ledger = checked_root(root, diags, today, allow, read, policies, cache)
    assumed = {path: src.assumed for path, src in content.sources.items() if src.assumed}
    diagnostics = mark_assumed(diags.sorted(), assumed)
    return Result(
        content, diagnostics, user_config, ledger=ledger, policies=policies, settings=settings
    )


History = Callable[[Path], Mapping[str, dt.date]]


def generate(
    root: Path,
    today: dt.date,
    strict: bool = False,
    history: History = last_changed,
    site_url: str | None = None,
    read: Reader = read_source,
    memo: RenderMemo | None = None,
    cache: DiskCache | None = None,
) -> Result:
    """Check, and when there are no errors, derive the facts and render every page.

    ``history`` tells when each content file last changed (git by default; tests pass
    fixed dates). ``site_url``, when given, replaces the configuration's. ``read`` reads
    one content file (the live preview passes a cache that re-reads only changed files)
    and ``memo`` keeps the rendered pages, to render only those whose context changed.
    ``cache`` keeps the costliest outputs on disk between runs (render/cache.py); after
    a complete render, the entries this run did not use are removed from it.
    """
    result = check(root, today, read, cache)
    if result.failed_under(strict):
        return result
    if site_url is not None:
        result.user_config = with_site_url(result.user_config, site_url)
    result.facts = derive(result.content, today, result.ledger, result.policies)
    config = result.user_config
    site_name = str(config.get("site_name") or "Handover") if config else "Handover"
    site_url = str(config.get("site_url") or "") if config else ""
    proxy = LocalProxy.from_env()
    editor = partial(editor_files, result.facts, result.settings.editor, proxy, memo, cache)
    # The editor's files (its configuration offers every session's choices: seconds of
    # YAML writing for a big site) are made by a forked child while the pages are
    # rendered, where a core is free (procs.Background); the preview makes them here.
    with Background(editor, 0 if memo else len(result.content.sessions)) as made:
        editor_pages: Pages = {}

        def check_links(pages: MutableMapping[str, str | bytes]) -> None:
            """While the workbooks are made (render_pages), on a core the pages freed."""
            editor_pages.update(made.result())
            result.diagnostics += link_errors(ChainMap(pages, editor_pages), result.content, cache)

        result.pages = render_pages(
            result.facts,
            site_name,
            site_url,
            changed=history(root),
            memo=memo,
            cache=cache,
            meanwhile=check_links,
        )
        result.pages.update(editor_pages)
    if memo is not None:
        memo.finish()  # forget what this rebuild did not render (deleted pages)
    if cache is not None:
        cache.prune()
    return result


def link_errors(
    pages: Mapping[str, str | bytes], content: Content, cache: DiskCache | None = None
) -> list[Diagnostic]:
    """An error for each internal link or anchor the generator wrote that leads nowhere
    (render/links.py): a bug of the generator, named by page and link."""
    wrote = {_free_page_path(p.id): [p.src.body] for p in content.pages}
    return [
        Diagnostic(f"docs/{b.page}", 1, 1, "error", f"generated {b.text()}")
        for b in broken_links(pages, wrote, cache)
    ]


def _free_page_path(id: str) -> str:
    return {"index": at.HOME, "start": at.START}.get(id) or at.free_page(id)
