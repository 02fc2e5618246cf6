"""YAML mistakes in plain words, with the fix.

The parser says what it could not read ("mapping values are not allowed in this
context"); the people who write the minutes need to hear what they most likely typed
and how to write it. Each function here looks at the line where the parser stopped,
recognises one common mistake, and returns a message that names it and shows the
corrected line. Where the fix is unambiguous, the hint also carries the whole text with
the fix applied (same number of lines, so every later position still points at the
right line), so that the rest of the file can be checked as if it were fixed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from generator.diagnostics import Diagnostic

# `key: value` on one line, optionally as a list item (`- key: value`).
_FIELD = re.compile(
    r"^(?P<indent>[ ]*(?:-[ ]+)*)(?P<key>[A-Za-z_][\w-]*):[ ]+(?P<value>\S.*?)[ ]*$"
)
_ITEM = re.compile(r"^(?P<indent>[ ]*)-[ ]+(?P<value>\S.*?)[ ]*$")
_PLAIN_ITEM = re.compile(r"^[^\s,\[\]{}#&*!|>'\"%@`:][^,\[\]{}#:]*$")


@dataclass(frozen=True)
class Hint:
    """A likely mistake: where (1-based, in the text given), in words, and the fixed text."""

    line: int
    col: int
    message: str
    fixed: str | None = None


def _lines(text: str) -> list[str]:
    return text.split("\n")


def lines_text(lines: list[str]) -> str:
    return "\n".join(lines)


def _fixing(text: str, index: int, col: int, message: str, new_line: str) -> Hint:
    """A hint at 0-based ``index`` and ``col`` whose fix replaces that line by ``new_line``."""
    lines = _lines(text)
    lines[index] = new_line
    return Hint(index + 1, col + 1, message, "\n".join(lines))


def _double_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _single_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _quoted(value: str) -> str:
    """``value`` as one quoted YAML scalar, in the quotes that need no escaping if any."""
    if '"' in value and "\\" not in value:
        return _single_quoted(value)
    return _double_quoted(value)


def _without_comment(value: str) -> str:
    return re.split(r"[ ]+#", value, maxsplit=1)[0]


def diagnose(
    text: str, problem: str, line: int, col: int, context_line: int | None = None
) -> Hint | None:
    """A hint for the parser's ``problem`` at 0-based ``line`` and ``col``; None if unknown.

    ``context_line``: where the parser says the construct it was reading began (the
    opening quote of an unclosed text, the first item of a list).
    """
    lines = _lines(text)
    if context_line is not None and not 0 <= context_line < len(lines):
        context_line = None
    if not 0 <= line < len(lines):  # at the end of the text: only an unclosed quote
        return _unclosed_quote(text, lines, problem, line, col, context_line)
    for rule in (_tab, _unclosed_quote, _colon_in_text, _quoted_start, _item_under_scalar):
        hint = rule(text, lines, problem, line, col, context_line)
        if hint is not None:
            return hint
    return _short_indent(text, lines, problem, line, context_line)


def _tab(
    text: str, lines: list[str], problem: str, line: int, col: int, context_line: int | None
) -> Hint | None:
    if "tab" not in problem and "'\\t'" not in problem:
        return None
    index = next((i for i in range(line, -1, -1) if "\t" in lines[i][: col + 1]), line)
    source = lines[index] if 0 <= index < len(lines) else ""
    spaced = source.expandtabs(4).rstrip()
    return Hint(
        index + 1,
        source.find("\t") + 1,
        "this line holds a tab; YAML allows only spaces for indentation: "
        f"replace the tab with spaces, as the lines around it are indented: {spaced.strip()}",
    )


def _unclosed_quote(
    text: str, lines: list[str], problem: str, line: int, col: int, context_line: int | None
) -> Hint | None:
    if "end of stream" not in problem or context_line is None:
        return None
    source = lines[context_line]
    match = _FIELD.match(source)
    start = match.start("value") if match else len(source) - len(source.lstrip(" -"))
    quote = source[start : start + 1]
    if quote not in {'"', "'"}:
        return None
    closed = _without_comment(source.rstrip()) + quote
    shown = closed.strip().removeprefix("- ").strip()
    return _fixing(
        text,
        context_line,
        start,
        f"the quote ({quote}) that starts this text is never closed; "
        f"end the text with {quote} on the same line: {shown}",
        closed,
    )


def _colon_in_text(
    text: str, lines: list[str], problem: str, line: int, col: int, context_line: int | None
) -> Hint | None:
    if "mapping values are not allowed" not in problem:
        return None
    match = _FIELD.match(lines[line])
    if match is None or match.group("value")[0] in "\"'[{|>":
        return _over_indented(lines, line)
    key, value = match.group("key"), match.group("value")
    if ": " not in value and not value.endswith(":"):
        return _over_indented(lines, line)
    fixed = f"{match.group('indent')}{key}: {_quoted(value)}"
    return _fixing(
        text,
        line,
        match.start("value"),
        f"the text after '{key}:' contains ': '; put the whole text in quotes: "
        f"{key}: {_quoted(value)}",
        fixed,
    )


def _over_indented(lines: list[str], line: int) -> Hint | None:
    """`team: sales` indented more than the field above it: YAML read it as more text of
    that field, then stopped at its colon."""
    match = _FIELD.match(lines[line])
    above = next((lines[i] for i in range(line - 1, -1, -1) if lines[i].strip()), "")
    above_match = _FIELD.match(above)
    if match is None or above_match is None:
        return None
    want = len(above_match.group("indent"))
    have = len(match.group("indent"))
    if have <= want:
        return None
    return _fixing(
        lines_text(lines),
        line,
        have,
        f"'{match.group('key')}:' is indented {have} spaces, more than "
        f"'{above_match.group('key')}:' above it ({want}), so YAML reads it as more text of "
        f"'{above_match.group('key')}'; indent it {want} spaces: {match.group('key')}: "
        f"{match.group('value')}",
        " " * want + lines[line].lstrip(" "),
    )


def _quoted_start(
    text: str, lines: list[str], problem: str, line: int, col: int, context_line: int | None
) -> Hint | None:
    if "expected key" not in problem and "block end" not in problem:
        return None
    match = _FIELD.match(lines[line])
    if match is None:
        return None
    value = _without_comment(match.group("value"))
    quote = value[0]
    closing = value.find(quote, 1)
    if quote not in {'"', "'"} or closing < 0 or closing == len(value) - 1:
        return None
    key = match.group("key")
    wrapped = _single_quoted(value) if quote == '"' else _double_quoted(value)
    return _fixing(
        text,
        line,
        match.start("value"),
        f"the text after '{key}:' starts with a quoted word, so YAML takes the quotes as the "
        f"whole text and cannot read what follows; put the whole text in quotes: {key}: {wrapped}",
        f"{match.group('indent')}{key}: {wrapped}",
    )


def _item_under_scalar(
    text: str, lines: list[str], problem: str, line: int, col: int, context_line: int | None
) -> Hint | None:
    """``attendees: ana`` followed by ``- ben``: a list item under a field that has a value."""
    if "expected key" not in problem and "block end" not in problem:
        return None
    item = _ITEM.match(lines[line])
    above = next((i for i in range(line - 1, -1, -1) if lines[i].strip()), None)
    field = _FIELD.match(lines[above]) if above is not None else None
    if item is None or field is None or above is None:
        return None
    key, value = field.group("key"), _without_comment(field.group("value"))
    items = [value]
    ends = line
    while ends < len(lines) and (more := _ITEM.match(lines[ends])):
        if len(more.group("indent")) != len(item.group("indent")):
            break
        items.append(_without_comment(more.group("value")))
        ends += 1
    flow = f"{key}: [{', '.join(items)}]"
    message = (
        f"'{key}:' already has a value ({value}), so the list item below it belongs nowhere; "
        f"write the list in brackets: {flow}, or put every item on its own line after '{key}:'"
    )
    if not all(_PLAIN_ITEM.match(i) for i in items):
        return Hint(line + 1, item.end("indent") + 1, message)
    fixed = _lines(text)
    fixed[above] = f"{field.group('indent')}{flow}"
    for i in range(line, ends):
        fixed[i] = ""
    return Hint(line + 1, item.end("indent") + 1, message, "\n".join(fixed))


def _short_indent(
    text: str, lines: list[str], problem: str, line: int, context_line: int | None
) -> Hint | None:
    """A field of a list item indented like the ``-`` instead of like the fields above it."""
    if "'-' indicator" not in problem and "but found '?'" not in problem:
        return None
    if context_line is None or not 0 <= line < len(lines):
        return None
    match = _FIELD.match(lines[line]) or re.match(r"^(?P<indent>[ ]*)(?P<key>[\w-]+):", lines[line])
    dash = _ITEM.match(lines[context_line])
    if match is None or dash is None:
        return None
    have = len(match.group("indent"))
    want = dash.start("value")
    key = match.group("key")
    if want <= have:
        return None
    return _fixing(
        text,
        line,
        have,
        f"'{key}:' is indented {have} spaces, but the fields of this list item above it are "
        f"indented {want}; indent it {want} spaces, under the first field after the '-': "
        f"{lines[line].strip()}",
        " " * (want - have) + lines[line],
    )


def forgotten_dash(
    text: str, line: int, col: int, key: str, first_key: str, in_list: str | None
) -> Hint | None:
    """A duplicate ``key`` at 0-based ``line``/``col`` in a list item whose first field is
    that key: the ``-`` that starts the next item was most likely forgotten."""
    lines = _lines(text)
    if in_list is None or key != first_key or not 0 <= line < len(lines) or col < 2:
        return None
    source = lines[line]
    if source[col - 2 : col] != "  ":
        return None
    fixed = source[: col - 2] + "- " + source[col:]
    return _fixing(
        text,
        line,
        col,
        f"'{key}:' is given twice in one item of '{in_list}': the '-' that starts the next "
        f"item seems forgotten; write it before '{key}:': {fixed.strip()}",
        fixed,
    )


def mark_assumed(diags: list[Diagnostic], assumed: Mapping[str, list[int]]) -> list[Diagnostic]:
    """Mark every other problem of a file that was read as if fixed: it was found under
    that assumption (the hints themselves, at the lines fixed, are left as they are)."""
    marked = []
    for diag in diags:
        lines = assumed.get(diag.path)
        if lines and not (diag.detail and diag.line in lines):
            where = ", ".join(str(n) for n in lines)
            plural = "es" if len(lines) > 1 else ""
            note = (
                f" (found assuming the fix{plural} at line{'s' if len(lines) > 1 else ''} {where})"
            )
            diag = replace(diag, message=diag.message + note)
        marked.append(diag)
    return marked
