"""Spreadsheets (.xlsx), written with XlsxWriter in memory.

- Every sheet is a table: a bold header row, frozen, with a filter, printed on every
  page; columns as wide as their text (within limits).
- Cells are typed: a date is an Excel date shown as yyyy-mm-dd, an integer a number,
  a boolean TRUE or FALSE, text is text.
- Text is never a formula: every text cell is written as a string (never parsed as a
  formula, a number or a link); one that starts like a formula (=, +, -, @, tab,
  carriage return) also gets Excel's quote prefix, which keeps it text when someone
  edits the cell. Characters that XML cannot carry are dropped, line breaks are LF, and
  text is clipped to the 32,767 characters a cell holds.
- The same sheets, title and day give the same bytes: the document properties carry
  that day instead of the clock, and every entry of the zip archive carries XlsxWriter's
  fixed date (1980-01-01).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import xlsxwriter

from generator.render.cache import DiskCache
from generator.render.spreadsheet import starts_formula

Value = str | int | bool | dt.date | None
CELL_LIMIT = 32_767  # characters in one cell
WIDTH_MIN, WIDTH_MAX = 6, 60  # column widths, in characters
CREATOR = "handover"
DIGIT_PIXELS = 7  # Excel's width of one character of its default font, in pixels
# What XML 1.0 cannot carry (as openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls but tab and LF.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
OPTIONS = {
    "in_memory": True,  # no temporary files; zip entries get a fixed date
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


@dataclass(frozen=True)
class Sheet:
    title: str  # at most 31 characters, none of []:*?/\
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def clean_text(value: str) -> str:
    """Text a cell can hold: without XML's forbidden characters, line breaks as LF (XML
    reads a carriage return as one), at most CELL_LIMIT long."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_LIMIT]


def _width(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, bool):
        return 5
    return len(str(value))


def column_widths(sheet: Sheet) -> list[int]:
    """A width per column: its longest value or header, plus a margin, within limits."""
    widths = []
    for i, name in enumerate(sheet.header):
        longest = max([len(name), *(_width(row[i]) for row in sheet.rows)])
        widths.append(min(WIDTH_MAX, max(WIDTH_MIN, longest + 2)))
    return widths


class _Formats:
    """The cell formats one workbook uses."""

    def __init__(self, wb: Any) -> None:
        self.bold = wb.add_format({"bold": True})
        self.bold_quoted = wb.add_format({"bold": True, "quote_prefix": True})
        self.quoted = wb.add_format({"quote_prefix": True})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})


def _write_text(ws: Any, row: int, col: int, value: str, fmt: Any, quoted: Any) -> None:
    text = clean_text(value)
    ws.write_string(row, col, text, quoted if starts_formula(text) else fmt)


def _write_row(ws: Any, row: int, values: Sequence[Value], formats: _Formats) -> None:
    for col, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, str):
            _write_text(ws, row, col, value, None, formats.quoted)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, int):
            ws.write_number(row, col, value)
        else:
            ws.write_datetime(row, col, value, formats.date)


def _layout(ws: Any, sheet: Sheet) -> None:
    """Widths, frozen header, printing: landscape, one page across, the header on each."""
    for i, width in enumerate(column_widths(sheet)):
        # in pixels, so that the file stores the width itself (set_column adds padding)
        ws.set_column_pixels(i, i, width * DIGIT_PIXELS)
    ws.freeze_panes(1, 0)
    ws.repeat_rows(0)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # as many pages down as needed, one page across


def _write_sheet(wb: Any, sheet: Sheet, formats: _Formats) -> None:
    ws = wb.add_worksheet(sheet.title)
    _layout(ws, sheet)
    for col, name in enumerate(sheet.header):
        _write_text(ws, 0, col, name, formats.bold, formats.bold_quoted)
    for row, values in enumerate(sheet.rows, start=1):
        _write_row(ws, row, values, formats)
    if sheet.rows:
        ws.autofilter(0, 0, len(sheet.rows), len(sheet.header) - 1)


def workbook_bytes(
    sheets: Sequence[Sheet], title: str, day: dt.date, cache: DiskCache | None = None
) -> bytes:
    """The .xlsx file of ``sheets``, in order; ``day`` dates the document.

    Remembered by its inputs: in memory (the preview, ``handover serve``, renders every
    session's workbook again on each edit) and, given a ``cache``, on disk between runs:
    the key is the ``repr`` of the sheets (plain values), title and day.
    """
    key = (tuple(sheets), title, day)
    if cache is None:
        return _workbook(*key)
    return cache.data("xlsx", cache.key(*key), lambda: _workbook(*key))


@lru_cache(maxsize=4096)
def _workbook(sheets: tuple[Sheet, ...], title: str, day: dt.date) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, OPTIONS)
    wb.set_properties(
        {
            "title": clean_text(title),
            "author": CREATOR,
            "created": dt.datetime.combine(day, dt.time()),
        }
    )
    formats = _Formats(wb)
    for sheet in sheets:
        _write_sheet(wb, sheet, formats)
    wb.close()
    return out.getvalue()
