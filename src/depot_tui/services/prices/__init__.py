"""The price table (价格表): what each depot charges to each destination, from a day on.

The counter prices with it (services/pricing.py: freight, insurance); the back office reads and
changes it here. A package: lines.py (reading the table, checking a line as typed), change.py
(setting lines from a day on, and what refuses them), files.py (import and export as XLSX or
CSV). Callers import from the package.
"""

from __future__ import annotations

from .change import Applied, conflicts, set_line
from .files import COLUMNS, Imported, ImportRefused, cells_of, export_table, import_table, read_rows, resolve
from .lines import (
    MAX_PER_KG,
    MAX_PER_M3,
    Line,
    LineForm,
    PriceLine,
    breaks_text,
    checked_line,
    parse_breaks,
    table_on,
)

__all__ = [
    "COLUMNS",
    "MAX_PER_KG",
    "MAX_PER_M3",
    "Applied",
    "ImportRefused",
    "Imported",
    "Line",
    "LineForm",
    "PriceLine",
    "breaks_text",
    "cells_of",
    "checked_line",
    "conflicts",
    "export_table",
    "import_table",
    "parse_breaks",
    "read_rows",
    "resolve",
    "set_line",
    "table_on",
]
