"""Cells for CSV files that people open in a spreadsheet (Excel, LibreOffice).

Every export goes through :func:`safe_cell`: a spreadsheet runs a cell that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula (CSV injection), so such
text gets a leading apostrophe; phone numbers such as "+47 67 13 00 00" are
left as they are. :func:`decimal_comma` writes numbers the way Norwegian
spreadsheets read them.
"""

from __future__ import annotations

import re
from decimal import Decimal

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"^\+?[\d ()-]+$")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will read it as text, never as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PHONE.match(value):
        return "'" + value
    return value


def decimal_comma(value: Decimal | float | None, places: int) -> str:
    """A number with a decimal comma ("" for none)."""
    if value is None:
        return ""
    return f"{Decimal(value):.{places}f}".replace(".", ",")
