"""Spreadsheets (.xlsx), written with openpyxl in write-only mode.

- Every sheet is a table: a bold header row, frozen, with a filter, printed on every
  page; columns as wide as their text (within limits).
- Cells are typed: a date is an Excel date shown as yyyy-mm-dd, an integer a number,
  a boolean TRUE or FALSE, text is text.
- Text is never a formula. openpyxl stores text starting with '=' as a formula and
  '#N/A' as an error, so every text cell is written as a string; one that starts like
  a formula (=, +, -, @, tab, carriage return) also gets Excel's quote prefix, which
  keeps it text when someone edits the cell. Characters that XML cannot carry are
  dropped, line breaks are LF, and text is clipped to the 32,767 characters a cell
  holds.
- The same sheets, title and day give the same bytes: the document properties carry
  that day instead of the clock, and so does every entry of the zip archive.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from generator.render.spreadsheet import starts_formula

if TYPE_CHECKING:
    from _typeshed import SizedBuffer, StrPath

Value = str | int | bool | dt.date | None
# A write-only worksheet: typed as Any because openpyxl's stubs leave out the attributes
# it sets up at run time (column_dimensions, page_setup, sheet_properties).
WriteOnlySheet = Any
CELL_LIMIT = 32_767  # characters in one cell
WIDTH_MIN, WIDTH_MAX = 6, 60  # column widths, in characters
CREATOR = "handover"
ZIP_EPOCH = dt.date(1980, 1, 1)


@dataclass(frozen=True)
class Sheet:
    title: str  # at most 31 characters, none of []:*?/\
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


class _DatedZip(zipfile.ZipFile):
    """A zip archive being written whose every entry carries one date, not the clock's."""

    def __init__(self, file: io.BytesIO, day: dt.date) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        day = max(day, ZIP_EPOCH)  # zip dates start in 1980
        self.date_time = (day.year, day.month, day.day, 0, 0, 0)

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, self.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # what ZipFile gives a file from a string
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: StrPath,
        arcname: StrPath | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """A file from disk (openpyxl streams sheets through temporary files), dated."""
        with open(filename, "rb") as stream:
            data = stream.read()
        self.writestr(os.fspath(arcname if arcname is not None else filename), data)


def clean_text(value: str) -> str:
    """Text a cell can hold: without XML's forbidden characters, line breaks as LF (XML
    reads a carriage return as one), at most CELL_LIMIT long."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_LIMIT]


def _text_cell(ws: WriteOnlySheet, value: str) -> Any:
    cell = WriteOnlyCell(ws, value=None)
    cell.value = clean_text(value)
    cell.data_type = "s"  # never a formula, never an error value
    if starts_formula(cell.value):
        cell.quotePrefix = True
    return cell


def _as_is(value: str) -> bool:
    """Whether openpyxl stores this text as it is, as text: not if it starts with '=' (a
    formula), is an error value like '#N/A', starts like a formula (it needs the quote
    prefix) or needs cleaning (see clean_text)."""
    return not (
        starts_formula(value)
        or value in ERROR_CODES
        or "\r" in value
        or len(value) > CELL_LIMIT
        or ILLEGAL_CHARACTERS_RE.search(value)
    )


def _cells(ws: WriteOnlySheet, row: Sequence[Value]) -> list[Any]:
    """The row's values, with a text cell of its own for text that needs one."""
    return [_text_cell(ws, v) if isinstance(v, str) and not _as_is(v) else v for v in row]


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


def _layout(ws: WriteOnlySheet, sheet: Sheet) -> None:
    """What a write-only sheet needs before its first row: widths, frozen header, print."""
    for i, width in enumerate(column_widths(sheet), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToHeight = 0  # as many pages down as needed, one page across
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_sheet(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet(sheet.title)
    _layout(ws, sheet)
    bold = Font(bold=True)
    header = [_text_cell(ws, h) for h in sheet.header]
    for cell in header:
        cell.font = bold
    ws.append(header)
    for row in sheet.rows:
        ws.append(_cells(ws, row))
    if sheet.rows:
        last = get_column_letter(len(sheet.header))
        ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"


def workbook_bytes(sheets: Sequence[Sheet], title: str, day: dt.date) -> bytes:
    """The .xlsx file of ``sheets``, in order; ``day`` dates the file and its parts.

    Remembered by its inputs: writing one takes openpyxl about 15 ms, and the preview
    (``handover serve``) renders every session's workbook again on each edit.
    """
    return _workbook(tuple(sheets), title, day)


@lru_cache(maxsize=4096)
def _workbook(sheets: tuple[Sheet, ...], title: str, day: dt.date) -> bytes:
    wb = Workbook(write_only=True)
    stamp = dt.datetime.combine(day, dt.time())
    wb.properties.title = clean_text(title)
    wb.properties.creator = CREATOR
    wb.properties.created = wb.properties.modified = stamp
    for sheet in sheets:
        _write_sheet(wb, sheet)
    out = io.BytesIO()
    ExcelWriter(wb, _DatedZip(out, day)).save()
    return out.getvalue()
