"""Markdown fields of records (session notes, playbook bodies), rendered safely.

Records come from many people through pull requests. The contract says their
Markdown formatting works, but raw HTML is shown as text and never run. Guessing
with regular expressions where Markdown's code spans and fences begin and end is
how escaping goes wrong, so the field is rendered by Python-Markdown itself:

- its raw-HTML processors are removed, so every tag in the text is escaped as text;
- `attr_list` is not loaded, so ``{: onclick=...}`` stays text;
- the result goes through an allow-list sanitizer (nh3, the binding of the Ammonia
  crate) as a second line of defence: only known tags, attributes and link schemes
  (http, https, mailto, tel and relative links) survive.

Headings stay Markdown, outside the HTML, so that they appear in the page's table
of contents and anchor links; each section between two headings is embedded as one
raw HTML block. Glossary terms get their tooltip (``<abbr>``) here, since the page's
own abbreviation definitions do not reach into raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import markdown
import nh3
from markdown.extensions.abbr import AbbrExtension
from markupsafe import Markup

from generator.render.text import inline

EXTENSIONS = ("admonition", "def_list", "fenced_code", "footnotes", "sane_lists", "tables")
TAGS = {
    *("a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "hr"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "img", "ins", "kbd", "li", "ol", "p", "pre"),
    *("s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"),
}
ATTRIBUTES = {
    "*": {"class", "id", "title"},
    "a": {"href"},
    "img": {"src", "alt"},
    "ol": {"start"},
    "td": {"style"},
    "th": {"style"},
}
SCHEMES = {"http", "https", "mailto", "tel"}

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def glossary_variants(terms: Mapping[str, str]) -> dict[str, str]:
    """Each term as written, plus lower-case and capitalised forms of words that are
    not acronyms ('Critical path' also matches 'critical path'; 'MQL' stays 'MQL')."""
    out: dict[str, str] = {}
    for term, means in terms.items():
        out.setdefault(term, means)
        if term != term.upper():
            out.setdefault(term.lower(), means)
            out.setdefault(term[:1].upper() + term[1:], means)
    return out


def _sections(text: str) -> Iterator[tuple[str, str]]:
    """(heading line or '', body) pairs: ATX headings outside fenced code split the text."""
    heading, fence = "", ""
    body: list[str] = []
    for line in text.split("\n"):
        if fence:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = ""
        elif opened := _FENCE_OPEN.match(line):
            fence = opened.group(1)
        elif _HEADING.match(line):
            yield heading, "\n".join(body)
            heading, body = line, []
            continue
        body.append(line)
    yield heading, "\n".join(body)


def _converter(glossary: Mapping[str, str]) -> markdown.Markdown:
    """A converter for this glossary, reset for a new text (building one costs more than
    converting a short note, and a site converts one per session)."""
    key = tuple(glossary.items())
    md = _CONVERTERS.get(key)
    if md is None:
        md = _CONVERTERS[key] = _new_converter(glossary)
    md.reset()
    return md


_CONVERTERS: dict[tuple[tuple[str, str], ...], markdown.Markdown] = {}


def _new_converter(glossary: Mapping[str, str]) -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, AbbrExtension(glossary=dict(glossary))],
        output_format="html",
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def to_html(source: str, glossary: Mapping[str, str] | None = None) -> str:
    """One Markdown text as sanitized HTML, raw HTML in it shown as text."""
    html = _converter(glossary or {}).convert(source)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
    )


def _heading(line: str) -> str:
    match = _HEADING.match(line)
    assert match is not None
    return f"{match.group(1)} {inline(match.group(2))}"


def render_field(value: object, glossary: Mapping[str, str] | None = None) -> Markup:
    """A record's Markdown field for a Markdown page: headings as Markdown, the rest as
    blocks of sanitized HTML."""
    if value is None:
        return Markup("")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    parts: list[str] = []
    for heading, body in _sections(text):
        if heading:
            parts.append(_heading(heading))
        html = to_html(body, glossary).strip() if body.strip() else ""
        if html:
            # A raw HTML block, which Markdown leaves as it is (markdown="0" would stay in
            # the page, where HTML does not allow it).
            parts.append(f'<div class="ho-md">\n{html}\n</div>')
    return Markup("\n\n".join(parts))
