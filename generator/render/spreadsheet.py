"""Text that spreadsheets read safely: CSV (RFC 4180) and the guard against formulas.

A spreadsheet runs a cell that starts with =, +, -, @, tab or carriage return as a
formula when it opens a CSV file ("CSV injection"); text from records must never do so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value: str) -> bool:
    return value[:1] in FORMULA_START


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading =, +, -, @, tab or carriage
    return gets a quote in front (the usual defence against CSV formula injection)."""
    return f"'{value}" if starts_formula(value) else value


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value) if isinstance(value, str) else value


def csv_text(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A header row of ``fields``, then one line per row: RFC 4180 quoting, CRLF line
    ends, booleans as true/false, every text cell guarded against formulas."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return out.getvalue()
