"""The live preview while the content has errors: a banner on every page, never a hang.

MkDocs' server holds every request until a rebuild succeeds, so a plugin that failed the
build on a content error made the browser spin (a request hung over 20 s) while the
error was only in the terminal. In the preview the plugin lets the build succeed
instead: it keeps the pages of the last version without errors (or, when there was none,
a placeholder home page) and puts this banner, listing each problem as
``file:line: message``, at the top of every page. The browser reloads by itself after
each rebuild, so the banner goes as soon as the files are fixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import jinja2

from generator.diagnostics import Diagnostic
from generator.render.env import TEMPLATES

LIMIT = 50  # problems listed in the banner; `handover check` lists them all
# First in the page's article (under the theme's fixed header), else first in its body.
_ARTICLE = re.compile(r"<article\b[^>]*>", re.I)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
PLACEHOLDER = "index.md"
PLACEHOLDER_PAGE = """\
# The content has errors

The preview starts once every content file can be read and checked. The problems are
listed above and in the terminal; `handover check` lists them too.
"""


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
    )
    return env.get_template("preview/problems.html.j2")


def errors_of(diags: Sequence[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == "error"]


def banner(problems: Sequence[Diagnostic], placeholder: bool) -> str:
    """The banner's HTML; empty when there are no problems."""
    if not problems:
        return ""
    return _template().render(problems=list(problems), placeholder=placeholder, limit=LIMIT)


def with_banner(html: str, banner_html: str) -> str:
    """``html`` with the banner first in its content (unchanged when there is no banner)."""
    if not banner_html:
        return html
    found = _ARTICLE.search(html) or _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + banner_html + html[at:]


def state(problems: Sequence[Diagnostic]) -> str:
    """What the pages show of the problems: when it changes, every page is rebuilt."""
    return "\n".join(d.text() for d in problems)
