"""The counter's registers (R-2.17) for a date range: pickup (提货登记), transfer (中转登记) and
return receipt (回单登记). Printed as 80-column text like the slip, or exported as CSV (UTF-8
with a byte-order mark, so Excel opens the Chinese right) or XLSX (through XlsxWriter).

A register is built once from the database (`build`) and every output is rendered from that one
build, so the paper, the CSV and the XLSX cannot disagree with each other. Printed columns are
cut to fit 80 columns; the exported files carry every value whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..models import Depot, Partner, Pickup, ReturnReceipt, Transfer, User, Waybill
from . import checks, clock, depots, printing
from .actor import Actor
from .errors import ServiceError
from .pickup import collected_at_pickup

KINDS = ("pickup", "transfer", "receipt")
FORMATS = ("print", "csv", "xlsx")
MAX_DAYS = 366
_TITLES = {"pickup": "提货登记", "transfer": "中转登记", "receipt": "回单登记"}
_STATES = {"unsigned": "未签收", "signed": "已签收", "returned": "已返回", "handed": "已交付"}

Cell = str | int | Decimal | dt.datetime | None


@dataclass(frozen=True)
class Column:
    heading: str  # on paper (blank: the column goes on under the heading before it)
    width: int  # cells on paper, the gap included
    whole: str = ""  # the heading in an exported file, when not the same

    @property
    def file_heading(self) -> str:
        return self.whole or self.heading


@dataclass(frozen=True)
class Register:
    kind: str
    depot: str  # the depot's name
    depot_code: str
    start: dt.date
    end: dt.date
    columns: list[Column]
    rows: list[list[Cell]]
    total: str  # the closing line: counts and sums

    @property
    def title(self) -> str:
        return f"{self.depot} {_TITLES[self.kind]} {self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"

    def file_name(self, suffix: str) -> str:
        return f"register-{self.kind}-{self.depot_code}-{self.start:%Y%m%d}-{self.end:%Y%m%d}.{suffix}"


def dates(start: str, end: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The range typed: blank start is the first of this month, blank end today."""
    first = checks.day(start, "start", today) if checks.normal(start) else today.replace(day=1)
    last = checks.day(end, "end", today)
    if last < first:
        raise ServiceError("error.range_order", field="end")
    if (last - first).days >= MAX_DAYS:
        raise ServiceError("error.range_long", field="end", days=MAX_DAYS)
    return first, last


def _between(field, start: dt.date, end: dt.date):  # noqa: ANN001, ANN202 - Peewee expressions
    return (field >= dt.datetime.combine(start, dt.time())) & (
        field < dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    )


def _pickups(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """Who took what: the ID number and signature of each pickup here (fault 17 is their
    absence), pieces, and collect-freight taken with it."""
    names = depots.user_names()
    rows: list[list[Cell]] = []
    for p in (
        Pickup.select(Pickup, Waybill)
        .join(Waybill)
        .where((Waybill.dest_depot == depot.id) & _between(Pickup.at, start, end))
        .order_by(Pickup.at, Pickup.id)
    ):
        rows.append(
            [
                p.at,
                p.waybill.number,
                p.pieces,
                p.collector_name,
                p.collector_id_number,
                p.signature_name,
                collected_at_pickup(p),
                names[p.by_id],
            ]
        )
    columns = [
        Column("时间", 12),
        Column("运单号", 14),
        Column("件数", 5),
        Column("提货人", 9),
        Column("身份证号", 19),
        Column("签名", 8),
        Column("提付", 8),
        Column("经办", 5),
    ]
    money = sum((r[6] for r in rows), Decimal("0.00"))
    total = f"共 {len(rows)} 次提货，{sum(r[2] for r in rows)} 件，提付合计 {money:.2f} 元"
    return columns, rows, total


def _transfers(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """Goods handed to partner lines from here: partner, their number, fee, rebate."""
    names = depots.user_names()
    partners = {p.id: p.name for p in Partner.select(Partner.id, Partner.name)}
    rows: list[list[Cell]] = []
    for t in (
        Transfer.select(Transfer, Waybill)
        .join(Waybill)
        .switch(Transfer)
        .join(User)
        .where((User.depot == depot.id) & _between(Transfer.at, start, end))
        .order_by(Transfer.at, Transfer.id)
    ):
        rows.append(
            [
                t.at,
                t.waybill.number,
                t.pieces,
                partners[t.partner_id],
                t.partner_waybill_number,
                Decimal(str(t.fee)),
                Decimal(str(t.rebate)),
                names[t.by_id],
            ]
        )
    columns = [
        Column("时间", 12),
        Column("运单号", 14),
        Column("件数", 5),
        Column("中转公司", 13),
        Column("对方单号", 14),
        Column("中转费", 8),
        Column("回扣", 8),
        Column("经办", 6),
    ]
    fees = sum((r[5] for r in rows), Decimal("0.00"))
    rebates = sum((r[6] for r in rows), Decimal("0.00"))
    total = f"共 {len(rows)} 票，中转费合计 {fees:.2f} 元，回扣合计 {rebates:.2f} 元"
    return columns, rows, total


def _receipts(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """Receipts of waybills issued here or bound here, issued in the range or with a step taken
    in it: their state and who took each step when."""
    names = depots.user_names()
    codes = depots.codes()
    touched = (
        _between(Waybill.issued_at, start, end)
        | _between(ReturnReceipt.signed_at, start, end)
        | _between(ReturnReceipt.returned_at, start, end)
        | _between(ReturnReceipt.handed_at, start, end)
    )
    rows: list[list[Cell]] = []
    for r in (
        ReturnReceipt.select(ReturnReceipt, Waybill)
        .join(Waybill)
        .where(((Waybill.origin_depot == depot.id) | (Waybill.dest_depot == depot.id)) & touched)
        .order_by(Waybill.issued_at, Waybill.number)
    ):
        w = r.waybill
        route = f"{codes[w.origin_depot_id]}→{codes.get(w.dest_depot_id, '')}"
        rows.append(
            [
                w.number,
                route,
                r.copies,
                _STATES[r.status],
                r.signed_at,
                names.get(r.signed_by_id, ""),
                r.returned_at,
                names.get(r.returned_by_id, ""),
                r.handed_at,
                names.get(r.handed_by_id, ""),
                r.handed_to,
            ]
        )
    columns = [
        Column("运单号", 14),
        Column("线路", 6),
        Column("份", 3),
        Column("状态", 7),
        Column("签收", 6, "签收时间"),
        Column("", 7, "签收经办"),
        Column("返回", 6, "返回时间"),
        Column("", 7, "返回经办"),
        Column("交付", 6, "交付时间"),
        Column("", 7, "交付经办"),
        Column("交给", 9),
    ]
    counts = {state: sum(1 for r in rows if r[3] == name) for state, name in _STATES.items()}
    total = f"共 {len(rows)} 票：" + "，".join(f"{_STATES[s]} {n}" for s, n in counts.items())
    return columns, rows, total


_BUILDERS = {"pickup": _pickups, "transfer": _transfers, "receipt": _receipts}


def build(actor: Actor, kind: str, start: str, end: str) -> Register:
    """The register `kind` of the actor's depot for the range typed (see `dates`)."""
    if kind not in KINDS:
        raise ServiceError("error.register_kind", field="kind")
    first, last = dates(start, end, clock.now().date())
    depot = Depot.get_by_id(actor.depot_id)
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
    sheet = book.add_worksheet(_TITLES[register.kind])
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


def output(actor: Actor, kind: str, start: str, end: str, fmt: str, outbox: Path) -> printing.Printed:
    """Print the register (the print command, default the outbox) or write it to the outbox as
    a CSV or XLSX file. Reading registers writes nothing to the database."""
    if fmt not in FORMATS:
        raise ServiceError("error.register_format", field="format")
    register = build(actor, kind, start, end)
    if fmt == "print":
        return printing.deliver(
            outbox, register.file_name("txt"), text(register, actor.name, clock.now()), actor.depot_id
        )
    data = csv_text(register).encode("utf-8-sig") if fmt == "csv" else xlsx_bytes(register)
    return printing.store(outbox, register.file_name(fmt), data)
