"""A clerk's month (R-5, R-6): 100 points, confirmed deductions, counted lateness, rewards, grade
and money as settings; the depot's table; closing and reopening a month.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from peewee import fn

from ...models import (
    Appeal,
    LeaveRequest,
    Role,
    ScoreEvent,
    ScoreMonth,
    ScoreRule,
    ScoreStatus,
    Shift,
    User,
    database_proxy,
)
from .. import audit, checks, clock, settings
from ..actor import Actor, requires
from ..errors import ServiceError
from .decisions import ATTENDANCE
from .rules import _last_day, _month, rule_in_force


@dataclass(frozen=True)
class ClerkMonth:
    """One clerk's month: 100, less confirmed deductions, less repeated short lateness (A01 by
    its escalation), plus the bonuses earned; the grade and the money are settings. Bonuses
    need a month worked (a shift in it): B01 (+10) clean and praised, else B02 (+6) clean,
    where clean is "当月无上述扣分": none of the 22 faults above that line of the sheet (the
    attendance rules are a separate section with their own reward); B03 (+5) full attendance:
    no approved leave and no confirmed attendance event. Money: each point above or below the
    base (100, "当月实发工资等于100分") moves pay by the money per point, within the cap, and not
    at all in a clerk's first months ("前二个月只评考核分,不浮动工资")."""

    user_id: int
    name: str
    month: str
    deductions: Decimal  # confirmed events' points (negative), A01 excluded
    lateness: Decimal  # A01's escalation for the count of short lateness confirmed
    late_count: int
    bonuses: list[str]  # B01 / B02 / B03 codes earned
    bonus: Decimal
    total: Decimal
    grade: str
    money: Decimal  # paid above (or below) the base score
    pending: int  # proposals not yet decided
    appeals: int  # appeals not yet decided
    events: int  # confirmed events
    worked: bool = True  # had a shift this month (a month not worked earns no bonus)
    liable: Decimal = Decimal("0.00")  # money the confirmed events make the clerk liable for
    probation: bool = False  # within the clerk's first months: scored, pay not moved


def escalation_points(rule: ScoreRule, count: int) -> Decimal:
    """A rule counted per month (A01): nothing up to `more_than` times, then `points`, and
    `add` more for every further `then_every` (R-6.4: >5 times 1 point, >10 times 2 ...)."""
    if not rule.escalation:
        return Decimal(0)
    steps = json.loads(rule.escalation)
    if count <= steps["more_than"]:
        return Decimal(0)
    further = (count - steps["more_than"] - 1) // steps["then_every"]
    return Decimal(str(steps["points"])) + Decimal(str(steps["add"])) * further


def grade_of(
    total: Decimal,
    depot_id: int | None,
    setting: Callable[..., Any] = settings.get,
    day: dt.date | None = None,
) -> str:
    """The grade of a score under the bands in force on `day` (a month's: its last day). A band
    is [floor, grade] (the floor and above) or [floor, grade, ">"] (strictly above: the sheet's
    "考核分>90,绩效为a", so 90 itself is B)."""
    for floor, grade, *above in setting("score.grades", depot_id, day):
        if total > Decimal(str(floor)) or (total == Decimal(str(floor)) and not above):
            return grade
    return ""


def _clerk_month(
    user: User,
    month: str,
    events: list[ScoreEvent],
    open_appeals: int,
    praised: bool,
    on_leave: bool,
    worked: bool,
    depot_id: int,
    rules: Callable[[str, dt.date], ScoreRule],
    setting: Callable[..., Any],
) -> ClerkMonth:
    confirmed = [e for e in events if e.status == ScoreStatus.CONFIRMED]
    codes = {e.id: e.rule.code for e in events}
    deductions = sum((Decimal(str(e.points)) for e in confirmed if codes[e.id] != "A01"), Decimal(0))
    late_count = sum(1 for e in confirmed if codes[e.id] == "A01")
    end = _last_day(month)
    lateness = escalation_points(rules("A01", end), late_count)
    clean = not any(Decimal(str(e.points)) < 0 and codes[e.id] not in ATTENDANCE for e in confirmed)
    earned = []
    if clean and worked:  # a month not worked is not a clean month, only an empty one
        earned.append("B01" if praised else "B02")
    if worked and not on_leave and not any(codes[e.id] in ATTENDANCE for e in confirmed):
        earned.append("B03")
    bonus = sum((Decimal(str(rules(code, end).points)) for code in earned), Decimal(0))
    total = Decimal(100) + deductions + lateness + bonus
    # The money and grade under the settings in force on the month's last day: a change set
    # from a day on is paid from that day's month.
    base = Decimal(str(setting("score.money_base", depot_id, end)))
    per_point = Decimal(str(setting("score.money_per_point", depot_id, end)))
    cap = Decimal(str(setting("score.money_cap", depot_id, end)))
    probation = _in_probation(user, month, int(setting("score.probation_months", depot_id, end)))
    money = Decimal(0) if probation else max(-cap, min(cap, (total - base) * per_point))
    return ClerkMonth(
        user_id=user.id,
        name=user.name,
        month=month,
        deductions=deductions,
        lateness=lateness,
        late_count=late_count,
        bonuses=earned,
        bonus=bonus,
        total=total,
        grade=grade_of(total, depot_id, setting, end),
        money=money,
        pending=sum(1 for e in events if e.status == ScoreStatus.PROPOSED),
        appeals=open_appeals,
        events=len(confirmed),
        worked=worked,
        probation=probation,
        liable=sum((Decimal(str(e.liable)) for e in confirmed), Decimal("0.00")),
    )


def _in_probation(user: User, month: str, months: int) -> bool:
    """Whether any day of `month` falls in the clerk's first `months` months from the day they
    were hired (hired 11-15, two months: November, December and January move no pay; hired
    11-01: November and December). A clerk with no hiring day recorded (there before the
    app) is past them."""
    if user.hired_on is None or months == 0:
        return False
    hired = user.hired_on
    ends = _add_months(hired, months)
    return dt.date.fromisoformat(f"{month}-01") < ends and _last_day(month) >= hired


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it has fewer days)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _last_day(f"{year:04d}-{month + 1:02d}")
    return dt.date(year, month + 1, min(day.day, last.day))


def _table(
    depot_id: int, month: str, user_ids: list[int] | None = None, setting: Callable[..., Any] | None = None
) -> list[ClerkMonth]:
    """Every clerk's month at the depot, computed from the events (one query each for the
    events, appeals, leave and shifts of the month, not one per clerk; the settings read once,
    or once for several months when the caller passes `setting`, a cached settings.get)."""
    setting = setting or functools.cache(settings.get)
    clerks = User.select().where((User.depot == depot_id) & (User.role == Role.CLERK))
    if user_ids is not None:
        clerks = clerks.where(User.id.in_(user_ids))
    clerks = list(clerks.order_by(User.username))
    ids = [u.id for u in clerks]
    events: dict[int, list[ScoreEvent]] = {i: [] for i in ids}
    for event in (
        ScoreEvent.select(ScoreEvent, ScoreRule)
        .join(ScoreRule)
        .where((ScoreEvent.month == month) & ScoreEvent.user.in_(ids))
    ):
        events[event.user_id].append(event)
    appeals: dict[int, int] = {}
    waiting = (
        Appeal.select(ScoreEvent.user, fn.COUNT(Appeal.id))
        .join(ScoreEvent)
        .where((ScoreEvent.month == month) & ScoreEvent.user.in_(ids) & (Appeal.status == "open"))
        .group_by(ScoreEvent.user)
    )
    for user_id, n in waiting.tuples():
        appeals[user_id] = n
    first = dt.datetime.strptime(f"{month}-01", "%Y-%m-%d")
    after = dt.datetime.combine(_last_day(month) + dt.timedelta(days=1), dt.time())
    on_leave = {
        u
        for (u,) in LeaveRequest.select(LeaveRequest.user)
        .where(
            LeaveRequest.user.in_(ids)
            & (LeaveRequest.kind == "leave")
            & (LeaveRequest.status == "approved")
            & (LeaveRequest.starts_at < after)
            & (LeaveRequest.ends_at > first)
        )
        .tuples()
    }
    worked = {
        u
        for (u,) in Shift.select(Shift.user)
        .where(Shift.user.in_(ids) & (Shift.planned_start >= first) & (Shift.planned_start < after))
        .tuples()
    }
    row = ScoreMonth.get_or_none((ScoreMonth.depot == depot_id) & (ScoreMonth.month == month))
    praised = set(json.loads(row.praised)) if row else set()
    rules = functools.cache(rule_in_force)  # the same few rules for every clerk of the month
    return [
        _clerk_month(
            u,
            month,
            events[u.id],
            appeals.get(u.id, 0),
            u.id in praised,
            u.id in on_leave,
            u.id in worked,
            depot_id,
            rules,
            setting,
        )
        for u in clerks
    ]


def _frozen(row: ScoreMonth) -> list[ClerkMonth]:
    out = []
    for item in json.loads(row.result):
        amounts = ("deductions", "lateness", "bonus", "total", "money", "liable")
        item = {**item, **{k: Decimal(item[k]) for k in amounts if k in item}}  # (liable: since 0021)
        out.append(ClerkMonth(**item))
    return out


def month_table(actor: Actor, month: str, *, _setting: Callable[..., Any] | None = None) -> list[ClerkMonth]:
    """The depot's clerks for the month, as closed if it is closed. A clerk gets their own line
    only: no call gives a clerk another clerk's score."""
    row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
    if row is not None and row.closed and row.result:
        table = _frozen(row)
    else:
        table = _table(actor.depot_id, month, None if actor.role != Role.CLERK else [actor.user_id], _setting)
    if actor.role == Role.CLERK:
        return [line for line in table if line.user_id == actor.user_id]
    return table


@requires(Role.SUPERVISOR, Role.ADMIN)
def close_month(actor: Actor, month: str) -> ScoreMonth:
    """Freeze a month that has ended: refused while a proposal or an appeal is undecided (it
    would be paid as if it did not exist). Every clerk's score is kept as closed."""
    if month >= _month(clock.now()):
        raise ServiceError("error.score_month_not_over", month=month)
    with database_proxy.atomic():
        of_month = (ScoreEvent.depot == actor.depot_id) & (ScoreEvent.month == month)
        undecided = ScoreEvent.select().where(of_month & (ScoreEvent.status == ScoreStatus.PROPOSED)).count()
        appeals = Appeal.select().join(ScoreEvent).where(of_month & (Appeal.status == "open")).count()
        if undecided or appeals:
            raise ServiceError("error.score_month_undecided", proposals=undecided, appeals=appeals)
        row, _ = ScoreMonth.get_or_create(depot=actor.depot_id, month=month)
        if row.closed:
            raise ServiceError("error.score_month_closed", month=month)
        table = _table(actor.depot_id, month)
        result = json.dumps(
            [
                {k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(line).items()}
                for line in table
            ],
            ensure_ascii=False,
        )
        ScoreMonth.update(closed=True, closed_by=actor.user_id, closed_at=clock.now(), result=result).where(
            ScoreMonth.id == row.id
        ).execute()
        audit.record(
            actor,
            "score.close_month",
            "score_month",
            row.id,
            new={
                "month": month,
                "clerks": len(table),
                "totals": {line.user_id: f"{line.total}" for line in table},
            },
        )
        return ScoreMonth.get_by_id(row.id)


@requires(Role.ADMIN)
def reopen_month(actor: Actor, month: str, reason: str) -> None:
    """An administrator reopens a closed month, with the reason (audited with what it was)."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
        if row is None or not row.closed:
            raise ServiceError("error.score_month_open", month=month)
        ScoreMonth.update(closed=False, result="").where(ScoreMonth.id == row.id).execute()
        audit.record(
            actor,
            "score.reopen_month",
            "score_month",
            row.id,
            old={"result": row.result},
            new={"closed": False},
            reason=why,
        )
