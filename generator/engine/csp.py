"""The content security policy of every page, as a ``<meta http-equiv>`` in its head.

GitHub Pages cannot send response headers, so each page carries its own policy: the
second wall behind the escaping of every template. It lets a page load scripts, styles,
images and fonts from the site only, run no inline script but the theme's own (named by
their SHA-256 hashes, computed here from each finished page), embed no plugin object,
and change neither its base address nor where its forms go.

The policy is one declarative table, POLICY: a directive and its sources. Add a source
there when a feature needs one; e.g. Pagefind's search runs WebAssembly, hence
``'wasm-unsafe-eval'`` in ``script-src``. Two placeholders stand for what is computed
per page: SCRIPT_HASHES (the theme's inline scripts) and STYLE_ATTR_HASHES (the style
attributes a page may have: table column alignment, see below).

What a meta tag cannot carry (``frame-ancestors``, ``report-to``, ``sandbox``) is for a
server that sends headers: see the README's deployment section.

A page that already has a policy (the editor at /admin/ brings its own, allowing the
git host it talks to) is left as it is.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from typing import Any

SCRIPT_HASHES = "<hashes of the theme's inline scripts>"
STYLE_ATTR_HASHES = "<hashes of the allowed style attributes>"

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # Pagefind's search compiles its WebAssembly: 'wasm-unsafe-eval' allows that alone,
    # not eval() of JavaScript.
    "script-src": ("'self'", "'wasm-unsafe-eval'", SCRIPT_HASHES),
    # Stylesheets from the site only: no <style> element, no inline CSS but the attributes
    # below. Material sets positions and sizes through the CSSOM, which CSP allows.
    "style-src": ("'self'",),
    "style-src-attr": ("'unsafe-hashes'", STYLE_ATTR_HASHES),
    # Material's stylesheets draw many icons from data: URLs (masks, checkboxes).
    "img-src": ("'self'", "data:"),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

# The only style attributes the pages hold: a table column's alignment, as Markdown's
# tables write it and as the sanitizer of Markdown fields (nh3) leaves it.
STYLE_ATTRIBUTES = tuple(
    form.format(side)
    for side in ("left", "center", "right")
    for form in ("text-align: {};", "text-align:{}")
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ANY_SCRIPT = re.compile(r"<script\b", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
# What a browser runs as a classic or module script (no type, a JavaScript type, module).
_RUNS = re.compile(r"(text|application)/(x-)?(java|ecma)script|module", re.I)
_HAS_POLICY = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-security-policy", re.I)
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.I)


def sha256(text: str) -> str:
    """A CSP hash source for ``text`` (a script's or a style attribute's exact text)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


STYLE_ATTR_SOURCES = tuple(sha256(style) for style in STYLE_ATTRIBUTES)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, text = match.groups()
        kind = _TYPE.search(attributes)
        if not _SRC.search(attributes) and (kind is None or _RUNS.fullmatch(kind.group(1))):
            found.append(text)
    return found


def theme_scripts(html: str, content: str = "") -> list[str]:
    """The page's inline scripts that its theme wrote: every one but those that came with
    the page's ``content`` (the HTML converted from its Markdown), which stay blocked."""
    theirs = set(inline_scripts(content)) if _ANY_SCRIPT.search(content) else set()
    return [text for text in inline_scripts(html) if text not in theirs]


def policy(scripts: Iterable[str] = ()) -> str:
    """The policy of a page whose theme runs the inline ``scripts``."""
    return _policy(tuple(dict.fromkeys(scripts)), tuple(POLICY.items()))


@functools.lru_cache(maxsize=64)  # pages at the same depth share their theme's scripts
def _policy(scripts: tuple[str, ...], table: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    computed = {
        SCRIPT_HASHES: tuple(sha256(text) for text in scripts),
        STYLE_ATTR_HASHES: STYLE_ATTR_SOURCES,
    }
    directives = []
    for directive, sources in table:
        values = [v for source in sources for v in computed.get(source, (source,))]
        directives.append(" ".join([directive, *values]))
    return "; ".join(directives)


def has_policy(html: str) -> bool:
    return _HAS_POLICY.search(html) is not None


def protect(html: str, content: str = "") -> str:
    """``html`` with its policy as the first element of its head (after the charset, which
    must come first): before every script. Unchanged if it has a policy or no head."""
    head = _HEAD.search(html)
    if head is None:
        return html
    head_ends = html.find("</head>", head.end())
    if has_policy(html[: head_ends if head_ends >= 0 else len(html)]):  # only a head's counts
        return html
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{policy(theme_scripts(html, content))}">'
    )
    return f"{html[: head.end()]}\n{meta}{html[head.end() :]}"


def protect_static_pages(files: Iterable[Any]) -> None:
    """Give a policy to the HTML pages that MkDocs copies as they are (the redirects of
    older debriefs); ``files`` are MkDocs' files, read and rewritten in memory."""
    for file in files:
        if file.src_uri.endswith(".html") and not file.is_documentation_page():
            text = file.content_string
            protected = protect(text)
            if protected != text:
                file.content_string = protected


_SCRIPT_SRC = re.compile(
    r"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?script-src)"
)


def allow_script(html: str, text: str) -> str:
    """``html`` whose policy also lets the inline script ``text`` run."""
    return _SCRIPT_SRC.sub(lambda m: f"{m.group(1)} {sha256(text)}", html, count=1)


def allow_live_reload(server: Any) -> None:
    """Let the live-reload script that MkDocs' preview server adds to each page it serves
    (inline, with that request's numbers) run under the page's policy: the preview of
    ``handover serve`` and ``mkdocs serve`` reloads on edits and shows the policy at work."""
    inject = getattr(server, "_inject_js_into_html", None)  # MkDocs 1.6's LiveReloadServer
    if inject is None:
        return

    def injected(content: bytes, epoch: int) -> bytes:
        page: bytes = inject(content, epoch)
        body_end = content.rfind(b"</body>")  # where MkDocs inserts it, as it finds it
        start = body_end if body_end >= 0 else len(content)
        added = page[start : start + len(page) - len(content)]
        script = _SCRIPT.fullmatch(added.decode("utf-8"))
        if script is None:
            return page
        return allow_script(page.decode("utf-8"), script.group(2)).encode("utf-8")

    server._inject_js_into_html = injected
