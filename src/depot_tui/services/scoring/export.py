"""A month's scores exported as XLSX or CSV: one row per clerk, then one per event."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from ...models import Role, User
from .. import depots, printing
from ..actor import Actor, requires
from ..errors import ServiceError
from .lists import events
from .month import month_table


@requires(Role.SUPERVISOR, Role.ADMIN)
def export(actor: Actor, month: str, fmt: str, outbox: Path, language: str = "zh") -> printing.Printed:
    """The month as a file in the outbox, for payroll: one row per clerk (score, grade,
    deductions, lateness, bonuses, money within the cap, whether a new clerk's pay is fixed),
    then one row per event with its rule, points,
    status and reason. CSV (UTF-8 with BOM, for Excel) or XLSX (XlsxWriter)."""
    if fmt not in ("csv", "xlsx"):
        raise ServiceError("error.register_format", field="format")
    table = month_table(actor, month)
    name_of = "rule_zh" if language == "zh" else "rule_en"
    heads = (
        [
            "工号",
            "姓名",
            "总分",
            "等级",
            "扣分",
            "迟到累计",
            "迟到扣分",
            "加分",
            "加分项",
            "金额",
            "负责金额",
            "待定",
            "申诉",
            "入职不浮动",
        ]
        if language == "zh"
        else [
            "user",
            "name",
            "total",
            "grade",
            "deductions",
            "late times",
            "lateness",
            "bonus",
            "bonuses",
            "money",
            "liable",
            "pending",
            "appeals",
            "new, pay fixed",
        ]
    )
    users = {u.id: u.username for u in User.select(User.id, User.username)}
    rows: list[list[object]] = [heads]
    for line in table:
        rows.append(
            [
                users.get(line.user_id, ""),
                line.name,
                line.total,
                line.grade,
                line.deductions,
                line.late_count,
                line.lateness,
                line.bonus,
                " ".join(line.bonuses),
                line.money,
                line.liable,
                line.pending,
                line.appeals,
                ("是" if language == "zh" else "yes") if line.probation else "",
            ]
        )
    rows.append([])
    rows.append(
        ["姓名", "日期", "细则", "内容", "分", "负责金额", "状态", "运单", "车次", "说明", "处理", "申诉"]
        if language == "zh"
        else [
            "name",
            "day",
            "rule",
            "what",
            "points",
            "liable",
            "status",
            "waybill",
            "run",
            "note",
            "decision",
            "appeal",
        ]
    )
    for line in table:
        for e in events(actor, line.user_id, month):
            rows.append(
                [
                    e.user_name,
                    e.occurred_at,
                    e.code,
                    getattr(e, name_of),
                    e.points,
                    e.liable,
                    e.status,
                    e.waybill,
                    e.manifest,
                    e.note,
                    e.decision_reason,
                    e.appeal_status,
                ]
            )
    depot = depots.codes().get(actor.depot_id, "")
    name = f"score-{depot}-{month}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in rows:
            writer.writerow(
                ["" if c is None else f"{c:%Y-%m-%d %H:%M}" if isinstance(c, dt.datetime) else c for c in row]
            )
        return printing.store(outbox, name, out.getvalue().encode("utf-8-sig"))
    import xlsxwriter  # only where a spreadsheet is asked for

    data = io.BytesIO()
    book = xlsxwriter.Workbook(data, {"in_memory": True})
    sheet = book.add_worksheet(month)
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    bold = book.add_format({"bold": True})
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, dt.datetime):
                sheet.write_datetime(r, c, cell, when)
            elif isinstance(cell, Decimal):
                sheet.write_number(r, c, float(cell))
            elif isinstance(cell, int):
                sheet.write_number(r, c, cell)
            else:
                sheet.write(r, c, "" if cell is None else str(cell), bold if r == 0 else None)
    book.close()
    return printing.store(outbox, name, data.getvalue())
