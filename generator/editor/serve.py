"""`handover serve --edit`: the live preview, with the editor's local proxy beside it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from generator.editor.proxy import ProxyError, ignore_preview, running, uncommitted
from generator.editor.settings import PROXY_ENV


def serve_with_editor(root: Path, serve: Callable[[], None]) -> None:
    """Start the proxy on ``root``, then ``serve`` with /admin/ pointing at it."""
    changed = uncommitted(root)
    if changed:
        click.echo(
            f"Note: {len(changed)} uncommitted change(s) in {root}. Saving in the editor "
            "commits on a new branch of this clone: commit or stash your own changes first "
            "so that they do not travel with it.",
            err=True,
        )
    try:
        ignore_preview(root)
        with running(root) as proxy:
            os.environ[PROXY_ENV] = proxy.to_env()
            click.echo(
                f"Editor's local proxy on {proxy.url} (git branch {proxy.branch}); "
                "open the site's /admin/ to write a session.",
                err=True,
            )
            serve()
    except ProxyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    finally:
        os.environ.pop(PROXY_ENV, None)
