"""Preview with live reload: MkDocs' server with the handover plugin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.engine.config import dump, site_config
from generator.engine.tree import staging
from generator.pipeline import Result


def serve(result: Result, root: Path, today: dt.date, dev_addr: str | None) -> None:
    """Serve the root's site; content edits rebuild and reload the browser."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    with staging(root / ".handover-serve") as tmp:
        (tmp / "docs").mkdir()
        plugin = {"root": str(root.resolve()), "today": today.isoformat()}
        config = site_config(result.user_config, result.content, plugin=plugin, nav=False)
        (tmp / "mkdocs.yml").write_text(dump(config), encoding="utf-8")
        kwargs: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
        mkdocs_serve(config_file=str(tmp / "mkdocs.yml"), livereload=True, **kwargs)
