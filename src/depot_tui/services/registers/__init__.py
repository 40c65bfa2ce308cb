"""The counter's registers (R-2.17) for a date range: pickup (提货登记), transfer (中转登记) and
return receipt (回单登记), and the business figures (业务统计: by destination, by clerk, by
payment; a clerk's own only). Printed as 80-column text like the slip, or exported as CSV
(UTF-8 with a byte-order mark, so Excel opens the Chinese right) or XLSX (through XlsxWriter).

A register is built once from the database (`build`) and every output is rendered from that one
build, so the paper, the CSV and the XLSX cannot disagree with each other. Printed columns are
cut to fit 80 columns; the exported files carry every value whole.

A package: parts.py (columns, rows, the range typed), counter.py (the three counter registers),
figures.py (the business figures); rendering and output here. Callers import from the package.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from ...models import Depot, Role
from .. import clock, printing
from ..actor import Actor
from ..errors import PermissionDenied, ServiceError
from .counter import pickups, receipts, transfers
from .figures import figures
from .money import day_money, ledger, statement_book
from .parts import MAX_DAYS, TITLES, Cell, Column, Register, dates
from .summary import summary

KINDS = ("pickup", "transfer", "receipt", "figures", "money", "statements", "summary", "ledger")
FORMATS = ("print", "csv", "xlsx", "screen")

__all__ = [
    "FORMATS",
    "KINDS",
    "MAX_DAYS",
    "Column",
    "Register",
    "build",
    "csv_text",
    "dates",
    "output",
    "text",
    "view",
    "xlsx_bytes",
]


_BUILDERS = {"pickup": pickups, "transfer": transfers, "receipt": receipts}


def build(actor: Actor, kind: str, start: str, end: str) -> Register:
    """The register `kind` of the actor's depot for the range typed (see `dates`); the figures
    of a clerk are his own."""
    if kind not in KINDS:
        raise ServiceError("error.register_kind", field="kind")
    first, last = dates(start, end, clock.now().date())
    depot = Depot.get_by_id(actor.depot_id)
    if kind in ("summary", "ledger") and not actor.is_supervisor:  # the supervisor's, the accountant's
        raise PermissionDenied("error.permission", action=kind, role_key=f"role.{actor.role.value}")
    if kind == "ledger":  # an admin's covers every depot
        columns, rows, total = ledger(None if actor.role == Role.ADMIN else depot, first, last)
    elif kind == "summary":  # the month's work summary is the supervisor's (SOP 004)
        columns, rows, total = summary(depot, first, last, clock.now())
    elif kind == "statements":  # every statement of the range, for the accountant's XLSX
        columns, rows, total = statement_book(depot, first, last)
    elif kind == "money":  # the day's money (日结): a clerk's is what he took and gave back
        columns, rows, total = day_money(depot, first, last, None if actor.is_supervisor else actor.user_id)
    elif kind == "figures":  # a clerk's are his own waybills and quotes only
        columns, rows, total = figures(depot, first, last, None if actor.is_supervisor else actor.user_id)
    else:
        columns, rows, total = _BUILDERS[kind](depot, first, last)
    return Register(kind, depot.name, depot.code, first, last, columns, rows, total)


def _whole(cell: Cell) -> str:
    """A cell in an exported file: every value whole."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return f"{cell:%Y-%m-%d %H:%M}"
    if isinstance(cell, Decimal):
        return f"{cell:.2f}"
    return str(cell)


def _short(cell: Cell, width: int) -> str:
    """A cell on paper: a time as 11-23 09:30 (a date alone where the column is narrow)."""
    if isinstance(cell, dt.datetime):
        return f"{cell:%m-%d %H:%M}" if width >= 12 else f"{cell:%m-%d}"
    return _whole(cell)


def _paper(cell: Cell, width: int) -> str:
    """A cell in its printed column: numbers to the right (so the sums can be checked by eye)."""
    if isinstance(cell, int | Decimal):
        return _whole(cell).rjust(width - 1) + " "
    return printing.column(_short(cell, width), width)


def text(register: Register, printed_by: str, at: dt.datetime) -> str:
    """80 columns: the title, the headings, a rule, a line per row, a rule, the totals."""
    rule = "-" * printing.WIDTH
    lines = [
        printing.center(register.title),
        "",
        "".join(printing.column(c.heading, c.width) for c in register.columns).rstrip(),
        rule,
    ]
    for row in register.rows:
        lines.append(
            "".join(_paper(cell, c.width) for cell, c in zip(row, register.columns, strict=True)).rstrip()
        )
    if not register.rows:
        lines.append("（无）")
    lines += [rule, register.total, f"打印 {at:%Y-%m-%d %H:%M} {printed_by}"]
    return "\n".join(lines) + "\n"


def csv_text(register: Register) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.file_heading for c in register.columns])
    writer.writerows([_whole(cell) for cell in row] for row in register.rows)
    return out.getvalue()


def xlsx_bytes(register: Register) -> bytes:
    """The register as one worksheet: a title row, the headings, the rows (numbers as numbers,
    times as Excel times), the totals line."""
    import xlsxwriter  # only where a spreadsheet is asked for

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(TITLES[register.kind])
    bold = book.add_format({"bold": True})
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    money = book.add_format({"num_format": "0.00"})
    sheet.write(0, 0, register.title, bold)
    for col, column in enumerate(register.columns):
        sheet.write(1, col, column.file_heading, bold)
        sheet.set_column(col, col, max(8, column.width + 2))
    for r, row in enumerate(register.rows, start=2):
        for col, cell in enumerate(row):
            if isinstance(cell, dt.datetime):
                sheet.write_datetime(r, col, cell, when)
            elif isinstance(cell, Decimal):
                sheet.write_number(r, col, float(cell), money)
            elif isinstance(cell, int):
                sheet.write_number(r, col, cell)
            else:
                sheet.write_string(r, col, _whole(cell))
    sheet.write(len(register.rows) + 2, 0, register.total)
    book.close()
    return out.getvalue()


def view(actor: Actor, kind: str, start: str, end: str) -> str:
    """The register as it would print, to read on screen (nothing printed or written)."""
    return text(build(actor, kind, start, end), actor.name, clock.now())


def output(actor: Actor, kind: str, start: str, end: str, fmt: str, outbox: Path) -> printing.Printed:
    """Print the register (the print command, default the outbox) or write it to the outbox as
    a CSV or XLSX file. Reading registers writes nothing to the database."""
    if fmt not in FORMATS or fmt == "screen":  # the screen is `view`'s
        raise ServiceError("error.register_format", field="format")
    register = build(actor, kind, start, end)
    if fmt == "print":
        return printing.deliver(
            outbox, register.file_name("txt"), text(register, actor.name, clock.now()), actor.depot_id
        )
    data = csv_text(register).encode("utf-8-sig") if fmt == "csv" else xlsx_bytes(register)
    return printing.store(outbox, register.file_name(fmt), data)
