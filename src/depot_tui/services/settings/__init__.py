"""Business settings the company changes (rates, limits, shift rules), stored as data.

A setting is looked up for a depot first, then company-wide, then in DEFAULTS below. One that
money depends on (values.SPECS: insurance, the score's money and grades) changes from a day
on: what was reckoned before keeps its value. The back office (F12, 设置) lists them with
their meaning, and an admin changes them as typed (values.parse).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ...models import Role, Setting, database_proxy
from .. import audit, checks, clock, depots
from ..actor import Actor, requires
from ..errors import ServiceError
from .values import SPECS, parse, show

DEFAULTS: dict[str, Any] = {
    # insurance fee 3 per mille of declared value, rounded up to a whole yuan.
    "insurance.rate": "0.003",
    "insurance.rounding": "up_yuan",
    # Login: this many wrong passwords in a row lock the account for this many minutes.
    "auth.max_failures": 5,
    "auth.lock_minutes": 15,
    "auth.min_password_length": 8,
    # Printing (services/printing): each printer is "outbox" (files only) or the name of a
    # printer in the server's config file ([printers]), never a command.
    "print.command": "outbox",
    # Documents' encoding: gb18030 for the Chinese dot-matrix printers at counters.
    "print.encoding": "utf-8",
    "print.label_printer": "outbox",
    # The slip: "ruled" (the app's own on plain paper) or a pre-printed form of the config
    # file's [forms] (套打).
    "print.slip_form": "ruled",
    # The label printer's language: zpl (Zebra and emulations) or tspl (TSC, Gprinter, Xprinter).
    "print.label_language": "zpl",
    # The printer font for Chinese on ZPL labels (a font stored on the label printer).
    "print.label_font": "E:SIMSUN.TTF",
    # a clerk may issue from this many minutes before their shift until this many after.
    "issue.grace_minutes": 60,
    # a gap between a clerk's sessions inside a shift this long or longer is proposed as
    # leaving the post (a re-login, a dropped link put right at once, is not).
    "attendance.away_minutes": 15,
    # waybills a clerk enters in the real-name app each day ("每天至少5条以上"; fault 21).
    "upload.daily_quota": 5,
    # Consignee must be notified within this many hours of arrival (fault 15).
    "notify.deadline_hours": 24,
    # Tracking (SOP 004 ch.2): goods declared at this value or more are class A ("贵重物品");
    # class A goods not on a truck this many hours after issue are late at departure.
    "tracking.valuable": "5000",
    "tracking.depart_hours": 12,
    # R-5.9 "重量、体积错误超出10%扣1分/票": a re-weigh more than this far off (per cent) proposes
    # fault 9 against the clerk who issued the waybill.
    "reweigh.threshold_percent": 10,
    # The customer-service log: an answer is promised within this many hours unless the clerk
    # promises another time.
    "service.answer_hours": 2,
    # Return receipts: a step is overdue this many days after the one before it (goods handed
    # over -> signed -> returned to the origin depot -> handed to the shipper).
    "receipt.sign_days": 1,
    "receipt.return_days": 7,
    "receipt.hand_days": 3,
    # Score (R-5): bands are lower bounds checked top down, ">" strictly above ("考核分>90,
    # 绩效为a": 90 is B; "80-90 B" ... "60-65 E" include their floor).
    "score.grades": [[90, "A", ">"], [80, "B"], [70, "C"], [65, "D"], [60, "E"], [0, "F"]],
    # Money: "当月实发工资等于100分" (100 is the full wage); a peer scheme moves pay 10 yuan a
    # point "浮动范围为±300元", and "前二个月只评考核分,不浮动工资".
    "score.money_per_point": "10",
    "score.money_base": 100,
    "score.money_cap": "300",
    "score.probation_months": 2,
}


def _rows(key: str, depot_id: int | None, day: dt.date) -> list[Setting]:
    """The stored values of `key` for the depot and company-wide in force on `day`: the
    depot's first, then the latest day first."""
    rows = Setting.select().where(
        (Setting.key == key)
        & ((Setting.depot == depot_id) | Setting.depot.is_null())
        & (Setting.valid_from.is_null() | (Setting.valid_from <= day))
    )
    return sorted(rows, key=lambda r: (r.depot_id is None, -(r.valid_from or dt.date.min).toordinal()))


def get(key: str, depot_id: int | None = None, day: dt.date | None = None) -> Any:
    """The value in force for the depot on `day` (today)."""
    rows = _rows(key, depot_id, day or clock.now().date())
    if rows:
        return json.loads(rows[0].value)
    if key not in DEFAULTS:
        raise KeyError(key)
    return DEFAULTS[key]


@requires(Role.ADMIN)
def put(
    actor: Actor, key: str, text: str, *, depot_id: int | None = None, from_day: str = "", reason: str = ""
) -> Any:
    """Change a setting for one depot (or company-wide, with depot_id None), as typed; audited
    old -> new. A setting money depends on changes from `from_day` on (today at the earliest);
    the rest at once. Returns the value stored."""
    if key not in SPECS:
        raise KeyError(key)
    value = parse(key, str(text))
    today = clock.now().date()
    when: dt.date | None = None
    if SPECS[key].dated:
        when = checks.day(from_day, "from_day", today)
        if when < today:
            raise ServiceError("error.setting_past", field="from_day", today=f"{today:%Y-%m-%d}")
    with database_proxy.atomic():
        old = get(key, depot_id, when or today)
        row = Setting.get_or_none(
            (Setting.key == key)
            & (Setting.depot.is_null() if depot_id is None else Setting.depot == depot_id)
            & (Setting.valid_from.is_null() if when is None else Setting.valid_from == when)
        )
        stored = json.dumps(value, ensure_ascii=False)
        if row is None:
            Setting.create(
                key=key,
                depot=depot_id,
                value=stored,
                valid_from=when,
                changed_by=actor.user_id,
                changed_at=clock.now(),
            )
        else:
            Setting.update(value=stored, changed_by=actor.user_id, changed_at=clock.now()).where(
                Setting.id == row.id
            ).execute()
        audit.record(
            actor,
            "setting.put",
            "setting",
            key,
            old=old,
            new={"value": value, "from": when},
            reason=reason,
            depot_id=depot_id,
        )
    return value


@dataclass(frozen=True)
class SettingLine:
    """A setting as the back office lists it: its value for this depot today, shown as typed,
    who set it and when, and a change set for a later day."""

    key: str
    kind: str
    dated: bool
    value: str
    changed_by: str
    changed_at: dt.datetime | None
    since: dt.date | None
    next_value: str = ""
    next_from: dt.date | None = None
    choices: tuple[str, ...] = ()


def lines(actor: Actor) -> list[SettingLine]:
    """Every setting, for the actor's depot, in the order of SPECS. Anyone logged in reads them."""
    today = clock.now().date()
    names = depots.user_names()
    out = []
    for key, spec in SPECS.items():
        rows = _rows(key, actor.depot_id, today)
        current = rows[0] if rows else None
        later = (
            Setting.select()
            .where(
                (Setting.key == key)
                & ((Setting.depot == actor.depot_id) | Setting.depot.is_null())
                & (Setting.valid_from > today)
            )
            .order_by(Setting.valid_from)
            .first()
        )
        out.append(
            SettingLine(
                key=key,
                kind=spec.kind,
                dated=spec.dated,
                value=show(key, get(key, actor.depot_id, today)),
                changed_by=names.get(current.changed_by_id, "") if current and current.changed_by_id else "",
                changed_at=current.changed_at if current else None,
                since=current.valid_from if current else None,
                next_value=show(key, json.loads(later.value)) if later else "",
                next_from=later.valid_from if later else None,
                choices=spec.choices,
            )
        )
    return out
