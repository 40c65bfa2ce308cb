"""Pre-printed forms (套打): the waybill's values printed into the boxes of a multi-part form the
depot buys printed, instead of the ruled slip on plain paper.

A layout is the admin's, in the server's config file, one per form the depot uses:

    [forms.three_part]          # the form's name, which the setting print.slip_form names
    size = [96, 33]             # columns and lines of one form (the printer's 10 cpi / 6 lpi)
    number = [3, 70]            # line, column (from 1) where the value starts
    consignee_address = [9, 14, 40]   # a third number: the box's width, the value cut to it
    total_capital = [20, 14, 30]

Widths count cells as the printer does (a Chinese character is two); a value is cut, never
wrapped, so it can only spill into the next box by the width the admin gave. Each form ends
with a form feed, so the tractor feed stops at the next form.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rich.cells import cell_len

#: What a form may hold, with what the admin reads it as.
FIELDS: dict[str, str] = {
    "number": "运单号",
    "date": "开单日期",
    "origin": "始发站",
    "origin_phone": "始发站电话",
    "destination": "到站（省市县）",
    "station": "到站站点",
    "shipper_name": "发货人",
    "shipper_phone": "发货人电话",
    "consignee_name": "收货人",
    "consignee_phone": "收货人电话",
    "consignee_address": "送货地址",
    "goods": "货名",
    "pieces": "件数",
    "packaging": "包装",
    "weight": "重量 kg",
    "volume": "体积 m³",
    "declared_value": "保价金额",
    "insurance_fee": "保费",
    "freight": "运费",
    "delivery_fee": "送货费",
    "upstairs_fee": "上楼费",
    "transfer_fee": "中转费",
    "total": "合计（小写）",
    "total_capital": "合计（大写）",
    "payment": "付款方式",
    "delivery": "交货方式",
    "receipt": "回单",
    "remarks": "备注",
    "clerk": "开单员",
}


@dataclass(frozen=True)
class FormLayout:
    name: str
    columns: int
    lines: int
    fields: dict[str, tuple[int, int, int]]  # line, column (from 1), width in cells


def parse_layout(name: str, table: object) -> FormLayout:
    """The config file's [forms.NAME], or ValueError saying what is wrong with it."""
    if not isinstance(table, dict):
        raise ValueError(f"[forms.{name}] is not a table")
    size = table.get("size")
    if not (
        isinstance(size, list) and len(size) == 2 and all(isinstance(n, int) and 0 < n <= 250 for n in size)
    ):
        raise ValueError(f"[forms.{name}] needs size = [columns, lines]")
    columns, lines = size
    fields: dict[str, tuple[int, int, int]] = {}
    for field, place in table.items():
        if field == "size":
            continue
        if field not in FIELDS:
            raise ValueError(f"[forms.{name}] {field}: no such field (one of {', '.join(FIELDS)})")
        if not (isinstance(place, list) and len(place) in (2, 3) and all(isinstance(n, int) for n in place)):
            raise ValueError(f"[forms.{name}] {field} = [line, column] or [line, column, width]")
        line, column = place[0], place[1]
        width = place[2] if len(place) == 3 else columns - column + 1
        if not (1 <= line <= lines and 1 <= column <= columns and 1 <= width <= columns - column + 1):
            raise ValueError(f"[forms.{name}] {field} = {place}: outside the form's {columns} x {lines}")
        fields[field] = (line, column, width)
    return FormLayout(name, columns, lines, fields)


def render(layout: FormLayout, values: dict[str, str]) -> str:
    """One form: each value in its box, cut to the box's width in cells; a form feed after it."""
    grid = [[" "] * layout.columns for _ in range(layout.lines)]
    for field, (line, column, width) in layout.fields.items():
        text = _cut(values.get(field, ""), width)
        row, at = grid[line - 1], column - 1
        for ch in text:
            wide = cell_len(ch)
            if at + wide > layout.columns:
                break
            row[at] = ch
            if wide == 2:
                row[at + 1] = ""  # the second cell of a wide character
            at += wide
    return "\r\n".join("".join(row).rstrip() for row in grid) + "\r\n\f"


def _cut(text: str, width: int) -> str:
    out, used = "", 0
    for ch in " ".join(text.split()):  # a box is one line: newlines and runs of spaces as one
        used += cell_len(ch)
        if used > width:
            break
        out += ch
    return out


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_GROUPS = ["", "万", "亿"]


def capital_yuan(amount: Decimal) -> str:
    """An amount as the 大写 box of a Chinese form writes it: 197.00 → 壹佰玖拾柒元整,
    1005.50 → 壹仟零伍元伍角整, 2.05 → 贰元零伍分, 0.07 → 柒分."""
    cents = int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if cents < 0:
        return "负" + capital_yuan(-amount)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    words = _integer(yuan) + "元" if yuan else ""
    if jiao:
        words += _DIGITS[jiao] + "角"
    elif fen and yuan:
        words += "零"
    if fen:
        words += _DIGITS[fen] + "分"
    return words + ("整" if not fen else "") if words else "零元整"


def _integer(number: int) -> str:
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    out = ""
    zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if zero or (out and group < 1000):
            out += "零"
        out += _group(group) + _GROUPS[index]
        zero = False
    return out


def _group(number: int) -> str:
    out, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _UNITS[position]
    return out
