"""A price table in and out of the spreadsheet depots already keep: XLSX or CSV, one row per
destination, headed in Chinese or English.

The import is all or nothing: every row is checked (as the form checks a line, then against the
stored table), every refused row is named with its spreadsheet row number and reason, and
nothing is applied until the whole file is good. A CSV is read as UTF-8, else as GB18030 (what
Excel on a Chinese Windows saves "CSV" as).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ...models import Place, Role, database_proxy
from .. import clock, printing
from ..actor import Actor, requires
from ..errors import FormError, ServiceError
from .change import Applied, _depot, _write, conflicts
from .lines import Line, LineForm, checked_line, depot_for, table_on

MAX_ROWS = 20000

#: The file's columns: the field each fills, and the headings it is known by (the first in
#: each language is what an export writes).
COLUMNS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("code", "代码", "code", ("行政区划代码", "地区代码", "区划代码")),
    ("destination", "到站", "destination", ("目的地", "地区", "到达地")),
    ("per_kg", "元/公斤", "per kg", ("每公斤", "重货", "重货价", "per_kg")),
    ("per_m3", "元/立方", "per m3", ("每立方", "轻货", "轻货价", "per_m3", "per m³")),
    ("min_charge", "最低收费", "minimum", ("最低一票", "最低", "min_charge")),
    ("delivery_fee", "送货费", "delivery", ("delivery_fee",)),
    ("upstairs_fee", "上楼费", "upstairs", ("upstairs_fee",)),
    ("weight_breaks", "重量段", "weight bands", ("weight_breaks",)),
    ("from_day", "生效日期", "from", ("起始日期", "valid_from", "from_day")),
]


def _key(text: str) -> str:
    return "".join(str(text).split()).lower()


HEADINGS = {_key(h): name for name, zh, en, more in COLUMNS for h in (zh, en, *more)}


class ImportRefused(ServiceError):
    """The file is not applied: `rows` names each refused row (spreadsheet row number, error)."""

    def __init__(self, rows: list[tuple[int, ServiceError]]) -> None:
        super().__init__("error.import_refused", field="path", count=len(rows))
        self.rows = rows


@dataclass(frozen=True)
class Imported:
    path: Path
    applied: Applied


def resolve(path_text: str, outbox: Path) -> Path:
    """The file a person named: a name alone is looked for in the outbox, where an export
    writes the table to be edited and brought back."""
    text = path_text.strip()
    if not text:
        raise ServiceError("error.required", field="path")
    path = Path(text).expanduser()
    return path if path.is_absolute() else outbox / path


def cells_of(path: Path) -> list[list[str]]:
    """An XLSX (first sheet) or CSV (UTF-8 or GB18030) file as rows of text, as typed; refused
    at the path field when it is missing, of another kind or empty."""
    if not path.is_file():
        raise ServiceError("error.import_no_file", field="path", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx(path)
    elif suffix in (".csv", ".txt"):
        table = _csv(path)
    else:
        raise ServiceError("error.import_format", field="path")
    if not table:
        raise ServiceError("error.import_empty", field="path")
    return table


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as (spreadsheet row number, field -> text), blank rows left out."""
    table = cells_of(path)
    heads = [HEADINGS.get(_key(cell)) for cell in table[0]]
    if "destination" not in heads and "code" not in heads:
        raise ServiceError("error.import_heads", field="path", heads=" / ".join(h for _, h, _, _ in COLUMNS))
    if len(table) - 1 > MAX_ROWS:
        raise ServiceError("error.import_too_big", field="path", most=MAX_ROWS)
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        row = {head: cell.strip() for head, cell in zip(heads, cells, strict=False) if head}
        if any(row.values()):
            rows.append((number, row))
    return rows


def _cell(value: object) -> str:
    """A spreadsheet cell as the text a person typed: 440111 not 440111.0, a date as a day."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _xlsx(path: Path) -> list[list[str]]:
    import openpyxl  # only where a spreadsheet is read

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or mislabelled file: openpyxl raises many kinds
        raise ServiceError("error.import_unreadable", field="path", detail=str(exc)[:80]) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover (gb18030 decodes any byte string it is given... almost)
        raise ServiceError("error.import_unreadable", field="path", detail="encoding")
    return [row for row in csv.reader(io.StringIO(text))]


def checked_rows(
    rows: list[tuple[int, dict[str, str]]], today: dt.date, default_day: str
) -> tuple[list[Line], list[int], list[tuple[int, ServiceError]]]:
    """Every row checked as the form checks a line: the good lines with their row numbers, and
    each refused row with its first error (a destination given twice is refused the second
    time)."""
    places = {p.code: p for p in Place.select()}
    lines: list[Line] = []
    numbers: list[int] = []
    refused: list[tuple[int, ServiceError]] = []
    seen: dict[str, int] = {}
    for number, row in rows:
        form = LineForm(
            destination=row.get("code") or row.get("destination", ""),
            **{
                k: row.get(k, "")
                for k in LineForm.__dataclass_fields__
                if k not in ("destination", "from_day")
            },
            from_day=row.get("from_day") or default_day,
        )
        try:
            line = checked_line(form, today, places)
        except FormError as exc:
            refused.append((number, exc.errors[0]))
            continue
        name = row.get("destination", "")
        if row.get("code") and name and name != line.place.name:
            refused.append(
                (
                    number,
                    ServiceError(
                        "error.import_code_name", field="code", code=line.place.code, name=line.place.name
                    ),
                )
            )
        elif line.place.code in seen:
            refused.append(
                (number, ServiceError("error.import_twice", field="destination", row=seen[line.place.code]))
            )
        else:
            seen[line.place.code] = number
            lines.append(line)
            numbers.append(number)
    return lines, numbers, refused


@requires(Role.SUPERVISOR, Role.ADMIN)
def import_table(
    actor: Actor, path_text: str, outbox: Path, default_day: str = "", depot_code: str | None = None
) -> Imported:
    """Apply a price-table file to the depot's table, whole or not at all (ImportRefused)."""
    depot = _depot(actor, depot_code)
    path = resolve(path_text, outbox)
    rows = read_rows(path)
    if not rows:
        raise ServiceError("error.import_empty", field="path")
    lines, numbers, refused = checked_rows(rows, clock.now().date(), default_day)
    with database_proxy.atomic():
        refused += [(numbers[index], exc) for index, exc in conflicts(depot, lines)]
        if refused:
            raise ImportRefused(sorted(refused, key=lambda item: item[0]))
        applied = _write(actor, depot, lines, "price.import", reason=path.name)
    return Imported(path, applied)


def export_table(
    actor: Actor, fmt: str, outbox: Path, language: str = "zh", depot_code: str | None = None
) -> printing.Printed:
    """Today's table as a file in the outbox, in the layout the import reads back."""
    if fmt not in ("csv", "xlsx"):
        raise ServiceError("error.register_format", field="format")
    lines = table_on(actor, depot_code=depot_code)
    heads = [zh if language == "zh" else en for _, zh, en, _ in COLUMNS]
    body: list[list[object]] = [
        [
            line.place_code,
            line.place_name,
            line.per_kg,
            line.per_m3,
            line.min_charge,
            line.delivery_fee,
            line.upstairs_fee,
            line.breaks_text,
            f"{line.valid_from:%Y-%m-%d}",
        ]
        for line in lines
    ]
    name = f"price-table-{depot_for(actor, depot_code).code}-{clock.now():%Y%m%d-%H%M%S}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows([heads, *body])
        return printing.store(outbox, name, ("\ufeff" + out.getvalue()).encode("utf-8"))
    return printing.store(outbox, name, _xlsx_bytes(heads, body))


def _xlsx_bytes(heads: list[str], body: list[list[object]]) -> bytes:
    """Rates as numbers (a person edits them as numbers); codes, bands and days as text (a code
    keeps its digits, a day is not turned into a serial number)."""
    import xlsxwriter  # only where a spreadsheet is asked for

    data = io.BytesIO()
    book = xlsxwriter.Workbook(data, {"in_memory": True})
    sheet = book.add_worksheet()
    text = book.add_format({"num_format": "@"})
    for col, head in enumerate(heads):
        sheet.write_string(0, col, head)
    for row, cells in enumerate(body, start=1):
        for col, value in enumerate(cells):
            if isinstance(value, Decimal):
                sheet.write_number(row, col, float(value))
            else:
                sheet.write_string(row, col, str(value), text)
    sheet.set_column(1, 1, 14)
    sheet.set_column(7, 8, 14)
    book.close()
    return data.getvalue()
