"""What a handover build does to each page around MkDocs: charts set aside while MkDocs
works on the page, and whitespace between the theme's tags collapsed at the end."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from generator import addresses as at
from generator.render.html import relative_url


class SetAside:
    """Parts of a page set aside while MkDocs works on it, put back in its final HTML.

    The SVG charts (``stash``, from the Markdown) are raw HTML blocks that Markdown passes
    through untouched and the search index skips (``data-search-exclude``), yet both
    parse every element of them: a third of a session page. The debrief tabs
    (``stash_html``, from the converted page) are skipped by the search index the same
    way. A placeholder comment takes each one's place until ``restore``.
    """

    FIGURE = re.compile(
        r'(<figure class="ho-chart"[^>\n]*>\n)(<svg\b.*?</svg>)(?=\n</figure>)', re.S
    )

    def __init__(self) -> None:
        self.stashed: dict[str, list[str]] = {}

    def stash(self, markdown: str, page: str) -> str:
        charts: list[str] = []

        def aside(match: re.Match[str]) -> str:
            charts.append(match.group(2))
            return f"{match.group(1)}<!--handover-aside-{len(charts) - 1}-->"

        markdown = self.FIGURE.sub(aside, markdown)
        if charts:
            self.stashed[page] = charts
        return markdown

    # The team debriefs: converted Markdown, left out of the search index.
    DEBRIEFS = re.compile(r'<section class="ho-debriefs"[^>]*>.*?</section>', re.S)
    # What Material's search plugin strips from every page it indexes.
    SEARCH_MARKS = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")

    def stash_html(self, html: str, page: str) -> str:
        """Set the debrief tabs aside from the converted page, as the search plugin would
        leave them: it skips them for the index, but parses every element to do so."""
        charts = self.stashed.setdefault(page, [])

        def aside(match: re.Match[str]) -> str:
            charts.append(self.SEARCH_MARKS.sub("", match.group()))
            return f"<!--handover-aside-{len(charts) - 1}-->"

        return self.DEBRIEFS.sub(aside, html)

    def restore(self, html: str, page: str) -> str:
        for number, chart in enumerate(self.stashed.pop(page, [])):
            html = html.replace(f"<!--handover-aside-{number}-->", chart, 1)
        return html


def indexed(config: Any) -> bool:
    """Whether a search plugin (MkDocs' or Material's) indexes the pages: only then does
    the search index skip the debrief tabs and strip their marks (SetAside.stash_html)."""
    return any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins)


_KEEP = re.compile(
    r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>|<style\b.*?</style>)",
    re.S | re.I,
)
_BLANK = re.compile(r"[ \t]*\n\s*")


def compact_html(html: str) -> str:
    """Every run of whitespace that holds a line break becomes one line break.

    The theme's templates indent every element, and on a page with a long navigation
    that is a third of its bytes. A browser shows any run of whitespace as one space,
    so the page looks the same; where whitespace is kept as written (``pre``,
    ``textarea``) or means code (``script``, ``style``) nothing is touched.
    """
    parts = _KEEP.split(html)  # the kept elements are at the odd positions
    return "".join(part if i % 2 else _BLANK.sub("\n", part) for i, part in enumerate(parts))


# A link (links never nest: an <abbr> inside one stays as it is), or a glossary tooltip.
_TERM = re.compile(r"<a\b[^>]*>.*?</a>|(<abbr title=\"[^\"]*\">([^<]+)</abbr>)", re.S)


def link_terms(html: str, page: str) -> str:
    """Each glossary tooltip (``<abbr>``, from the page's abbreviations or an HTML block)
    that is not inside a link becomes a link to its term on the glossary page
    (``glossary/#<term id>``, addresses.term); ``page``: the page's docs path."""
    if "<abbr" not in html:
        return html
    glossary = relative_url(at.GLOSSARY, page)

    def linked(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group()
        anchor = at.term(unescape(match.group(2)))
        return f'<a class="ho-term" href="{glossary}#{anchor}">{match.group(1)}</a>'

    return _TERM.sub(linked, html)
