"""The month's work summary (工作小结 and KPI, SOP 004; issue 23, part 7), for the supervisor:
exceptions by kind with the money decided, the time from found to seen by a supervisor and to
resolved, goods sent from here by class and how many arrived late, and the customer-service log
answered on time. One row per figure, so it prints, exports and reads like the registers."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import Decimal

from ...codes import ExceptionKind
from ...models import Depot, Enquiry, LateCall, OperationException, Waybill
from .parts import Cell, Column, between

_KIND_ZH = {
    "over": "多件",
    "short": "少件",
    "damaged": "破损",
    "late": "延误",
    "rule_break": "违规",
    "complaint": "投诉",
    "lost": "丢失",
    "misrouted": "错发",
    "other": "其他",
}


def _minutes(pairs: list[tuple[dt.datetime, dt.datetime | None]]) -> int | None:
    """The median of the spans in whole minutes (None when there are none)."""
    spans = [(b - a).total_seconds() / 60 for a, b in pairs if a and b]
    return round(statistics.median(spans)) if spans else None


def _exceptions(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[list[Cell]], int]:
    rows: list[list[Cell]] = []
    found = list(
        OperationException.select().where(
            (OperationException.depot == depot.id) & between(OperationException.found_at, start, end)
        )
    )
    for kind in ExceptionKind:
        these = [x for x in found if x.kind == kind]
        if not these:
            continue
        resolved = [x for x in these if x.resolved_at is not None]
        money = sum((Decimal(x.compensation) + Decimal(x.charges) for x in resolved), Decimal("0.00"))
        rows.append(
            [
                f"异常·{_KIND_ZH[kind]}",
                len(these),
                f"已处理 {len(resolved)}，未结 {len(these) - len(resolved)}，赔付及费用 {money:.2f} 元",
            ]
        )
    grave = [x for x in found if x.severity in ("major", "urgent")]
    seen = _minutes([(x.found_at, x.seen_at) for x in grave if x.seen_at])
    in_five = sum(1 for x in grave if x.seen_at and (x.seen_at - x.found_at) <= dt.timedelta(minutes=5))
    rows.append(
        ["上报用时（中位，分钟）", seen, f"重大及紧急 {len(grave)} 条，5 分钟内主管已阅 {in_five} 条"]
    )
    resolved_all = [x for x in found if x.resolved_at is not None]
    hours = _minutes([(x.found_at, x.resolved_at) for x in resolved_all])
    rows.append(
        [
            "处理用时（中位，小时）",
            None if hours is None else round(hours / 60),
            f"已处理 {len(resolved_all)} 条",
        ]
    )
    return rows, len(found)


def _late_goods(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[list[Cell]], int]:
    rows: list[list[Cell]] = []
    arrived = list(
        Waybill.select(Waybill.cargo_class, Waybill.arrived_on_time).where(
            (Waybill.origin_depot == depot.id) & between(Waybill.arrived_at, start, end)
        )
    )
    late_total = 0
    for cls in ("A", "B", "C"):
        these = [w for w in arrived if (w.cargo_class or "B") == cls]
        late = sum(1 for w in these if w.arrived_on_time is False)
        late_total += late
        rows.append([f"晚到·{cls}类", late, f"本站发出已到 {len(these)} 票，准时 {len(these) - late} 票"])
    calls = LateCall.select().where((LateCall.depot == depot.id) & between(LateCall.at, start, end)).count()
    rows.append(["晚到告知电话", calls, "告知发货人或收货人"])
    return rows, late_total


def _log(depot: Depot, start: dt.date, end: dt.date, now: dt.datetime) -> tuple[list[list[Cell]], int]:
    rows: list[list[Cell]] = []
    lines = list(Enquiry.select().where((Enquiry.depot == depot.id) & between(Enquiry.taken_at, start, end)))
    for kind, name in (("enquiry", "咨询"), ("complaint", "投诉")):
        these = [e for e in lines if e.kind == kind]
        on_time = sum(1 for e in these if e.answered_at is not None and e.answered_at <= e.promised_at)
        overdue = sum(1 for e in these if e.answered_at is None and e.promised_at < now)
        rows.append([name, len(these), f"按时答复 {on_time}，逾期未答 {overdue}"])
    return rows, len(lines)


def summary(
    depot: Depot, start: dt.date, end: dt.date, now: dt.datetime
) -> tuple[list[Column], list[list[Cell]], str]:
    """The figures of the range for the depot, one per row."""
    exceptions, found = _exceptions(depot, start, end)
    goods, late = _late_goods(depot, start, end)
    log, logged = _log(depot, start, end, now)
    columns = [Column("项目", 24), Column("数", 8), Column("说明", 48)]
    total = f"异常 {found} 条，晚到 {late} 票，客服记录 {logged} 条"
    return columns, [*exceptions, *goods, *log], total
