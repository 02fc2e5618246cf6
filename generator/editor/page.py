"""/admin/: the editor's page and every file it loads, as entries of the site's mapping.

The page carries its own Content-Security-Policy: it loads scripts only from this site,
and connects only to this site, the local proxy (under `serve --edit`) and the
configured git host. The meta tag is marked ``data-handover-csp="editor"`` so that a
site-wide CSP step leaves this page alone (its policy differs from the other pages').
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

from generator.derive.facts import Facts
from generator.editor.config import config_text
from generator.editor.layout import layout_script
from generator.editor.settings import EditorSettings, LocalProxy
from generator.render.cache import DiskCache
from generator.render.memo import RenderMemo

HERE = Path(__file__).parent
VENDOR = HERE / "vendor"
ASSETS = HERE / "assets"
FOLDER = "admin"
CSP_MARK = 'data-handover-csp="editor"'
# Loaded in this order: the layouts (and manual start), YAML reading, handover's format,
# the editor itself, then the script that registers the formats and starts it.
SCRIPTS = ("layout.js", "js-yaml.min.js", "format.js", "decap-cms.js", "handover-editor.js")
VENDORED_SUFFIXES = (".js", ".wasm", ".txt")
LICENCES = ("LICENSE.decap-cms", "LICENSE.js-yaml", "VERSIONS")


def policy(settings: EditorSettings, proxy: LocalProxy | None) -> str:
    """The page's Content-Security-Policy."""
    connect = ["'self'", "blob:", *settings.api_origins()]  # blob: the editor's own drafts
    if proxy:
        parts = urlsplit(proxy.url)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    directives = [
        "default-src 'none'",
        # 'unsafe-eval': the editor checks its configuration with ajv, which compiles
        # validators with new Function(); scripts still load from this site only.
        "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",  # the editor styles its widgets at run time
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src " + " ".join(connect),
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


UNCONNECTED = (
    '<p role="note" style="margin:0;padding:.5em 1em;background:#fff3cd;font-family:sans-serif">'
    "This editor is not connected to a git host yet: run <code>handover serve --edit</code> "
    "in a clone to write sessions on your computer, or ask the site's maintainer to set "
    "<code>extra.handover.editor</code> in mkdocs.yml (see the README).</p>\n"
)


def index_html(settings: EditorSettings, proxy: LocalProxy | None) -> str:
    """The page, without indentation: the build's whitespace compaction leaves it as is."""
    scripts = "".join(f'<script src="{name}"></script>\n' for name in SCRIPTS)
    note = UNCONNECTED if settings.get("backend") is None and proxy is None else ""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" {CSP_MARK} '
        f'content="{policy(settings, proxy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        "<title>Write the minutes - handover</title>\n</head>\n<body>\n"
        f"<noscript>The editor needs JavaScript.</noscript>\n{note}{scripts}</body>\n</html>\n"
    )


@functools.cache
def _static() -> dict[str, bytes]:
    """The vendored editor and handover's scripts, read once per process."""
    files = {
        p.name: p.read_bytes()
        for p in sorted(VENDOR.iterdir())
        if p.suffix in VENDORED_SUFFIXES or p.name in LICENCES
    }
    for name in ("format.js", "handover-editor.js"):
        files[name] = (ASSETS / name).read_bytes()
    return files


def editor_files(
    facts: Facts,
    settings: EditorSettings,
    proxy: LocalProxy | None,
    memo: RenderMemo | None = None,
    cache: DiskCache | None = None,
) -> dict[str, str | bytes]:
    """Every file under /admin/, keyed by its path in the site (``memo``: the preview's,
    ``cache``: the build cache)."""
    files: dict[str, str | bytes] = {f"{FOLDER}/{name}": data for name, data in _static().items()}
    files[f"{FOLDER}/index.html"] = index_html(settings, proxy)
    files[f"{FOLDER}/config.yml"] = config_text(facts, settings, proxy, memo, cache)
    files[f"{FOLDER}/layout.js"] = layout_script()
    return files
