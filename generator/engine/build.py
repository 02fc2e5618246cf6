"""Build the site with MkDocs and Material, replacing site/ only when all succeeded."""

from __future__ import annotations

import logging
from pathlib import Path

from generator.engine.export import write_into
from generator.engine.tree import replace_dir, staging
from generator.pipeline import Result


class BuildFailed(Exception):
    pass


def configure_logging(verbose: bool = False) -> None:
    """MkDocs logs through 'mkdocs'; show its warnings (and info with --verbose) plainly."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_handover", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._handover = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def build_site(result: Result, site_dir: Path, *, strict: bool = False) -> int:
    """Render into a staging directory, build it, then swap it in. Returns page count."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with staging(site_dir) as tmp:
        write_into(result, tmp)
        try:
            config = load_config(str(tmp / "mkdocs.yml"), strict=strict)
            build(config)
        except MkDocsException as exc:
            raise BuildFailed(str(exc) or type(exc).__name__) from None
        except SystemExit as exc:  # mkdocs aborts some builds this way
            raise BuildFailed(f"MkDocs stopped (exit {exc.code})") from None
        replace_dir(tmp / "site", site_dir, tmp)
    return sum(1 for p in result.pages if p.endswith(".md"))
