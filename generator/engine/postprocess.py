"""What a handover build does to each page around MkDocs: charts set aside while MkDocs
works on the page, and whitespace between the theme's tags collapsed at the end."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from generator import addresses as at
from generator.engine.csp import protect
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


class RawBlocks:
    """The HTML blocks of a page's Markdown, handed past Python-Markdown and put back.

    Markdown passes a raw HTML block through as it is written, yet reads every tag of it
    twice on the way, in pure Python: MkDocs to collect its ids, md_in_html to look for
    ``markdown`` attributes. A session page is mostly such blocks (the generator writes its
    tables, charts and team parts as HTML), and reading them was most of MkDocs' time.

    ``stash`` replaces each block that Markdown would pass through unchanged with a
    placeholder comment: one that starts a paragraph at the top level with a block tag,
    ends it with that tag's closing tag and holds no ``markdown`` attribute, outside
    fenced code. ``restore`` puts the blocks back into the converted page and adds their
    ids to the page's anchors, which MkDocs checks links against. Should a placeholder not
    come through as written (a block that was not what it looked like), the page is
    converted again from its Markdown as it was: slower, never different.
    """

    START = re.compile(r"<(table|div|section|figure|ul|ol|dl|p|details|nav|aside|blockquote)[\s>]")
    MARKDOWN_ATTR = re.compile(r"<[^>]*\smarkdown(?:\s*=|[\s/>])")
    FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
    ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")
    NAMED = re.compile(r"<a\s[^>]*?\bname=\"([^\"]*)\"")

    def __init__(self) -> None:
        self.stashed: dict[str, tuple[str, list[str]]] = {}

    @staticmethod
    def placeholder(number: int) -> str:
        return f"<!--handover-block-{number}-->"

    def _whole(self, lines: list[str], start: int, tag: str) -> int:
        """The index just past the block that starts at ``lines[start]`` with ``tag``, or
        -1 unless it is a paragraph of its own that the closing tag ends, on its last line."""
        opening, opened, closing = re.compile(rf"<{tag}[\s>]"), f"<{tag}", f"</{tag}>"
        depth, end = 0, start
        while end < len(lines) and lines[end].strip():
            line = lines[end]
            if opened in line:  # most lines of a block open and close none of its kind
                depth += len(opening.findall(line))
            if closing in line:
                depth -= line.count(closing)
            end += 1
            if depth <= 0:
                break
        if depth != 0 or lines[end - 1].rstrip() != closing:
            return -1
        if end < len(lines) and lines[end].strip():  # the paragraph goes on after it
            return -1
        return end

    def stash(self, markdown: str, page: str) -> str:
        lines = markdown.split("\n")
        out: list[str] = []
        blocks: list[str] = []
        fence = ""
        i = 0
        while i < len(lines):
            line = lines[i]
            if fence:
                if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                    fence = ""
                out.append(line)
                i += 1
                continue
            if opened := self.FENCE.match(line):
                fence = opened.group(1)
                out.append(line)
                i += 1
                continue
            start = self.START.match(line)
            if start and (i == 0 or not lines[i - 1].strip()):
                end = self._whole(lines, i, start.group(1))
                if end > 0:
                    block = "\n".join(lines[i:end])
                    if "markdown" not in block or not self.MARKDOWN_ATTR.search(block):
                        out.append(self.placeholder(len(blocks)))
                        blocks.append(block)
                        i = end
                        continue
            out.append(line)
            i += 1
        if not blocks:
            return markdown
        self.stashed[page] = (markdown, blocks)
        return "\n".join(out)

    def restore(self, html: str, page: Any, config: Any, files: Any) -> str:
        """``html`` (``page``'s converted content) with its blocks back; their ids join
        ``page.present_anchor_ids``."""
        original, blocks = self.stashed.pop(page.file.src_uri, ("", []))
        if not blocks:
            return html
        parts = []
        rest = html
        for number, block in enumerate(blocks):
            before, found, rest = rest.partition(self.placeholder(number))
            if not found:  # not passed through as written: convert it the usual way
                page.markdown = original
                page.render(config, files)
                return str(page.content)
            parts += [before, block]
        ids = page.present_anchor_ids if page.present_anchor_ids is not None else set()
        for block in blocks:
            ids.update(unescape(v) for v in self.ID.findall(block))
            ids.update(unescape(v) for v in self.NAMED.findall(block))
        page.present_anchor_ids = ids
        restored = "".join([*parts, rest])
        page.content = restored
        return restored


class PageWork:
    """What a handover build does to each page around MkDocs, in the order it must, the
    same for ``handover build``'s processes (engine/shards.py) and for the plugin of
    ``handover serve`` and ``mkdocs build`` (engine/plugin.py)."""

    def __init__(self) -> None:
        self.aside = SetAside()
        self.blocks = RawBlocks()

    def markdown(self, markdown: str, page: Any) -> str:
        """Before conversion: the charts set aside, the HTML blocks handed past Markdown."""
        markdown = self.aside.stash(markdown, page.file.src_uri)
        return self.blocks.stash(markdown, page.file.src_uri)

    def content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """The converted page: its HTML blocks back, its glossary tooltips linked, and the
        debrief tabs set aside from a search plugin's parse."""
        html = self.blocks.restore(html, page, config, files)
        html = link_terms(html, page.file.src_uri)
        return self.aside.stash_html(html, page.file.src_uri) if html and indexed(config) else html

    def output(self, output: str, page: Any) -> str:
        """The finished page: its policy (which hashes the theme's scripts, not the
        content's: before the asides return), the asides back, whitespace collapsed."""
        output = protect(output, page.content or "")
        return compact_html(self.aside.restore(output, page.file.src_uri))


def static_page(output: str) -> str:
    """A page the theme renders from a template alone (404.html): its policy, and its
    whitespace collapsed."""
    return compact_html(protect(output))


def indexed(config: Any) -> bool:
    """Whether a search plugin (MkDocs' or Material's) indexes the pages: only then does
    the search index skip the debrief tabs and strip their marks (SetAside.stash_html)."""
    return any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins)


_KEEP = re.compile(
    r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>|<style\b.*?</style>)",
    re.S | re.I,
)
_AFTER_BREAK = re.compile(r"\n\s*")


def compact_html(html: str) -> str:
    """Every run of whitespace that holds a line break becomes one line break.

    The theme's templates indent every element, and on a page with a long navigation
    that is a third of its bytes. A browser shows any run of whitespace as one space,
    so the page looks the same; where whitespace is kept as written (``pre``,
    ``textarea``) or means code (``script``, ``style``) nothing is touched.
    """
    parts = _KEEP.split(html)  # the kept elements are at the odd positions
    return "".join(part if i % 2 else _collapsed(part) for i, part in enumerate(parts))


def _collapsed(text: str) -> str:
    r"""``text`` with each run of whitespace that holds a line break as one line break:
    what ``re.sub(r"[ \t]*\n\s*", "\n", text)`` gives (tests/test_postprocess.py), in a
    third of its time (a pattern that starts with blanks is tried at every blank)."""
    lines = _AFTER_BREAK.sub("\n", text).split("\n")
    last = lines.pop()  # no line break after it: its blanks stay
    return "\n".join([*(line.rstrip(" \t") for line in lines), last])


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
