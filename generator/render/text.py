"""Escaping for record text: the only place where text meets Markdown syntax.

``inline`` makes any string render literally in Markdown running text; ``cell`` also
keeps it inside one table cell; ``safe_markdown`` keeps Markdown formatting of a
free-text field but shows raw HTML as text and neutralises unsafe link schemes.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_INLINE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "{": "\\{",
        "}": "\\}",
        "[": "\\[",
        "]": "\\]",
        "~": "&#126;",
        "^": "&#94;",
        "=": "&#61;",
        "$": "&#36;",
        "|": "&#124;",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": " ",
        "\n": " ",
        "\t": " ",
    }
)
_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)]))?)([#+\-.)!])")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_INDENTED_CODE = re.compile(r"(?:^(?: {4}|\t)[^\n]*\n?)+", re.M)
_LINK_DEST = re.compile(r"(\]\(\s*)([^)\s]*)")
_REF_DEF = re.compile(r"^( {0,3}\[[^\]]+\]:\s*)(\S+)", re.M)
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def inline(value: object) -> Markup:
    """Any value as literal Markdown inline text, on one line."""
    if value is None:
        return Markup("")
    escaped = str(value).translate(_INLINE)
    # Characters that only mean something at the start of a line: lists, headings.
    escaped = _LINE_START.sub(r"\1\\\2", escaped, count=1)
    return Markup(escaped)


def classname(value: object) -> Markup:
    """A CSS class name made of a known value: lowercase letters, digits and '-' only."""
    return Markup(re.sub(r"[^a-z0-9-]", "", str(value).lower()))


def cell(value: object) -> Markup:
    """Literal text inside one Markdown table cell (never empty, never breaks the row)."""
    escaped = inline(value)
    return escaped if escaped.strip() else Markup("&nbsp;")


def _safe_destination(dest: str) -> str:
    probe = _CONTROL.sub("", dest).lower()
    scheme, colon, _ = probe.partition(":")
    is_scheme = colon and not any(c in scheme for c in "/?#")
    if is_scheme and scheme not in _SAFE_SCHEMES:
        return "#unsafe-link-removed"
    return dest


def _escape_prose(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _LINK_DEST.sub(lambda m: m.group(1) + _safe_destination(m.group(2)), text)
    return _REF_DEF.sub(lambda m: m.group(1) + _safe_destination(m.group(2)), text)


def safe_markdown(value: object) -> Markup:
    """Markdown formatting kept; raw HTML shown as text; javascript:/data: links removed.

    Code (fenced, indented, inline) is left alone: Markdown shows it literally anyway.
    """
    if value is None:
        return Markup("")
    text = str(value).replace("\r\n", "\n")
    out: list[str] = []
    for block_start, block_end, is_code in _split(text, _FENCE):
        chunk = text[block_start:block_end]
        if is_code:
            out.append(chunk)
            continue
        for start, end, code in _split(chunk, _CODE_SPAN):
            piece = chunk[start:end]
            out.append(piece if code else _escape_prose(piece))
    return Markup("".join(out))


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, bool]]:
    """(start, end, matched) spans covering text, alternating between matches and the rest."""
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            spans.append((pos, match.start(), False))
        spans.append((match.start(), match.end(), True))
        pos = match.end()
    if pos < len(text):
        spans.append((pos, len(text), False))
    return spans


def yaml_string(value: object) -> Markup:
    """A double-quoted YAML scalar, for front matter written by templates."""
    text = str(value)
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    escaped = "".join(c if c.isprintable() or c in "\\" else f"\\x{ord(c):02x}" for c in escaped)
    return Markup(f'"{escaped}"')


def abbreviation(term: str, means: str) -> Markup | None:
    """A Markdown abbreviation definition (glossary tooltip), or None if the term can't be one."""
    if "]" in term or "\n" in term or not term.strip():
        return None
    clean = " ".join(means.split())
    return Markup(f"*[{term.strip()}]: {clean}")
